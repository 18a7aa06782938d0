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
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/andybalholm/brotli"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/goccy/go-yaml"

	"mehfooz/internal/browsertest"
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
	public := envOr("PAGEFIND_BENCH_PUBLIC", filepath.Join("..", "..", "public"))
	bin := envOr("PAGEFIND_BIN", filepath.Join("node_modules", ".bin", "pagefind"))
	out := os.Getenv("PAGEFIND_BENCH_OUT")
	if out == "" {
		out = t.TempDir()
	}
	out, _ = filepath.Abs(out)
	os.MkdirAll(out, 0o755)
	runs := 3
	if n, err := strconv.Atoi(os.Getenv("PAGEFIND_BENCH_RUNS")); err == nil && n > 0 {
		runs = n
	}
	if _, err := os.Stat(filepath.Join(public, "en", "search", "index.html")); err != nil {
		t.Fatalf("no built site in %s (run make site): %v", public, err)
	}

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

// ---------------------------------------------------------------------------
// Sizes on disk

func fileSize(p string) int64 {
	fi, err := os.Stat(p)
	if err != nil {
		return -1
	}
	return fi.Size()
}

func measureSizes(t *testing.T, site string) map[string]any {
	t.Helper()
	one := func(pattern string) string {
		m, _ := filepath.Glob(filepath.Join(site, pattern))
		if len(m) != 1 {
			t.Fatalf("%s: %d files", pattern, len(m))
		}
		return m[0]
	}
	triple := func(p string) map[string]any {
		return map[string]any{"raw": fileSize(p), "gzip": fileSize(p + ".gz"), "brotli": fileSize(p + ".br")}
	}
	mz := map[string]any{}
	for _, lang := range langs {
		p := one("search/index-" + lang + ".*.idx")
		m := triple(p)
		ix := decodeIndex(t, site, lang)
		secs := 0
		for _, d := range ix.Docs {
			secs += len(d.Sections)
		}
		m["pages"], m["sections"], m["terms"] = len(ix.Docs), secs, len(ix.Terms)
		mz["index_"+lang] = m
	}
	mz["module"] = triple(one("search/search.*.wasm"))
	mz["wasm_exec"] = triple(one("search/wasm_exec.*.js"))
	mz["search_js"] = triple(one("js/search.*.js"))
	sizes := map[string]any{"mehfooz": mz}
	for _, e := range engines[1:] {
		sizes[e.name] = measurePagefind(t, filepath.Join(site, filepath.FromSlash(e.bundle)))
	}
	return sizes
}

// measurePagefind sizes one Pagefind bundle. Pagefind keeps its index and
// wasm gzipped on disk and inflates them in the browser; its JavaScript is
// plain (a host compresses it on the fly, as the bench server does).
func measurePagefind(t *testing.T, dir string) map[string]any {
	t.Helper()
	var entry struct {
		Languages map[string]struct {
			Hash      string
			Wasm      *string
			PageCount int `json:"page_count"`
		}
	}
	eb, err := os.ReadFile(filepath.Join(dir, "pagefind-entry.json"))
	if err != nil {
		t.Fatal(err)
	}
	json.Unmarshal(eb, &entry)
	out := map[string]any{}
	for lang, e := range entry.Languages {
		files := []string{filepath.Join(dir, "pagefind."+e.Hash+".pf_meta")}
		for _, sub := range []string{"index", "fragment", "filter"} {
			m, _ := filepath.Glob(filepath.Join(dir, sub, lang+"_*"))
			files = append(files, m...)
		}
		var disk, inflated, br int64
		counts := map[string]int{}
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				continue
			}
			counts[filepath.Base(filepath.Dir(f))]++
			disk += int64(len(b))
			raw := gunzip(b)
			inflated += int64(len(raw))
			br += int64(len(brotliBytes(raw)))
		}
		wasm := "unknown"
		if e.Wasm != nil {
			wasm = *e.Wasm
		}
		wb, _ := os.ReadFile(filepath.Join(dir, "wasm."+wasm+".pagefind"))
		out["index_"+lang] = map[string]any{
			"pages": e.PageCount, "files": len(files), "chunks": counts["index"], "fragments": counts["fragment"],
			"gzip": disk, "raw": inflated, "brotli_each_file": br,
			"wasm": "wasm." + wasm + ".pagefind", "wasm_gzip": len(wb), "wasm_raw": len(gunzip(wb)),
		}
	}
	for _, js := range []string{"pagefind.js", "pagefind-worker.js"} {
		b, _ := os.ReadFile(filepath.Join(dir, js))
		out[js] = map[string]any{"raw": len(b), "brotli": len(brotliBytes(b))}
	}
	return out
}

func gunzip(b []byte) []byte {
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return b
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		return b
	}
	return out
}

func brotliBytes(b []byte) []byte {
	var buf bytes.Buffer
	w := brotli.NewWriterLevel(&buf, brotli.BestCompression)
	w.Write(b)
	w.Close()
	return buf.Bytes()
}

// ---------------------------------------------------------------------------
// The server: 127.0.0.1 only; a file's .br (or .gz) sibling when the
// browser takes it; brotli on the fly for text that has none; every byte
// written counted; optionally throttled.

type server struct {
	root     string
	origin   string
	wire     atomic.Int64 // bytes written on every connection
	inflight atomic.Int64
	last     atomic.Int64 // unix nanos of the last request start or end
	rate     atomic.Int64 // bytes per second on the link, 0: unlimited
	rtt      atomic.Int64 // nanoseconds added before each response

	lmu  sync.Mutex
	next time.Time // when the link is free

	mu      sync.Mutex
	fetches []fetched
	brCache map[string][]byte
}

type countingListener struct {
	net.Listener
	s *server
}

func (l countingListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return countingConn{c, l.s}, nil
}

type countingConn struct {
	net.Conn
	s *server
}

// Write sends p through the (possibly throttled) link, counting it.
func (c countingConn) Write(p []byte) (int, error) {
	total := 0
	for len(p) > 0 {
		n := min(len(p), 4096)
		c.s.throttle(n)
		w, err := c.Conn.Write(p[:n])
		total += w
		c.s.wire.Add(int64(w))
		if err != nil {
			return total, err
		}
		p = p[n:]
	}
	return total, nil
}

// throttle waits until n more bytes fit through the shared link.
func (s *server) throttle(n int) {
	rate := s.rate.Load()
	if rate == 0 {
		return
	}
	s.lmu.Lock()
	now := time.Now()
	if s.next.Before(now) {
		s.next = now
	}
	s.next = s.next.Add(time.Duration(float64(n) / float64(rate) * float64(time.Second)))
	until := s.next
	s.lmu.Unlock()
	time.Sleep(time.Until(until))
}

func serve(t *testing.T, root string) *server {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &server{root: root, origin: "http://" + ln.Addr().String(), brCache: map[string][]byte{}}
	hs := &http.Server{Handler: s, ReadHeaderTimeout: 5 * time.Second}
	go hs.Serve(countingListener{ln, s})
	t.Cleanup(func() { hs.Close() })
	return s
}

func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.inflight.Add(1)
	s.last.Store(time.Now().UnixNano())
	defer func() {
		s.inflight.Add(-1)
		s.last.Store(time.Now().UnixNano())
	}()
	if d := time.Duration(s.rtt.Load()); d > 0 {
		time.Sleep(d)
	}
	p := path.Clean("/" + r.URL.Path)
	file := filepath.Join(s.root, filepath.FromSlash(p))
	if fi, err := os.Stat(file); err == nil && fi.IsDir() {
		file = filepath.Join(file, "index.html")
		p = path.Join(p, "index.html")
	}
	body, err := os.ReadFile(file)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	ext := path.Ext(p)
	ctype := mime.TypeByExtension(ext)
	switch ext {
	case ".wasm":
		ctype = "application/wasm"
	case ".js", ".mjs":
		ctype = "text/javascript; charset=utf-8"
	case ".json":
		ctype = "application/json"
	}
	if ctype == "" {
		ctype = "application/octet-stream"
	}
	accept := r.Header.Get("Accept-Encoding")
	enc := ""
	switch {
	case strings.Contains(accept, "br") && fileSize(file+".br") >= 0:
		body, _ = os.ReadFile(file + ".br")
		enc = "br"
	case strings.Contains(accept, "gzip") && fileSize(file+".gz") >= 0:
		body, _ = os.ReadFile(file + ".gz")
		enc = "gzip"
	case strings.Contains(accept, "br") && compressible(ctype):
		// No sibling (pages, Pagefind's JavaScript and JSON): brotli on the fly,
		// as a static host would. Pagefind's index and wasm files are
		// gzip inside and go as they are.
		s.mu.Lock()
		c, ok := s.brCache[file]
		if !ok {
			c = brotliBytes(body)
			s.brCache[file] = c
		}
		s.mu.Unlock()
		body, enc = c, "br"
	}
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Vary", "Accept-Encoding")
	// As GitHub Pages sends: a repeat request within the session is
	// answered by the browser's cache.
	h.Set("Cache-Control", "max-age=600")
	h.Set("X-Content-Type-Options", "nosniff")
	if enc != "" {
		h.Set("Content-Encoding", enc)
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
	s.mu.Lock()
	s.fetches = append(s.fetches, fetched{Path: p, Encoding: enc, Body: int64(len(body))})
	s.mu.Unlock()
}

func compressible(ctype string) bool {
	return strings.HasPrefix(ctype, "text/") || strings.HasPrefix(ctype, "application/json") || strings.HasPrefix(ctype, "image/svg")
}

// mark starts a measurement: it forgets what was fetched.
func (s *server) mark() int64 {
	s.mu.Lock()
	s.fetches = nil
	s.mu.Unlock()
	return s.wire.Load()
}

// idle waits until no request has been in flight for quiet, and returns
// the bytes written since start and what was fetched.
func (s *server) idle(start int64, quiet, max time.Duration) (int64, []fetched) {
	deadline := time.Now().Add(max)
	for time.Now().Before(deadline) {
		if s.inflight.Load() == 0 && time.Since(time.Unix(0, s.last.Load())) >= quiet {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.wire.Load() - start, slices.Clone(s.fetches)
}

// ---------------------------------------------------------------------------
// The browser

type tab struct {
	ctx      context.Context
	origin   string
	mu       sync.Mutex
	encoded  int64
	problems []string
	foreign  []string
}

func (tb *tab) listen(ev any) {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	switch e := ev.(type) {
	case *network.EventRequestWillBeSent:
		if !strings.HasPrefix(e.Request.URL, tb.origin+"/") {
			tb.foreign = append(tb.foreign, e.Request.URL)
		}
	case *network.EventLoadingFinished:
		tb.encoded += int64(e.EncodedDataLength)
	case *log.EventEntryAdded:
		// (the bench server has no favicon; that 404 is noise)
		if (e.Entry.Level == log.EntryLevelError || e.Entry.Source == log.EntrySourceSecurity) && !strings.HasSuffix(e.Entry.URL, "/favicon.ico") {
			tb.problems = append(tb.problems, fmt.Sprintf("%s: %s (%s)", e.Entry.Source, e.Entry.Text, e.Entry.URL))
		}
	case *runtime.EventExceptionThrown:
		d := e.ExceptionDetails
		msg := d.Text
		if d.Exception != nil && d.Exception.Description != "" {
			msg += " " + d.Exception.Description
		}
		tb.problems = append(tb.problems, "exception: "+msg)
	case *runtime.EventConsoleAPICalled:
		if e.Type == runtime.ConsoleAPICalledTypeError || e.Type == runtime.ConsoleAPICalledTypeWarning {
			var parts []string
			for _, a := range e.Args {
				parts = append(parts, strings.Trim(string(a.Value), `"`)+a.Description)
			}
			tb.problems = append(tb.problems, "console."+string(e.Type)+": "+strings.Join(parts, " "))
		}
	}
}

func (tb *tab) take() (encoded int64, problems, foreign []string) {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	encoded, problems, foreign = tb.encoded, tb.problems, tb.foreign
	tb.encoded, tb.problems, tb.foreign = 0, nil, nil
	return
}

func eval[T any](tb *tab, d time.Duration, expr string) (T, error) {
	ctx, cancel := context.WithTimeout(tb.ctx, d)
	defer cancel()
	return chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
}

func chromiumPath() string { return envOr("CHROMIUM", "/usr/bin/chromium") }

func chromiumVersion() string {
	b, err := exec.Command(chromiumPath(), "--version").Output()
	if err != nil {
		return "?"
	}
	return strings.TrimSpace(string(b))
}

// waitTitle waits up to limit for a check page to put its outcome in its
// title (it starts as "pending") and returns it, or "" when none came.
func waitTitle(tb *tab, limit time.Duration) string {
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		title, _ := eval[string](tb, 5*time.Second, `document.title`)
		if title != "pending" && title != "" {
			return title
		}
		time.Sleep(50 * time.Millisecond)
	}
	return ""
}

// newTab starts chromium with a fresh profile (a cold cache) and opens one
// tab on url. The browser stops when t ends or stop is called.
func newTab(t *testing.T, origin, url string) (*tab, func()) {
	t.Helper()
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), browsertest.Options(chromiumPath(), t.TempDir())...)
	tb := &tab{origin: origin}
	ctx, cancel := chromedp.NewContext(alloc, chromedp.WithListener(tb.listen))
	stop := func() { cancel(); cancelAlloc() }
	t.Cleanup(stop)
	tb.ctx = ctx
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting chromium: %v", err)
	}
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, runtime.Enable, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, log.Enable, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}
	nctx, ncancel := context.WithTimeout(ctx, 60*time.Second)
	defer ncancel()
	if err := chromedp.Do(nctx, chromedp.Navigate(url), chromedp.WaitReady(chromedp.CSS("body"))); err != nil {
		t.Fatalf("opening %s: %v", url, err)
	}
	return tb, stop
}

// ---------------------------------------------------------------------------
// One engine, one language: a cold browser, the table's queries in order,
// then, when asked, the relevance suite.

func runEngine(t *testing.T, s *server, engine, bundle, lang, prof string, withRelevance bool) ([]queryRun, *relevance) {
	url := s.origin + "/" + lang + "/search/"
	if bundle != "" {
		url = s.origin + "/pagefind-bench/" + lang + ".html"
	}
	tb, stop := newTab(t, s.origin, url)
	defer stop()
	// Let the page settle; neither engine loads anything before use.
	s.idle(s.wire.Load(), 500*time.Millisecond, 30*time.Second)
	tb.take()

	if bundle == "" {
		if _, err := eval[bool](tb, 5*time.Second, mehfoozObserver); err != nil {
			t.Fatalf("observer: %v", err)
		}
	}
	var runs []queryRun
	for i, q := range tableQueries[lang] {
		var r queryRun
		if bundle == "" {
			r = mehfoozQuery(t, s, tb, lang, q, i == 0)
		} else {
			r = pagefindQuery(t, s, tb, bundle, lang, q)
		}
		r.Q, r.Kind, r.Lang = q.Q, q.Kind, lang
		for i, h := range r.Top {
			if slices.Contains(q.Want, h.URL) {
				r.Right = r.Right || i == 0
				r.RightIn3 = r.RightIn3 || i < 3
			}
		}
		t.Logf("%s %s %s %q: %d bytes (%d fetches), first results %.0f ms, top %s, right %v",
			prof, engine, lang, q.Q, r.Wire, len(r.Fetches), r.FirstMs, first(r.Top), r.Right)
		if len(r.Problems) > 0 || len(r.Foreign) > 0 {
			t.Logf("  problems %v, foreign requests %v", r.Problems, r.Foreign)
		}
		runs = append(runs, r)
	}
	if !withRelevance {
		return runs, nil
	}
	return runs, relevanceSuite(t, tb, engine, bundle, lang)
}

func first(h []hit) string {
	if len(h) == 0 {
		return "(nothing)"
	}
	return h[0].URL
}

// mehfoozObserver records, in page time, when the box got focus (loading
// starts then), the first key of each query, and every change of the
// page-language result list with its first result's address then.
const mehfoozObserver = `(() => {
	const form = document.querySelector("form.search"), q = document.querySelector("#q");
	window.__b = {focus: 0, key: 0, changes: []};
	q.addEventListener("focus", () => { if (!__b.focus) __b.focus = performance.now(); });
	q.addEventListener("keydown", () => { if (!__b.key) __b.key = performance.now(); }, true);
	const own = form.querySelector("ol.search-results");
	new MutationObserver(() => {
		const a = own.querySelector("li a");
		__b.changes.push([performance.now(), a ? a.getAttribute("href") : ""]);
	}).observe(own, {childList: true, subtree: true});
	return true;
})()`

// mehfoozQuery types q into the search box as a person would and reads
// the list the page shows.
func mehfoozQuery(t *testing.T, s *server, tb *tab, lang string, q tableQuery, cold bool) queryRun {
	t.Helper()
	if !cold {
		// Empty the box (the list empties), then start afresh.
		eval[bool](tb, 5*time.Second, `(() => { const q = document.querySelector("#q"); q.value = ""; q.dispatchEvent(new Event("input", {bubbles: true})); return true; })()`)
		time.Sleep(400 * time.Millisecond)
		eval[bool](tb, 5*time.Second, `(__b.key = 0, __b.changes = [], true)`)
	}
	tb.take()
	start := s.mark()
	ctx, cancel := context.WithTimeout(tb.ctx, 20*time.Second)
	err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("#q"), q.Q))
	cancel()
	if err != nil {
		t.Fatalf("typing %q: %v", q.Q, err)
	}
	// Wait for the list (or a status that is not "Loading…"), then for the
	// network and the list to be still.
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		done, _ := eval[bool](tb, 2*time.Second, `(() => {
			const form = document.querySelector("form.search");
			const s = form.querySelector(".search-status").textContent;
			return form.querySelector("ol.search-results").children.length > 0 || (s !== "" && s !== form.getAttribute("data-msg-loading"));
		})()`)
		if done {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	wire, fetches := s.idle(start, 800*time.Millisecond, 60*time.Second)
	time.Sleep(300 * time.Millisecond)
	qj, _ := json.Marshal(q.Q)
	raw, err := eval[string](tb, 10*time.Second, fmt.Sprintf(`(() => {
		const own = document.querySelector("form.search ol.search-results");
		const t0 = performance.now();
		for (let i = 0; i < 20; i++) mehfoozSearch.query(%q, %s, 10);
		const engine = (performance.now() - t0) / 20;
		return JSON.stringify({b: __b, engine, top: [...own.querySelectorAll("li > a")].map(a => [a.getAttribute("href"), a.firstChild ? a.firstChild.textContent : ""])});
	})()`, lang, qj))
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		B struct {
			Focus, Key float64
			Changes    [][2]any
		}
		Engine float64
		Top    [][2]string
	}
	if err := json.Unmarshal([]byte(raw), &got); err != nil {
		t.Fatal(err)
	}
	r := queryRun{Wire: wire, Fetches: fetches, Count: len(got.Top), EngineMs: got.Engine}
	r.CDPEncoded, r.Problems, r.Foreign = tb.take()
	for i, h := range got.Top {
		if i < pageSize {
			r.Top = append(r.Top, hit{URL: relURL(h[0], lang), Title: h[1]})
		}
	}
	// The first change that shows a result, and the change from which the
	// final first result stays.
	final := ""
	if n := len(got.B.Changes); n > 0 {
		final, _ = got.B.Changes[n-1][1].(string)
	}
	finalAt := 0.0
	for _, c := range got.B.Changes {
		at, _ := c[0].(float64)
		href, _ := c[1].(string)
		if href != "" && r.FirstMs == 0 {
			r.FirstMs = at - got.B.Key
			if cold {
				r.FocusMs = at - got.B.Focus
			}
		}
		switch {
		case href != final:
			finalAt = 0
		case finalAt == 0:
			finalAt = at
		}
	}
	if finalAt > 0 && final != "" {
		r.FinalMs = finalAt - got.B.Key
	}
	return r
}

// pagefindJS runs one query through Pagefind's JS API: import and init on
// the first call, search, then the data of the first results, as its UI
// would show them.
const pagefindJS = `(async (bundle, q, size) => {
	const t0 = performance.now();
	if (!window.__pf) {
		window.__pf = await import(bundle + "pagefind.js");
		await window.__pf.init();
	}
	const r = await window.__pf.search(q);
	const tSearch = performance.now();
	const shown = r ? r.results.slice(0, size) : [];
	let data = [], tFirst = tSearch;
	if (shown.length) {
		data.push(await shown[0].data());
		tFirst = performance.now();
		data = data.concat(await Promise.all(shown.slice(1).map(x => x.data())));
	}
	const tAll = performance.now();
	return JSON.stringify({n: r ? r.results.length : 0, search: tSearch - t0, first: tFirst - t0, all: tAll - t0,
		top: data.map(d => [d.url, (d.meta && d.meta.title) || ""])});
})`

func pagefindQuery(t *testing.T, s *server, tb *tab, bundle, lang string, q tableQuery) queryRun {
	t.Helper()
	tb.take()
	start := s.mark()
	qj, _ := json.Marshal(q.Q)
	raw, err := eval[string](tb, 120*time.Second, fmt.Sprintf("%s(%q, %s, %d)", pagefindJS, bundle, qj, pageSize))
	if err != nil {
		t.Fatalf("pagefind %q: %v", q.Q, err)
	}
	wire, fetches := s.idle(start, 800*time.Millisecond, 60*time.Second)
	var got struct {
		N                  int
		Search, First, All float64
		Top                [][2]string
	}
	if err := json.Unmarshal([]byte(raw), &got); err != nil {
		t.Fatal(err)
	}
	r := queryRun{Wire: wire, Fetches: fetches, Count: got.N, FirstMs: got.First, FinalMs: got.First, EngineMs: got.All}
	r.CDPEncoded, r.Problems, r.Foreign = tb.take()
	for _, h := range got.Top {
		r.Top = append(r.Top, hit{URL: relURL(h[0], lang), Title: h[1]})
	}
	return r
}

// relURL turns "/en/guides/x/index.html#a" or "../../en/guides/x/" into
// "guides/x/"; a page outside the language keeps a leading "/" ("/go/2661/").
func relURL(u, lang string) string {
	if i := strings.IndexAny(u, "#?"); i >= 0 {
		u = u[:i]
	}
	u = strings.TrimSuffix(u, "index.html")
	for strings.HasPrefix(u, "../") {
		u = u[3:]
	}
	u = strings.TrimPrefix(u, "/")
	if rest, ok := strings.CutPrefix(u, lang+"/"); ok {
		return rest
	}
	return "/" + u
}

// ---------------------------------------------------------------------------
// The relevance suite: every query of search/testdata/queries.yaml for
// this language, top 3 of each engine: Mehfooz's through its module in the
// page (window.mehfoozSearch), Pagefind's through its API.

type yamlQuery struct {
	Lang, Kind, Q string
	Want          []string
}

func relevanceSuite(t *testing.T, tb *tab, engine, bundle, lang string) *relevance {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "search", "testdata", "queries.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var all []yamlQuery
	if err := yaml.Unmarshal(b, &all); err != nil {
		t.Fatal(err)
	}
	var qs []yamlQuery
	var texts []string
	for _, q := range all {
		if q.Lang == lang {
			qs = append(qs, q)
			texts = append(texts, q.Q)
		}
	}
	tj, _ := json.Marshal(texts)
	var expr string
	if bundle == "" {
		expr = fmt.Sprintf(`JSON.stringify(%s.map(q => JSON.parse(mehfoozSearch.query(%q, q, 3)).map(r => "/" + %q + "/" + r.url)))`, tj, lang, lang)
	} else {
		expr = fmt.Sprintf(`(async (qs) => {
			const out = [];
			for (const q of qs) {
				const r = await window.__pf.search(q);
				const d = r ? await Promise.all(r.results.slice(0, 3).map(x => x.data())) : [];
				out.push(d.map(x => x.url));
			}
			return JSON.stringify(out);
		})(%s)`, tj)
	}
	tb.take()
	raw, err := eval[string](tb, 5*time.Minute, expr)
	if err != nil {
		t.Fatalf("%s relevance (%s): %v", engine, lang, err)
	}
	var got [][]string
	if err := json.Unmarshal([]byte(raw), &got); err != nil || len(got) != len(qs) {
		t.Fatalf("%s relevance (%s): %v, %d answers for %d queries", engine, lang, err, len(got), len(qs))
	}
	rel := &relevance{Engine: engine, Lang: lang, Total: len(qs), ByKind: map[string][3]int{}}
	_, rel.Problems, _ = tb.take()
	for i, q := range qs {
		k := rel.ByKind[q.Kind]
		k[0]++
		var tops []string
		in1, in3 := false, false
		for j, u := range got[i] {
			u = relURL(u, lang)
			tops = append(tops, u)
			if slices.Contains(q.Want, u) {
				in1 = in1 || j == 0
				in3 = true
			}
		}
		if in1 {
			rel.Top1++
			k[1]++
		}
		if in3 {
			rel.Top3++
			k[2]++
		} else {
			rel.Misses = append(rel.Misses, fmt.Sprintf("%s %q → %v", q.Kind, q.Q, tops))
		}
		rel.ByKind[q.Kind] = k
	}
	t.Logf("%s %s relevance: top-1 %d/%d, top-3 %d/%d", engine, lang, rel.Top1, rel.Total, rel.Top3, rel.Total)
	return rel
}

// checkSiteCSP loads Pagefind from a same-origin module script on a page
// with the site's own CSP, and reports whether it searched.
func checkSiteCSP(t *testing.T, s *server, lang string) cspCheck {
	t.Helper()
	tb, stop := newTab(t, s.origin, s.origin+"/pagefind-bench/csp-"+lang+".html")
	defer stop()
	c := cspCheck{Lang: lang, Outcome: waitTitle(tb, 30*time.Second)}
	if c.Outcome == "" {
		c.Outcome = "error: no answer in 30 s"
	}
	time.Sleep(300 * time.Millisecond)
	_, c.Problems, _ = tb.take()
	t.Logf("Pagefind under the site's CSP (%s): %s %v", lang, c.Outcome, c.Problems)
	return c
}

// checkOffline opens each engine from file:// on the copy, as from a USB
// stick: Mehfooz's search page with a query typed, Pagefind's JS API from a
// page beside its bundle.
func checkOffline(t *testing.T, site string) []offlineCheck {
	t.Helper()
	fileURL := func(p string) string {
		abs, _ := filepath.Abs(p)
		return "file://" + filepath.ToSlash(abs)
	}
	var out []offlineCheck

	tb, stop := newTab(t, "file://", fileURL(filepath.Join(site, "en", "search", "index.html")))
	c := offlineCheck{Engine: "mehfooz"}
	ctx, cancel := context.WithTimeout(tb.ctx, 20*time.Second)
	err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("#q"), "blackmail"))
	cancel()
	if err != nil {
		c.Outcome = "error typing: " + err.Error()
	}
	deadline := time.Now().Add(30 * time.Second)
	for c.Outcome == "" && time.Now().Before(deadline) {
		href, _ := eval[string](tb, 5*time.Second, `(document.querySelector("form.search ol.search-results li a") || {href: ""}).href`)
		if href != "" {
			time.Sleep(300 * time.Millisecond)
			href, _ = eval[string](tb, 5*time.Second, `(document.querySelector("form.search ol.search-results li a") || {href: ""}).href`)
			c.Outcome = "ok: first result " + strings.TrimPrefix(href, fileURL(site))
		}
		time.Sleep(50 * time.Millisecond)
	}
	if c.Outcome == "" {
		status, _ := eval[string](tb, 5*time.Second, `document.querySelector(".search-status").textContent`)
		c.Outcome = "no results in 30 s; status: " + status
	}
	_, c.Problems, _ = tb.take()
	stop()
	out = append(out, c)

	tb, stop = newTab(t, "file://", fileURL(filepath.Join(site, "pagefind-bench", "file.html")))
	c = offlineCheck{Engine: "pagefind", Outcome: waitTitle(tb, 15*time.Second)}
	if c.Outcome == "" {
		c.Outcome = "did not run in 15 s"
	}
	_, c.Problems, _ = tb.take()
	stop()
	out = append(out, c)
	for _, c := range out {
		t.Logf("from file://, %s: %s %v", c.Engine, c.Outcome, c.Problems)
	}
	return out
}

// ---------------------------------------------------------------------------
// Markdown

func kb(n int64) string { return fmt.Sprintf("%.1f KB", float64(n)/1000) }

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	sort.Float64s(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func num(v any) int64 {
	switch x := v.(type) {
	case int64:
		return x
	case int:
		return int64(x)
	case float64:
		return int64(x)
	}
	return 0
}

func sub(m map[string]any, k string) map[string]any {
	v, _ := m[k].(map[string]any)
	return v
}

var engineTitle = map[string]string{
	"mehfooz":          "Mehfooz",
	"pagefind":         "Pagefind (whole site)",
	"pagefind-content": "Pagefind (content pages only)",
}

func tables(res results) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Mehfooz %s · %s · Pagefind %s · %d cold runs per profile, engine and language; times are medians of the runs\n\n", res.Tree, res.Chromium, res.Pagefind, res.Runs)

	// per-query figures across runs
	stat := func(prof, engine string, i int, f func(queryRun) float64) float64 {
		var xs []float64
		for _, run := range res.Queries[prof+"/"+engine] {
			if i < len(run) {
				xs = append(xs, f(run[i]))
			}
		}
		return median(xs)
	}
	wire := func(engine string, i int) string {
		lo, hi := int64(-1), int64(-1)
		for _, p := range profiles {
			for _, run := range res.Queries[p.name+"/"+engine] {
				if i < len(run) {
					w := run[i].Wire
					if lo < 0 || w < lo {
						lo = w
					}
					if w > hi {
						hi = w
					}
				}
			}
		}
		if hi-lo < 200 { // a header's worth: the same bytes
			return kb(hi)
		}
		return kb(lo) + "–" + kb(hi)
	}
	firstMs := func(r queryRun) float64 { return r.FirstMs }
	nEn := len(tableQueries["en"])
	firsts := []int{0, nEn}

	// Summary
	b.WriteString("### Side by side\n\n")
	b.WriteString("| | Mehfooz | Pagefind (whole site) | Pagefind (content pages only) |\n|---|---|---|---|\n")
	row := func(label string, f func(engine string) string) {
		fmt.Fprintf(&b, "| %s |", label)
		for _, e := range engines {
			fmt.Fprintf(&b, " %s |", f(e.name))
		}
		b.WriteString("\n")
	}
	for _, lang := range langs {
		row("index "+lang+": pages / raw / as sent", func(e string) string {
			m := sub(sub(res.Sizes, e), "index_"+lang)
			if e == "mehfooz" {
				return fmt.Sprintf("%d pages (%d sections) / %s / %s brotli", num(m["pages"]), num(m["sections"]), kb(num(m["raw"])), kb(num(m["brotli"])))
			}
			return fmt.Sprintf("%d pages / %s / %s gzip in %d files (%s if each were brotli)", num(m["pages"]), kb(num(m["raw"])), kb(num(m["gzip"])), num(m["files"]), kb(num(m["brotli_each_file"])))
		})
	}
	row("engine code as sent", func(e string) string {
		if e == "mehfooz" {
			m := sub(res.Sizes, e)
			return fmt.Sprintf("search.wasm %s br + wasm_exec.js %s + search.js %s", kb(num(sub(m, "module")["brotli"])), kb(num(sub(m, "wasm_exec")["brotli"])), kb(num(sub(m, "search_js")["brotli"])))
		}
		m := sub(res.Sizes, e)
		return fmt.Sprintf("pagefind.js %s br + worker %s br + wasm %s (en) / %s (ur) gzip", kb(num(sub(m, "pagefind.js")["brotli"])), kb(num(sub(m, "pagefind-worker.js")["brotli"])),
			kb(num(sub(m, "index_en")["wasm_gzip"])), kb(num(sub(m, "index_ur")["wasm_gzip"])))
	})
	for _, i := range firsts {
		lang := langs[i/nEn]
		row(fmt.Sprintf("first query (%s, %q), bytes", lang, tableQueries[lang][0].Q), func(e string) string { return wire(e, i) })
	}
	for _, i := range firsts {
		lang := langs[i/nEn]
		var parts []string
		for j := 1; j <= 3; j++ {
			parts = append(parts, fmt.Sprintf("%q", tableQueries[lang][j].Q))
		}
		row(fmt.Sprintf("each of the next 3 queries (%s: %s), bytes", lang, strings.Join(parts, ", ")), func(e string) string {
			var ws []string
			for j := 1; j <= 3; j++ {
				ws = append(ws, wire(e, i+j))
			}
			return strings.Join(ws, " · ")
		})
	}
	for _, p := range profiles {
		for _, i := range firsts {
			lang := langs[i/nEn]
			row(fmt.Sprintf("first query (%s) → first result, ms, %s", lang, p.name), func(e string) string {
				return fmt.Sprintf("%.0f", stat(p.name, e, i, firstMs))
			})
		}
		row(fmt.Sprintf("later queries → first result, ms, %s (median of the 10)", p.name), func(e string) string {
			var xs []float64
			for _, i := range firsts {
				for j := 1; j < nEn; j++ {
					xs = append(xs, stat(p.name, e, i+j, firstMs))
				}
			}
			return fmt.Sprintf("%.0f", median(xs))
		})
	}
	row("first result right, of the 12 table queries (right page in top 3)", func(e string) string {
		run := res.Queries["local/"+e]
		if len(run) == 0 {
			return "?"
		}
		right, in3 := 0, 0
		for _, r := range run[0] {
			if r.Right {
				right++
			}
			if r.RightIn3 {
				in3++
			}
		}
		return fmt.Sprintf("%d (%d)", right, in3)
	})
	for _, lang := range langs {
		row("queries.yaml, "+lang+": right page first / in top 3", func(e string) string {
			for _, r := range res.Relevance {
				if r.Engine == e && r.Lang == lang {
					return fmt.Sprintf("%d/%d (%.0f%%) / %d/%d (%.0f%%)", r.Top1, r.Total, pct(r.Top1, r.Total), r.Top3, r.Total, pct(r.Top3, r.Total))
				}
			}
			return "?"
		})
	}

	// Per query
	b.WriteString("\n### Per query, in the order they ran on one page, cold browser\n\n")
	b.WriteString("bytes: written by the server for the query (headers and bodies, compressed as sent). ms: Mehfooz, first keystroke in #q → first result in the list (includes search.js's 100 ms debounce; loading starts on focus, just before the first key); Pagefind, call of its JS API → the first result's `data()` (no UI, no debounce). engine ms: Mehfooz, one `mehfoozSearch.query` call when loaded; Pagefind, search + `data()` of the first 5, local.\n\n")
	b.WriteString("| lang | query | kind | engine | bytes | ms local | ms slow-4g | engine ms | first result (results) | right |\n|---|---|---|---|---|---|---|---|---|---|\n")
	runs0 := map[string][]queryRun{}
	for _, e := range engines {
		if r := res.Queries["local/"+e.name]; len(r) > 0 {
			runs0[e.name] = r[0]
		}
	}
	for i := range runs0["mehfooz"] {
		for _, e := range engines {
			r := runs0[e.name][i]
			q := r.Q
			if i == 0 || i == nEn {
				q = "**" + q + "** (first)"
			}
			ok := "**no**"
			if r.Right {
				ok = "yes"
			} else if r.RightIn3 {
				ok = "in top 3"
			}
			fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %.0f | %.0f | %.1f | %s (%d) | %s |\n", r.Lang, q, r.Kind, engineTitle[e.name], wire(e.name, i),
				stat("local", e.name, i, firstMs), stat("slow-4g", e.name, i, firstMs), stat("local", e.name, i, func(r queryRun) float64 { return r.EngineMs }),
				first(r.Top), r.Count, ok)
		}
	}

	b.WriteString("\nWhat each first query fetched (local, first run):\n\n")
	for _, e := range engines {
		for _, i := range firsts {
			r := runs0[e.name][i]
			var parts []string
			for _, f := range r.Fetches {
				enc := ""
				if f.Encoding != "" {
					enc = " " + f.Encoding
				}
				parts = append(parts, fmt.Sprintf("%s %s%s", path.Base(f.Path), kb(f.Body), enc))
			}
			fmt.Fprintf(&b, "- %s, %s %q: %s on the wire (CDP encodedDataLength seen by the page target: %s): %s\n",
				engineTitle[e.name], r.Lang, r.Q, kb(r.Wire), kb(r.CDPEncoded), strings.Join(parts, ", "))
		}
	}
	b.WriteString("\nMehfooz, first query, focus (when loading starts) → first result, ms: ")
	for _, p := range profiles {
		for _, i := range firsts {
			fmt.Fprintf(&b, "%s %s %.0f; ", p.name, langs[i/nEn], stat(p.name, "mehfooz", i, func(r queryRun) float64 { return r.FocusMs }))
		}
	}
	b.WriteString("\n\nPagefind (whole site), first query, API call → data of the first 5 results, ms: ")
	for _, p := range profiles {
		for _, i := range firsts {
			fmt.Fprintf(&b, "%s %s %.0f; ", p.name, langs[i/nEn], stat(p.name, "pagefind", i, func(r queryRun) float64 { return r.EngineMs }))
		}
	}
	b.WriteString("\n")

	// Relevance
	b.WriteString("\n### search/testdata/queries.yaml: a right page first / in the top 3\n\n")
	b.WriteString("| engine | lang | queries | first | top 3 | top 3 by kind |\n|---|---|---|---|---|---|\n")
	for _, r := range res.Relevance {
		var kinds []string
		for k := range r.ByKind {
			kinds = append(kinds, k)
		}
		sort.Strings(kinds)
		var parts []string
		for _, k := range kinds {
			v := r.ByKind[k]
			parts = append(parts, fmt.Sprintf("%s %d/%d", k, v[2], v[0]))
		}
		fmt.Fprintf(&b, "| %s | %s | %d | %d (%.0f%%) | %d (%.0f%%) | %s |\n", engineTitle[r.Engine], r.Lang, r.Total,
			r.Top1, pct(r.Top1, r.Total), r.Top3, pct(r.Top3, r.Total), strings.Join(parts, ", "))
	}

	b.WriteString("\n### Pagefind under the site's own CSP (module script, same origin)\n\n")
	for _, c := range res.SiteCSP {
		fmt.Fprintf(&b, "- %s: %s", c.Lang, c.Outcome)
		if len(c.Problems) > 0 {
			fmt.Fprintf(&b, "; console: %s", strings.Join(c.Problems, " | "))
		}
		b.WriteString("\n")
	}
	b.WriteString("\n### From file:// (a copy opened from a USB stick)\n\n")
	for _, c := range res.Offline {
		fmt.Fprintf(&b, "- %s: %s", engineTitle[c.Engine], c.Outcome)
		if len(c.Problems) > 0 {
			fmt.Fprintf(&b, "; console: %s", strings.Join(c.Problems, " | "))
		}
		b.WriteString("\n")
	}
	var probs []string
	for key, runs := range res.Queries {
		for _, run := range runs {
			for _, r := range run {
				for _, p := range r.Problems {
					probs = append(probs, fmt.Sprintf("%s %s %q: %s", key, r.Lang, r.Q, p))
				}
				for _, f := range r.Foreign {
					probs = append(probs, fmt.Sprintf("%s %s %q: request off the test server: %s", key, r.Lang, r.Q, f))
				}
			}
		}
	}
	sort.Strings(probs)
	probs = slices.Compact(probs)
	b.WriteString("\n### Console errors, warnings and off-server requests during the queries\n\n")
	if len(probs) == 0 {
		b.WriteString("None.\n")
	}
	for _, p := range probs {
		fmt.Fprintf(&b, "- %s\n", p)
	}
	return b.String()
}

func pct(a, n int) float64 {
	if n == 0 {
		return 0
	}
	return 100 * float64(a) / float64(n)
}
