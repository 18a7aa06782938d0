package main

// The bundled site at a sub-path, as on a GitHub Pages project site
// (https://org.github.io/mehfooz/): built with base_url set to such an
// address and with base_url empty, served under /mehfooz/ on 127.0.0.1, and
// crawled in chromium from the top, 404 page included. Every link,
// stylesheet, script and image must answer inside the sub-path.

import (
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"mehfooz/generator/internal/output"
	"mehfooz/generator/internal/pipeline"
	"mehfooz/internal/browsertest"
)

// buildBundledWithBase builds ../content with base_url replaced by base.
func buildBundledWithBase(t *testing.T, base string) string {
	t.Helper()
	content := filepath.Join(t.TempDir(), "content")
	if err := os.CopyFS(content, os.DirFS("../content")); err != nil {
		t.Fatal(err)
	}
	yml, err := os.ReadFile(filepath.Join(content, "site.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	yml = regexp.MustCompile(`(?m)^base_url:.*$`).ReplaceAll(yml, []byte(`base_url: "`+base+`"`))
	if err := os.WriteFile(filepath.Join(content, "site.yaml"), yml, 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	w, err := output.New(out)
	if err != nil {
		t.Fatal(err)
	}
	f := &siteFlags{content: content, layouts: "../layouts", static: "../static", out: out}
	_, diags := pipeline.Run(f.input(), w)
	if diags.Err() != nil {
		w.Abort()
		t.Fatalf("building with base_url %q: %s", base, diags.Error())
	}
	if err := w.Commit(); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestBrowserSubPathCrawl(t *testing.T) {
	if testing.Short() {
		t.Skip("crawls every page twice in chromium")
	}
	const prefix = "/mehfooz/"
	for name, base := range map[string]string{"base_url set": "https://org.example" + prefix, "base_url empty": ""} {
		t.Run(name, func(t *testing.T) {
			dir := buildBundledWithBase(t, base)
			origin := browsertest.ServeUnder(t, dir, prefix)
			b := browsertest.New(t)
			tab := b.NewTab(t)
			// A missing page at the top works whatever base_url says; one
			// deeper only when the site knows its path.
			missing := []string{prefix + "no-such-page"}
			if base != "" {
				missing = append(missing, prefix+"en/guides/no-such-page/")
			}
			crawlSubPath(t, tab, origin, prefix, missing)
		})
	}
}

// crawlSubPath opens every page reachable from prefix, plus the missing
// addresses, and checks every reference each one makes.
func crawlSubPath(t *testing.T, tab *browsertest.Tab, origin, prefix string, missing []string) {
	queue := append([]string{prefix}, missing...)
	seen := map[string]bool{}
	for _, p := range queue {
		seen[p] = true
	}
	checked := map[string]int{} // same-origin reference → status
	client := &http.Client{Timeout: 20 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	status := func(u string) int {
		if s, ok := checked[u]; ok {
			return s
		}
		resp, err := client.Get(origin + u)
		s := 0
		if err == nil {
			s = resp.StatusCode
			resp.Body.Close()
		}
		checked[u] = s
		return s
	}
	pages := 0
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		tab.Rec.Reset()
		if err := tab.Do(20*time.Second, chromedp.Navigate(origin+p)); err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		pages++
		refs, err := browsertest.Eval[map[string]any](tab, `({
			links: [...document.querySelectorAll("a[href]")].map(a => a.href),
			css: [...document.querySelectorAll("link[rel=stylesheet]")].map(l => l.href),
			styled: [...document.styleSheets].filter(s => { try { return s.cssRules.length > 0 } catch (e) { return false } }).length,
			subs: [...document.querySelectorAll("script[src], img[src], link[href]:not([rel=canonical]):not([rel=alternate])")].map(e => e.src || e.href),
		})`)
		if err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		if probs := tab.Rec.TakeProblems(); len(probs) > 0 && !isMissing(p, missing) {
			t.Errorf("%s: console errors (a stylesheet or script that did not load?): %v", p, probs)
		}
		css, _ := refs["css"].([]any)
		if styled, _ := refs["styled"].(float64); len(css) == 0 || int(styled) < len(css) {
			t.Errorf("%s: %d stylesheets linked, %v applied", p, len(css), refs["styled"])
		}
		for _, kind := range []string{"css", "subs", "links"} {
			list, _ := refs[kind].([]any)
			for _, v := range list {
				u, err := url.Parse(v.(string))
				if err != nil || u.Scheme+"://"+u.Host != origin {
					continue // another site: a marked link out, never loaded
				}
				path := u.EscapedPath()
				if !strings.HasPrefix(path, prefix) {
					t.Errorf("%s: %s %s leaves the sub-path %s", p, kind, path, prefix)
					continue
				}
				if s := status(path); s != http.StatusOK {
					t.Errorf("%s: %s %s answers %d", p, kind, path, s)
					continue
				}
				if kind == "links" && !seen[path] && (strings.HasSuffix(path, "/") || strings.HasSuffix(path, ".html")) && !strings.Contains(path, "/offline/") {
					seen[path] = true
					queue = append(queue, path)
				}
			}
		}
	}
	if pages < 40 {
		t.Errorf("crawled only %d pages", pages)
	}
	t.Logf("crawled %d pages, checked %d references under %s", pages, len(checked), prefix)
}

func isMissing(p string, missing []string) bool {
	for _, m := range missing {
		if p == m {
			return true
		}
	}
	return false
}
