package e2e

// Accessibility, weight and the decision tree, as readers meet them: every
// built page in Debian's chromium with axe-core's rules injected, the
// keyboard, two screen sizes, the requests a page needs before anything is
// drawn, and the "what is happening to you?" tree walked from its start to
// every end. axe-core comes from tools/npm (npm ci --prefix tools/npm);
// without it, or without chromium, these tests skip with a message unless
// MEHFOOZ_REQUIRE_BROWSER is set, as it is in CI.

import (
	"fmt"
	"math"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"mehfooz/internal/browsertest"
)

// npmTools is where `npm ci --prefix tools/npm` installs axe-core and
// Lighthouse, relative to this package.
const npmTools = "../../tools/npm/node_modules"

// needFile skips the test when path is missing, or fails it when
// MEHFOOZ_REQUIRE_BROWSER is set: CI must never pass by skipping.
func needFile(t testing.TB, path, what, install string) {
	t.Helper()
	if _, err := os.Stat(path); err == nil {
		return
	}
	if os.Getenv("MEHFOOZ_REQUIRE_BROWSER") != "" {
		t.Fatalf("%s is required (MEHFOOZ_REQUIRE_BROWSER is set) but %s is missing: %s", what, path, install)
	}
	t.Skipf("%s is not installed (%s missing); skipping: %s", what, path, install)
}

var (
	axeOnce sync.Once
	axeJS   string
)

// axeSource returns axe.min.js from tools/npm.
func axeSource(t testing.TB) string {
	t.Helper()
	p := filepath.Join(npmTools, "axe-core", "axe.min.js")
	needFile(t, p, "axe-core", "make tools/npm/node_modules (npm ci --prefix tools/npm)")
	axeOnce.Do(func() {
		b, err := os.ReadFile(p)
		if err == nil {
			axeJS = string(b)
		}
	})
	if axeJS == "" {
		t.Fatalf("reading %s failed", p)
	}
	return axeJS
}

type axeNode struct {
	Target         []any  `json:"target"`
	FailureSummary string `json:"failureSummary"`
}

type axeViolation struct {
	ID     string    `json:"id"`
	Impact string    `json:"impact"`
	Help   string    `json:"help"`
	Nodes  []axeNode `json:"nodes"`
}

func (v axeViolation) String() string {
	var where []string
	for i, n := range v.Nodes {
		if i == 3 {
			where = append(where, fmt.Sprintf("and %d more", len(v.Nodes)-3))
			break
		}
		where = append(where, fmt.Sprint(n.Target...))
	}
	s := fmt.Sprintf("%s (%s): %s at %s", v.ID, v.Impact, v.Help, strings.Join(where, ", "))
	if len(v.Nodes) > 0 && v.Nodes[0].FailureSummary != "" {
		s += "\n\t\t" + strings.ReplaceAll(v.Nodes[0].FailureSummary, "\n", "\n\t\t")
	}
	return s
}

// runAxe injects axe-core into the page in tab and returns its violations.
func runAxe(t testing.TB, tab *browsertest.Tab) ([]axeViolation, error) {
	src := axeSource(t)
	if _, err := browsertest.Eval[chromedp.Void](tab, src+";void 0"); err != nil {
		return nil, fmt.Errorf("injecting axe-core: %v", err)
	}
	return browsertest.Eval[[]axeViolation](tab, `axe.run(document, {resultTypes: ["violations"]}).then(r => r.violations.map(v => ({
		id: v.id, impact: v.impact || "", help: v.help,
		nodes: v.nodes.map(n => ({target: n.target, failureSummary: n.failureSummary || ""})),
	})))`)
}

// reportAxe fails t for serious and critical violations and logs the rest.
func reportAxe(t testing.TB, page string, vs []axeViolation) {
	t.Helper()
	for _, v := range vs {
		if v.Impact == "serious" || v.Impact == "critical" {
			t.Errorf("%s: axe: %s", page, v)
		} else {
			t.Logf("%s: axe (not failing): %s", page, v)
		}
	}
}

// standalone pages are whole documents of their own, not the site layout:
// the language chooser at /, the 404 page and the short-address language
// choices under /go/. They have one main and nothing to skip past, so the
// checks of the header, navigation, footer, skip link and quick exit do not
// apply; axe and every other check do.
func standalone(p string) bool {
	return p == "/" || p == "/404.html" || strings.HasPrefix(p, "/go/")
}

// pageLang is the language a page's path says it is in.
func pageLang(p string) string {
	if strings.HasPrefix(p, "/ur/") {
		return "ur"
	}
	return "en"
}

// pageFacts is what one evaluation learns about a page's structure.
type pageFacts struct {
	Lang        string   `json:"lang"`
	Dir         string   `json:"dir"`
	ComputedDir string   `json:"computedDir"`
	H1          int      `json:"h1"`
	Main        int      `json:"main"`
	Banner      int      `json:"banner"`
	Contentinfo int      `json:"contentinfo"`
	Nav         int      `json:"nav"`
	Skip        string   `json:"skip"`
	QuickExit   bool     `json:"quickExit"`
	MainTarget  bool     `json:"mainTarget"`
	BadBlank    []string `json:"badBlank"`
	BadExternal []string `json:"badExternal"`
}

// A header or footer is the page's banner or contentinfo landmark only
// when it is not inside article, aside, main, nav or section.
const pageFactsJS = `(() => {
	const all = s => [...document.querySelectorAll(s)];
	const landmark = s => all(s).filter(e => !e.parentElement.closest("article, aside, main, nav, section")).length;
	const links = all("a[href], area[href]");
	const skip = document.querySelector("a.skip");
	const main = document.getElementById("main");
	return {
		lang: document.documentElement.getAttribute("lang") || "",
		dir: document.documentElement.getAttribute("dir") || "",
		computedDir: getComputedStyle(document.body).direction,
		h1: all("h1").length,
		main: all("main, [role=main]").length,
		banner: landmark("header"),
		contentinfo: landmark("footer"),
		nav: all("nav").length,
		skip: skip ? skip.getAttribute("href") : "",
		quickExit: !!document.getElementById("quick-exit"),
		mainTarget: !!main && main.tagName === "MAIN",
		badBlank: links.filter(a => a.target === "_blank" && !a.relList.contains("noopener")).map(a => a.href),
		badExternal: links.filter(a => /^https?:$/.test(a.protocol) && a.origin !== location.origin && !a.relList.contains("noreferrer")).map(a => a.href),
	};
})()`

// checkFacts reports what pageFacts shows to be wrong with page p.
func checkFacts(t testing.TB, p string, f pageFacts) {
	t.Helper()
	wantLang, wantDir := pageLang(p), "ltr"
	if wantLang == "ur" {
		wantDir = "rtl"
	}
	if f.Lang != wantLang || f.Dir != wantDir || f.ComputedDir != wantDir {
		t.Errorf("%s: <html lang=%q dir=%q>, computed direction %s; want lang %q, dir %q", p, f.Lang, f.Dir, f.ComputedDir, wantLang, wantDir)
	}
	if f.H1 != 1 {
		t.Errorf("%s: %d h1 elements, want exactly one", p, f.H1)
	}
	if f.Main != 1 {
		t.Errorf("%s: %d main landmarks, want one", p, f.Main)
	}
	if !standalone(p) {
		if f.Banner != 1 || f.Contentinfo != 1 || f.Nav < 1 {
			t.Errorf("%s: landmarks: %d page headers, %d page footers, %d nav; want 1, 1, at least 1", p, f.Banner, f.Contentinfo, f.Nav)
		}
		if f.Skip != "#main" || !f.MainTarget {
			t.Errorf("%s: skip link goes to %q (main element with id main: %v); want #main", p, f.Skip, f.MainTarget)
		}
		if !f.QuickExit {
			t.Errorf("%s: no quick exit", p)
		}
	}
	for _, h := range f.BadBlank {
		t.Errorf("%s: target=_blank without rel=noopener: %s", p, h)
	}
	for _, h := range f.BadExternal {
		t.Errorf("%s: external link without rel=noreferrer: %s", p, h)
	}
}

// focused describes the element that has keyboard focus and how its focus
// is drawn. bg is the first opaque background behind it, from its parent
// up: an outline drawn outside the element is seen against that.
type focused struct {
	Tag          string  `json:"tag"`
	ID           string  `json:"id"`
	Class        string  `json:"cls"`
	Href         string  `json:"href"`
	Text         string  `json:"text"`
	OutlineStyle string  `json:"outlineStyle"`
	OutlineWidth float64 `json:"outlineWidth"`
	OutlineColor string  `json:"outlineColor"`
	BoxShadow    string  `json:"boxShadow"`
	Background   string  `json:"bg"`
	InView       bool    `json:"inView"`
	Covered      bool    `json:"covered"`
}

const focusedJS = `(() => {
	const e = document.activeElement;
	if (!e || e === document.body) return {tag: ""};
	const s = getComputedStyle(e), r = e.getBoundingClientRect();
	let bg = "rgb(255, 255, 255)";
	for (let n = e.parentElement; n; n = n.parentElement) {
		const c = getComputedStyle(n).backgroundColor;
		if (c && c !== "transparent" && !/^rgba\(.*,\s*0\)$/.test(c)) { bg = c; break; }
	}
	return {
		tag: e.tagName.toLowerCase(), id: e.id, cls: typeof e.className === "string" ? e.className : "",
		href: e.getAttribute("href") || "", text: (e.textContent || "").trim().slice(0, 40),
		outlineStyle: s.outlineStyle, outlineWidth: parseFloat(s.outlineWidth) || 0, outlineColor: s.outlineColor,
		boxShadow: s.boxShadow, bg,
		inView: r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth,
		covered: [[0.5, 0.5], [0.1, 0.2], [0.9, 0.8]].every(([fx, fy]) => {
			const h = document.elementFromPoint(r.left + fx * r.width, r.top + fy * r.height);
			return !h || (h !== e && !e.contains(h) && !h.contains(e));
		}),
	};
})()`

func (f focused) String() string {
	s := f.Tag
	if f.ID != "" {
		s += "#" + f.ID
	}
	if f.Class != "" {
		s += "." + strings.ReplaceAll(f.Class, " ", ".")
	}
	if f.Href != "" {
		s += "[href=" + f.Href + "]"
	}
	return s + " " + strconv.Quote(f.Text)
}

// visibleFocus says why f's focus indicator cannot be seen, or "". The
// indicator is an outline or a box shadow; an outline must contrast 3:1
// with what it is drawn against (WCAG 2.2, 1.4.11 and 2.4.13).
func visibleFocus(f focused) string {
	if f.OutlineStyle != "none" && f.OutlineWidth >= 2 {
		c, okC := parseRGB(f.OutlineColor)
		b, okB := parseRGB(f.Background)
		if !okC || !okB {
			return ""
		}
		if r := contrast(c, b); r < 3 {
			return fmt.Sprintf("its outline (%s) has contrast %.2f:1 against %s; want at least 3:1", f.OutlineColor, r, f.Background)
		}
		return ""
	}
	if f.BoxShadow != "" && f.BoxShadow != "none" {
		return ""
	}
	return fmt.Sprintf("no focus indicator (outline %s %gpx, box-shadow %s)", f.OutlineStyle, f.OutlineWidth, f.BoxShadow)
}

var rgbRE = regexp.MustCompile(`^rgba?\(\s*([0-9.]+)[ ,]+([0-9.]+)[ ,]+([0-9.]+)`)

func parseRGB(s string) ([3]float64, bool) {
	m := rgbRE.FindStringSubmatch(s)
	if m == nil {
		return [3]float64{}, false
	}
	var c [3]float64
	for i := range c {
		c[i], _ = strconv.ParseFloat(m[i+1], 64)
	}
	return c, true
}

// contrast is the WCAG contrast ratio of two sRGB colours.
func contrast(a, b [3]float64) float64 {
	lum := func(c [3]float64) float64 {
		var l [3]float64
		for i, v := range c {
			v /= 255
			if v <= 0.04045 {
				l[i] = v / 12.92
			} else {
				l[i] = math.Pow((v+0.055)/1.055, 2.4)
			}
		}
		return 0.2126*l[0] + 0.7152*l[1] + 0.0722*l[2]
	}
	x, y := lum(a), lum(b)
	if x < y {
		x, y = y, x
	}
	return (x + 0.05) / (y + 0.05)
}

// target is the size of a control a finger has to hit.
type target struct {
	What string  `json:"what"`
	W    float64 `json:"w"`
	H    float64 `json:"h"`
}

// The quick exit, the language switch and the search controls: at least
// 44×44 CSS pixels wherever they are shown (WCAG 2.5.5).
const targetsJS = `[...document.querySelectorAll("#quick-exit, a.lang-link, form.search input, form.search button")]
	.filter(e => e.type !== "hidden" && getComputedStyle(e).display !== "none" && getComputedStyle(e).visibility !== "hidden")
	.map(e => { const r = e.getBoundingClientRect(); return {what: e.id ? "#" + e.id : e.tagName.toLowerCase() + "." + (e.className || e.type), w: r.width, h: r.height}; })`

// layoutFacts are the touch targets and whether the page scrolls sideways.
type layoutFacts struct {
	Targets   []target `json:"targets"`
	Overflow  float64  `json:"overflow"`
	ViewWidth float64  `json:"viewWidth"`
}

const layoutJS = `({targets: ` + targetsJS + `,
	overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
	viewWidth: innerWidth})`

func checkLayout(t testing.TB, p, screen string, l layoutFacts) {
	t.Helper()
	for _, c := range l.Targets {
		if c.W < 44 || c.H < 44 {
			t.Errorf("%s (%s): %s is %.0f×%.0f CSS px; want at least 44×44", p, screen, c.What, c.W, c.H)
		}
	}
	if l.Overflow > 1 {
		t.Errorf("%s (%s): the page is %.0f px wider than the %.0f px screen and scrolls sideways", p, screen, l.Overflow, l.ViewWidth)
	}
}

// mobile is the screen of a common cheap phone: 360×740 CSS px.
func mobile(scale float64) chromedp.Action[chromedp.Void] {
	return chromedp.EmulateViewport(360, 740, chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulatePortrait, chromedp.EmulateScale(scale))
}

func desktop(tab *browsertest.Tab) error {
	if _, err := chromedp.Call(tab.Ctx, emulation.ClearDeviceMetricsOverride, cdp.Empty{}); err != nil {
		return err
	}
	_, err := chromedp.Call(tab.Ctx, emulation.SetTouchEmulationEnabled, emulation.SetTouchEmulationEnabledParams{Enabled: false})
	return err
}

// keyboardTab opens a tab that behaves as if it had the window's focus, so
// focus and :focus-visible work for dispatched keys.
func keyboardTab(t testing.TB, b *browsertest.Browser) *browsertest.Tab {
	t.Helper()
	tab := b.NewTab(t)
	if _, err := chromedp.Call(tab.Ctx, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true}); err != nil {
		t.Fatal(err)
	}
	return tab
}

func pressTab(tab *browsertest.Tab) (focused, error) {
	if err := tab.Do(5*time.Second, chromedp.KeyEvent(kb.Tab)); err != nil {
		return focused{}, err
	}
	return browsertest.Eval[focused](tab, focusedJS)
}

// allPages is every built page, and the 404 page.
func allPages(t *testing.T, dir string) []string {
	pages := builtPages(t, dir)
	if len(pages) < 20 {
		t.Fatalf("only %d pages built", len(pages))
	}
	return append(pages, "/404.html")
}

// TestBrowserAccessibilityEveryPage runs axe-core on every page of the site
// in both languages (no serious or critical violation allowed) and checks
// by hand what axe cannot: the skip link is the first thing the keyboard
// reaches, the quick exit shows where focus is, landmarks and one h1, the
// language and direction, the size of touch targets on a phone and on a
// desktop, no sideways scrolling on a phone, and safe external links.
func TestBrowserAccessibilityEveryPage(t *testing.T) {
	axeSource(t)
	dir := bundledSite(t)
	origin := browsertest.Serve(t, dir)
	b := browsertest.New(t)
	tab := keyboardTab(t, b)
	rules := 0
	for _, p := range allPages(t, dir) {
		if err := tab.Do(20*time.Second, chromedp.Navigate(origin+p)); err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		facts, err := browsertest.Eval[pageFacts](tab, pageFactsJS)
		if err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		checkFacts(t, p, facts)

		// From the top of a fresh page the first Tab reaches the skip link,
		// shown on screen; the next ones reach the quick exit, which shows
		// it has focus.
		if !standalone(p) || facts.QuickExit {
			f, err := pressTab(tab)
			if err != nil {
				t.Errorf("%s: %v", p, err)
				continue
			}
			if !standalone(p) {
				if f.Tag != "a" || !strings.Contains(" "+f.Class+" ", " skip ") || f.Href != "#main" {
					t.Errorf("%s: the first Tab reaches %s; want the skip link to #main", p, f)
				} else if !f.InView {
					t.Errorf("%s: the focused skip link is not on screen", p)
				}
			}
			for i := 0; i < 3 && f.ID != "quick-exit"; i++ {
				if f, err = pressTab(tab); err != nil {
					break
				}
			}
			if f.ID != "quick-exit" {
				t.Errorf("%s: Tab does not reach the quick exit early (at %s)", p, f)
			} else if why := visibleFocus(f); why != "" {
				t.Errorf("%s: the focused quick exit does not show focus: %s", p, why)
			}
		}

		vs, err := runAxe(t, tab)
		if err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		reportAxe(t, p, vs)
		rules++

		l, err := browsertest.Eval[layoutFacts](tab, layoutJS)
		if err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		checkLayout(t, p, "desktop", l)
		if err := tab.Do(10*time.Second, mobile(1)); err != nil {
			t.Fatal(err)
		}
		l, err = browsertest.Eval[layoutFacts](tab, layoutJS)
		if err != nil {
			t.Errorf("%s: %v", p, err)
		} else {
			checkLayout(t, p, "360×740", l)
		}
		if err := desktop(tab); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("axe-core ran on %d pages", rules)
}

// focusPages are one page of each kind in each language, for the checks
// that are too slow for every page.
var focusPages = []string{
	"/en/", "/en/guides/", "/en/guides/evidence/", "/en/start/", "/en/start/hacked/", "/en/search/", "/en/complaint/file-online/", "/en/complaint/letter/",
	"/ur/", "/ur/guides/", "/ur/guides/evidence/", "/ur/start/", "/ur/start/hacked/", "/ur/search/", "/ur/complaint/file-online/", "/ur/complaint/letter/",
}

// TestBrowserFocusIsAlwaysVisible walks the whole Tab order of one page of
// each kind, on a desktop and on a phone, and requires every stop to show
// where focus is with enough contrast; it also runs axe on the phone
// layout, where the quick exit sits over the bottom of the page, and
// follows the skip link.
func TestBrowserFocusIsAlwaysVisible(t *testing.T) {
	axeSource(t)
	dir := bundledSite(t)
	origin := browsertest.Serve(t, dir)
	b := browsertest.New(t)
	tab := keyboardTab(t, b)
	for _, screen := range []string{"desktop", "360×740"} {
		if screen != "desktop" {
			if err := tab.Do(10*time.Second, mobile(1)); err != nil {
				t.Fatal(err)
			}
		}
		for _, p := range focusPages {
			if err := tab.Do(20*time.Second, chromedp.Navigate(origin+p)); err != nil {
				t.Errorf("%s: %v", p, err)
				continue
			}
			// Web fonts (Nastaliq) change line heights as they arrive.
			if _, err := browsertest.Eval[chromedp.Void](tab, `document.fonts.ready.then(() => undefined)`); err != nil {
				t.Errorf("%s: %v", p, err)
			}
			seen := map[string]bool{}
			stops := 0
			for ; stops < 400; stops++ {
				f, err := pressTab(tab)
				if err != nil {
					t.Errorf("%s (%s): %v", p, screen, err)
					break
				}
				if f.Tag != "" && (f.Covered || !f.InView) {
					// Scrolling to the focused element may finish a frame
					// later: look again before calling it hidden.
					time.Sleep(150 * time.Millisecond)
					if f, err = browsertest.Eval[focused](tab, focusedJS); err != nil {
						t.Errorf("%s (%s): %v", p, screen, err)
						break
					}
				}
				key := f.String()
				if f.Tag == "" || (stops > 0 && seen[key] && f.Class == "skip") {
					break // back to the start of the page
				}
				seen[key] = true
				if why := visibleFocus(f); why != "" {
					t.Errorf("%s (%s): focus on %s is not visible: %s", p, screen, f, why)
				}
				if !f.InView {
					t.Errorf("%s (%s): focus on %s is off screen", p, screen, f)
				} else if f.Covered {
					t.Errorf("%s (%s): focus on %s is hidden behind something else on the page", p, screen, f)
				}
			}
			if stops < 5 {
				t.Errorf("%s (%s): only %d Tab stops", p, screen, stops)
			}
			if screen != "desktop" {
				vs, err := runAxe(t, tab)
				if err != nil {
					t.Errorf("%s: %v", p, err)
				} else {
					reportAxe(t, p+" (360×740)", vs)
				}
			}
			// The skip link moves focus into the main content.
			if err := tab.Do(20*time.Second, chromedp.Navigate(origin+p)); err != nil {
				t.Errorf("%s: %v", p, err)
				continue
			}
			if _, err := pressTab(tab); err != nil {
				t.Errorf("%s: %v", p, err)
				continue
			}
			if err := tab.Do(5*time.Second, chromedp.KeyEvent(kb.Enter)); err != nil {
				t.Errorf("%s: %v", p, err)
				continue
			}
			if id, err := browsertest.WaitFor[string](tab, 5*time.Second, `document.activeElement.closest("#main") ? "main" : ""`); err != nil || id != "main" {
				t.Errorf("%s (%s): following the skip link does not move focus into main: %v", p, screen, err)
			}
			// An "on this page" link brings its heading into view, not
			// under the quick-exit bar.
			if has, _ := browsertest.Eval[bool](tab, `!!document.querySelector(".toc a")`); has {
				if err := tab.Do(10*time.Second, chromedp.Click(chromedp.CSS(".toc li:last-child a"))); err != nil {
					t.Errorf("%s: %v", p, err)
					continue
				}
				if _, err := browsertest.WaitFor[string](tab, 5*time.Second, "location.hash"); err != nil {
					t.Errorf("%s (%s): the last \"on this page\" link did not go to its heading", p, screen)
					continue
				}
				time.Sleep(100 * time.Millisecond)
				if why, err := browsertest.Eval[string](tab, headingInViewJS); err != nil || why != "ok" {
					t.Errorf("%s (%s): after following the last \"on this page\" link: %s %v", p, screen, why, err)
				}
			}
		}
		if err := desktop(tab); err != nil {
			t.Fatal(err)
		}
	}
}

// headingInViewJS says "ok" when the target of the address's #fragment is
// on screen and not under anything (the quick-exit bar), or why not.
const headingInViewJS = `(() => {
	const h = document.getElementById(decodeURIComponent(location.hash.slice(1)));
	if (!h) return "no element " + location.hash;
	const r = h.getBoundingClientRect();
	if (r.top < -1 || r.bottom > innerHeight + 1) return "the heading " + location.hash + " is off screen: " + Math.round(r.top) + " to " + Math.round(r.bottom) + " of " + innerHeight;
	const at = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
	return at && (at === h || h.contains(at)) ? "ok" : "the heading " + location.hash + " is under " + (at ? at.tagName + "." + at.className : "nothing");
})()`

// isSearchModule says whether a URL is part of the search module: Go's
// wasm_exec.js, the WebAssembly module (or its script form for copies on a
// USB stick) and the indexes.
func isSearchModule(u string) bool {
	p, err := url.Parse(u)
	if err != nil {
		return false
	}
	name := p.Path[strings.LastIndexByte(p.Path, '/')+1:]
	return strings.HasPrefix(p.Path, "/search/") && name != "" ||
		strings.HasSuffix(name, ".wasm") || strings.HasPrefix(name, "wasm_exec") || strings.HasPrefix(name, "index-")
}

// requested is every URL tab has asked for since its recorder was reset.
func requested(tab *browsertest.Tab) []string { return tab.Rec.Foreign() }

// paint is what the Performance API says about a load.
type paint struct {
	FCP      float64  `json:"fcp"`
	Before   []string `json:"before"`
	Resource []string `json:"resources"`
}

// Waits for first-contentful-paint and lists the resources that finished
// arriving before it. /favicon.ico is left out: the browser asks for it of
// its own accord, whatever the page says, and the page does not wait for it.
const paintJS = `new Promise(done => {
	const report = fcp => done({
		fcp,
		before: performance.getEntriesByType("resource").filter(r => r.responseEnd <= fcp && new URL(r.name).pathname !== "/favicon.ico").map(r => r.name),
		resources: performance.getEntriesByType("resource").map(r => r.name),
	});
	const seen = performance.getEntriesByName("first-contentful-paint")[0];
	if (seen) return report(seen.startTime);
	new PerformanceObserver(list => {
		const e = list.getEntriesByName("first-contentful-paint")[0];
		if (e) report(e.startTime);
	}).observe({type: "paint", buffered: true});
})`

// TestBrowserFewRequestsBeforeFirstPaint loads one page of each kind in
// each language with an empty cache and counts the requests that finished
// before the first contentful paint, the document included: at most 3,
// so the page can be drawn within a few round trips on a slow link. The
// search module (several hundred KB) must not be asked for on load, nor
// when the search box is focused, only once someone types in it.
func TestBrowserFewRequestsBeforeFirstPaint(t *testing.T) {
	dir := bundledSite(t)
	origin := browsertest.Serve(t, dir)
	b := browsertest.New(t)
	kinds := []struct{ kind, path string }{
		{"home", "%s/"}, {"guide", "%s/guides/evidence/"}, {"list", "%s/guides/"},
		{"workflow", "%s/start/hacked/"}, {"search", "%s/search/"},
	}
	for _, lang := range []string{"en", "ur"} {
		for _, k := range kinds {
			p := fmt.Sprintf(k.path, "/"+lang)
			t.Run(k.kind+"_"+lang, func(t *testing.T) {
				tab := keyboardTab(t, b)
				defer tab.Close()
				if _, err := chromedp.Call(tab.Ctx, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: true}); err != nil {
					t.Fatal(err)
				}
				tab.Rec.Reset()
				if err := tab.Do(20*time.Second, chromedp.Navigate(origin+p)); err != nil {
					t.Fatal(err)
				}
				got, err := browsertest.Eval[paint](tab, paintJS)
				if err != nil {
					t.Fatal(err)
				}
				if n := len(got.Before) + 1; n > 3 {
					t.Errorf("%s: %d requests before first paint (at %.0f ms), want at most 3: the document and %s", p, n, got.FCP, strings.Join(got.Before, ", "))
				}
				t.Logf("%s: first paint at %.0f ms after %d requests; %d resources in all", p, got.FCP, len(got.Before)+1, len(got.Resource))

				// Let the page settle, then nothing of search may have loaded.
				time.Sleep(300 * time.Millisecond)
				for _, u := range requested(tab) {
					if isSearchModule(u) {
						t.Errorf("%s: the search module was requested on load, before any search intent: %s", p, u)
					}
				}
				has, err := browsertest.Eval[bool](tab, `!!document.querySelector("form.search input")`)
				if err != nil || !has {
					return
				}
				// Focus alone asks for nothing: only typing shows a wish to search.
				if err := tab.Do(10*time.Second, chromedp.Focus(chromedp.CSS("form.search input"))); err != nil {
					t.Fatal(err)
				}
				time.Sleep(300 * time.Millisecond)
				for _, u := range requested(tab) {
					if isSearchModule(u) || strings.Contains(u, "/js/search.") {
						t.Errorf("%s: focusing the search box asked for %s before any key", p, u)
					}
				}
				if err := tab.Do(10*time.Second, chromedp.KeyEvent("a")); err != nil {
					t.Fatal(err)
				}
				deadline := time.Now().Add(10 * time.Second)
				for time.Now().Before(deadline) {
					for _, u := range requested(tab) {
						if strings.HasSuffix(strings.SplitN(u, "?", 2)[0], ".wasm") {
							return
						}
					}
					time.Sleep(50 * time.Millisecond)
				}
				t.Errorf("%s: typing in the search box did not load the search module; requests: %v", p, requested(tab))
			})
		}
	}
}

// treeLinks are the links inside main of a decision-tree page, absolute.
type treeLinks struct {
	Status  int      `json:"-"`
	Answers []string `json:"answers"`
	All     []string `json:"all"`
}

const treeLinksJS = `(() => {
	const abs = a => a.href.split("#")[0];
	const inMain = [...document.querySelectorAll("main a[href]")].filter(a => !a.closest(".page-meta"));
	return {
		answers: inMain.filter(a => !a.closest(".restart")).map(abs),
		all: inMain.map(abs),
	};
})()`

// TestBrowserDecisionTreeEndToEnd walks "what is happening to you?" in each
// language from its first question, breadth first, through every answer,
// until every question it can reach has been opened: no answer leads to a
// missing page, every end of the tree sends the reader on to a guide, a
// complaint step, a platform or a helpline (which exist), and every
// question of the tree can be reached from the start. Then, on a phone
// screen, it clicks its way down one path as a reader would, to show the
// answers are not covered by the quick exit pinned to the bottom.
func TestBrowserDecisionTreeEndToEnd(t *testing.T) {
	dir := bundledSite(t)
	origin := browsertest.Serve(t, dir)
	b := browsertest.New(t)
	client := &http.Client{Timeout: 10 * time.Second}
	statusOf := map[string]int{}
	status := func(u string) int {
		if s, ok := statusOf[u]; ok {
			return s
		}
		s := 0
		if resp, err := client.Get(u); err == nil {
			resp.Body.Close()
			s = resp.StatusCode
		}
		statusOf[u] = s
		return s
	}
	built := builtPages(t, dir)
	for _, lang := range []string{"en", "ur"} {
		t.Run(lang, func(t *testing.T) {
			tab := b.NewTab(t)
			defer tab.Close()
			root := origin + "/" + lang + "/start/"
			isQuestion := func(u string) bool { return strings.HasPrefix(u, root) && u != root }
			sends := regexp.MustCompile("^" + regexp.QuoteMeta(origin+"/"+lang+"/") + "(guides|complaint|platforms|helplines)/")
			visited := map[string]bool{root: true}
			parent := map[string]string{}
			deepest, depth := root, map[string]int{root: 0}
			queue := []string{root}
			ends := 0
			for len(queue) > 0 {
				u := queue[0]
				queue = queue[1:]
				resp, err := chromedp.Run(tab.Ctx, chromedp.NavigateResponse(u))
				if err != nil {
					t.Errorf("%s: %v", u, err)
					continue
				}
				if resp.Status != 200 {
					t.Errorf("%s: HTTP %d", strings.TrimPrefix(u, origin), resp.Status)
					continue
				}
				links, err := browsertest.Eval[treeLinks](tab, treeLinksJS)
				if err != nil {
					t.Errorf("%s: %v", u, err)
					continue
				}
				next := 0
				for _, a := range links.Answers {
					if !isQuestion(a) {
						continue
					}
					next++
					if !visited[a] {
						visited[a] = true
						parent[a], depth[a] = u, depth[u]+1
						if depth[a] > depth[deepest] {
							deepest = a
						}
						queue = append(queue, a)
					}
				}
				if u == root || next > 0 {
					continue
				}
				ends++
				onward := 0
				for _, a := range links.All {
					if !sends.MatchString(a) {
						continue
					}
					onward++
					if s := status(a); s != 200 {
						t.Errorf("%s: the end of the tree links to %s, which gives HTTP %d", strings.TrimPrefix(u, origin), strings.TrimPrefix(a, origin), s)
					}
				}
				if onward == 0 {
					t.Errorf("%s: an end of the tree with no link to a guide, complaint step, platform or helpline", strings.TrimPrefix(u, origin))
				}
			}
			var unreached []string
			for _, p := range built {
				if u := origin + p; isQuestion(u) && !visited[u] {
					unreached = append(unreached, p)
				}
			}
			sort.Strings(unreached)
			for _, p := range unreached {
				t.Errorf("%s: not reachable from %s by answering", p, "/"+lang+"/start/")
			}
			if len(visited) < 10 || ends == 0 {
				t.Errorf("the tree from %s has %d questions and %d ends; expected a real tree", "/"+lang+"/start/", len(visited), ends)
			}
			t.Logf("%s: %d pages visited, %d ends", "/"+lang+"/start/", len(visited), ends)

			// On a phone, click down the longest path from the start, as a
			// reader would: each answer must take the click (not the quick
			// exit pinned over the bottom of the screen).
			var steps []string
			for u := deepest; u != root; u = parent[u] {
				steps = append([]string{u}, steps...)
			}
			if err := tab.Do(10*time.Second, mobile(2), chromedp.Navigate(root)); err != nil {
				t.Fatal(err)
			}
			path := []string{"/" + lang + "/start/"}
			for _, next := range steps {
				rel := strings.TrimPrefix(next, origin)
				const sel = `main a[href]:not(.restart a)`
				idx, err := browsertest.Eval[int](tab, fmt.Sprintf(`[...document.querySelectorAll(%q)].findIndex(a => a.href.split("#")[0] === %q)`, sel, next))
				if err != nil || idx < 0 {
					t.Fatalf("after %s: no answer to click for %s (%v)", strings.Join(path, " → "), rel, err)
				}
				if err := tab.Do(10*time.Second, chromedp.Click(chromedp.JSPath(fmt.Sprintf(`document.querySelectorAll(%q)[%d]`, sel, idx)))); err != nil {
					t.Fatalf("clicking %s: %v", rel, err)
				}
				if _, err := browsertest.WaitFor[string](tab, 10*time.Second, fmt.Sprintf(`location.href.split("#")[0] === %q && document.readyState === "complete" ? location.pathname : ""`, next)); err != nil {
					loc, _ := browsertest.Eval[string](tab, "location.href")
					t.Fatalf("after %s, clicking the answer for %s landed on %s", strings.Join(path, " → "), rel, loc)
				}
				path = append(path, rel)
			}
			if len(path) < 3 {
				t.Errorf("the longest path down the tree is only %v", path)
			}
			t.Logf("clicked %s", strings.Join(path, " → "))
		})
	}
}
