package e2e

// The real-browser suite: every built page of the bundled site, opened in
// Debian's chromium over a server on 127.0.0.1. It proves the promises of
// the output contract the way a reader meets them, not by grep.

import (
	"context"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"mehfooz/generator/internal/output"
	"mehfooz/generator/internal/pipeline"
	"mehfooz/internal/browsertest"
)

var (
	bundledOnce sync.Once
	bundledDir  string
	bundledErr  string
)

// bundledInput is the project's own site, as `mehfooz build` reads it.
func bundledInput() pipeline.Input {
	return pipeline.Input{
		Content: os.DirFS(projectRoot + "/content"), ContentPrefix: "content",
		Layouts: os.DirFS(projectRoot + "/layouts"), LayoutsPrefix: "layouts",
		Static: os.DirFS(projectRoot + "/static"), StaticPrefix: "static",
		Search: true, Offline: true,
	}
}

// bundledSite builds the project's own content once per test binary, as
// `mehfooz build` does.
func bundledSite(t *testing.T) string {
	t.Helper()
	bundledOnce.Do(func() {
		dir, err := os.MkdirTemp("", "mehfooz-site-")
		if err != nil {
			bundledErr = err.Error()
			return
		}
		out := filepath.Join(dir, "public")
		w, err := output.New(out)
		if err != nil {
			bundledErr = err.Error()
			return
		}
		_, diags := pipeline.Run(bundledInput(), w)
		if diags.Err() != nil {
			w.Abort()
			bundledErr = diags.Error()
			return
		}
		if err := w.Commit(); err != nil {
			bundledErr = err.Error()
			return
		}
		bundledDir = out
	})
	if bundledErr != "" {
		t.Fatalf("building the bundled site: %s", bundledErr)
	}
	return bundledDir
}

// builtPages lists every content page (index.html) under dir, skipping
// alias redirects, as URL paths.
func builtPages(t *testing.T, dir string) []string {
	t.Helper()
	var pages []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() != "index.html" {
			return nil
		}
		b, _ := os.ReadFile(p)
		if strings.Contains(string(b), `http-equiv="refresh"`) {
			return nil
		}
		rel, _ := filepath.Rel(dir, filepath.Dir(p))
		u := "/" + filepath.ToSlash(rel) + "/"
		if rel == "." {
			u = "/"
		}
		pages = append(pages, u)
		return nil
	})
	sort.Strings(pages)
	return pages
}

func TestBrowserEveryPageKeepsThePrivacyPromises(t *testing.T) {
	dir := bundledSite(t)
	origin := browsertest.Serve(t, dir)
	b := browsertest.New(t)
	tab := b.NewTab(t)
	pages := builtPages(t, dir)
	if len(pages) < 20 {
		t.Fatalf("only %d pages built", len(pages))
	}
	for _, p := range pages {
		tab.Rec.Reset()
		if err := tab.Do(20*time.Second, chromedp.Navigate(origin+p)); err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		if foreign := tab.Rec.Foreign(origin + "/"); len(foreign) > 0 {
			t.Errorf("%s: requests to other origins: %v", p, foreign)
		}
		if probs := tab.Rec.TakeProblems(); len(probs) > 0 {
			t.Errorf("%s: console errors or CSP violations: %v", p, probs)
		}
		state, err := browsertest.Eval[map[string]any](tab, `(async () => ({
			cookie: document.cookie,
			local: localStorage.length,
			session: sessionStorage.length,
			idb: (indexedDB.databases ? (await indexedDB.databases()).length : 0),
			sw: navigator.serviceWorker ? (await navigator.serviceWorker.getRegistrations()).length : 0,
			dir: getComputedStyle(document.body).direction,
			lang: document.documentElement.lang,
			quick: !!document.querySelector("a.quick-exit[href^='https://']"),
		}))()`)
		if err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		if state["cookie"] != "" || state["local"] != 0.0 || state["session"] != 0.0 || state["idb"] != 0.0 || state["sw"] != 0.0 {
			t.Errorf("%s: the page left state behind: %v", p, state)
		}
		cookies, err := chromedp.Call(tab.Ctx, network.GetCookies, network.GetCookiesParams{})
		if err == nil && len(cookies.Cookies) > 0 {
			t.Errorf("%s: cookies set: %v", p, cookies.Cookies)
		}
		if strings.HasPrefix(p, "/ur/") {
			if state["dir"] != "rtl" || state["lang"] != "ur" {
				t.Errorf("%s: Urdu page has direction %v, lang %v; want rtl, ur", p, state["dir"], state["lang"])
			}
		} else if strings.HasPrefix(p, "/en/") && state["dir"] != "ltr" {
			t.Errorf("%s: English page has direction %v", p, state["dir"])
		}
		if p != "/" && state["quick"] != true {
			t.Errorf("%s: no quick-exit link", p)
		}
	}
}

func TestBrowserEveryPageReadsWithJavaScriptOff(t *testing.T) {
	dir := bundledSite(t)
	origin := browsertest.Serve(t, dir)
	b := browsertest.New(t)
	tab := b.NewTab(t)
	if _, err := chromedp.Call(tab.Ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	for _, p := range builtPages(t, dir) {
		if err := tab.Do(20*time.Second, chromedp.Navigate(origin+p)); err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		ctx, cancel := context.WithTimeout(tab.Ctx, 10*time.Second)
		text, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("main")))
		cancel()
		if err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		if len([]rune(strings.TrimSpace(text))) < 40 {
			t.Errorf("%s: main text with JavaScript off is only %q", p, text)
		}
	}
}

// interceptQuickExit answers requests to the quick-exit destination inside
// the browser, so the test sees the navigation without leaving the machine.
func interceptQuickExit(t *testing.T, tab *browsertest.Tab, dest string) <-chan string {
	t.Helper()
	u, _ := url.Parse(dest)
	pattern := u.Scheme + "://" + u.Host + "/*"
	got := make(chan string, 4)
	paused := chromedp.Events(tab.Ctx, fetch.RequestPaused)
	go func() {
		for ev, err := range paused {
			if err != nil {
				return
			}
			select {
			case got <- ev.Request.URL:
			default:
			}
			chromedp.Call(tab.Ctx, fetch.FulfillRequest, fetch.FulfillRequestParams{
				RequestID: ev.RequestID, ResponseCode: 200,
				ResponseHeaders: []*fetch.HeaderEntry{{Name: "Content-Type", Value: "text/html"}},
				Body:            []byte("<!doctype html><title>elsewhere</title><p>elsewhere"),
			})
		}
	}()
	if _, err := chromedp.Call(tab.Ctx, fetch.Enable, fetch.EnableParams{Patterns: []*fetch.RequestPattern{{URLPattern: pattern}}}); err != nil {
		t.Fatal(err)
	}
	return got
}

func quickExitTarget(t *testing.T, dir string) string {
	b, err := os.ReadFile(filepath.Join(dir, "en", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	i := strings.Index(s, `id="quick-exit" href="`)
	if i < 0 {
		t.Fatal("no quick-exit link on the English home page")
	}
	s = s[i+len(`id="quick-exit" href="`):]
	return strings.ReplaceAll(s[:strings.IndexByte(s, '"')], "&amp;", "&")
}

func TestBrowserQuickExit(t *testing.T) {
	dir := bundledSite(t)
	origin := browsertest.Serve(t, dir)
	dest := quickExitTarget(t, dir)
	b := browsertest.New(t)

	leave := map[string]func(tab *browsertest.Tab) error{
		"click": func(tab *browsertest.Tab) error {
			return tab.Do(10*time.Second, chromedp.Click(chromedp.ID("quick-exit")))
		},
		"three_shift_presses": func(tab *browsertest.Tab) error {
			for i := 0; i < 3; i++ {
				for _, typ := range []input.DispatchKeyEventType{input.DispatchKeyEventTypeRawKeyDown, input.DispatchKeyEventTypeKeyUp} {
					if _, err := chromedp.Call(tab.Ctx, input.DispatchKeyEvent, input.DispatchKeyEventParams{
						Type: typ, Key: "Shift", Code: "ShiftLeft", WindowsVirtualKeyCode: 16, NativeVirtualKeyCode: 16,
					}); err != nil {
						return err
					}
				}
				if i == 1 {
					// the count is announced for screen readers
					if s, _ := browsertest.Eval[string](tab, `document.getElementById("quick-exit-status").textContent`); s == "" {
						t.Error("no screen-reader announcement after two presses")
					}
				}
			}
			return nil
		},
	}
	for _, name := range []string{"click", "three_shift_presses"} {
		for _, lang := range []string{"en", "ur"} {
			t.Run(name+"_"+lang, func(t *testing.T) {
				tab := b.NewTab(t)
				defer tab.Close()
				got := interceptQuickExit(t, tab, dest)
				// Two pages deep, so there is history to go back to.
				if err := tab.Do(20*time.Second, chromedp.Navigate(origin+"/"+lang+"/"), chromedp.Navigate(origin+"/"+lang+"/guides/evidence/")); err != nil {
					t.Fatal(err)
				}
				before, err := browsertest.Eval[int](tab, "history.length")
				if err != nil {
					t.Fatal(err)
				}
				if err := leave[name](tab); err != nil {
					t.Fatal(err)
				}
				select {
				case u := <-got:
					if !strings.HasPrefix(u, dest[:strings.Index(dest, "?")]) {
						t.Errorf("went to %s, want %s", u, dest)
					}
				case <-time.After(10 * time.Second):
					t.Fatal("the quick exit did not navigate to its destination")
				}
				after, err := browsertest.WaitFor[int](tab, 10*time.Second, `document.title === "elsewhere" ? history.length : 0`)
				if err != nil {
					t.Fatal(err)
				}
				if after != before {
					t.Errorf("history.length went from %d to %d: the page stayed in history", before, after)
				}
			})
		}
	}
}

func TestBrowserLanguageSwitchLandsOnTheSamePage(t *testing.T) {
	dir := bundledSite(t)
	origin := browsertest.Serve(t, dir)
	b := browsertest.New(t)
	tab := b.NewTab(t)
	for _, tc := range []struct{ from, to string }{
		{"/en/guides/evidence/", "/ur/guides/evidence/"},
		{"/ur/complaint/file-online/", "/en/complaint/file-online/"},
		{"/en/start/", "/ur/start/"},
	} {
		if err := tab.Do(20*time.Second, chromedp.Navigate(origin+tc.from), chromedp.Click(chromedp.CSS("a.lang-link"))); err != nil {
			t.Fatalf("%s: %v", tc.from, err)
		}
		loc, err := browsertest.WaitFor[string](tab, 10*time.Second, `location.pathname === "`+tc.to+`" ? location.pathname : ""`)
		if err != nil || loc != tc.to {
			t.Errorf("switch from %s: at %q (%v), want %s", tc.from, loc, err, tc.to)
		}
	}
	_ = cdp.Empty{}
}
