//go:build pagefind

// Package pagefind compares Mehfooz's search with Pagefind on the same built
// site, in headless chromium with a cold cache: bytes on the wire for the
// first query and each later one, time to first results (on this machine's
// loopback, and through a server throttled like a slow 4G link), and what
// each engine puts first for English, Urdu, Arabic-lettered Urdu, Roman Urdu
// and misspelled queries; and, over the whole of search/testdata/queries.yaml,
// how often a right page is in the top 3.
//
// It is a benchmark, not a test of the project: it only builds with the
// `pagefind` tag, so `make test` (go vet ./..., go test ./...) never sees it.
// bench/pagefind/run.sh builds the site, installs the pinned Pagefind from
// npm and runs
//
//	PAGEFIND_BENCH_OUT=bench/pagefind/out go test -tags pagefind -run TestPagefindVsMehfooz -v ./bench/pagefind
//
// Environment:
//
//	PAGEFIND_BENCH_PUBLIC  the built site (default ../../public); only read, never written
//	PAGEFIND_BIN           Pagefind's CLI (default node_modules/.bin/pagefind, from npm ci)
//	PAGEFIND_BENCH_OUT     where results.json, tables.md and pagefind-*.log go (default: a temp dir)
//	PAGEFIND_BENCH_RUNS    cold runs per profile, engine and language (default 3)
//	CHROMIUM               the browser (default /usr/bin/chromium)
package pagefind

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"mehfooz/search/index"
)

// ---------------------------------------------------------------------------
// What is compared

// engines: Mehfooz as the site ships it; Pagefind as `npx pagefind --site`
// makes it for the whole built site (the comparison); and Pagefind
// given only the pages Mehfooz indexes (no short-link pages, no search page
// listing every title, no 404), to be fair to its ranking.
var engines = []struct{ name, bundle string }{
	{"mehfooz", ""},
	{"pagefind", "/pagefind/"},
	{"pagefind-content", "/pagefind-content/"},
}

// profiles: the loopback as it is, and the server throttled to Lighthouse's
// "slow 4G" (1.6 Mbit/s down, 150 ms round trip, added to every request),
// closer to what a survivor's cheap phone gets. The throttle is in the
// server, so it holds for Pagefind's worker too (chromium's network
// emulation is per target and would miss it).
var profiles = []struct {
	name        string
	bytesPerSec int64
	rtt         time.Duration
}{
	{"local", 0, 0},
	{"slow-4g", 1_638_400 / 8, 150 * time.Millisecond},
}

// A query of the side-by-side table. They run in this order on one page per
// language: the first is the cold one, the rest are "later" queries.
type tableQuery struct {
	Q, Kind string
	Want    []string // right pages, relative to the language root (from queries.yaml)
}

var (
	blackmailPages = []string{"guides/blackmail-sextortion/", "start/blackmail/"}
	hackedPages    = []string{"guides/hacked-account/", "start/hacked/", "start/hacked-locked-out/", "start/hacked-still-in/"}
	fakePages      = []string{"guides/impersonation/", "start/fake-profile/", "start/impersonation/"}
	complaintPages = []string{"complaint/", "complaint/file-online/", "complaint/in-person/"}
	threatPages    = []string{"guides/threats/", "start/threats/", "start/threat-messages/"}
)

var langs = []string{"en", "ur"}

var tableQueries = map[string][]tableQuery{
	"en": {
		{"blackmail", "english", blackmailPages},
		{"hacked account", "english", hackedPages},
		{"fake profile", "english", fakePages},
		{"blakmail", "typo", blackmailPages},
		{"shikayat", "roman-urdu", complaintPages},
		{"dhamki", "roman-urdu", threatPages},
	},
	"ur": {
		{"بلیک میل", "urdu", blackmailPages},
		{"شکایت", "urdu", complaintPages},
		{"شكايت", "arabic-letters", complaintPages}, // Arabic kaf and yeh
		{"دهمكي", "arabic-letters", threatPages},    // Arabic heh, kaf, yeh
		{"shikayat", "roman-urdu", complaintPages},
		{"dhamki", "roman-urdu", threatPages},
	},
}

// pageSize is how many results each engine shows for a query: Pagefind
// fetches a fragment per shown result (its UIs show 5 at first); Mehfooz's
// results come from the index it already has.
const pageSize = 5

// ---------------------------------------------------------------------------
// What it records

type fetched struct {
	Path     string `json:"path"`
	Encoding string `json:"encoding,omitempty"`
	Body     int64  `json:"body"` // bytes of the response body as sent
	// AtMs is when the request came, in ms after the server's mark.
	AtMs float64 `json:"at_ms"`
}

type hit struct {
	URL   string `json:"url"` // relative to the language root, no anchor
	Title string `json:"title"`
}

type queryRun struct {
	Q          string    `json:"q"`
	Kind       string    `json:"kind"`
	Lang       string    `json:"lang"`
	Wire       int64     `json:"wire"`        // bytes the server wrote for this query: headers and bodies as sent
	CDPEncoded int64     `json:"cdp_encoded"` // Network.loadingFinished encodedDataLength, page target only
	Fetches    []fetched `json:"fetches"`
	FirstMs    float64   `json:"first_ms"`  // first keystroke (Mehfooz) / API call (Pagefind) → first result shown / its data in hand
	FocusMs    float64   `json:"focus_ms"`  // Mehfooz, first query: focus (loading starts) → first result shown
	FinalMs    float64   `json:"final_ms"`  // Mehfooz: first keystroke → the final first result shown
	EngineMs   float64   `json:"engine_ms"` // Mehfooz: one mehfoozSearch.query call, warm; Pagefind: search + data of pageSize results
	Count      int       `json:"count"`     // results (Mehfooz shows at most 10)
	Top        []hit     `json:"top"`
	Right      bool      `json:"right"`      // the first result is a right page
	RightIn3   bool      `json:"right_in_3"` // a right page is in the top 3
	Problems   []string  `json:"problems,omitempty"`
	Foreign    []string  `json:"foreign_requests,omitempty"`
}

type relevance struct {
	Engine   string            `json:"engine"`
	Lang     string            `json:"lang"`
	Total    int               `json:"total"`
	Top1     int               `json:"top1"`
	Top3     int               `json:"top3"`
	ByKind   map[string][3]int `json:"by_kind"` // kind → total, top 1, top 3
	Misses   []string          `json:"misses"`  // no right page in the top 3
	Problems []string          `json:"problems,omitempty"`
}

type cspCheck struct {
	Lang     string   `json:"lang"`
	Outcome  string   `json:"outcome"` // "ok <n> <first url>" or "error …"
	Problems []string `json:"problems,omitempty"`
}

type offlineCheck struct {
	Engine   string   `json:"engine"`
	Outcome  string   `json:"outcome"`
	Problems []string `json:"problems,omitempty"`
}

type results struct {
	Tree      string                  `json:"tree"` // git commit of the project, "+changes" when the work tree differs
	Chromium  string                  `json:"chromium"`
	Pagefind  string                  `json:"pagefind"`
	Runs      int                     `json:"runs"`
	Sizes     map[string]any          `json:"sizes"`
	Queries   map[string][][]queryRun `json:"queries"` // "profile/engine" → run → the table's queries, en then ur
	Relevance []relevance             `json:"relevance"`
	SiteCSP   []cspCheck              `json:"pagefind_under_site_csp"`
	Offline   []offlineCheck          `json:"from_file_url"`
}

// ---------------------------------------------------------------------------
// The test

func TestPagefindVsMehfooz(t *testing.T) {
	if testing.Short() {
		t.Skip("runs Pagefind and chromium; skipped in -short mode")
	}
	public, bin, out, runs := benchSetup(t, "PAGEFIND_BENCH_RUNS", 3)

	site := prepareSite(t, public, bin, out)
	res := results{Runs: runs, Queries: map[string][][]queryRun{}, Chromium: chromiumVersion(), Tree: gitTree()}
	res.Sizes = measureSizes(t, site)
	if v, err := os.ReadFile(filepath.Join(site, "pagefind", "pagefind-entry.json")); err == nil {
		var e struct{ Version string }
		json.Unmarshal(v, &e)
		res.Pagefind = e.Version
	}

	srv := serve(t, site)
	for _, prof := range profiles {
		srv.rate.Store(prof.bytesPerSec)
		srv.rtt.Store(int64(prof.rtt))
		for run := 0; run < runs; run++ {
			for _, e := range engines {
				var all []queryRun
				for _, lang := range langs {
					// A new browser with a new profile: the first query is cold.
					withRelevance := prof.name == "local" && run == 0
					qs, rel := runEngine(t, srv, e.name, e.bundle, lang, prof.name, withRelevance)
					all = append(all, qs...)
					if rel != nil {
						res.Relevance = append(res.Relevance, *rel)
					}
				}
				key := prof.name + "/" + e.name
				res.Queries[key] = append(res.Queries[key], all)
			}
		}
	}
	srv.rate.Store(0)
	srv.rtt.Store(0)
	for _, lang := range langs {
		res.SiteCSP = append(res.SiteCSP, checkSiteCSP(t, srv, lang))
	}
	res.Offline = checkOffline(t, site)

	j, _ := json.MarshalIndent(res, "", "  ")
	if err := os.WriteFile(filepath.Join(out, "results.json"), j, 0o644); err != nil {
		t.Fatal(err)
	}
	md := tables(res)
	if err := os.WriteFile(filepath.Join(out, "tables.md"), []byte(md), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s and %s", filepath.Join(out, "results.json"), filepath.Join(out, "tables.md"))
}

func gitTree() string {
	rev, err := exec.Command("git", "rev-parse", "--short", "HEAD").Output()
	if err != nil {
		return "?"
	}
	tree := strings.TrimSpace(string(rev))
	if st, _ := exec.Command("git", "status", "--porcelain", "--untracked-files=no").Output(); len(bytes.TrimSpace(st)) > 0 {
		tree += "+changes"
	}
	return tree
}

func envOr(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}

// prepareSite copies the built site (public/ itself is never written),
// indexes the copy with Pagefind twice (the whole site into pagefind/; only
// the pages in Mehfooz's indexes into pagefind-content/), and adds the test
// pages Pagefind is driven from. It returns the copy.
func prepareSite(t *testing.T, public, bin, out string) string {
	t.Helper()
	tmp := t.TempDir()
	site := filepath.Join(tmp, "site")
	if err := os.CopyFS(site, os.DirFS(public)); err != nil {
		t.Fatalf("copying %s: %v", public, err)
	}
	pagefind := func(log string, args ...string) {
		cmd := exec.Command(bin, args...)
		b, err := cmd.CombinedOutput()
		os.WriteFile(filepath.Join(out, log), b, 0o644)
		if err != nil {
			t.Fatalf("%s %v: %v\n%s", bin, args, err, b)
		}
	}
	pagefind("pagefind.log", "--site", site, "--output-subdir", "pagefind")

	// The same HTML files, but only those of pages that Mehfooz indexes.
	content := filepath.Join(tmp, "content")
	kept := 0
	for _, lang := range langs {
		ix := decodeIndex(t, site, lang)
		for _, d := range ix.Docs {
			rel := filepath.Join(lang, filepath.FromSlash(d.URL), "index.html")
			b, err := os.ReadFile(filepath.Join(site, rel))
			if err != nil {
				t.Fatalf("page %s of the %s index: %v", rel, lang, err)
			}
			os.MkdirAll(filepath.Dir(filepath.Join(content, rel)), 0o755)
			os.WriteFile(filepath.Join(content, rel), b, 0o644)
			kept++
		}
	}
	t.Logf("pagefind-content: %d pages", kept)
	pagefind("pagefind-content.log", "--site", content, "--output-path", filepath.Join(site, "pagefind-content"))

	// Pagefind's test pages, written after indexing so it does not index
	// them. They carry no CSP: the bench drives Pagefind from evaluated
	// scripts. checkSiteCSP tries it under the site's own CSP as well.
	dir := filepath.Join(site, "pagefind-bench")
	os.MkdirAll(dir, 0o755)
	csp := siteCSP(t, site)
	for _, lang := range langs {
		dirAttr := map[string]string{"en": "ltr", "ur": "rtl"}[lang]
		page := fmt.Sprintf("<!doctype html><html lang=%q dir=%q><head><meta charset=\"utf-8\"><title>Pagefind bench (%s)</title></head><body><p>Pagefind bench page, no CSP.</p></body></html>\n", lang, dirAttr, lang)
		os.WriteFile(filepath.Join(dir, lang+".html"), []byte(page), 0o644)
		page = fmt.Sprintf("<!doctype html><html lang=%q dir=%q><head><meta charset=\"utf-8\"><meta http-equiv=\"Content-Security-Policy\" content=%q><title>pending</title><script type=\"module\" src=\"csp-check.js\"></script></head><body><p>Pagefind under the site's CSP.</p></body></html>\n", lang, dirAttr, csp)
		os.WriteFile(filepath.Join(dir, "csp-"+lang+".html"), []byte(page), 0o644)
	}
	os.WriteFile(filepath.Join(dir, "file.html"), []byte("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>pending</title><script type=\"module\" src=\"csp-check.js\"></script></head><body><p>Pagefind from file://.</p></body></html>\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "csp-check.js"), []byte(`try {
	const pf = await import("../pagefind/pagefind.js");
	await pf.init();
	const q = document.documentElement.lang === "ur" ? "بلیک میل" : "blackmail";
	const r = await pf.search(q);
	const d = r.results.length ? await r.results[0].data() : null;
	document.title = "ok " + r.results.length + " " + (d ? d.url : "");
} catch (e) {
	document.title = "error " + e;
}
`), 0o644)
	return site
}

func siteCSP(t *testing.T, site string) string {
	b, err := os.ReadFile(filepath.Join(site, "en", "search", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`http-equiv="Content-Security-Policy" content="([^"]+)"`).FindSubmatch(b)
	if m == nil {
		t.Fatal("no CSP in en/search/index.html")
	}
	return string(m[1])
}

func decodeIndex(t *testing.T, site, lang string) *index.Index {
	t.Helper()
	m, _ := filepath.Glob(filepath.Join(site, "search", "index-"+lang+".*.idx"))
	if len(m) != 1 {
		t.Fatalf("index-%s.*.idx: %d files", lang, len(m))
	}
	b, err := os.ReadFile(m[0])
	if err != nil {
		t.Fatal(err)
	}
	ix, err := index.Decode(b)
	if err != nil {
		t.Fatalf("%s: %v", m[0], err)
	}
	return ix
}

// benchSetup reads the settings both benchmarks share: the built site
// (PAGEFIND_BENCH_PUBLIC, which must hold a search page), the Pagefind
// binary, the output folder (PAGEFIND_BENCH_OUT, else a temporary one) and
// the number of runs from runsEnv.
func benchSetup(t *testing.T, runsEnv string, defaultRuns int) (public, bin, out string, runs int) {
	t.Helper()
	public = envOr("PAGEFIND_BENCH_PUBLIC", filepath.Join("..", "..", "public"))
	bin = envOr("PAGEFIND_BIN", filepath.Join("node_modules", ".bin", "pagefind"))
	out = os.Getenv("PAGEFIND_BENCH_OUT")
	if out == "" {
		out = t.TempDir()
	}
	out, _ = filepath.Abs(out)
	os.MkdirAll(out, 0o755)
	runs = defaultRuns
	if n, err := strconv.Atoi(os.Getenv(runsEnv)); err == nil && n > 0 {
		runs = n
	}
	if _, err := os.Stat(filepath.Join(public, "en", "search", "index.html")); err != nil {
		t.Fatalf("no built site in %s (run make site): %v", public, err)
	}
	return public, bin, out, runs
}
