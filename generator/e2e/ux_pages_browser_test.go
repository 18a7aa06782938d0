package e2e

// What a phone shows on the pages around the first screen: the quick exit
// on the pages outside the two languages, its note and the
// cover-your-tracks guide within a tap, answer buttons only where there
// are answers, the search box without JavaScript, and the incident log as
// cards.

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"mehfooz/internal/browsertest"
)

// TestBrowserQuickExitOnTheChooser404AndShortAddresses presses Shift alone
// three times on the language chooser, the 404 page and a /go/ page: each
// has the quick exit and its script.
func TestBrowserQuickExitOnTheChooser404AndShortAddresses(t *testing.T) {
	dir := bundledSite(t)
	origin := browsertest.Serve(t, dir)
	dest := quickExitTarget(t, dir)
	codes, _ := os.ReadDir(filepath.Join(dir, "go"))
	if len(codes) == 0 {
		t.Fatal("no /go/ pages built")
	}
	b := browsertest.New(t)
	for _, p := range []string{"/", "/404.html", "/go/" + codes[0].Name() + "/"} {
		t.Run(strings.Trim(strings.ReplaceAll(p, "/", "_"), "_"), func(t *testing.T) {
			tab := keyboardTab(t, b)
			defer tab.Close()
			left := interceptQuickExit(t, tab, dest)
			if err := tab.Do(20*time.Second, mobile(2), chromedp.Navigate(origin+p)); err != nil {
				t.Fatal(err)
			}
			if n, err := browsertest.Eval[int](tab, `document.querySelectorAll("a.quick-exit[href^='https://']").length`); err != nil || n != 1 {
				t.Fatalf("%s: %d quick-exit links (%v)", p, n, err)
			}
			for i := 0; i < 3; i++ {
				if err := shiftAlone(tab); err != nil {
					t.Fatal(err)
				}
			}
			select {
			case <-left:
			case <-time.After(10 * time.Second):
				t.Fatalf("%s: three presses of Shift alone did not leave", p)
			}
		})
	}
}

func TestBrowserPhonePages(t *testing.T) {
	dir := bundledSite(t)
	tab, origin := phoneTab(t)
	nav := func(p string) {
		t.Helper()
		if err := tab.Do(20*time.Second, chromedp.Navigate(origin+p)); err != nil {
			t.Fatal(err)
		}
	}
	for _, lang := range []string{"en", "ur"} {
		// The note that the exit cannot erase history, and the guide to
		// covering your tracks, one tap from the bar on a phone.
		nav("/" + lang + "/guides/evidence/")
		help, err := browsertest.Eval[map[string]any](tab, `(() => {
			const a = document.querySelector(".quick-exit-bar a.quick-exit-help");
			if (!a) return {found: false};
			const r = a.getBoundingClientRect();
			const hit = document.elementFromPoint((r.left + r.right) / 2, (r.top + r.bottom) / 2);
			return {found: true, href: a.getAttribute("href"), seen: r.width >= 44 && r.height >= 44 && r.bottom <= innerHeight && a.contains(hit),
				note: a.textContent.trim(), footer: (document.getElementById("quick-exit-help") || {}).textContent || ""};
		})()`)
		if err != nil {
			t.Fatal(err)
		}
		if help["found"] != true || help["seen"] != true || !strings.Contains(help["href"].(string), "cover-your-tracks") || help["note"] == "" || help["footer"] == "" {
			t.Errorf("%s: the quick exit's note and guide are not a tap away on a phone: %v", lang, help)
		}

		// Answer buttons on a question page; none on an end page, where
		// links in sentences stay links.
		nav("/" + lang + "/start/")
		if n, _ := browsertest.Eval[int](tab, `[...document.querySelectorAll("main a")].filter(a => getComputedStyle(a).display === "block").length`); n < 5 {
			t.Errorf("/%s/start/: %d answers drawn as buttons", lang, n)
		}
		for _, p := range endPages(t, dir, lang) {
			nav(p)
			if n, _ := browsertest.Eval[int](tab, `[...document.querySelectorAll("main a")].filter(a => getComputedStyle(a).display === "block").length`); n != 0 {
				t.Errorf("%s: %d links drawn as buttons on an end page", p, n)
			}
		}

		// The incident log: one card per incident, nothing wider than the
		// screen.
		nav("/" + lang + "/complaint/incident-log/")
		log, err := browsertest.Eval[map[string]float64](tab, `(() => {
			const tr = document.querySelector("#log-rows tr");
			return {rowDisplay: getComputedStyle(tr).display === "block" ? 1 : 0, width: document.documentElement.scrollWidth, view: innerWidth,
				labels: [...tr.querySelectorAll("td[data-label]")].filter(td => getComputedStyle(td, "::before").content.length > 2).length};
		})()`)
		if err != nil {
			t.Fatal(err)
		}
		if log["rowDisplay"] != 1 || log["width"] > log["view"]+1 || log["labels"] < 6 {
			t.Errorf("/%s/complaint/incident-log/ on a phone: %v; want one labelled card per row and no sideways scrolling", lang, log)
		}
	}

	// The pocket files: no link that goes nowhere, and the platforms'
	// reporting steps on board.
	for _, lang := range []string{"en", "ur"} {
		nav("/offline/mehfooz-" + lang + "-pocket.html")
		p, err := browsertest.Eval[map[string]float64](tab, `({dead: document.querySelectorAll("a:not([href])").length,
			platforms: document.querySelectorAll("section[id^='p-platforms/']").length,
			buttons: [...document.querySelectorAll("main a")].filter(a => getComputedStyle(a).display === "block" && !a.getAttribute("href")).length})`)
		if err != nil {
			t.Fatal(err)
		}
		if p["dead"] != 0 || p["buttons"] != 0 || p["platforms"] < 6 {
			t.Errorf("%s pocket file: %v; want no dead links and at least six platform pages", lang, p)
		}
	}

	// Search with JavaScript off: no box that cannot search; a note that
	// points to the topic index, which starts with the guides.
	if _, err := chromedp.Call(tab.Ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"en", "ur"} {
		nav("/" + lang + "/search/")
		s, err := browsertest.Eval[map[string]any](tab, `(() => {
			const box = document.querySelector("form.search input");
			const note = document.querySelector("form.search .search-nojs");
			const link = note && note.querySelector("a");
			const first = document.querySelector(".topic-group h3");
			return {box: !!box && box.offsetParent !== null, note: !!note && note.offsetParent !== null,
				link: link ? link.getAttribute("href") : "", first: first ? first.id : ""};
		})()`)
		if err != nil {
			t.Fatal(err)
		}
		if s["box"] != false || s["note"] != true || s["link"] != "#topic-index" || s["first"] != "kind-guide" {
			t.Errorf("/%s/search/ with JavaScript off: %v; want no box, the note, a link to #topic-index, guides first", lang, s)
		}
	}
}
