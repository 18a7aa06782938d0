package e2e

// The first screen on a phone: on the pages a reader in a hurry lands on
// (home, the decision tree's first question, every end page and the
// helplines), the first thing to do starts above the fold, that is above
// the quick-exit bar pinned to the bottom of a 360×740 screen. Urdu is
// measured twice: in Noto Naskh Arabic, what a stock phone shows, and in
// Noto Nastaliq Urdu, where it is installed.

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"mehfooz/internal/browsertest"
)

// urduFonts are the two font stacks Urdu is measured in; "" keeps the
// stylesheet's own.
var urduFonts = []struct{ name, stack string }{
	{"naskh", `"Noto Naskh Arabic"`},
	{"nastaliq", `"Noto Nastaliq Urdu"`},
}

// setUrduFont makes the page draw Urdu in stack only (the stylesheet
// reads the stack from --urdu), and waits for the font.
func setUrduFont(tab *browsertest.Tab, stack string) error {
	if stack == "" {
		return nil
	}
	_, err := browsertest.Eval[bool](tab, fmt.Sprintf(`(async () => {
		document.documentElement.style.setProperty("--urdu", %s);
		await document.fonts.ready;
		await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
		return true;
	})()`, jsString(stack)))
	return err
}

// firstAction says where a page's first action is: the first answer of a
// question, the first step of an end page, the first helpline to call,
// the way into the decision tree on the home page.
func firstAction(path string) string {
	switch {
	case strings.HasSuffix(path, "/helplines/"):
		return `main a[href^="tel:"]`
	case strings.HasSuffix(path, "/start/"):
		return `main .answers ul a`
	case strings.Contains(path, "/start/"):
		return `main #what-to-do-first ~ ol > li`
	default:
		return `main a[href$="start/"]`
	}
}

// firstScreenJS measures the first action's top and the top of the
// quick-exit bar (the fold) on the current scroll position, which is the
// top of the page.
const firstScreenJS = `(sel => {
	const el = document.querySelector(sel);
	const bar = document.querySelector(".quick-exit-bar");
	const fold = bar && getComputedStyle(bar).position === "fixed" ? bar.getBoundingClientRect().top : innerHeight;
	if (!el) return {found: false, top: 0, fold: fold, text: ""};
	return {found: true, top: el.getBoundingClientRect().top + scrollY, fold: fold, text: el.textContent.trim().slice(0, 60)};
})`

type firstScreen struct {
	Found bool    `json:"found"`
	Top   float64 `json:"top"`
	Fold  float64 `json:"fold"`
	Text  string  `json:"text"`
}

// endPages lists the decision tree's end pages of lang: the pages under
// start/ with a "what to do first" section.
func endPages(t *testing.T, dir, lang string) []string {
	t.Helper()
	var out []string
	for _, p := range builtPages(t, dir) {
		if !strings.HasPrefix(p, "/"+lang+"/start/") || p == "/"+lang+"/start/" {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p), "index.html"))
		if err == nil && strings.Contains(string(b), `id="what-to-do-first"`) {
			out = append(out, p)
		}
	}
	sort.Strings(out)
	return out
}

// phoneTab serves the bundled site and opens a tab the size of a small
// phone (360×740 at 2×) on it.
func phoneTab(t *testing.T) (*browsertest.Tab, string) {
	origin := browsertest.Serve(t, bundledSite(t))
	tab := browsertest.New(t).NewTab(t)
	if err := tab.Do(10*time.Second, mobile(2)); err != nil {
		t.Fatal(err)
	}
	return tab, origin
}

// TestBrowserFirstActionAboveTheFold measures, at 360×740 with the quick
// exit shown, the top of each first action and fails when it starts under
// the exit bar. The figures go to test-artifacts/first-actions.md, and the
// four first screens of each language to test-artifacts/first-*.png.
func TestBrowserFirstActionAboveTheFold(t *testing.T) {
	dir := bundledSite(t)
	tab, origin := phoneTab(t)
	out := artifactDir(t)
	var report strings.Builder
	report.WriteString("| page | font | first action top (px) | fold (px) |\n|---|---|---:|---:|\n")
	shots := map[string]string{"home": "/%s/", "start": "/%s/start/", "end": "/%s/start/blackmail/", "helplines": "/%s/helplines/"}
	for _, lang := range []string{"en", "ur"} {
		pages := []string{"/" + lang + "/", "/" + lang + "/start/", "/" + lang + "/helplines/"}
		ends := endPages(t, dir, lang)
		if len(ends) < 10 {
			t.Errorf("%s: only %d end pages found under start/", lang, len(ends))
		}
		pages = append(pages, ends...)
		fonts := urduFonts
		if lang != "ur" {
			fonts = fonts[:0:0]
			fonts = append(fonts, struct{ name, stack string }{"latin", ""})
		}
		for _, p := range pages {
			for _, font := range fonts {
				if err := tab.Do(20*time.Second, chromedp.Navigate(origin+p)); err != nil {
					t.Fatalf("%s: %v", p, err)
				}
				if err := setUrduFont(tab, font.stack); err != nil {
					t.Fatalf("%s: %v", p, err)
				}
				sel := firstAction(p)
				f, err := browsertest.Eval[firstScreen](tab, firstScreenJS+"("+jsString(sel)+")")
				if err != nil {
					t.Fatalf("%s: %v", p, err)
				}
				if !f.Found {
					t.Errorf("%s: no first action (%s)", p, sel)
					continue
				}
				fmt.Fprintf(&report, "| %s | %s | %.0f | %.0f |\n", p, font.name, f.Top, f.Fold)
				if f.Top > f.Fold {
					t.Errorf("%s (%s): the first action %q starts at y=%.0f, under the fold at %.0f (740 − the exit bar)", p, font.name, f.Text, f.Top, f.Fold)
				}
				for name, pat := range shots {
					if fmt.Sprintf(pat, lang) == p && font.name != "nastaliq" {
						ctx, cancel := context.WithTimeout(tab.Ctx, 20*time.Second)
						png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
						cancel()
						if err != nil {
							t.Fatal(err)
						}
						if err := os.WriteFile(filepath.Join(out, "first-"+lang+"-"+name+".png"), png, 0o644); err != nil {
							t.Fatal(err)
						}
					}
				}
			}
		}
	}
	if err := os.WriteFile(filepath.Join(out, "first-actions.md"), []byte(report.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("first actions:\n%s", report.String())
}

// TestBrowserUrduLinesDoNotCollide measures Urdu body text in Naskh and in
// Nastaliq: the height each font's letters take (a text range's box is the
// font's ascent plus descent) against the distance between lines. With a
// line pitch well under that height, one line's dots and descenders run
// into the next line's ascenders. The figures are logged for the type
// choice in site.css.
func TestBrowserUrduLinesDoNotCollide(t *testing.T) {
	tab, origin := phoneTab(t)
	if err := tab.Do(20*time.Second, chromedp.Navigate(origin+"/ur/guides/evidence/")); err != nil {
		t.Fatal(err)
	}
	for _, font := range urduFonts {
		if err := setUrduFont(tab, font.stack); err != nil {
			t.Fatal(err)
		}
		m, err := browsertest.Eval[map[string]float64](tab, `(() => {
			const p = document.querySelector("main p:not(.lede)");
			const cs = getComputedStyle(p);
			const r = document.createRange();
			r.selectNodeContents(p);
			const boxes = [...r.getClientRects()].filter(b => b.width > 20);
			const glyphs = Math.max(...boxes.map(b => b.height));
			return {size: parseFloat(cs.fontSize), pitch: parseFloat(cs.lineHeight), glyphs: glyphs};
		})()`)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: %.0f px type, %.1f px between lines, letters %.1f px tall", font.name, m["size"], m["pitch"], m["glyphs"])
		if m["size"] < 18 {
			t.Errorf("%s: Urdu body text is %.0f px; Naskh reads small under 18 px", font.name, m["size"])
		}
		// A line may be a little closer than the font's full height (its
		// tallest ascender and deepest descender rarely meet), not much.
		if m["pitch"] < 0.8*m["glyphs"] {
			t.Errorf("%s: lines %.1f px apart for letters %.1f px tall: they collide", font.name, m["pitch"], m["glyphs"])
		}
	}
}
