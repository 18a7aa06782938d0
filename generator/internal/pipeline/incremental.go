package pipeline

import (
	"path/filepath"
	"reflect"
	"strings"
	"sync"

	"mehfooz/generator/internal/content"
	"mehfooz/generator/internal/diag"
	"mehfooz/generator/internal/output"
	"mehfooz/generator/internal/site"
)

// Incremental is the builder behind serve. It keeps the last good build in
// memory and, when only the body of pages changed, renders just those pages
// (and their translations, whose heading ids come from them) instead of the
// whole site. Anything else — a new or deleted page, a changed title or
// weight that other pages list, a layout, a static file, site.yaml or
// facts.yaml — rebuilds everything.
type Incremental struct {
	in    Input
	b     *builder          // the last good build's state
	files map[string][]byte // the last good build's output
	// Full counts full builds, for tests and the serve log.
	Full int

	mu    sync.Mutex // Build and RefreshIndex may be called from different goroutines
	stale bool       // the search index lags behind the pages
}

// NewIncremental returns a builder for in; nothing is built until Build.
func NewIncremental(in Input) *Incremental { return &Incremental{in: in} }

// Build brings the site up to date with the changed source paths (as the
// watcher reports them: the content, layouts or static folder joined with
// the file's path) and returns every output file. nil changed means build
// everything. On error the previous state is kept.
func (inc *Incremental) Build(changed []string) (map[string][]byte, diag.List) {
	inc.mu.Lock()
	defer inc.mu.Unlock()
	if inc.b != nil && len(changed) > 0 {
		if files, diags, ok := inc.pages(changed); ok {
			return files, diags
		}
	}
	inc.Full++
	mem := output.NewMemory(nil)
	b, diags := load(inc.in)
	if b == nil {
		return nil, diags
	}
	_, d := b.all(mem)
	diags.Append(d)
	diags.Sort()
	if diags.Err() == nil {
		inc.b, inc.files, inc.stale = b, mem.Files(), false
	}
	return mem.Files(), diags
}

// pages re-renders the changed pages; ok is false when that is not enough.
func (inc *Incremental) pages(changed []string) (map[string][]byte, diag.List, bool) {
	b := inc.b
	var reload []*site.Page
	var fresh []*content.File
	var diags diag.List
	for _, c := range changed {
		rel, err := filepath.Rel(filepath.FromSlash(inc.in.ContentPrefix), c)
		if err != nil || !strings.HasSuffix(rel, ".md") || strings.HasPrefix(rel, "..") {
			return nil, nil, false
		}
		lang, pageRel, ok := strings.Cut(filepath.ToSlash(rel), "/")
		if !ok {
			return nil, nil, false
		}
		p := b.site.Page(lang, pageRel)
		if p == nil {
			return nil, nil, false // a new page, or one in a folder that is not a language
		}
		f, d := content.ReadPage(inc.in.Content, inc.in.ContentPrefix, lang, pageRel)
		if f == nil {
			return nil, nil, false // deleted, or cannot be split: let the full build say so
		}
		if d.Err() != nil || !sameShape(p.File.Meta, f.Meta) {
			return nil, nil, false
		}
		diags.Append(d)
		reload = append(reload, p)
		fresh = append(fresh, f)
	}

	mem := output.NewMemory(inc.files)
	b.out = mem
	olds := map[*site.Page]*content.File{}
	oldResults := map[*site.Page]*rendered{}
	for i, p := range reload {
		olds[p] = p.File
		p.File = fresh[i]
	}
	// Source-language pages first, then every translation of a changed page.
	todo := map[*site.Page]bool{}
	for _, p := range reload {
		todo[p] = true
		if p.Lang == b.site.Langs[0] {
			for _, t := range p.Translations {
				todo[t] = true
			}
		}
	}
	for i, l := range b.site.Langs {
		for _, p := range b.site.Lang(l) {
			if !todo[p] {
				continue
			}
			r, d := b.renderPage(p, i > 0)
			diags.Append(d)
			oldResults[p] = b.results[p]
			if r != nil {
				b.results[p] = r
			}
		}
	}
	diags.Append(checkAnchors(b.site, b.results))
	diags.Sort()
	if diags.Err() != nil {
		// Put the last good state back so the next edit starts from it.
		for p, f := range olds {
			p.File = f
		}
		for p, r := range oldResults {
			b.results[p] = r
		}
		return nil, diags, true
	}
	inc.files = mem.Files()
	// The search index lags until RefreshIndex: rebuilding it takes far
	// longer than the pages, and the page a volunteer is editing matters more.
	inc.stale = b.in.Search
	return mem.Files(), diags, true
}

// Stale reports whether the search index lags behind the pages.
func (inc *Incremental) Stale() bool {
	inc.mu.Lock()
	defer inc.mu.Unlock()
	return inc.stale
}

// RefreshIndex rebuilds the search index of the last good build and
// returns every file. In memory, index files keep their plain names, so no
// page changes with them.
func (inc *Incremental) RefreshIndex() (map[string][]byte, diag.List) {
	inc.mu.Lock()
	defer inc.mu.Unlock()
	if inc.b == nil || !inc.stale {
		return inc.files, nil
	}
	mem := output.NewMemory(inc.files)
	inc.b.out = mem
	diags := inc.b.index()
	if diags.Err() != nil {
		return nil, diags
	}
	inc.files, inc.stale = mem.Files(), false
	return inc.files, diags
}

// sameShape reports whether a page's front matter changed only in ways
// that affect no other page.
func sameShape(a, b content.FrontMatter) bool {
	return a.Title == b.Title && a.Description == b.Description && a.Kind == b.Kind &&
		a.Weight == b.Weight && a.Draft == b.Draft &&
		reflect.DeepEqual(a.Aliases, b.Aliases) && reflect.DeepEqual(a.Guides, b.Guides) &&
		reflect.DeepEqual(a.Topics, b.Topics)
}
