# Two commands do everything from a fresh clone: `make site` and `make test`.
# Everything they need comes from the Go module proxy (and, for the browser
# tests, Debian's chromium, which .ci/run installs).

GO        ?= go
BIN       := build/mehfooz
WASM      := static/search/search.wasm
WASM_EXEC := static/search/wasm_exec.js
GOROOT    := $(shell $(GO) env GOROOT)
PORT      ?= 1313
VERSION   ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo devel)
# Where release archives are published: mehfooz init writes it into a new
# site's workflow. Set it for a real release: make dist RELEASES_URL=https://…/releases/download
RELEASES_URL ?=

.PHONY: site serve test check bench fuzz clean wasm dist

NPM_TOOLS := tools/npm/node_modules

# The workflow linter, pinned, from the Go module proxy like every other tool.
ACTIONLINT := github.com/rhysd/actionlint/cmd/actionlint@v1.7.12

site: $(BIN) wasm
	$(BIN) build

serve: $(BIN) wasm
	$(BIN) serve --port $(PORT)

check: $(BIN)
	$(BIN) check

# The binary embeds layouts/, static/ and the search module, so the module
# is built first.
$(BIN): FORCE wasm
	$(GO) build -trimpath -ldflags '-X main.version=$(VERSION)' -o $(BIN) ./generator

# Release archives for every platform, with SHA256SUMS, into dist/ (see
# tools/dist): reproducible, so the same commit gives the same bytes.
dist:
	$(GO) run ./tools/dist -version '$(VERSION)' -out dist $(if $(RELEASES_URL),-releases '$(RELEASES_URL)')

# The search module: standard toolchain, built for size, then stripped of
# the tables only tracebacks read (tools/searchwasm, search/wasmstrip).
wasm:
	@mkdir -p static/search
	@if [ -d search/wasm ]; then \
		$(GO) run ./tools/searchwasm -o $(WASM) && \
		cp "$(GOROOT)/lib/wasm/wasm_exec.js" $(WASM_EXEC); \
	fi

# axe-core and Lighthouse for the browser tests, pinned by tools/npm/package-lock.json.
# Lighthouse drives Debian's chromium through CHROME_PATH; nothing downloads a browser.
$(NPM_TOOLS): tools/npm/package.json tools/npm/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --prefix tools/npm --no-audit --no-fund --ignore-scripts && touch $@; \
	else echo "npm not found (apt-get install -y npm): axe-core and Lighthouse tests will skip, or fail under MEHFOOZ_REQUIRE_BROWSER"; fi

# Fuzz targets run briefly on every `make test` (their seed corpora under
# testdata/fuzz always run as plain tests); `make fuzz` runs them longer.
FUZZTIME ?= 60s

test: wasm $(NPM_TOOLS)
	@out=$$(gofmt -l generator search); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	$(GO) run $(ACTIONLINT) .github/workflows/*.yml generator/scaffold/site.yml
	$(GO) test -count=1 -timeout 20m ./...
	$(MAKE) --no-print-directory fuzz FUZZTIME=4s

bench: $(BIN) wasm $(NPM_TOOLS)
	$(GO) test -run '^$$' -bench . -benchtime 3x ./generator/...
	$(GO) test -run '^$$' -bench . ./search/...
	MEHFOOZ_LOAD_SECONDS=30 $(GO) test -count=1 -run 'TestLoad200Clients' -v ./generator | grep 'requests/s'
	MEHFOOZ_REQUIRE_BROWSER=1 $(GO) test -count=1 -run '^TestLighthouseScores$$' ./generator/e2e && cat test-artifacts/lighthouse.md
	MEHFOOZ='$(CURDIR)/$(BIN) build -q --content {content} --out {out} --layouts $(CURDIR)/layouts --static $(CURDIR)/static' \
		../shared/bench/hugo-compare.sh 1000 5000

fuzz:
	@GO=$(GO) tools/fuzz.sh $(FUZZTIME)

clean:
	rm -rf build dist public static/search

FORCE:
