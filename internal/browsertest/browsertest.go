// Package browsertest runs Debian's chromium headless for the real-browser
// tests, with a recorder of what each page did: every request, console
// errors, CSP violations and uncaught exceptions. It never downloads a
// browser: it uses /usr/bin/chromium (or $CHROMIUM), and skips the test
// when there is none unless MEHFOOZ_REQUIRE_BROWSER is set, as it is in CI.
package browsertest

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// ExecPath returns the chromium binary, or "" when there is none.
func ExecPath() string {
	for _, p := range []string{os.Getenv("CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser"} {
		if p == "" {
			continue
		}
		if _, err := exec.LookPath(p); err == nil {
			return p
		}
	}
	return ""
}

// Options launches exe as the project's rules ask: headless, with no
// sandbox, GPU, first-run, background networking, component updates or
// sync, and a fresh profile in profileDir.
func Options(exe, profileDir string) []chromedp.ExecAllocatorOption {
	return []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-default-browser-check", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("allow-file-access-from-files", false),
		chromedp.UserDataDir(profileDir),
		chromedp.WindowSize(1280, 900),
	}
}

// Browser is one headless chromium process with a fresh profile.
type Browser struct {
	alloc context.Context
	ctx   context.Context
	stop  func()
}

// New starts chromium for t and stops it when t ends.
func New(t testing.TB) *Browser {
	t.Helper()
	if testing.Short() {
		t.Skip("starts chromium; skipped in -short mode")
	}
	exe := ExecPath()
	if exe == "" {
		Missing(t, "chromium", "apt-get install -y chromium")
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), Options(exe, t.TempDir())...)
	ctx, cancelCtx := chromedp.NewContext(alloc)
	if err := chromedp.Do(ctx); err != nil {
		cancelCtx()
		cancelAlloc()
		t.Fatalf("starting chromium: %v", err)
	}
	b := &Browser{alloc: alloc, ctx: ctx, stop: func() { cancelCtx(); cancelAlloc() }}
	t.Cleanup(b.stop)
	return b
}

// Tab is one page with a recorder attached.
type Tab struct {
	Ctx    context.Context
	cancel func()
	Rec    *Recorder
}

// NewTab opens a tab. Close it when done, or let t's cleanup do it.
func (b *Browser) NewTab(t testing.TB) *Tab {
	t.Helper()
	rec := &Recorder{}
	ctx, cancel := chromedp.NewContext(b.ctx, chromedp.WithListener(rec.listen))
	err := chromedp.Do(ctx)
	if err == nil {
		_, err = chromedp.Call(ctx, network.Enable, network.EnableParams{})
	}
	if err == nil {
		_, err = chromedp.Call(ctx, log.Enable, cdp.Empty{})
	}
	if err == nil {
		_, err = chromedp.Call(ctx, runtime.Enable, cdp.Empty{})
	}
	if err != nil {
		cancel()
		t.Fatalf("opening a tab: %v", err)
	}
	tab := &Tab{Ctx: ctx, cancel: cancel, Rec: rec}
	t.Cleanup(cancel)
	return tab
}

// Close closes the tab.
func (tab *Tab) Close() { tab.cancel() }

// Do runs actions with a timeout.
func (tab *Tab) Do(d time.Duration, actions ...chromedp.Action[chromedp.Void]) error {
	ctx, cancel := context.WithTimeout(tab.Ctx, d)
	defer cancel()
	return chromedp.Do(ctx, actions...)
}

// Eval evaluates a JavaScript expression in the page and decodes its value.
func Eval[T any](tab *Tab, expr string) (T, error) {
	ctx, cancel := context.WithTimeout(tab.Ctx, 20*time.Second)
	defer cancel()
	return chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
}

// Recorder keeps what a tab did.
type Recorder struct {
	mu       sync.Mutex
	Requests []string // every URL requested
	Problems []string // console errors, CSP violations, exceptions
}

func (r *Recorder) listen(ev any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	switch e := ev.(type) {
	case *network.EventRequestWillBeSent:
		r.Requests = append(r.Requests, e.Request.URL)
	case *log.EventEntryAdded:
		if e.Entry.Level == log.EntryLevelError || e.Entry.Source == log.EntrySourceSecurity {
			r.Problems = append(r.Problems, fmt.Sprintf("%s: %s (%s)", e.Entry.Source, e.Entry.Text, e.Entry.URL))
		}
	case *runtime.EventExceptionThrown:
		r.Problems = append(r.Problems, fmt.Sprintf("exception: %s at %s:%d", exceptionText(e.ExceptionDetails), e.ExceptionDetails.URL, e.ExceptionDetails.LineNumber+1))
	case *runtime.EventConsoleAPICalled:
		if e.Type == runtime.ConsoleAPICalledTypeError || e.Type == runtime.ConsoleAPICalledTypeWarning {
			var parts []string
			for _, a := range e.Args {
				parts = append(parts, strings.Trim(string(a.Value), `"`)+a.Description)
			}
			r.Problems = append(r.Problems, "console."+string(e.Type)+": "+strings.Join(parts, " "))
		}
	}
}

// Reset forgets what was recorded.
func (r *Recorder) Reset() {
	r.mu.Lock()
	r.Requests, r.Problems = nil, nil
	r.mu.Unlock()
}

// Foreign returns recorded requests that did not go to an allowed prefix
// (the test server's origin, or file:///… for offline copies). data: and
// blob: never occur on our pages, so they count as foreign too.
func (r *Recorder) Foreign(allowed ...string) []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []string
next:
	for _, u := range r.Requests {
		for _, a := range allowed {
			if strings.HasPrefix(u, a) {
				continue next
			}
		}
		out = append(out, u)
	}
	return out
}

// TakeProblems returns and clears the recorded problems.
func (r *Recorder) TakeProblems() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	p := r.Problems
	r.Problems = nil
	return p
}

// Serve serves dir on 127.0.0.1 with the site's headers until t ends, and
// returns its origin ("http://127.0.0.1:port").
func Serve(t testing.TB, dir string) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	fsrv := http.FileServer(http.Dir(dir))
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, ".wasm") {
			w.Header().Set("Content-Type", "application/wasm")
		}
		w.Header().Set("Referrer-Policy", "no-referrer")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		fsrv.ServeHTTP(w, r)
	})
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return "http://" + ln.Addr().String()
}

// FileURL is the file:// URL of a path, for offline-copy tests.
func FileURL(p string) string {
	abs, _ := filepath.Abs(p)
	return "file://" + filepath.ToSlash(abs)
}

func exceptionText(d *runtime.ExceptionDetails) string {
	if d.Exception != nil && d.Exception.Description != "" {
		return d.Exception.Description
	}
	return d.Text
}

// WaitFor evaluates expr until it gives a non-zero value or d passes. It
// survives navigations: an evaluation that fails because the page it ran
// in went away is simply tried again in the new one.
func WaitFor[T comparable](tab *Tab, d time.Duration, expr string) (T, error) {
	var zero T
	deadline := time.Now().Add(d)
	var last error
	for time.Now().Before(deadline) {
		v, err := Eval[T](tab, expr)
		if err == nil && v != zero {
			return v, nil
		}
		last = err
		time.Sleep(50 * time.Millisecond)
	}
	if last == nil {
		last = fmt.Errorf("%s stayed empty for %v", expr, d)
	}
	return zero, last
}
