package pipeline

import (
	"sort"
	"strconv"
	"strings"

	"mehfooz/generator/internal/diag"
	"mehfooz/generator/internal/markdown"
	"mehfooz/generator/internal/render"
	"mehfooz/generator/internal/site"
)

// listPageSize is how many children a section page lists at once.
const listPageSize = 50

// listPages is how many pages the section list p is split into.
func listPages(p *site.Page) int {
	return max(1, (len(p.Children)+listPageSize-1)/listPageSize)
}

// pageSuffix is where page k of a long list lives below the list page.
func pageSuffix(k int) string {
	if k <= 1 {
		return ""
	}
	return "page/" + strconv.Itoa(k) + "/"
}

// pageNumber reads k back from a suffix ("" is page 1).
func pageNumber(suffix string) int {
	if k, err := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(suffix, "page/"), "/")); err == nil && k > 1 {
		return k
	}
	return 1
}

// writeListPages writes pages 2… of a long section list.
func (b *builder) writeListPages(p *site.Page, res markdown.Result) diag.List {
	var diags diag.List
	for k := 2; k <= listPages(p); k++ {
		suffix := pageSuffix(k)
		d := b.pageData(p, markdown.Result{Headings: nil}, suffix)
		d.Content = ""
		d.Canonical = ""
		for i := range d.Alternates {
			// The other language's list may have fewer pages: go to its first.
			if t := b.site.Page(d.Alternates[i].Code, p.Rel); t != nil {
				d.Alternates[i].URL = site.RelURL(p.URL+suffix, t.URL)
			}
		}
		if err := b.writeGenerated(d, p.URL+suffix); err != nil {
			diags.Add(diag.Errorf(diag.Pos{File: p.File.Path}, "layout", "rendering page %d of the list: %v", k, err))
		}
	}
	return diags
}

// pendingHome is a home page waiting for the search index's file names.
type pendingHome struct {
	r *rendered
	d *render.PageData
}

// writeHomes writes the home pages held back by renderPage.
func (b *builder) writeHomes() diag.List {
	var diags diag.List
	for _, h := range b.homes {
		p := h.r.page
		h.d.SearchAttrs = b.searchAttrs(p.Lang, site.Root(p.URL))
		html, err := b.rend.Page(h.d)
		if err == nil {
			var written []byte
			written, err = b.out.Write(p.URL+"index.html", html)
			h.r.size = len(written)
		}
		if err != nil {
			diags.Add(diag.Errorf(diag.Pos{File: p.File.Path}, "layout", "rendering with layouts/%s.html: %v", p.Kind, err))
		}
	}
	b.deferHomes, b.homes = false, nil
	return diags
}

// writeExtras writes what is not a content page: the language chooser,
// search pages, the 404 page, aliases, then the host files.
func (b *builder) writeExtras() diag.List {
	var diags diag.List
	fail := func(what string, err error) {
		diags.Add(diag.Errorf(diag.Pos{File: "public/" + what}, "output", "%v", err))
	}
	cfg := b.cfg

	type chooserLang struct {
		Code, Dir, SiteTitle, Tagline, Enter, URL, NotFound, NotFoundText, Exit string
	}
	var langs []chooserLang
	for _, l := range cfg.Languages {
		langs = append(langs, chooserLang{Code: l.Code, Dir: l.Direction, SiteTitle: cfg.Title[l.Code],
			Tagline: b.rend.T(l.Code, "chooser_tagline"), Enter: b.rend.T(l.Code, "chooser_enter"), URL: l.Code + "/",
			NotFound: b.rend.T(l.Code, "not_found"), NotFoundText: b.rend.T(l.Code, "not_found_text"), Exit: b.rend.T(l.Code, "quick_exit")})
	}
	html, err := b.rend.Standalone("chooser", map[string]any{"Lang": b.site.Langs[0], "CSP": render.CSP, "Languages": langs, "CSS": b.assets["css/site.css"], "JS": b.assets["js/site.js"], "QuickExit": cfg.QuickExit})
	if err == nil {
		_, err = b.out.Write("index.html", html)
	}
	if err != nil {
		fail("index.html", err)
	}

	// 404: see notFoundRoot.
	base := notFoundRoot(cfg.BaseURL)
	nf := make([]chooserLang, len(langs))
	copy(nf, langs)
	for i := range nf {
		nf[i].URL = base + nf[i].URL
	}
	html, err = b.rend.Standalone("notfound", map[string]any{"Lang": b.site.Langs[0], "CSP": render.CSP, "Languages": nf, "Root": base, "CSS": base + b.assets["css/site.css"], "JS": base + b.assets["js/site.js"], "QuickExit": cfg.QuickExit})
	if err == nil {
		_, err = b.out.Write("404.html", html)
	}
	if err != nil {
		fail("404.html", err)
	}

	for _, l := range cfg.Languages {
		diags.Append(b.writeSearchPage(l.Code))
	}

	for _, a := range b.site.Aliases {
		target := site.RelURL(a.From, a.Page.URL)
		html, err := b.rend.Standalone("alias", map[string]any{"Lang": a.Page.Lang, "Dir": cfg.Language(a.Page.Lang).Direction,
			"CSP": render.CSP, "Target": target, "Title": a.Page.Title()})
		if err == nil {
			_, err = b.out.Write(a.From+"index.html", html)
		}
		if err != nil {
			diags.Add(diag.Errorf(b.site.PosOf(a.Page, strings.TrimPrefix(strings.TrimSuffix(a.From, "/"), a.Page.Lang+"/")), "alias", "%v", err))
		}
	}

	diags.Append(b.writeHostFiles())
	return diags
}

func (b *builder) writeSearchPage(lang string) diag.List {
	var diags diag.List
	url := lang + "/search/"
	d := b.generatedPage(lang, url, "search", "search_title", "search_description")
	d.SearchAttrs = b.searchAttrs(lang, site.Root(url))
	for _, l := range b.cfg.Languages {
		if l.Code != lang {
			d.Alternates = append(d.Alternates, b.alternate(l, url, l.Code+"/search/", false))
		}
	}
	if b.cfg.BaseURL != "" {
		d.Canonical = b.cfg.BaseURL + url
	}
	// The no-JavaScript topic index: every page, grouped by kind, in the
	// order the kinds appear in the site.
	groups := map[string]*render.Group{}
	var order []string
	for _, p := range b.site.Lang(lang) {
		k := p.Kind
		if k == site.KindList || k == site.KindHome {
			k = "page"
			if p.Section != "" {
				if sk := site.SectionKind(p.Section); sk != "" {
					k = sk
				}
			}
		}
		g := groups[k]
		if g == nil {
			g = &render.Group{ID: "kind-" + k, Title: b.rend.T(lang, "kind_"+k)}
			if g.Title == "" {
				g.Title = b.rend.T(lang, "topic_other")
			}
			groups[k] = g
			order = append(order, k)
		}
		g.Items = append(g.Items, render.Item{Title: p.Title(), URL: site.RelURL(url, p.URL)})
	}
	// Guides first: they are what a reader without search looks for.
	sort.SliceStable(order, func(i, j int) bool { return order[i] == "guide" && order[j] != "guide" })
	for _, k := range order {
		d.Groups = append(d.Groups, *groups[k])
	}
	if err := b.writeGenerated(d, url); err != nil {
		diags.Add(diag.Errorf(diag.Pos{File: b.in.LayoutsPrefix + "/search.html"}, "layout", "%v", err))
	}
	return diags
}

// writeTranslationPages publishes the translation table for contributors,
// one page per language at <lang>/translations/.
func (b *builder) writeTranslationPages(states []TranslationState) diag.List {
	var diags diag.List
	for _, l := range b.cfg.Languages {
		url := l.Code + "/translations/"
		d := b.generatedPage(l.Code, url, "translations", "translations_title", "translations_intro")
		groups := map[string]*render.Group{}
		var order []string
		for _, t := range states {
			g := groups[t.Lang]
			if g == nil {
				g = &render.Group{ID: "lang-" + t.Lang, Title: b.cfg.Language(t.Lang).Name}
				groups[t.Lang] = g
				order = append(order, t.Lang)
			}
			p := b.site.Page(t.Lang, t.Rel)
			status := strings.ReplaceAll(t.Status.String(), " ", "_")
			item := render.Item{Title: p.Title(), URL: site.RelURL(url, p.URL), ID: status,
				Description: b.rend.T(l.Code, "status_"+status)}
			if len(t.Changed) > 0 {
				item.Description += ": " + anchorList(t.Changed)
			}
			g.Items = append(g.Items, item)
		}
		for _, k := range order {
			d.Groups = append(d.Groups, *groups[k])
		}
		if err := b.writeGenerated(d, url); err != nil {
			diags.Add(diag.Errorf(diag.Pos{File: b.in.LayoutsPrefix + "/translations.html"}, "layout", "%v", err))
		}
	}
	return diags
}

// writeGenerated renders d and writes it as url's index.html.
func (b *builder) writeGenerated(d *render.PageData, url string) error {
	html, err := b.rend.Page(d)
	if err == nil {
		_, err = b.out.Write(url+"index.html", html)
	}
	return err
}
