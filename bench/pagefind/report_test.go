//go:build pagefind

package pagefind

import (
	"fmt"
	"path"
	"slices"
	"sort"
	"strings"
)

// ---------------------------------------------------------------------------
// Markdown

func kb(n int64) string { return fmt.Sprintf("%.1f KB", float64(n)/1000) }

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	sort.Float64s(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func num(v any) int64 {
	switch x := v.(type) {
	case int64:
		return x
	case int:
		return int64(x)
	case float64:
		return int64(x)
	}
	return 0
}

func sub(m map[string]any, k string) map[string]any {
	v, _ := m[k].(map[string]any)
	return v
}

var engineTitle = map[string]string{
	"mehfooz":          "Mehfooz",
	"pagefind":         "Pagefind (whole site)",
	"pagefind-content": "Pagefind (content pages only)",
}

func tables(res results) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Mehfooz %s · %s · Pagefind %s · %d cold runs per profile, engine and language; times are medians of the runs\n\n", res.Tree, res.Chromium, res.Pagefind, res.Runs)

	// per-query figures across runs
	stat := func(prof, engine string, i int, f func(queryRun) float64) float64 {
		var xs []float64
		for _, run := range res.Queries[prof+"/"+engine] {
			if i < len(run) {
				xs = append(xs, f(run[i]))
			}
		}
		return median(xs)
	}
	wire := func(engine string, i int) string {
		lo, hi := int64(-1), int64(-1)
		for _, p := range profiles {
			for _, run := range res.Queries[p.name+"/"+engine] {
				if i < len(run) {
					w := run[i].Wire
					if lo < 0 || w < lo {
						lo = w
					}
					if w > hi {
						hi = w
					}
				}
			}
		}
		if hi-lo < 200 { // a header's worth: the same bytes
			return kb(hi)
		}
		return kb(lo) + "–" + kb(hi)
	}
	firstMs := func(r queryRun) float64 { return r.FirstMs }
	nEn := len(tableQueries["en"])
	firsts := []int{0, nEn}

	// Summary
	b.WriteString("### Side by side\n\n")
	b.WriteString("| | Mehfooz | Pagefind (whole site) | Pagefind (content pages only) |\n|---|---|---|---|\n")
	row := func(label string, f func(engine string) string) {
		fmt.Fprintf(&b, "| %s |", label)
		for _, e := range engines {
			fmt.Fprintf(&b, " %s |", f(e.name))
		}
		b.WriteString("\n")
	}
	for _, lang := range langs {
		row("index "+lang+": pages / raw / as sent", func(e string) string {
			m := sub(sub(res.Sizes, e), "index_"+lang)
			if e == "mehfooz" {
				return fmt.Sprintf("%d pages (%d sections) / %s / %s brotli", num(m["pages"]), num(m["sections"]), kb(num(m["raw"])), kb(num(m["brotli"])))
			}
			return fmt.Sprintf("%d pages / %s / %s gzip in %d files (%s if each were brotli)", num(m["pages"]), kb(num(m["raw"])), kb(num(m["gzip"])), num(m["files"]), kb(num(m["brotli_each_file"])))
		})
	}
	row("engine code as sent", func(e string) string {
		if e == "mehfooz" {
			m := sub(res.Sizes, e)
			return fmt.Sprintf("search.wasm %s br + wasm_exec.js %s + search.js %s", kb(num(sub(m, "module")["brotli"])), kb(num(sub(m, "wasm_exec")["brotli"])), kb(num(sub(m, "search_js")["brotli"])))
		}
		m := sub(res.Sizes, e)
		return fmt.Sprintf("pagefind.js %s br + worker %s br + wasm %s (en) / %s (ur) gzip", kb(num(sub(m, "pagefind.js")["brotli"])), kb(num(sub(m, "pagefind-worker.js")["brotli"])),
			kb(num(sub(m, "index_en")["wasm_gzip"])), kb(num(sub(m, "index_ur")["wasm_gzip"])))
	})
	for _, i := range firsts {
		lang := langs[i/nEn]
		row(fmt.Sprintf("first query (%s, %q), bytes", lang, tableQueries[lang][0].Q), func(e string) string { return wire(e, i) })
	}
	for _, i := range firsts {
		lang := langs[i/nEn]
		var parts []string
		for j := 1; j <= 3; j++ {
			parts = append(parts, fmt.Sprintf("%q", tableQueries[lang][j].Q))
		}
		row(fmt.Sprintf("each of the next 3 queries (%s: %s), bytes", lang, strings.Join(parts, ", ")), func(e string) string {
			var ws []string
			for j := 1; j <= 3; j++ {
				ws = append(ws, wire(e, i+j))
			}
			return strings.Join(ws, " · ")
		})
	}
	for _, p := range profiles {
		for _, i := range firsts {
			lang := langs[i/nEn]
			row(fmt.Sprintf("first query (%s) → first result, ms, %s", lang, p.name), func(e string) string {
				return fmt.Sprintf("%.0f", stat(p.name, e, i, firstMs))
			})
		}
		row(fmt.Sprintf("later queries → first result, ms, %s (median of the 10)", p.name), func(e string) string {
			var xs []float64
			for _, i := range firsts {
				for j := 1; j < nEn; j++ {
					xs = append(xs, stat(p.name, e, i+j, firstMs))
				}
			}
			return fmt.Sprintf("%.0f", median(xs))
		})
	}
	row("first result right, of the 12 table queries (right page in top 3)", func(e string) string {
		run := res.Queries["local/"+e]
		if len(run) == 0 {
			return "?"
		}
		right, in3 := 0, 0
		for _, r := range run[0] {
			if r.Right {
				right++
			}
			if r.RightIn3 {
				in3++
			}
		}
		return fmt.Sprintf("%d (%d)", right, in3)
	})
	for _, lang := range langs {
		row("queries.yaml, "+lang+": right page first / in top 3", func(e string) string {
			for _, r := range res.Relevance {
				if r.Engine == e && r.Lang == lang {
					return fmt.Sprintf("%d/%d (%.0f%%) / %d/%d (%.0f%%)", r.Top1, r.Total, pct(r.Top1, r.Total), r.Top3, r.Total, pct(r.Top3, r.Total))
				}
			}
			return "?"
		})
	}

	// Per query
	b.WriteString("\n### Per query, in the order they ran on one page, cold browser\n\n")
	b.WriteString("bytes: written by the server for the query (headers and bodies, compressed as sent). ms: Mehfooz, first keystroke in #q → first result in the list (includes search.js's 100 ms debounce; loading starts on focus, just before the first key); Pagefind, call of its JS API → the first result's `data()` (no UI, no debounce). engine ms: Mehfooz, one `mehfoozSearch.query` call when loaded; Pagefind, search + `data()` of the first 5, local.\n\n")
	b.WriteString("| lang | query | kind | engine | bytes | ms local | ms slow-4g | engine ms | first result (results) | right |\n|---|---|---|---|---|---|---|---|---|---|\n")
	runs0 := map[string][]queryRun{}
	for _, e := range engines {
		if r := res.Queries["local/"+e.name]; len(r) > 0 {
			runs0[e.name] = r[0]
		}
	}
	for i := range runs0["mehfooz"] {
		for _, e := range engines {
			r := runs0[e.name][i]
			q := r.Q
			if i == 0 || i == nEn {
				q = "**" + q + "** (first)"
			}
			ok := "**no**"
			if r.Right {
				ok = "yes"
			} else if r.RightIn3 {
				ok = "in top 3"
			}
			fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %.0f | %.0f | %.1f | %s (%d) | %s |\n", r.Lang, q, r.Kind, engineTitle[e.name], wire(e.name, i),
				stat("local", e.name, i, firstMs), stat("slow-4g", e.name, i, firstMs), stat("local", e.name, i, func(r queryRun) float64 { return r.EngineMs }),
				first(r.Top), r.Count, ok)
		}
	}

	b.WriteString("\nWhat each first query fetched (local, first run):\n\n")
	for _, e := range engines {
		for _, i := range firsts {
			r := runs0[e.name][i]
			var parts []string
			for _, f := range r.Fetches {
				enc := ""
				if f.Encoding != "" {
					enc = " " + f.Encoding
				}
				parts = append(parts, fmt.Sprintf("%s %s%s", path.Base(f.Path), kb(f.Body), enc))
			}
			fmt.Fprintf(&b, "- %s, %s %q: %s on the wire (CDP encodedDataLength seen by the page target: %s): %s\n",
				engineTitle[e.name], r.Lang, r.Q, kb(r.Wire), kb(r.CDPEncoded), strings.Join(parts, ", "))
		}
	}
	b.WriteString("\nMehfooz, first query, focus (when loading starts) → first result, ms: ")
	for _, p := range profiles {
		for _, i := range firsts {
			fmt.Fprintf(&b, "%s %s %.0f; ", p.name, langs[i/nEn], stat(p.name, "mehfooz", i, func(r queryRun) float64 { return r.FocusMs }))
		}
	}
	b.WriteString("\n\nPagefind (whole site), first query, API call → data of the first 5 results, ms: ")
	for _, p := range profiles {
		for _, i := range firsts {
			fmt.Fprintf(&b, "%s %s %.0f; ", p.name, langs[i/nEn], stat(p.name, "pagefind", i, func(r queryRun) float64 { return r.EngineMs }))
		}
	}
	b.WriteString("\n")

	// Relevance
	b.WriteString("\n### search/testdata/queries.yaml: a right page first / in the top 3\n\n")
	b.WriteString("| engine | lang | queries | first | top 3 | top 3 by kind |\n|---|---|---|---|---|---|\n")
	for _, r := range res.Relevance {
		var kinds []string
		for k := range r.ByKind {
			kinds = append(kinds, k)
		}
		sort.Strings(kinds)
		var parts []string
		for _, k := range kinds {
			v := r.ByKind[k]
			parts = append(parts, fmt.Sprintf("%s %d/%d", k, v[2], v[0]))
		}
		fmt.Fprintf(&b, "| %s | %s | %d | %d (%.0f%%) | %d (%.0f%%) | %s |\n", engineTitle[r.Engine], r.Lang, r.Total,
			r.Top1, pct(r.Top1, r.Total), r.Top3, pct(r.Top3, r.Total), strings.Join(parts, ", "))
	}

	b.WriteString("\n### Pagefind under the site's own CSP (module script, same origin)\n\n")
	for _, c := range res.SiteCSP {
		fmt.Fprintf(&b, "- %s: %s", c.Lang, c.Outcome)
		if len(c.Problems) > 0 {
			fmt.Fprintf(&b, "; console: %s", strings.Join(c.Problems, " | "))
		}
		b.WriteString("\n")
	}
	b.WriteString("\n### From file:// (a copy opened from a USB stick)\n\n")
	for _, c := range res.Offline {
		fmt.Fprintf(&b, "- %s: %s", engineTitle[c.Engine], c.Outcome)
		if len(c.Problems) > 0 {
			fmt.Fprintf(&b, "; console: %s", strings.Join(c.Problems, " | "))
		}
		b.WriteString("\n")
	}
	var probs []string
	for key, runs := range res.Queries {
		for _, run := range runs {
			for _, r := range run {
				for _, p := range r.Problems {
					probs = append(probs, fmt.Sprintf("%s %s %q: %s", key, r.Lang, r.Q, p))
				}
				for _, f := range r.Foreign {
					probs = append(probs, fmt.Sprintf("%s %s %q: request off the test server: %s", key, r.Lang, r.Q, f))
				}
			}
		}
	}
	sort.Strings(probs)
	probs = slices.Compact(probs)
	b.WriteString("\n### Console errors, warnings and off-server requests during the queries\n\n")
	if len(probs) == 0 {
		b.WriteString("None.\n")
	}
	for _, p := range probs {
		fmt.Fprintf(&b, "- %s\n", p)
	}
	return b.String()
}

func pct(a, n int) float64 {
	if n == 0 {
		return 0
	}
	return 100 * float64(a) / float64(n)
}
