package e2e

// Screenshots at the size of a common cheap phone (360×740 CSS px, device
// scale 2), kept in test-artifacts/ for people to look at, with the checks
// that matter on such a screen: the quick exit can be seen and pressed
// without scrolling, and Urdu pages read right to left.

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"mehfooz/internal/browsertest"
)

// artifactDir is test-artifacts/ at the project root (ignored by git),
// created when missing.
func artifactDir(t testing.TB) string {
	t.Helper()
	dir := filepath.Join("..", "..", "test-artifacts")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// screenFacts is where things are on the first screen.
type screenFacts struct {
	ViewW     float64 `json:"viewW"`
	ViewH     float64 `json:"viewH"`
	Dir       string  `json:"dir"`
	Exit      rect    `json:"exit"`
	ExitOnTop bool    `json:"exitOnTop"`
	H1        rect    `json:"h1"`
	H1Text    string  `json:"h1Text"`
}

type rect struct {
	Left   float64 `json:"left"`
	Top    float64 `json:"top"`
	Right  float64 `json:"right"`
	Bottom float64 `json:"bottom"`
}

// The h1's rect is that of its text (a Range), not of its block, which
// spans the column whatever the direction.
const screenFactsJS = `(async () => {
	await document.fonts.ready;
	const box = r => ({left: r.left, top: r.top, right: r.right, bottom: r.bottom});
	const exit = document.getElementById("quick-exit");
	const er = exit.getBoundingClientRect();
	const hit = document.elementFromPoint((er.left + er.right) / 2, (er.top + er.bottom) / 2);
	const h1 = document.querySelector("main h1");
	const range = document.createRange();
	range.selectNodeContents(h1);
	return {
		viewW: innerWidth, viewH: innerHeight,
		dir: getComputedStyle(document.body).direction,
		exit: box(er), exitOnTop: !!hit && (hit === exit || exit.contains(hit)),
		h1: box(range.getBoundingClientRect()), h1Text: h1.textContent.trim(),
	};
})()`

func checkScreen(t *testing.T, name, lang string, f screenFacts) {
	t.Helper()
	e := f.Exit
	if e.Left < 0 || e.Top < 0 || e.Right > f.ViewW+0.5 || e.Bottom > f.ViewH+0.5 || e.Right <= e.Left {
		t.Errorf("%s: the quick exit (%.0f,%.0f)–(%.0f,%.0f) is not wholly on the first %.0f×%.0f screen", name, e.Left, e.Top, e.Right, e.Bottom, f.ViewW, f.ViewH)
	}
	if !f.ExitOnTop {
		t.Errorf("%s: something covers the middle of the quick exit", name)
	}
	wantDir := map[string]string{"en": "ltr", "ur": "rtl"}[lang]
	if f.Dir != wantDir {
		t.Errorf("%s: computed direction %s, want %s", name, f.Dir, wantDir)
	}
	// The heading starts at the reading edge: the right for Urdu, the left
	// for English, within the page's side padding (1rem) and a little more.
	const near = 32.0
	if lang == "ur" && f.ViewW-f.H1.Right > near {
		t.Errorf("%s: the h1 %q ends %.0f px from the right edge of a %.0f px screen; an Urdu heading starts at the right", name, f.H1Text, f.ViewW-f.H1.Right, f.ViewW)
	}
	if lang == "en" && f.H1.Left > near {
		t.Errorf("%s: the h1 %q starts %.0f px from the left edge", name, f.H1Text, f.H1.Left)
	}
}

// searchQuery is a word each language's pages use often.
var searchQuery = map[string]string{"en": "blackmail", "ur": "بلیک میل"}

// TestBrowserScreenshotsOnAPhone renders the home page, a guide and the
// search page with a query typed and its results shown, in each language,
// at 360×740, saves each as test-artifacts/phone-<lang>-<page>.png and
// checks the first screen. The search results need the WebAssembly module
// (make wasm); without it only that screenshot is skipped, unless
// MEHFOOZ_REQUIRE_BROWSER is set.
func TestBrowserScreenshotsOnAPhone(t *testing.T) {
	dir := bundledSite(t)
	origin := browsertest.Serve(t, dir)
	b := browsertest.New(t)
	out := artifactDir(t)
	for _, lang := range []string{"en", "ur"} {
		for _, pg := range []struct{ name, path string }{
			{"home", "/" + lang + "/"},
			{"guide", "/" + lang + "/guides/evidence/"},
			{"search", "/" + lang + "/search/"},
		} {
			name := lang + "-" + pg.name
			t.Run(name, func(t *testing.T) {
				tab := b.NewTab(t)
				defer tab.Close()
				if err := tab.Do(20*time.Second, mobile(2), chromedp.Navigate(origin+pg.path)); err != nil {
					t.Fatal(err)
				}
				if pg.name == "search" {
					searchFor(t, tab, dir, lang)
				}
				f, err := browsertest.Eval[screenFacts](tab, screenFactsJS)
				if err != nil {
					t.Fatal(err)
				}
				checkScreen(t, pg.path, lang, f)
				ctx, cancel := context.WithTimeout(tab.Ctx, 20*time.Second)
				png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
				cancel()
				if err != nil {
					t.Fatal(err)
				}
				file := filepath.Join(out, "phone-"+name+".png")
				if err := os.WriteFile(file, png, 0o644); err != nil {
					t.Fatal(err)
				}
				t.Logf("%s: %s (%d KB)", pg.path, file, len(png)>>10)
			})
		}
	}
}

// searchFor types the language's query in the search box and waits for
// results, the way a reader does: focus, type, look.
func searchFor(t *testing.T, tab *browsertest.Tab, dir, lang string) {
	t.Helper()
	wasm, _ := filepath.Glob(filepath.Join(dir, "search", "search*.wasm"))
	if len(wasm) == 0 {
		browsertest.Missing(t, "the search module", "make wasm writes static/search/search.wasm")
	}
	q := searchQuery[lang]
	if err := tab.Do(10*time.Second, chromedp.Click(chromedp.CSS("form.search input")), chromedp.SendKeys(chromedp.CSS("form.search input"), q)); err != nil {
		t.Fatal(err)
	}
	n, err := browsertest.WaitFor[int](tab, 20*time.Second, `document.querySelectorAll("form.search .search-results li a").length`)
	if err != nil || n == 0 {
		status, _ := browsertest.Eval[string](tab, `(document.querySelector("form.search .search-status") || {}).textContent || ""`)
		t.Fatalf("typing %q in the search box gave no results after 20 s: status %q, page problems %v (%v)", q, status, tab.Rec.TakeProblems(), err)
	}
	// Bring the results up under the box; the quick exit stays on screen.
	if _, err := browsertest.Eval[chromedp.Void](tab, `document.querySelector("form.search").scrollIntoView({block: "start"}); void 0`); err != nil {
		t.Fatal(err)
	}
	if probs := tab.Rec.TakeProblems(); len(probs) > 0 {
		t.Errorf("searching for %q: console errors: %v", q, probs)
	}
	t.Logf("%s: %d results for %q", lang, n, q)
}
