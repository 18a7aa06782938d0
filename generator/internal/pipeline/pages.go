package pipeline

import (
	"runtime"
	"strings"
	"sync"

	"mehfooz/generator/internal/diag"
	"mehfooz/generator/internal/markdown"
	"mehfooz/generator/internal/site"
	"mehfooz/generator/internal/translation"
)

// langLinks is the markdown.Links of one language's converter.
type langLinks struct {
	b    *builder
	lang string
}

func (l *langLinks) from(fromRel string) (string, bool) {
	p := l.b.site.Page(l.lang, fromRel)
	if p == nil {
		return "", false
	}
	return p.URL, true
}

// PageURL returns targetRel's URL relative to the page at fromRel.
func (l *langLinks) PageURL(fromRel, targetRel string) (string, bool) {
	from, ok := l.from(fromRel)
	to := l.b.site.Page(l.lang, targetRel)
	if !ok || to == nil {
		return "", false
	}
	return site.RelURL(from, to.URL), true
}

// AssetURL resolves a local image: the file must be in static/.
func (l *langLinks) AssetURL(fromRel, targetRel string) (string, bool) {
	from, ok := l.from(fromRel)
	u, found := l.b.assets[targetRel]
	if !ok || !found {
		return "", false
	}
	return site.Root(from) + u, true
}

// renderPages renders every language's pages, the source language first:
// translations take its heading ids.
func (b *builder) renderPages() diag.List {
	var diags diag.List
	b.results = map[*site.Page]*rendered{}
	b.deferHomes, b.homes = b.in.Search, nil
	for i, l := range b.site.Langs {
		rs, d := b.renderAll(b.site.Lang(l), i > 0)
		diags.Append(d)
		for _, r := range rs {
			b.results[r.page] = r
		}
	}
	return diags
}

// renderAll converts, renders and writes pages in parallel.
func (b *builder) renderAll(pages []*site.Page, translated bool) ([]*rendered, diag.List) {
	workers := runtime.GOMAXPROCS(0)
	jobs := make(chan int)
	res := make([]*rendered, len(pages))
	lists := make([]diag.List, workers)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := range jobs {
				r, d := b.renderPage(pages[i], translated)
				res[i] = r
				lists[w].Append(d)
			}
		}(w)
	}
	for i := range pages {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	var diags diag.List
	for _, l := range lists {
		diags.Append(l)
	}
	out := res[:0]
	for _, r := range res {
		if r != nil {
			out = append(out, r)
		}
	}
	return out, diags
}

func (b *builder) renderPage(p *site.Page, translated bool) (*rendered, diag.List) {
	done := b.results
	f := p.File
	mp := markdown.Page{Path: f.Path, Rel: f.Rel, Lang: f.Lang, Source: f.Source, BodyOffset: f.BodyOffset, Offsets: f.Offsets}
	conv := b.convs[p.Lang]
	var status translation.Status
	var changed []string
	var diags diag.List
	src := b.site.Page(b.site.Langs[0], p.Rel)
	switch {
	case p.Fallback != nil:
		conv = b.fallbackConvs[p.Lang]
		status = translation.Missing
	case translated && src != nil && done[src] != nil:
		// Translations take the source page's heading ids by position.
		mp.HeadingIDs = done[src].headings
		if mp.HeadingIDs == nil {
			mp.HeadingIDs = []markdown.Heading{}
		}
		var err error
		status, changed, err = translation.Check(f.Meta.TranslatedFrom, sectionsOf(done[src].sections))
		pos := f.Meta.Pos.Value("translated_from")
		switch {
		case err != nil:
			diags.Add(diag.Errorf(pos, "translated-from", "translated_from: %v", err).
				WithHint("run mehfooz translate-status --stamp %s once the translation matches the source page", f.Path))
		case status == translation.Outdated:
			diags.Add(diag.Warnf(pos, "outdated-translation", "the %s page changed since this was translated, in: %s",
				b.site.Langs[0], anchorList(changed)).
				WithHint("update those sections from %s, then run mehfooz translate-status --stamp %s", src.File.Path, f.Path))
		}
	}
	res := conv.Convert(mp)
	diags.Append(res.Diags)
	if e := checkScript(b.cfg.Language(p.Lang), p, res.Sections); e != nil {
		diags.Add(e)
	}
	d := b.pageData(p, res, "")
	b.banner(d, p, src, res, status, changed)
	html, err := b.rend.Page(d)
	if err != nil {
		diags.Add(diag.Errorf(diag.Pos{File: f.Path}, "layout", "rendering with layouts/%s.html: %v", p.Kind, err))
		return nil, diags
	}
	r := &rendered{page: p, headings: res.Headings, links: res.Links, sections: res.Sections,
		status: status, changed: changed}
	if b.keepBody[p] {
		r.body = res.HTML // a workshop's print page includes it
	}
	if p.Kind == "guide" && p.Fallback == nil && b.codes != nil {
		diags.Append(b.writePrintPage(p, res.HTML, res.Headings))
	}
	if p.Kind == site.KindList && len(p.Children) > listPageSize {
		diags.Append(b.writeListPages(p, res))
	}
	if p.Kind == site.KindHome && b.deferHomes {
		// The home's search form names the index files, which exist only
		// once the search index is written: write it after it.
		b.homesMu.Lock()
		b.homes = append(b.homes, &pendingHome{r: r, d: d})
		b.homesMu.Unlock()
		return r, diags
	}
	written, err := b.out.Write(p.URL+"index.html", html)
	if err != nil {
		diags.Add(diag.Errorf(diag.Pos{File: f.Path}, "output", "%v", err))
		return nil, diags
	}
	r.size = len(written)
	return r, diags
}

// translations lists how every translation stands, by language then path.
func (b *builder) translations() []TranslationState {
	var out []TranslationState
	for _, p := range b.site.Pages {
		if p.Lang == b.site.Langs[0] {
			continue
		}
		r := b.results[p]
		if r == nil {
			continue
		}
		path := p.File.Path
		if p.Fallback != nil {
			path = strings.TrimSuffix(b.in.ContentPrefix, "/") + "/" + p.Lang + "/" + p.Rel
		}
		out = append(out, TranslationState{Lang: p.Lang, Rel: p.Rel, Path: path, Status: r.status, Changed: r.changed})
	}
	return out
}

func sectionsOf(ss []markdown.Section) []translation.Section {
	out := make([]translation.Section, len(ss))
	for i, s := range ss {
		out[i] = translation.Section{Anchor: s.Anchor, Heading: s.Heading, Text: s.Text}
	}
	return out
}

func anchorList(anchors []string) string {
	parts := make([]string, len(anchors))
	for i, a := range anchors {
		if a == "" {
			parts[i] = "the introduction"
		} else {
			parts[i] = "#" + a
		}
	}
	return strings.Join(parts, ", ")
}
