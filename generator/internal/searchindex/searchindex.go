// Package searchindex is the generator's INDEX stage: it turns every
// rendered page's sections into one search index per language (search/indexer)
// and writes them, with the browser module's offline copy, through the
// build's Sink.
//
// It writes, for each language code xx,
//
//	search/index-xx.idx  the index (search/index/FORMAT.md) without its section
//	                     texts, fetched over http(s) at the first key
//	search/texts-xx.idx  its section texts, fetched after the first results
//	search/index-xx.js   both as one classic script, for file://
//
// and search/search-wasm.js, the module as a classic script for file://
// (names owned by site/paths.go). The
// module itself (search/search.wasm) and Go's wasm_exec.js are static files
// that `make wasm` puts in static/search/; the build copies them like any
// other asset. Every name is fingerprinted, and Index returns the
// fingerprinted names by logical name ("search/index-en.idx") for the
// search form's data attributes.
package searchindex

import (
	"errors"
	"io/fs"
	"path"
	"strings"
	"sync"

	"mehfooz/generator/internal/diag"
	"mehfooz/generator/internal/markdown"
	"mehfooz/generator/internal/output"
	"mehfooz/generator/internal/site"
	"mehfooz/search/analysis"
	"mehfooz/search/index"
	"mehfooz/search/indexer"
	"mehfooz/search/synonyms"
)

// Paths of the inputs, relative to their folders.
const (
	// SynonymsPath is the volunteers' synonyms file in the content folder.
	SynonymsPath = "search/synonyms.yaml"
	// ModulePath is the browser module in the static folder.
	ModulePath = "search/search.wasm"
	// WasmExecPath is Go's wasm_exec.js in the static folder.
	WasmExecPath = "search/wasm_exec.js"
)

// Page is what the index is built from: a rendered page and its text by
// section.
type Page struct {
	Page     *site.Page
	Sections []markdown.Section
}

// Writer builds and writes the search indexes.
type Writer struct {
	content, static             fs.FS
	contentPrefix, staticPrefix string
	opts                        []indexer.Option
}

// Option configures a Writer.
type Option func(*Writer)

// WithSnippetRunes keeps about n runes of each section for result
// snippets (search/indexer's default is 240).
func WithSnippetRunes(n int) Option {
	return func(x *Writer) { x.opts = append(x.opts, indexer.WithSnippetRunes(n)) }
}

// New returns a Writer that reads the synonyms from content (the content
// folder, shown in diagnostics as contentPrefix) and the browser module
// from static (shown as staticPrefix).
func New(content fs.FS, contentPrefix string, static fs.FS, staticPrefix string, opts ...Option) *Writer {
	x := &Writer{content: content, contentPrefix: contentPrefix, static: static, staticPrefix: staticPrefix}
	for _, o := range opts {
		o(x)
	}
	return x
}

// Index builds and writes every language's index and returns the written
// names by logical name. A broken synonyms file is an error at its
// file:line:col; a missing browser module is a warning, because the site
// still works without search.
func (x *Writer) Index(s *site.Site, docs map[string][]Page, out output.Sink) (map[string]string, diag.List) {
	var diags diag.List
	syn, d := x.synonyms()
	diags.Append(d)

	type result struct {
		idx, script []byte
		err         error
	}
	results := make([]result, len(s.Langs))
	var wg sync.WaitGroup
	for i, lang := range s.Langs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := &results[i]
			r.idx, r.err = indexer.Build(lang, Documents(lang, docs[lang]), syn, x.opts...)
			if r.err == nil {
				r.script, r.err = indexer.IndexScript(lang, r.idx)
			}
		}()
	}
	wg.Wait()

	names := map[string]string{}
	// write puts a file through out as an asset or, for the scripts only
	// file:// reads, a raw asset.
	write := func(store func(string, []byte) (string, error), name string, data []byte) {
		fp, err := store(name, data)
		if err != nil {
			diags.Add(diag.Errorf(diag.Pos{File: "public/" + name}, "output", "%v", err))
			return
		}
		names[name] = fp
	}
	for i, lang := range s.Langs {
		r := results[i]
		if r.err != nil {
			diags.Add(diag.Errorf(diag.Pos{File: x.contentPrefix + "/" + lang}, "search-index", "building the %s search index: %v", lang, r.err))
			continue
		}
		// Over http(s) the index comes first and its section texts after
		// the first results; from file:// the script holds both.
		core, texts, err := index.SplitTexts(r.idx)
		if err != nil {
			diags.Add(diag.Errorf(diag.Pos{File: x.contentPrefix + "/" + lang}, "search-index", "splitting the %s search index: %v", lang, err))
			continue
		}
		write(out.Asset, site.SearchIndexName(lang), core)
		write(out.Asset, site.SearchTextsName(lang), texts)
		write(out.RawAsset, site.SearchIndexScript(lang), r.script)
	}

	wasm, err := fs.ReadFile(x.static, ModulePath)
	if err == nil {
		_, err = fs.Stat(x.static, WasmExecPath)
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		diags.Add(diag.Warnf(diag.Pos{File: path.Join(x.staticPrefix, "search")}, "search-module",
			"the search module is not built, so the site's search box will not work").
			WithHint("run make wasm (make site does it too): it builds %s and copies %s", ModulePath, WasmExecPath))
	case err != nil:
		diags.Add(diag.Errorf(diag.Pos{File: path.Join(x.staticPrefix, ModulePath)}, "search-module", "%v", err))
	default:
		write(out.RawAsset, site.SearchModuleScript, indexer.WasmScript(wasm))
	}
	return names, diags
}

// synonyms reads the synonyms file; a site without one has none.
func (x *Writer) synonyms() (*analysis.Synonyms, diag.List) {
	var diags diag.List
	name := path.Join(x.contentPrefix, SynonymsPath)
	src, err := fs.ReadFile(x.content, SynonymsPath)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		diags.Add(diag.Errorf(diag.Pos{File: name}, "synonyms", "%v", err))
		return nil, diags
	}
	syn, err := synonyms.Parse(name, src)
	var list synonyms.List
	switch {
	case errors.As(err, &list):
		for _, e := range list {
			diags.Add(&diag.Error{Pos: diag.Pos{File: e.File, Line: e.Line, Col: e.Col}, Rule: "synonyms", Msg: e.Msg, Hint: e.Hint})
		}
		return nil, diags
	case err != nil:
		diags.Add(diag.Errorf(diag.Pos{File: name}, "synonyms", "%v", err))
		return nil, diags
	}
	return syn, nil
}

// Documents converts one language's rendered pages to search documents.
// URLs are relative to the language root: "guides/evidence/", or "" for
// the home page.
func Documents(lang string, docs []Page) []indexer.Document {
	out := make([]indexer.Document, 0, len(docs))
	for _, d := range docs {
		p := d.Page
		doc := indexer.Document{
			URL:    strings.TrimPrefix(p.URL, lang+"/"),
			Title:  p.Title(),
			Kind:   p.Kind,
			Topics: p.File.Meta.Topics,
		}
		// The slug names the page's subject ("guides/intimate-images/"),
		// often in words its title avoids ("My intimate pictures were
		// shared"), and is the same in every language.
		if slug := path.Base(strings.TrimSuffix(doc.URL, "/")); slug != "." && slug != "" {
			doc.Keywords = []string{strings.ReplaceAll(slug, "-", " ")}
		}
		for _, s := range d.Sections {
			doc.Sections = append(doc.Sections, indexer.Section{Anchor: s.Anchor, Heading: s.Heading, Text: s.Text})
		}
		out = append(out, doc)
	}
	return out
}
