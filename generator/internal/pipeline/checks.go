package pipeline

import (
	"path"
	"slices"
	"sort"
	"strings"
	"time"

	"mehfooz/generator/internal/content"
	"mehfooz/generator/internal/diag"
	"mehfooz/generator/internal/output"
	"mehfooz/generator/internal/site"
	"mehfooz/generator/internal/translation"
)

// The checks here need every page at once, so they run after rendering.

// CheckErrors are rules that only warn during a build (a translator's slip
// must not take the site down for readers) but fail `mehfooz check`, the
// gate volunteers and CI run before publishing.
var CheckErrors = []string{"heading-mismatch", "script-share", "prose-fact"}

// checkAnchors checks every internal link's #anchor against the headings of
// its target, after all pages are converted (as Zola does).
func checkAnchors(s *site.Site, results map[*site.Page]*rendered) diag.List {
	var diags diag.List
	ids := map[*site.Page]map[string]bool{}
	for p, r := range results {
		m := map[string]bool{"sources": true}
		for _, h := range r.headings {
			m[h.ID] = true
		}
		ids[p] = m
	}
	for _, p := range s.Pages {
		r := results[p]
		if r == nil {
			continue
		}
		for _, l := range r.links {
			if l.Anchor == "" {
				continue
			}
			q := s.Page(p.Lang, l.Target)
			if q == nil || ids[q] == nil {
				continue
			}
			if !ids[q][l.Anchor] {
				known := make([]string, 0, len(ids[q]))
				for id := range ids[q] {
					known = append(known, id)
				}
				sort.Strings(known)
				e := diag.Errorf(l.Pos, "broken-anchor", "link to %s#%s: that page has no heading with id %q", l.Target, l.Anchor, l.Anchor)
				if sug := diag.Suggest(l.Anchor, known); sug != "" {
					e.WithHint("did you mean #%s?", sug)
				} else if len(known) > 0 {
					e.WithHint("its headings are: #%s", strings.Join(known, ", #"))
				}
				diags.Add(e)
			}
		}
	}
	return diags
}

// checkAges reports facts and pages whose verification has grown old.
func (b *builder) checkAges(now time.Time) diag.List {
	var diags diag.List
	bud := b.cfg.Budgets
	if b.facts != nil && bud.FactMaxAgeDays > 0 {
		limit := now.AddDate(0, 0, -bud.FactMaxAgeDays)
		for _, f := range b.facts.Entries() {
			if t := f.VerifiedOn.Time; !t.IsZero() && t.Before(limit) {
				diags.Add(diag.Warnf(f.Pos, "stale-fact", "fact %q was last verified on %s, more than %d days ago",
					f.Key, t.Format("2006-01-02"), bud.FactMaxAgeDays).
					WithHint("check it against its source (%s), then update verified_on", f.Source))
			}
		}
	}
	if bud.ReviewMaxAgeDays > 0 {
		limit := now.AddDate(0, 0, -bud.ReviewMaxAgeDays)
		for _, p := range b.site.Pages {
			if p.Fallback != nil {
				continue
			}
			if t := p.File.Meta.Reviewed.Time; !t.IsZero() && t.Before(limit) {
				diags.Add(diag.Warnf(p.File.Meta.Pos.Value("reviewed"), "stale-review",
					"page last reviewed on %s, more than %d days ago", t.Format("2006-01-02"), bud.ReviewMaxAgeDays).
					WithHint("read it again against the facts and the platforms as they are today, then update reviewed"))
			}
		}
	}
	return diags
}

// checkWeakFacts reports facts a reader relies on in an emergency or with
// money that only one source supports: a wrong number there costs the
// most. The reader still sees the fact, with its "(one source)" marker.
func (b *builder) checkWeakFacts() diag.List {
	var diags diag.List
	for _, f := range b.facts.Entries() {
		if f.Level != content.Reported {
			continue
		}
		for _, u := range f.Use {
			what := map[content.Use]string{content.Emergency: "in an emergency", content.Money: "about money"}[u]
			diags.Add(diag.Warnf(f.Pos, "weak-fact", "fact %q is relied on %s but only one source supports it (level: reported)", f.Key, what).
				WithHint("read an official source or a second independent one and raise the level, or stop offering it for %s", u))
		}
	}
	return diags
}

// checkReach reports pages that no reader can get to, and decision-tree
// pages that leave the reader with nowhere to go.
func (b *builder) checkReach() diag.List {
	var diags diag.List
	out := map[*site.Page][]*site.Page{}
	for _, p := range b.site.Pages {
		r := b.results[p]
		if r == nil {
			continue
		}
		for _, l := range r.links {
			if q := b.site.Page(p.Lang, l.Target); q != nil && q != p {
				out[p] = append(out[p], q)
			}
		}
		if p.Kind == site.KindList { // the layouts that list their children
			out[p] = append(out[p], p.Children...)
		}
		for _, g := range p.File.Meta.Guides {
			if q, ok := b.site.Resolve(p, g); ok {
				out[p] = append(out[p], q)
			}
		}
	}
	for _, l := range b.site.Langs {
		seen := map[*site.Page]bool{}
		var queue []*site.Page
		// From the pages the layouts link from every page (site.yaml's
		// sections.nav).
		for _, rel := range b.cfg.Sections.Nav {
			if p := b.site.Page(l, rel); p != nil && !seen[p] {
				seen[p] = true
				queue = append(queue, p)
			}
		}
		for len(queue) > 0 {
			p := queue[0]
			queue = queue[1:]
			for _, q := range out[p] {
				if !seen[q] {
					seen[q] = true
					queue = append(queue, q)
				}
			}
		}
		for _, p := range b.site.Lang(l) {
			if !seen[p] && p.Fallback == nil && b.results[p] != nil {
				diags.Add(diag.Warnf(diag.Pos{File: p.File.Path, Line: 1, Col: 1}, "orphan-page",
					"no page links to /%s, so readers cannot find it except by search", p.URL).
					WithHint("link it from its section's page or from a related guide"))
			}
		}
	}
	diags.Append(b.checkTree(out))
	return diags
}

// checkTree: every question of the decision tree (site.yaml's
// sections.tree) must lead somewhere, and every end must lead to help
// outside the tree (sections.help).
func (b *builder) checkTree(out map[*site.Page][]*site.Page) diag.List {
	var diags diag.List
	tree := b.cfg.Sections.Tree
	if tree == "" { // a config not loaded from site.yaml
		return nil
	}
	for _, p := range b.site.Pages {
		if p.Section != tree || p.Fallback != nil || b.results[p] == nil {
			continue
		}
		forward, help := 0, 0
		for _, q := range out[p] {
			switch {
			case q.Section == tree && !(q.IsIndex && q.Key == tree):
				forward++
			case q.Section != tree:
				help++
			}
		}
		pos := diag.Pos{File: p.File.Path, Line: 1, Col: 1}
		switch {
		case forward == 0 && help == 0:
			diags.Add(diag.Errorf(pos, "tree-dead-end", "decision-tree page /%s links nowhere", p.URL).
				WithHint("add answers that link to the next questions, or the guides, complaint steps and helplines that fit"))
		case forward == 0 && !slices.ContainsFunc(out[p], func(q *site.Page) bool { return b.cfg.Sections.IsHelp(q.Section) }):
			diags.Add(diag.Errorf(pos, "tree-dead-end", "decision-tree end /%s does not lead to a guide, complaint route, platform page or helpline", p.URL).
				WithHint("every end of the tree must say what to do next"))
		}
	}
	return diags
}

// checkWeights enforces the page-weight budget: each HTML page plus the
// stylesheet, brotli-compressed, must fit in budget. It needs a sink that
// weighs (the build's, and check's). Brotli never grows a page by more
// than a few bytes, so only pages whose minified size could break the
// budget are weighed; of those, a page that fits even at gzip's fastest
// level fits with brotli too and is not brotli-compressed. The five
// heaviest always are, for the report; rep.Heavy stays in order of
// minified size.
func (b *builder) checkWeights(rep *Report) diag.List {
	var diags diag.List
	sz, ok := b.out.(output.Weigher)
	if !ok {
		return nil
	}
	css, _ := sz.BrotliSize(b.assets["css/site.css"])
	limit := b.cfg.Budgets.PageKB * 1024
	const growth = 64 // the most brotli adds to incompressible bytes, with room
	var todo []int
	for i, h := range rep.Heavy {
		if i < 5 || (limit > 0 && h.HTML+growth+css > limit) {
			todo = append(todo, i)
		}
	}
	parallel(len(todo), func(j int) {
		i := todo[j]
		name := rep.Heavy[i].URL + "index.html"
		if i >= 5 {
			if gz, ok := sz.GzipFastSize(name); ok && gz+css <= limit {
				return
			}
		}
		if br, ok := sz.BrotliSize(name); ok {
			rep.Heavy[i].Brotli = br + css
		}
	})
	for _, i := range todo {
		h := rep.Heavy[i]
		if limit > 0 && h.Brotli > limit {
			p := b.pageAt(h.URL)
			file := "public/" + h.URL + "index.html"
			if p != nil {
				file = p.File.Path
			}
			diags.Add(diag.Errorf(diag.Pos{File: file, Line: 1, Col: 1}, "page-weight",
				"/%s weighs %.1f KB with its stylesheet (brotli), over the %d KB budget", h.URL, float64(h.Brotli)/1024, b.cfg.Budgets.PageKB).
				WithHint("split the page, or shorten it; readers pay for every KB on prepaid data"))
		}
	}
	return diags
}

func (b *builder) pageAt(url string) *site.Page {
	for _, p := range b.site.Pages {
		if p.URL == url {
			return p
		}
	}
	return nil
}

// missingTranslations reports the pages a language has no translation of:
// each page while they are few, one summary per language when a language is
// being added, so the list of work does not bury everything else.
func missingTranslations(states []TranslationState, langs []string, contentPrefix string, sourcePath func(rel string) string) diag.List {
	const fewest = 4 // more missing pages than this make one summary
	var diags diag.List
	byLang := map[string][]TranslationState{}
	for _, t := range states {
		if t.Status == translation.Missing {
			byLang[t.Lang] = append(byLang[t.Lang], t)
		}
	}
	for _, lang := range langs[1:] {
		missing := byLang[lang]
		if len(missing) > fewest {
			names := make([]string, 0, 5)
			for _, t := range missing[:5] {
				names = append(names, t.Rel)
			}
			diags.Add(diag.Warnf(diag.Pos{File: path.Join(contentPrefix, lang)}, "missing-translation",
				"%d of %d pages have no %s translation yet, so the %s site shows them in %s with a notice: %s and %d more",
				len(missing), countLang(states, lang), lang, lang, langs[0], strings.Join(names, ", "), len(missing)-5).
				WithHint("mehfooz translate-status --lang %s lists them; mehfooz translate export --lang %s makes PO files for translators", lang, lang))
			continue
		}
		for _, t := range missing {
			diags.Add(diag.Warnf(diag.Pos{File: sourcePath(t.Rel), Line: 1, Col: 1}, "missing-translation",
				"no %s translation: %s does not exist, so the %s site shows this page in %s with a notice",
				t.Lang, t.Path, t.Lang, langs[0]).
				WithHint("translate it into %s, then run mehfooz translate-status --stamp %s", t.Path, t.Path))
		}
	}
	return diags
}

func countLang(states []TranslationState, lang string) int {
	n := 0
	for _, t := range states {
		if t.Lang == lang {
			n++
		}
	}
	return n
}
