# Two commands do everything from a fresh clone: `make site` and `make test`.
# Everything they need comes from the Go module proxy (and, for the browser
# tests, Debian's chromium, which .ci/run installs).

GO        ?= go
BIN       := build/mehfooz
WASM      := static/search/search.wasm
WASM_EXEC := static/search/wasm_exec.js
GOROOT    := $(shell $(GO) env GOROOT)
PORT      ?= 1313

.PHONY: site serve test check bench fuzz clean wasm

site: $(BIN) wasm
	$(BIN) build

serve: $(BIN) wasm
	$(BIN) serve --port $(PORT)

check: $(BIN)
	$(BIN) check

$(BIN): FORCE
	$(GO) build -trimpath -o $(BIN) ./generator

# The search module: standard toolchain, built for size.
wasm:
	@mkdir -p static/search
	@if [ -d search/wasm ]; then \
		GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags='-s -w' -o $(WASM) ./search/wasm && \
		cp "$(GOROOT)/lib/wasm/wasm_exec.js" $(WASM_EXEC); \
	fi

# Fuzz targets run briefly on every `make test` (their seed corpora under
# testdata/fuzz always run as plain tests); `make fuzz` runs them longer.
FUZZTIME ?= 60s

test: wasm
	@out=$$(gofmt -l generator search); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	$(GO) test -count=1 -timeout 20m ./...
	$(MAKE) --no-print-directory fuzz FUZZTIME=4s

bench: $(BIN) wasm
	$(GO) test -run '^$$' -bench . -benchtime 3x ./generator/...
	$(GO) test -run '^$$' -bench . ./search/...
	MEHFOOZ_LOAD_SECONDS=30 $(GO) test -count=1 -run 'TestLoad200Clients' -v ./generator | grep 'requests/s'
	MEHFOOZ='$(CURDIR)/$(BIN) build -q --content {content} --out {out} --layouts $(CURDIR)/layouts --static $(CURDIR)/static' \
		../shared/bench/hugo-compare.sh 1000 5000

fuzz:
	@for pkg in $$($(GO) list ./...); do \
		for f in $$($(GO) test -list '^Fuzz' $$pkg 2>/dev/null | grep '^Fuzz'); do \
			echo "== $$pkg $$f"; $(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) $$pkg || exit 1; \
		done; \
	done

clean:
	rm -rf build public static/search

FORCE:
