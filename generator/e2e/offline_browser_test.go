package e2e

// The offline copies in a real browser, opened from file:// as a trainer's
// USB stick or a survivor's downloads folder would open them: the unzipped
// copy from its start page, through three pages by clicking, and a search;
// the pocket file through its own anchors. Nothing may ask for anything
// that is not a file of the copy.

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"mehfooz/generator/internal/offline"
	"mehfooz/generator/internal/site"
	"mehfooz/internal/browsertest"
)

// offlineSite returns the built bundled site, which has the offline
// copies: the build writes them last.
func offlineSite(t *testing.T) string {
	t.Helper()
	dir := bundledSite(t)
	if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(site.ZipName("mehfooz", "en")))); err != nil {
		t.Fatalf("the bundled build has no offline copy: %v", err)
	}
	return dir
}

// unzipTo extracts a zip into dir and returns its entry names.
func unzipTo(t *testing.T, file, dir string) []string {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range zr.File {
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if !filepath.IsLocal(f.Name) {
			t.Fatalf("zip entry %q leaves the folder", f.Name)
		}
		os.MkdirAll(filepath.Dir(p), 0o755)
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		names = append(names, f.Name)
	}
	return names
}

// clickTo clicks the first element sel matches and waits until the tab has
// left the page it was on for a file:// address whose path ends in want,
// with a <main>.
func clickTo(t *testing.T, tab *browsertest.Tab, sel, want string) string {
	t.Helper()
	before, err := browsertest.Eval[string](tab, "location.href")
	if err != nil {
		t.Fatal(err)
	}
	if err := tab.Do(10*time.Second, chromedp.Click(chromedp.CSS(sel))); err != nil {
		t.Fatalf("clicking %s: %v", sel, err)
	}
	at, err := browsertest.WaitFor[string](tab, 10*time.Second,
		`location.href !== `+strconv.Quote(before)+` && document.readyState === "complete" && document.querySelector("main") && location.pathname.endsWith(`+strconv.Quote(want)+`) ? location.href : ""`)
	if err != nil {
		here, _ := browsertest.Eval[string](tab, "location.href")
		t.Fatalf("after clicking %s: at %s, want …%s (%v)", sel, here, want, err)
	}
	if !strings.HasPrefix(at, "file://") {
		t.Fatalf("after clicking %s: at %s, not a file", sel, at)
	}
	return at
}

// offlineQueries are a search per language that must find a page.
var offlineQueries = map[string]string{"en": "blackmail", "ur": "بلیک میل"}

func TestBrowserOfflineCopies(t *testing.T) {
	dir := offlineSite(t)
	b := browsertest.New(t)
	for _, lang := range []string{"en", "ur"} {
		t.Run("zip_"+lang, func(t *testing.T) {
			copyDir := t.TempDir()
			names := unzipTo(t, filepath.Join(dir, filepath.FromSlash(site.ZipName("mehfooz", lang))), copyDir)
			root := browsertest.FileURL(copyDir) + "/"
			tab := b.NewTab(t)
			defer tab.Close()
			if err := tab.Do(20*time.Second, chromedp.Navigate(root+offline.StartPage)); err != nil {
				t.Fatal(err)
			}
			dir := map[string]string{"en": "ltr", "ur": "rtl"}[lang]
			if got, _ := browsertest.Eval[string](tab, `document.documentElement.lang + " " + getComputedStyle(document.body).direction`); got != lang+" "+dir {
				t.Errorf("start page is %q, want %s %s", got, lang, dir)
			}

			// Three pages by clicking: the decision tree, its first answer,
			// and the first guide that answer leads to.
			clickTo(t, tab, `main a[href="`+lang+`/start/index.html"]`, "/"+lang+"/start/index.html")
			clickTo(t, tab, `.answers a[href$="index.html"]`, "index.html")
			at := clickTo(t, tab, `main a[href*="guides/"]`, "index.html")
			if !strings.Contains(at, "/"+lang+"/guides/") {
				t.Errorf("third page is %s, want a guide", at)
			}
			if foreign := tab.Rec.Foreign(root); len(foreign) > 0 {
				t.Errorf("requests outside the copy: %v", foreign)
			}
			if probs := tab.Rec.TakeProblems(); len(probs) > 0 {
				t.Errorf("console errors or CSP violations: %v", probs)
			}

			t.Run("search", func(t *testing.T) {
				hasModule := false
				for _, n := range names {
					if strings.HasPrefix(n, "search/search-wasm.") {
						hasModule = true
					}
				}
				if !hasModule {
					browsertest.Missing(t, "the copy's search module", "make wasm writes static/search/search.wasm")
				}
				tab.Rec.Reset()
				q := offlineQueries[lang]
				if err := tab.Do(20*time.Second, chromedp.Navigate(root+lang+"/search/index.html"), chromedp.WaitReady(chromedp.CSS("#q")),
					chromedp.SendKeys(chromedp.CSS("#q"), q)); err != nil {
					t.Fatal(err)
				}
				href, err := browsertest.WaitFor[string](tab, 30*time.Second, `(document.querySelector("ol.search-results li a") || {href: ""}).href`)
				if err != nil {
					status, _ := browsertest.Eval[string](tab, `document.querySelector(".search-status").textContent`)
					t.Fatalf("no results for %q (status %q): %v; problems: %v", q, status, err, tab.Rec.TakeProblems())
				}
				file, _, _ := strings.Cut(strings.TrimPrefix(href, root), "#")
				if !strings.HasPrefix(href, root+lang+"/") || !strings.HasSuffix(file, "/index.html") {
					t.Errorf("first result %s, want a page under %s%s/", href, root, lang)
				}
				if _, err := os.Stat(filepath.Join(copyDir, filepath.FromSlash(file))); err != nil {
					t.Errorf("first result %s is not in the copy: %v", href, err)
				}
				clickTo(t, tab, "ol.search-results li a", file)
				if foreign := tab.Rec.Foreign(root); len(foreign) > 0 {
					t.Errorf("requests outside the copy: %v", foreign)
				}
				if probs := tab.Rec.TakeProblems(); len(probs) > 0 {
					t.Errorf("console errors or CSP violations: %v", probs)
				}
			})
		})

		t.Run("pocket_"+lang, func(t *testing.T) {
			file := filepath.Join(dir, filepath.FromSlash(site.PocketName("mehfooz", lang)))
			url := browsertest.FileURL(file)
			tab := b.NewTab(t)
			defer tab.Close()
			if err := tab.Do(20*time.Second, chromedp.Navigate(url)); err != nil {
				t.Fatal(err)
			}
			state, err := browsertest.Eval[map[string]any](tab, `({
				lang: document.documentElement.lang,
				dir: getComputedStyle(document.body).direction,
				scripts: document.scripts.length,
				styled: getComputedStyle(document.querySelector(".quick-exit-bar")).position,
				quick: !!document.querySelector("a#quick-exit[href^='https://']"),
			})`)
			if err != nil {
				t.Fatal(err)
			}
			wantDir := map[string]string{"en": "ltr", "ur": "rtl"}[lang]
			if state["lang"] != lang || state["dir"] != wantDir || state["scripts"] != 0.0 || state["quick"] != true {
				t.Errorf("pocket file: %v", state)
			}
			if state["styled"] != "sticky" {
				t.Errorf("the inline stylesheet did not apply: quick-exit bar is %v", state["styled"])
			}
			// Two anchors: the contents to the decision tree, then its first
			// answer, each landing on its section.
			for _, step := range []struct{ sel, hash string }{
				{`#contents a[href="#p-start"]`, "#p-start"},
				{`section[id="p-start"] .answers a[href^="#p-start/"]`, "#p-start/"},
			} {
				if err := tab.Do(10*time.Second, chromedp.Click(chromedp.CSS(step.sel))); err != nil {
					t.Fatalf("clicking %s: %v", step.sel, err)
				}
				got, err := browsertest.WaitFor[string](tab, 5*time.Second, `location.hash.startsWith(`+strconv.Quote(step.hash)+`) ? location.hash : ""`)
				if err != nil {
					t.Fatalf("after clicking %s: %v", step.sel, err)
				}
				// In view near the top (below the sticky quick-exit bar's
				// scroll padding), not merely somewhere in the file.
				top, err := browsertest.Eval[float64](tab, `(() => {
					const el = document.getElementById(decodeURIComponent(location.hash.slice(1)));
					const top = el ? el.getBoundingClientRect().top : -1;
					return top >= 0 && top < innerHeight / 3 && scrollY > 0 ? top : -1;
				})()`)
				if err != nil || top < 0 {
					t.Errorf("%s: its section is not at the top of the screen (%v)", got, err)
				}
				if !strings.HasPrefix(got, step.hash) {
					t.Errorf("at %s, want %s…", got, step.hash)
				}
			}
			if foreign := tab.Rec.Foreign(url, "data:image/"); len(foreign) > 0 {
				t.Errorf("requests outside the file: %v", foreign)
			}
			if probs := tab.Rec.TakeProblems(); len(probs) > 0 {
				t.Errorf("console errors or CSP violations: %v", probs)
			}
		})
	}
	for _, lang := range []string{"en", "ur"} {
		for _, name := range []string{site.ZipName("mehfooz", lang), site.PocketName("mehfooz", lang)} {
			if st, err := os.Stat(filepath.Join(dir, filepath.FromSlash(name))); err == nil {
				t.Logf("%s: %.1f KB", name, float64(st.Size())/1024)
			}
		}
	}
}
