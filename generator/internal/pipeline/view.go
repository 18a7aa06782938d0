package pipeline

import (
	"fmt"
	"html/template"
	"path"
	"sort"
	"strings"

	"mehfooz/generator/internal/config"
	"mehfooz/generator/internal/markdown"
	"mehfooz/generator/internal/render"
	"mehfooz/generator/internal/site"
	"mehfooz/generator/internal/translation"
)

// pageData fills the layout's data for p's rendered text res. suffix puts
// the page below p's address ("print/" for a handout), and every relative
// URL is computed from there.
func (b *builder) pageData(p *site.Page, res markdown.Result, suffix string) *render.PageData {
	at := p.URL + suffix
	cfg := b.cfg
	lang := cfg.Language(p.Lang)
	meta := p.File.Meta
	root := site.Root(at)
	d := &render.PageData{
		Draft:         meta.Draft,
		Lang:          p.Lang,
		Dir:           lang.Direction,
		Kind:          p.Kind,
		Title:         meta.Title,
		Description:   meta.Description,
		SiteTitle:     cfg.Title[p.Lang],
		Content:       template.HTML(res.HTML),
		CSP:           render.CSP,
		QuickExit:     cfg.QuickExit,
		Home:          site.RelURL(at, p.Lang+"/"),
		SearchURL:     site.RelURL(at, p.Lang+"/search/"),
		Checks:        len(res.Checks) > 0,
		IsSectionRoot: p.IsIndex,
		Duration:      meta.Duration,
		Audience:      meta.Audience,
		Reviewed:      b.rend.Date(p.Lang, meta.Reviewed.Time),
		Assets:        b.assetURLs(root),
	}
	if t := b.facts.OldestVerified(res.Facts); !t.IsZero() {
		d.FactsChecked = b.rend.Date(p.Lang, t)
	}
	if !meta.Reviewed.Time.IsZero() {
		d.ReviewedISO = meta.Reviewed.Time.Format("2006-01-02")
	}
	if p.Kind == site.KindHome {
		d.Title = cfg.Title[p.Lang]
		if meta.Title != "" {
			d.Title = meta.Title
		}
		d.SearchAttrs = b.searchAttrs(p.Lang, root)
	}
	d.Links = func(rel string) (string, bool) {
		q := b.site.Page(p.Lang, rel)
		if q == nil {
			return "", false
		}
		return site.RelURL(at, q.URL), true
	}
	if cfg.BaseURL != "" {
		d.Canonical = cfg.BaseURL + at
		if p.Fallback != nil {
			d.Canonical = cfg.BaseURL + p.Fallback.URL
		}
	}
	d.Alternates = b.alternates(p, suffix)
	if p.Kind == "offline" && b.in.Offline {
		d.Downloads = b.downloads(p.Lang, at)
	}
	if p.Kind == "letter" && b.letters != nil {
		d.Letter = b.letters.For(p.Lang)
	}
	if suffix == "" && p.Fallback == nil && (p.Kind == "guide" || p.Kind == "workshop") {
		d.PrintURL = site.PrintFile
	}
	for q := p.Parent; q != nil; q = q.Parent {
		d.Breadcrumbs = append([]render.Item{{Title: q.Title(), URL: site.RelURL(at, q.URL)}}, d.Breadcrumbs...)
	}
	children := p.Children
	if p.Kind == site.KindList && len(children) > listPageSize {
		// Long lists are split into pages that each fit the weight budget.
		k, n := pageNumber(suffix), listPages(p)
		children = children[(k-1)*listPageSize : min(k*listPageSize, len(children))]
		pg := &render.Pager{Current: k, Total: n}
		if k > 1 {
			pg.Prev = site.RelURL(at, p.URL+pageSuffix(k-1))
		}
		if k < n {
			pg.Next = site.RelURL(at, p.URL+pageSuffix(k+1))
		}
		d.Pager = pg
	}
	for _, c := range children {
		d.Children = append(d.Children, render.Item{Title: c.Title(), Description: c.File.Meta.Description, URL: site.RelURL(at, c.URL)})
	}
	for _, h := range res.Headings {
		if h.Level == 2 {
			d.TOC = append(d.TOC, render.Item{Title: h.Text, ID: h.ID})
		}
	}
	for _, src := range meta.Sources {
		d.Sources = append(d.Sources, render.Source{Title: src.Title, URL: src.URL, Short: markdown.ShortURL(src.URL)})
	}
	for _, g := range meta.Guides {
		if q, ok := b.site.Resolve(p, g); ok {
			d.Guides = append(d.Guides, render.Item{Title: q.Title(), Description: q.File.Meta.Description, URL: site.RelURL(at, q.URL)})
		}
	}
	return d
}

// banner tells the reader when a page is not (or no longer) a faithful
// translation, in the reader's language, with a link to the source.
func (b *builder) banner(d *render.PageData, p, src *site.Page, res markdown.Result, status translation.Status, changed []string) {
	if src == nil || src == p {
		return
	}
	srcURL := site.RelURL(p.URL, src.URL)
	switch status {
	case translation.Missing:
		srcLang := b.cfg.Language(src.Lang)
		d.ContentLang, d.ContentDir = src.Lang, srcLang.Direction
		d.Banner = &render.Banner{Kind: "fallback", URL: srcURL}
	case translation.Outdated:
		bn := &render.Banner{Kind: "outdated", URL: srcURL}
		for _, a := range changed {
			title := ""
			for _, h := range res.Headings {
				if h.ID == a {
					title = h.Text
				}
			}
			if a == "" {
				title = b.rend.T(p.Lang, "banner_intro")
			}
			if title == "" {
				continue // removed from the source: nothing here to point at
			}
			u := srcURL
			if a != "" {
				u += "#" + a
			}
			bn.Sections = append(bn.Sections, render.Item{Title: title, URL: u, ID: a})
		}
		d.Banner = bn
	}
}

func (b *builder) assetURLs(root string) map[string]string {
	m := make(map[string]string, len(b.assets))
	for k, v := range b.assets {
		m[k] = root + v
	}
	return m
}

// alternates lists every language's version of p: the page itself in its
// own language too, as hreflang wants.
func (b *builder) alternates(p *site.Page, suffix string) []render.Alternate {
	var out []render.Alternate
	for _, l := range b.cfg.Languages {
		if l.Code == p.Lang {
			continue
		}
		target := b.site.Page(l.Code, p.Rel)
		url, stub := l.Code+"/", true
		if target != nil {
			url, stub = target.URL+suffix, target.Fallback != nil
		}
		out = append(out, b.alternate(l, p.URL+suffix, url, stub))
	}
	return out
}

// alternate is the link from the page at from to its version in language
// l at url, with the absolute address hreflang wants when base_url is set.
func (b *builder) alternate(l config.Language, from, url string, stub bool) render.Alternate {
	alt := render.Alternate{Code: l.Code, Name: l.Name, Dir: l.Direction, URL: site.RelURL(from, url), Stub: stub}
	if b.cfg.BaseURL != "" {
		alt.Abs = b.cfg.BaseURL + url
	}
	return alt
}

// downloads lists the offline copies, the page's language first. The
// files are written by the offline stage under these names.
func (b *builder) downloads(lang, at string) []render.Item {
	langs := []config.Language{b.cfg.Language(lang)}
	for _, l := range b.cfg.Languages {
		if l.Code != lang {
			langs = append(langs, l)
		}
	}
	var out []render.Item
	for _, l := range langs {
		out = append(out,
			render.Item{ID: l.Code, Title: b.rend.T(lang, "offline_zip", "lang", l.Name), Description: b.rend.T(lang, "offline_zip_hint"),
				URL: site.RelURL(at, site.OfflineDir) + path.Base(b.site.ZipName(l.Code))},
			render.Item{ID: l.Code, Title: b.rend.T(lang, "offline_pocket", "lang", l.Name), Description: b.rend.T(lang, "offline_pocket_hint"),
				URL: site.RelURL(at, site.OfflineDir) + path.Base(b.site.PocketName(l.Code))})
	}
	return out
}

// searchAttrs tells search.js where the module and indexes are, relative to
// the page.
func (b *builder) searchAttrs(lang, root string) template.HTMLAttr {
	var sb strings.Builder
	other := ""
	for _, l := range b.site.Langs {
		if l != lang && other == "" {
			other = l
		}
	}
	attr := func(k, v string) {
		fmt.Fprintf(&sb, ` %s="%s"`, k, template.HTMLEscapeString(v))
	}
	attr("data-search-lang", lang)
	attr("data-search-other", other)
	attr("data-root", root)
	keys := make([]string, 0, len(b.assets))
	for k := range b.assets {
		if strings.HasPrefix(k, site.SearchDir) {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		attr(site.SearchAttr(k), root+b.assets[k])
	}
	return template.HTMLAttr(strings.TrimSpace(sb.String()))
}

// generatedPage is the data of a page the build makes itself (search,
// translations), at url in lang, with its title and description from the
// UI strings.
func (b *builder) generatedPage(lang, url, kind, titleKey, descKey string) *render.PageData {
	d := &render.PageData{
		Lang: lang, Dir: b.cfg.Language(lang).Direction, Kind: kind,
		Title: b.rend.T(lang, titleKey), Description: b.rend.T(lang, descKey),
		SiteTitle: b.cfg.Title[lang], CSP: render.CSP, QuickExit: b.cfg.QuickExit,
		Home: site.RelURL(url, lang+"/"), SearchURL: site.RelURL(url, lang+"/search/"), Assets: b.assetURLs(site.Root(url)),
	}
	d.Links = func(rel string) (string, bool) {
		q := b.site.Page(lang, rel)
		if q == nil {
			return "", false
		}
		return site.RelURL(url, q.URL), true
	}
	return d
}
