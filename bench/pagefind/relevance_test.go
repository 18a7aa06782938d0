//go:build pagefind

package pagefind

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/goccy/go-yaml"
)

// ---------------------------------------------------------------------------
// The relevance suite: every query of search/testdata/queries.yaml for
// this language, top 3 of each engine: Mehfooz's through its module in the
// page (window.mehfoozSearch), Pagefind's through its API.

type yamlQuery struct {
	Lang, Kind, Q string
	Want          []string
}

func relevanceSuite(t *testing.T, tb *tab, engine, bundle, lang string) *relevance {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "search", "testdata", "queries.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var all []yamlQuery
	if err := yaml.Unmarshal(b, &all); err != nil {
		t.Fatal(err)
	}
	var qs []yamlQuery
	var texts []string
	for _, q := range all {
		if q.Lang == lang {
			qs = append(qs, q)
			texts = append(texts, q.Q)
		}
	}
	tj, _ := json.Marshal(texts)
	var expr string
	if bundle == "" {
		expr = fmt.Sprintf(`JSON.stringify(%s.map(q => JSON.parse(mehfoozSearch.query(%q, q, 3)).map(r => "/" + %q + "/" + r.url)))`, tj, lang, lang)
	} else {
		expr = fmt.Sprintf(`(async (qs) => {
			const out = [];
			for (const q of qs) {
				const r = await window.__pf.search(q);
				const d = r ? await Promise.all(r.results.slice(0, 3).map(x => x.data())) : [];
				out.push(d.map(x => x.url));
			}
			return JSON.stringify(out);
		})(%s)`, tj)
	}
	tb.take()
	raw, err := eval[string](tb, 5*time.Minute, expr)
	if err != nil {
		t.Fatalf("%s relevance (%s): %v", engine, lang, err)
	}
	var got [][]string
	if err := json.Unmarshal([]byte(raw), &got); err != nil || len(got) != len(qs) {
		t.Fatalf("%s relevance (%s): %v, %d answers for %d queries", engine, lang, err, len(got), len(qs))
	}
	rel := &relevance{Engine: engine, Lang: lang, Total: len(qs), ByKind: map[string][3]int{}}
	_, rel.Problems, _ = tb.take()
	for i, q := range qs {
		k := rel.ByKind[q.Kind]
		k[0]++
		var tops []string
		in1, in3 := false, false
		for j, u := range got[i] {
			u = relURL(u, lang)
			tops = append(tops, u)
			if slices.Contains(q.Want, u) {
				in1 = in1 || j == 0
				in3 = true
			}
		}
		if in1 {
			rel.Top1++
			k[1]++
		}
		if in3 {
			rel.Top3++
			k[2]++
		} else {
			rel.Misses = append(rel.Misses, fmt.Sprintf("%s %q → %v", q.Kind, q.Q, tops))
		}
		rel.ByKind[q.Kind] = k
	}
	t.Logf("%s %s relevance: top-1 %d/%d, top-3 %d/%d", engine, lang, rel.Top1, rel.Total, rel.Top3, rel.Total)
	return rel
}

// checkSiteCSP loads Pagefind from a same-origin module script on a page
// with the site's own CSP, and reports whether it searched.
func checkSiteCSP(t *testing.T, s *server, lang string) cspCheck {
	t.Helper()
	tb, stop := newTab(t, s.origin, s.origin+"/pagefind-bench/csp-"+lang+".html")
	defer stop()
	c := cspCheck{Lang: lang, Outcome: waitTitle(tb, 30*time.Second)}
	if c.Outcome == "" {
		c.Outcome = "error: no answer in 30 s"
	}
	time.Sleep(300 * time.Millisecond)
	_, c.Problems, _ = tb.take()
	t.Logf("Pagefind under the site's CSP (%s): %s %v", lang, c.Outcome, c.Problems)
	return c
}

// checkOffline opens each engine from file:// on the copy, as from a USB
// stick: Mehfooz's search page with a query typed, Pagefind's JS API from a
// page beside its bundle.
func checkOffline(t *testing.T, site string) []offlineCheck {
	t.Helper()
	fileURL := func(p string) string {
		abs, _ := filepath.Abs(p)
		return "file://" + filepath.ToSlash(abs)
	}
	var out []offlineCheck

	tb, stop := newTab(t, "file://", fileURL(filepath.Join(site, "en", "search", "index.html")))
	c := offlineCheck{Engine: "mehfooz"}
	ctx, cancel := context.WithTimeout(tb.ctx, 20*time.Second)
	err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("#q"), "blackmail"))
	cancel()
	if err != nil {
		c.Outcome = "error typing: " + err.Error()
	}
	deadline := time.Now().Add(30 * time.Second)
	for c.Outcome == "" && time.Now().Before(deadline) {
		href, _ := eval[string](tb, 5*time.Second, `(document.querySelector("form.search ol.search-results li a") || {href: ""}).href`)
		if href != "" {
			time.Sleep(300 * time.Millisecond)
			href, _ = eval[string](tb, 5*time.Second, `(document.querySelector("form.search ol.search-results li a") || {href: ""}).href`)
			c.Outcome = "ok: first result " + strings.TrimPrefix(href, fileURL(site))
		}
		time.Sleep(50 * time.Millisecond)
	}
	if c.Outcome == "" {
		status, _ := eval[string](tb, 5*time.Second, `document.querySelector(".search-status").textContent`)
		c.Outcome = "no results in 30 s; status: " + status
	}
	_, c.Problems, _ = tb.take()
	stop()
	out = append(out, c)

	tb, stop = newTab(t, "file://", fileURL(filepath.Join(site, "pagefind-bench", "file.html")))
	c = offlineCheck{Engine: "pagefind", Outcome: waitTitle(tb, 15*time.Second)}
	if c.Outcome == "" {
		c.Outcome = "did not run in 15 s"
	}
	_, c.Problems, _ = tb.take()
	stop()
	out = append(out, c)
	for _, c := range out {
		t.Logf("from file://, %s: %s %v", c.Engine, c.Outcome, c.Problems)
	}
	return out
}
