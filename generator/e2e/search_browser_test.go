package e2e

import (
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"mehfooz/generator/internal/output"
	"mehfooz/generator/internal/pipeline"
	"mehfooz/generator/internal/searchindex"
	"mehfooz/internal/browsertest"
	"mehfooz/search/wasmstrip"
)

var built struct {
	once sync.Once
	tmp  string // removed by TestMain
	dir  string
	err  error
}

// builtSite builds the project's site with a freshly compiled search
// module, as `make site` does, once per test binary, and returns the
// output folder.
func builtSite(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the search module and the site")
	}
	built.once.Do(func() {
		tmp, err := os.MkdirTemp("", "mehfooz-search-")
		if err != nil {
			built.err = err
			return
		}
		built.tmp = tmp
		static := filepath.Join(tmp, "static")
		if built.err = os.CopyFS(static, os.DirFS(projectRoot+"/static")); built.err != nil {
			return
		}
		os.MkdirAll(filepath.Join(static, "search"), 0o755)
		if _, built.err = wasmstrip.Build("", wasmstrip.Module, filepath.Join(static, searchindex.ModulePath)); built.err != nil {
			return
		}
		glue, err := os.ReadFile(filepath.Join(runtime.GOROOT(), "lib", "wasm", "wasm_exec.js"))
		if err != nil {
			built.err = err
			return
		}
		os.WriteFile(filepath.Join(static, searchindex.WasmExecPath), glue, 0o644)

		in := pipeline.Input{
			Content: os.DirFS(projectRoot + "/content"), ContentPrefix: "content",
			Layouts: os.DirFS(projectRoot + "/layouts"), LayoutsPrefix: "layouts",
			Static: os.DirFS(static), StaticPrefix: "static",
			Search: true,
		}
		public := filepath.Join(tmp, "public")
		w, err := output.New(public, output.WithoutCompression())
		if err != nil {
			built.err = err
			return
		}
		if _, diags := pipeline.Run(in, w); diags.Err() != nil {
			w.Abort()
			built.err = diags
			return
		}
		built.err = w.Commit()
		built.dir = public
	})
	if built.err != nil {
		t.Fatalf("building the site: %v\n%s", built.err, built.dir)
	}
	return built.dir
}

// TestBrowserSearch types queries into the search box of built pages in
// headless chromium, over http and from file://, and checks the first
// result, that nothing was loaded before the box was used, that no request
// left the site, that the address and history did not change, and that the
// page logged no error or CSP violation.
func TestBrowserSearch(t *testing.T) {
	dir := builtSite(t)
	origin := browsertest.Serve(t, dir)
	b := browsertest.New(t)
	cases := []struct {
		name, page, query string
		first             string // the start of the first result's path
		other             string // … and of the first in the other language's list
		fallback          bool   // nothing matches: the list is the fallback, no word is marked
	}{
		{"english_page_finds_blackmail", "en/search/", "blackmail", "/en/guides/blackmail-sextortion/", "", false},
		{"english_page_finds_roman_urdu", "en/search/", "dhamki", "/en/guides/threats/", "", false},
		{"urdu_page_finds_arabic_letters", "ur/search/", "شكايت", "/ur/complaint/", "", false}, // any complaint page
		{"urdu_page_finds_urdu", "ur/search/", "بلیک میل", "/ur/guides/blackmail-sextortion/", "", false},
		{"english_home_page", "en/", "deepfake", "/en/guides/deepfakes/", "", false},
		{"urdu_home_page", "ur/", "ثبوت", "/ur/guides/evidence/", "", false},
		{"urdu_typed_on_an_english_page_shows_urdu_pages_too", "en/search/", "دھمکی", "/en/", "/ur/", false},
		{"roman_urdu_on_an_urdu_page_shows_english_pages_too", "ur/search/", "shikayat", "/ur/complaint/", "/en/complaint/", false},
		{"nothing_found_shows_the_helplines", "en/search/", "qqzx vvwk", "/en/helplines/", "", true},
		{"nothing_found_shows_the_urdu_helplines", "ur/search/", "ژژژژ ظظظظ", "/ur/helplines/", "", true},
	}
	for _, offline := range []bool{false, true} {
		for _, tc := range cases {
			name := "http/" + tc.name
			url := origin + "/" + tc.page
			allowed := origin + "/"
			if offline {
				name = "file/" + tc.name
				url = browsertest.FileURL(filepath.Join(dir, filepath.FromSlash(tc.page), "index.html"))
				allowed = browsertest.FileURL(dir) + "/"
			}
			t.Run(name, func(t *testing.T) {
				tab := b.NewTab(t)
				defer tab.Close()
				if err := tab.Do(20*time.Second, chromedp.Navigate(url), chromedp.WaitReady(chromedp.CSS("#q"))); err != nil {
					t.Fatal(err)
				}
				for _, r := range tab.Rec.Requests {
					if strings.Contains(r, "/search/") && !strings.HasSuffix(r, "/search/") && !strings.HasSuffix(r, "/search/index.html") {
						t.Errorf("loaded %s before the search box was used", r)
					}
				}
				before, _ := browsertest.Eval[string](tab, `location.href + " " + history.length`)
				start := time.Now()
				if err := tab.Do(10*time.Second, chromedp.SendKeys(chromedp.CSS("#q"), tc.query)); err != nil {
					t.Fatal(err)
				}
				// The first result's address, or "status: …" once the
				// status says anything but "Loading…" with no results.
				// On a slow machine the results of a half-typed query may
				// show first; the whole query's come 100 ms after the last
				// key, so read again after that.
				const firstResult = `(() => {
					const a = document.querySelector("ol.search-results li a");
					const s = document.querySelector(".search-status").textContent;
					const loading = document.querySelector("form.search").getAttribute("data-msg-loading") || "Loading search…";
					return a ? a.href : s && s !== loading ? "status: " + s : "";
				})()`
				href, err := browsertest.WaitFor[string](tab, 20*time.Second, firstResult)
				if err == nil && !strings.HasPrefix(href, "status: ") {
					t.Logf("%q: results %v after the first key", tc.query, time.Since(start).Round(time.Millisecond))
					time.Sleep(300 * time.Millisecond)
					href, err = browsertest.WaitFor[string](tab, 5*time.Second, firstResult)
				}
				if err != nil || strings.HasPrefix(href, "status: ") {
					t.Fatalf("no results for %q (%s): %v; problems: %v", tc.query, href, err, tab.Rec.TakeProblems())
				}
				t.Logf("%q: first result %s", tc.query, href)
				if !strings.Contains(href, tc.first) || offline && !strings.Contains(href, "/index.html") {
					t.Errorf("first result %s, want …%s…", href, tc.first)
				}
				if tc.fallback {
					said, _ := browsertest.Eval[bool](tab, `document.querySelector(".search-status").textContent === document.querySelector("form.search").getAttribute("data-msg-none")`)
					n, _ := browsertest.Eval[int](tab, `document.querySelectorAll("form.search > ol.search-results li").length`)
					if !said || n < 2 {
						t.Errorf("nothing found: status says nothing found %v, %d fallback pages; want the message and at least the helplines and the first question", said, n)
					}
				}
				if tc.other != "" {
					other, err := browsertest.WaitFor[string](tab, 10*time.Second,
						`(document.querySelector("form.search div:not([hidden]) > ol.search-results li a") || {href: ""}).href`)
					if err != nil || !strings.Contains(other, tc.other) {
						t.Errorf("first result in the other language %q (%v), want …%s…", other, err, tc.other)
					}
				}
				after, _ := browsertest.Eval[string](tab, `location.href + " " + history.length`)
				if after != before {
					t.Errorf("address and history went from %q to %q", before, after)
				}
				// The down arrow moves from the box to the first result.
				if err := tab.Do(5*time.Second, chromedp.SendKeys(chromedp.CSS("#q"), kb.ArrowDown)); err != nil {
					t.Fatal(err)
				}
				if onResult, _ := browsertest.Eval[bool](tab, `!!document.activeElement.closest("ol.search-results")`); !onResult {
					t.Error("the down arrow did not move to the first result")
				}
				// Enter must not submit the form.
				if err := tab.Do(5*time.Second, chromedp.SendKeys(chromedp.CSS("#q"), "\r")); err != nil {
					t.Fatal(err)
				}
				time.Sleep(200 * time.Millisecond)
				if after, _ := browsertest.Eval[string](tab, `location.href + " " + history.length`); after != before {
					t.Errorf("Enter changed the address or history: %q → %q", before, after)
				}
				// The snippets come with the section texts, after the results.
				if !tc.fallback {
					if _, err := browsertest.WaitFor[bool](tab, 5*time.Second, `document.querySelectorAll("ol.search-results mark").length > 0`); err != nil {
						t.Error("no matched words are marked in the snippets")
					}
				}
				if foreign := tab.Rec.Foreign(allowed); len(foreign) > 0 {
					t.Errorf("requests outside the site: %v", foreign)
				}
				if probs := withoutFavicon(tab.Rec.TakeProblems()); len(probs) > 0 {
					t.Errorf("console errors or CSP violations: %v", probs)
				}
			})
		}
	}
}

// TestBrowserSearchScriptIsSmall keeps static/js/search.js, which every
// search page loads, under 4.5 KB once minified (1.8 KB brotli). It was
// 4 KB until the section texts came to be fetched after the first results
// (issue 19): 255 bytes here for 25–30 KB less before them.
func TestBrowserSearchScriptIsSmall(t *testing.T) {
	dir := builtSite(t)
	matches, _ := fs.Glob(os.DirFS(dir), "js/search.*.js")
	if len(matches) != 1 {
		t.Fatalf("js/search.*.js: %v", matches)
	}
	fi, err := os.Stat(filepath.Join(dir, matches[0]))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("search.js: %d bytes minified", fi.Size())
	if fi.Size() > 4608 {
		t.Errorf("search.js is %d bytes minified, over 4.5 KB", fi.Size())
	}
}

// withoutFavicon drops the browser's own request for /favicon.ico, which
// the site does not have, from a list of problems.
func withoutFavicon(probs []string) []string {
	var out []string
	for _, p := range probs {
		if !strings.Contains(p, "/favicon.ico") {
			out = append(out, p)
		}
	}
	return out
}
