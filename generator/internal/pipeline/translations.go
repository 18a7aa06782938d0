package pipeline

import (
	"strings"

	"mehfooz/generator/internal/diag"
	"mehfooz/generator/internal/markdown"
	"mehfooz/generator/internal/site"
	"mehfooz/generator/internal/staticfiles"
	"mehfooz/generator/internal/translation"
)

// Translations is the entry point of translate-status and translate: how
// every translation stands against its source page, and each source
// page's stamp. Only the source language's Markdown is converted, for its
// sections; no layout is rendered and nothing is written, so it costs a
// fraction of Run. Its diagnostics are loading's and those of the source
// pages' Markdown; the report is nil when they hold an error that stops
// a build before rendering.
func Translations(in Input) (*Report, diag.List) {
	b, diags := load(in)
	if b == nil {
		return nil, diags
	}
	// Run stops here on a bad static folder, before any page.
	diags.Append(staticfiles.Check(in.Static, staticfiles.Options{Prefix: in.StaticPrefix, Langs: b.site.Langs, Layouts: in.Layouts}))
	if diags.Errors() > 0 {
		diags.Sort()
		return nil, diags
	}
	b.assets = map[string]string{}
	src := b.site.Langs[0]
	pages := b.site.Lang(src)
	sections := make([][]translation.Section, len(pages))
	lists := make([]diag.List, len(pages))
	parallel(len(pages), func(i int) {
		f := pages[i].File
		res := b.convs[src].Convert(markdown.Page{Path: f.Path, Rel: f.Rel, Lang: f.Lang, Source: f.Source, BodyOffset: f.BodyOffset, Offsets: f.Offsets})
		sections[i], lists[i] = sectionsOf(res.Sections), res.Diags
	})
	rep := &Report{Stamps: map[string]string{}}
	bySource := map[*site.Page][]translation.Section{}
	for i, p := range pages {
		diags.Append(lists[i])
		bySource[p] = sections[i]
		rep.Stamps[p.Rel] = translation.Stamp(sections[i])
	}
	for _, p := range b.site.Pages {
		if p.Lang == src {
			continue
		}
		t := TranslationState{Lang: p.Lang, Rel: p.Rel, Path: p.File.Path}
		if s := b.site.Page(src, p.Rel); p.Fallback != nil {
			t.Status = translation.Missing
			t.Path = strings.TrimSuffix(in.ContentPrefix, "/") + "/" + p.Lang + "/" + p.Rel
		} else if secs, ok := bySource[s]; ok && s != nil {
			// As renderPage judges it; an error there is a diagnostic of
			// the build, not of this report.
			t.Status, t.Changed, _ = translation.Check(p.File.Meta.TranslatedFrom, secs)
		}
		rep.Translations = append(rep.Translations, t)
	}
	diags.Sort()
	return rep, diags
}
