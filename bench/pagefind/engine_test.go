//go:build pagefind

package pagefind

import (
	"context"
	"encoding/json"
	"fmt"
	"os/exec"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"mehfooz/internal/browsertest"
)

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
