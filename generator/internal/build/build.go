// Package build drives the stages in order — load, model, render, index,
// write — for the build, check and serve commands. It holds no stage logic
// of its own beyond wiring and the checks that need every page at once.
package build

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"path"
	"runtime"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"mehfooz/generator/internal/config"
	"mehfooz/generator/internal/content"
	"mehfooz/generator/internal/diag"
	"mehfooz/generator/internal/letter"
	"mehfooz/generator/internal/markdown"
	"mehfooz/generator/internal/render"
	"mehfooz/generator/internal/site"
	"mehfooz/generator/internal/translation"
)

// Sink receives output files. *output.Writer is one; check uses Discard.
type Sink interface {
	// Write stores a file and returns the bytes stored (after minifying).
	Write(name string, data []byte) ([]byte, error)
	// Asset stores a file under a fingerprinted name and returns that name.
	Asset(name string, data []byte) (string, error)
}

// Discard is a Sink that keeps nothing, for check.
type Discard struct{}

// Write returns data unchanged.
func (Discard) Write(name string, data []byte) ([]byte, error) { return data, nil }

// Asset returns name unchanged.
func (Discard) Asset(name string, data []byte) (string, error) { return name, nil }

// Input names the three source trees. The prefixes are how paths are shown
// in diagnostics ("content/ur/guides/evidence.md").
type Input struct {
	Content, Layouts, Static                   fs.FS
	ContentPrefix, LayoutsPrefix, StaticPrefix string
	// Extra, when set, runs after pages are rendered (the search index).
	Indexers []Indexer
	// Finishers run last, on every file the build wrote (the offline
	// copies). They may write more files.
	Finishers []Finisher
	// Now is the date age checks count from; zero means today. It never
	// changes the output, only warnings.
	Now time.Time
}

// Indexer is a later stage fed every rendered page's sections, such as the
// search index builder. It writes its own files through the Sink and
// returns the static-asset names it wants the search pages to know.
type Indexer interface {
	Index(s *site.Site, docs map[string][]Doc, out Sink) (map[string]string, diag.List)
}

// Finisher is a last stage that works on the built site as files.
type Finisher interface {
	Finish(s *site.Site, files Built, out Sink) diag.List
}

// Built is the site as written so far: every output name, and its bytes
// as served, read back on demand so the whole site is never in memory.
type Built interface {
	Names() []string // sorted
	Has(name string) bool
	ReadFile(name string) ([]byte, error)
	// AssetName is the output name of a static file ("css/site.css" →
	// "css/site.1a2b3c4d5e.css"), or "" when there is none.
	AssetName(name string) string
}

// MemoryLimit is the soft memory limit of a build. The process needs some
// 100 MB beside the Go heap, so 448 MiB keeps a 2×5,000-page build under
// 600 MB (about 530 MB measured; 512 MiB gave 560–590).
const MemoryLimit = 448 << 20

// GCPercent lets the heap grow to three times the live heap between
// collections: a build makes much short-lived garbage, and MemoryLimit
// still bounds it (2×1,000 pages: 7% faster, 80 MB more).
const GCPercent = 200

// TuneMemory sets the runtime's memory limit and collector pace for a
// build, each when asked to (the environment may have set them), and
// returns a func that restores the previous values.
func TuneMemory(limit, pace bool) (restore func()) {
	oldLimit, oldPercent := int64(-1), -1
	if limit {
		// A soft limit: the collector works harder as the heap nears it,
		// so a 10,000-page build fits a volunteer's laptop.
		oldLimit = debug.SetMemoryLimit(MemoryLimit)
	}
	if pace {
		oldPercent = debug.SetGCPercent(GCPercent)
	}
	return func() {
		if oldLimit >= 0 {
			debug.SetMemoryLimit(oldLimit)
		}
		if oldPercent >= 0 {
			debug.SetGCPercent(oldPercent)
		}
	}
}

// Creator is a Sink that can take a file as a stream, written as it
// comes (no minifying, no compressed siblings): for big files a finisher
// makes, such as a zip of the whole site, which need not be in memory.
type Creator interface {
	Create(name string) (io.WriteCloser, error)
}

// Create opens name in out for writing as a stream when out is a Creator,
// and otherwise collects the bytes and writes them on Close.
func Create(out Sink, name string) (io.WriteCloser, error) {
	if c, ok := out.(Creator); ok {
		return c.Create(name)
	}
	return &buffered{out: out, name: name}, nil
}

// buffered is Create for a Sink that takes whole files.
type buffered struct {
	out  Sink
	name string
	buf  bytes.Buffer
}

func (b *buffered) Write(p []byte) (int, error) { return b.buf.Write(p) }

func (b *buffered) Close() error {
	_, err := b.out.Write(b.name, b.buf.Bytes())
	return err
}

// fileReader is a Sink that can read back what it wrote.
type fileReader interface {
	ReadFile(name string) ([]byte, error)
}

// recorder is a Sink that remembers the names that pass through it, for
// finishers.
type recorder struct {
	Sink
	mu     sync.Mutex
	names  map[string]bool
	assets map[string]string // the builder's: static path → output name
}

func (r *recorder) AssetName(name string) string { return r.assets[name] }

func (r *recorder) Write(name string, data []byte) ([]byte, error) {
	out, err := r.Sink.Write(name, data)
	if err == nil {
		r.mu.Lock()
		r.names[name] = true
		r.mu.Unlock()
	}
	return out, err
}

// Create streams to the sink when it can, and records name.
func (r *recorder) Create(name string) (io.WriteCloser, error) {
	w, err := Create(r.Sink, name)
	if err == nil {
		r.mu.Lock()
		r.names[name] = true
		r.mu.Unlock()
	}
	return w, err
}

func (r *recorder) Asset(name string, data []byte) (string, error) {
	final, err := r.Sink.Asset(name, data)
	if err == nil {
		r.mu.Lock()
		r.names[final] = true
		r.mu.Unlock()
	}
	return final, err
}

func (r *recorder) Names() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]string, 0, len(r.names))
	for n := range r.names {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

func (r *recorder) Has(name string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.names[name]
}

func (r *recorder) ReadFile(name string) ([]byte, error) {
	if !r.Has(name) {
		return nil, fs.ErrNotExist
	}
	return r.Sink.(fileReader).ReadFile(name)
}

// BrotliSize passes through to the sink, when it weighs.
func (r *recorder) BrotliSize(name string) (int, bool) {
	if sz, ok := r.Sink.(weigher); ok {
		return sz.BrotliSize(name)
	}
	return 0, false
}

// GzipFastSize passes through to the sink, when it weighs.
func (r *recorder) GzipFastSize(name string) (int, bool) {
	if sz, ok := r.Sink.(weigher); ok {
		return sz.GzipFastSize(name)
	}
	return 0, false
}

// Doc is what a rendered page hands to indexers.
type Doc struct {
	Page     *site.Page
	Sections []markdown.Section
}

// Report says what a build did.
type Report struct {
	Pages  int
	Files  int
	Heavy  []Weight // HTML pages, largest minified first
	Assets map[string]string
	// Translations is every page of every language but the source one.
	Translations []TranslationState
	// Timings is how long each stage took, in order.
	Timings []Timing
	// Stamps is the translated_from value of each source page as it is
	// now, by Rel, for translate-status --stamp.
	Stamps map[string]string
}

// Timing is one stage's wall time.
type Timing struct {
	Stage string
	Took  time.Duration
}

// lap returns a function that records the time since the last lap under
// a stage name.
func (b *builder) lap() func(stage string) {
	last := time.Now()
	return func(stage string) {
		now := time.Now()
		b.timings = append(b.timings, Timing{stage, now.Sub(last)})
		last = now
	}
}

// TranslationState is how one translation stands against its source page.
type TranslationState struct {
	Lang, Rel, Path string // Path: the translation's file, or where it should be
	Status          translation.Status
	Changed         []string // anchors of the sections to update ("" is the intro)
}

// Weight is one page's size on the wire.
type Weight struct {
	URL    string
	HTML   int // minified
	Brotli int // compressed, with the stylesheet; 0 when not measured (a page that fits the budget minified or at gzip's fastest level, or a sink that does not compress)
}

// rendered is what a page leaves behind once its HTML has gone to the sink;
// HTML itself is not kept, so memory stays flat as the site grows.
type rendered struct {
	page     *site.Page
	headings []markdown.Heading
	links    []markdown.Link
	sections []markdown.Section
	size     int
	// body is the page's converted HTML, kept only for the kinds that
	// print pages reuse (guides, workshops' guides).
	body []byte
	// For translations: how they stand against the source page.
	status  translation.Status
	changed []string
}

// Run builds the site into out. Every diagnostic is returned; the caller
// aborts or commits the sink according to diags.Err().
func Run(in Input, out Sink) (*Report, diag.List) {
	b, diags := load(in)
	if b == nil {
		return nil, diags
	}
	b.oneShot = true
	rep, d := b.all(out)
	diags.Append(d)
	diags.Sort()
	return rep, diags
}

// load runs the load and model stages and prepares the renderer.
func load(in Input) (*builder, diag.List) {
	var diags diag.List
	cfg, d := config.LoadSite(in.Content, "site.yaml", in.ContentPrefix)
	diags.Append(d)
	if cfg == nil || diags.Errors() > 0 {
		diags.Sort()
		return nil, diags
	}
	langs := cfg.LangCodes()
	strs, d := config.LoadI18n(in.Layouts, "i18n", in.LayoutsPrefix, langs)
	diags.Append(d)
	files, d := content.Load(in.Content, in.ContentPrefix, langs)
	diags.Append(d)
	facts, d := content.LoadFacts(in.Content, "facts.yaml", in.ContentPrefix, langs)
	diags.Append(d)
	rend, d := render.New(in.Layouts, in.LayoutsPrefix, strs)
	diags.Append(d)
	letters, d := letter.Load(in.Content, in.ContentPrefix, langs, facts)
	diags.Append(d)
	if diags.Errors() > 0 {
		diags.Sort()
		return nil, diags
	}
	s, d := site.New(cfg, files.Files)
	diags.Append(d)
	b := &builder{in: in, site: s, cfg: cfg, rend: rend, facts: facts, letters: letters}
	b.convs = map[string]*markdown.Converter{}
	b.fallbackConvs = map[string]*markdown.Converter{}
	src := langs[0]
	for _, l := range langs {
		b.convs[l] = markdown.New(l, facts, &langLinks{b: b, lang: l},
			markdown.WithExternalLabel(rend.T(l, "external_link")),
			markdown.WithCheckLabel(rend.T(l, "check_mark")))
		// A stand-in for a missing translation: source-language text whose
		// links lead to this language's pages.
		b.fallbackConvs[l] = markdown.New(src, facts, &langLinks{b: b, lang: l},
			markdown.WithExternalLabel(rend.T(src, "external_link")),
			markdown.WithCheckLabel(rend.T(src, "check_mark")))
	}
	return b, diags
}

// all renders and writes everything.
func (b *builder) all(out Sink) (*Report, diag.List) {
	var diags diag.List
	var rec *recorder
	if _, readable := out.(fileReader); readable && len(b.in.Finishers) > 0 {
		rec = &recorder{Sink: out, names: map[string]bool{}}
		out = rec
	}
	b.out = out
	b.timings = nil
	lap := b.lap()
	assets, d := copyStatic(b.in.Static, b.in.StaticPrefix, out, b.cfg.Budgets.ImageKB)
	lap("static")
	diags.Append(d)
	if diags.Errors() > 0 {
		return nil, diags
	}
	b.assets = assets

	b.codes = shortCodes(b.site)
	b.keepBody = map[*site.Page]bool{}
	for _, p := range b.site.Pages {
		if p.Kind == "workshop" {
			b.keepBody[p] = true
			for _, g := range p.File.Meta.Guides {
				if q, ok := b.site.Resolve(p, g); ok {
					b.keepBody[q] = true
				}
			}
		}
	}

	// The source language first: translations take its heading ids.
	b.results = map[*site.Page]*rendered{}
	b.deferHomes, b.homes = len(b.in.Indexers) > 0, nil
	for i, l := range b.site.Langs {
		rs, d := b.renderAll(b.site.Lang(l), i > 0)
		diags.Append(d)
		for _, r := range rs {
			b.results[r.page] = r
		}
	}
	lap("pages")
	diags.Append(checkAnchors(b.site, b.results))
	diags.Append(b.writePrintPages())
	lap("print pages")
	if b.oneShot {
		for _, p := range b.site.Pages {
			p.File.KeepFrontMatter()
		}
	}

	diags.Append(b.index())
	lap("search index")
	diags.Append(b.writeHomes())
	diags.Append(b.writeExtras())
	lap("extras")

	rep := &Report{Pages: len(b.results), Assets: assets, Translations: b.translations(), Stamps: map[string]string{}}
	for _, p := range b.site.Lang(b.site.Langs[0]) {
		if r := b.results[p]; r != nil {
			rep.Stamps[p.Rel] = translation.Stamp(sectionsOf(r.sections))
		}
	}
	if b.oneShot {
		for _, r := range b.results {
			r.sections = nil
		}
	}
	for _, t := range rep.Translations {
		if t.Status == translation.Missing {
			src := b.site.Page(b.site.Langs[0], t.Rel)
			diags.Add(diag.Warnf(diag.Pos{File: src.File.Path, Line: 1, Col: 1}, "missing-translation",
				"no %s translation: %s does not exist, so the %s site shows this page in %s with a notice",
				t.Lang, t.Path, t.Lang, b.site.Langs[0]).
				WithHint("translate it into %s, then run mehfooz translate-status --stamp %s", t.Path, t.Path))
		}
	}
	diags.Append(b.writeTranslationPages(rep.Translations))
	for _, r := range b.results {
		rep.Heavy = append(rep.Heavy, Weight{URL: r.page.URL, HTML: r.size})
	}
	sort.Slice(rep.Heavy, func(i, j int) bool {
		if rep.Heavy[i].HTML != rep.Heavy[j].HTML {
			return rep.Heavy[i].HTML > rep.Heavy[j].HTML
		}
		return rep.Heavy[i].URL < rep.Heavy[j].URL
	})
	now := b.in.Now
	if now.IsZero() {
		now = time.Now()
	}
	diags.Append(b.checkAges(now))
	diags.Append(b.checkReach())
	diags.Append(b.checkWeights(rep))
	lap("checks")
	if rec != nil && diags.Errors() == 0 {
		rec.assets = b.assets
		for _, f := range b.in.Finishers {
			diags.Append(f.Finish(b.site, rec, rec.Sink))
		}
		lap("finishers")
	}
	rep.Timings = b.timings
	return rep, diags
}

type builder struct {
	in      Input
	results map[*site.Page]*rendered
	site    *site.Site
	cfg     *config.Site
	rend    *render.Renderer
	facts   *content.Facts
	out     Sink
	assets  map[string]string
	convs   map[string]*markdown.Converter
	// fallbackConvs convert source-language pages shown in place of a
	// missing translation, by the language they stand in for.
	fallbackConvs map[string]*markdown.Converter
	codes         map[string]string // guide key → short code
	keepBody      map[*site.Page]bool
	letters       *letter.Set // complaint letter templates

	timings    []Timing
	deferHomes bool // hold home pages until the search index is written
	// oneShot lets go of sources and search text once they are used:
	// serve's Incremental keeps them to re-render a page or the index.
	// At 2×5,000 pages they are about 160 MB the collector would
	// otherwise scan again and again under the memory limit.
	oneShot bool
	homesMu sync.Mutex
	homes   []*pendingHome
}

// langLinks is the markdown.Links of one language's converter.
type langLinks struct {
	b    *builder
	lang string
	at   string // when set, links are relative to this output URL instead of the page's
}

func (l *langLinks) from(fromRel string) (string, bool) {
	if l.at != "" {
		return l.at, true
	}
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
		// once the indexers have run: write it after them.
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

// index runs the indexers over every rendered page and records the files
// they wrote among the assets.
func (b *builder) index() diag.List {
	var diags diag.List
	docs := map[string][]Doc{}
	for _, p := range b.site.Pages {
		if r := b.results[p]; r != nil {
			docs[p.Lang] = append(docs[p.Lang], Doc{Page: p, Sections: r.sections})
		}
	}
	for _, ix := range b.in.Indexers {
		extra, d := ix.Index(b.site, docs, b.out)
		diags.Append(d)
		for k, v := range extra {
			b.assets[k] = v
		}
	}
	return diags
}

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
	if p.Kind == "offline" && len(b.in.Finishers) > 0 {
		d.Downloads = b.downloads(p.Lang, at)
	}
	if p.Kind == "letter" && b.letters != nil {
		d.Letter = b.letters.For(p.Lang)
	}
	if suffix == "" && p.Fallback == nil && (p.Kind == "guide" || p.Kind == "workshop") {
		d.PrintURL = printFile
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

func (b *builder) assetURLs(root string) map[string]string {
	m := make(map[string]string, len(b.assets))
	for k, v := range b.assets {
		m[k] = root + v
	}
	return m
}

// downloads lists the offline copies, the page's language first. The
// files are written by the offline finisher under these names.
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
				URL: site.RelURL(at, "offline/") + "mehfooz-" + l.Code + ".zip"},
			render.Item{ID: l.Code, Title: b.rend.T(lang, "offline_pocket", "lang", l.Name), Description: b.rend.T(lang, "offline_pocket_hint"),
				URL: site.RelURL(at, "offline/") + "mehfooz-" + l.Code + "-pocket.html"})
	}
	return out
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
		if strings.HasPrefix(k, "search/") {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		attr("data-"+strings.NewReplacer("search/", "", ".", "-", "_", "-").Replace(k), root+b.assets[k])
	}
	return template.HTMLAttr(strings.TrimSpace(sb.String()))
}

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

// copyStatic copies static/ into the output; CSS, JS and WASM get
// fingerprinted names, everything else keeps its path.
func copyStatic(fsys fs.FS, prefix string, out Sink, imageKB int) (map[string]string, diag.List) {
	var diags diag.List
	assets := map[string]string{}
	var names []string
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if strings.HasPrefix(d.Name(), ".") && p != "." {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if !d.IsDir() {
			names = append(names, p)
		}
		return nil
	})
	if err != nil {
		diags.Add(diag.Errorf(diag.Pos{File: prefix}, "static", "reading static files: %v", err))
		return assets, diags
	}
	sort.Strings(names)
	for _, n := range names {
		data, err := fs.ReadFile(fsys, n)
		if err != nil {
			diags.Add(diag.Errorf(diag.Pos{File: path.Join(prefix, n)}, "static", "%v", err))
			continue
		}
		data, e := cleanImage(n, path.Join(prefix, n), data)
		if e != nil {
			diags.Add(e)
			continue
		}
		if e := checkImage(n, path.Join(prefix, n), len(data), imageKB); e != nil {
			diags.Add(e)
		}
		switch path.Ext(n) {
		case ".css", ".js", ".wasm", ".idx":
			name, err := out.Asset(n, data)
			if err != nil {
				diags.Add(diag.Errorf(diag.Pos{File: path.Join(prefix, n)}, "static", "%v", err))
				continue
			}
			assets[n] = name
		default:
			if _, err := out.Write(n, data); err != nil {
				diags.Add(diag.Errorf(diag.Pos{File: path.Join(prefix, n)}, "static", "%v", err))
				continue
			}
			assets[n] = n
		}
	}
	return assets, diags
}

// writeExtras writes what is not a content page: the language chooser,
// search pages, the 404 page, aliases, header files and the sitemap.
func (b *builder) writeExtras() diag.List {
	results := b.results
	var diags diag.List
	fail := func(what string, err error) {
		diags.Add(diag.Errorf(diag.Pos{File: "public/" + what}, "output", "%v", err))
	}
	cfg := b.cfg

	type chooserLang struct {
		Code, Dir, SiteTitle, Tagline, Enter, URL, NotFound, NotFoundText string
	}
	var langs []chooserLang
	for _, l := range cfg.Languages {
		langs = append(langs, chooserLang{Code: l.Code, Dir: l.Direction, SiteTitle: cfg.Title[l.Code],
			Tagline: b.rend.T(l.Code, "chooser_tagline"), Enter: b.rend.T(l.Code, "chooser_enter"), URL: l.Code + "/",
			NotFound: b.rend.T(l.Code, "not_found"), NotFoundText: b.rend.T(l.Code, "not_found_text")})
	}
	html, err := b.rend.Standalone("chooser", map[string]any{"Lang": b.site.Langs[0], "CSP": render.CSP, "Languages": langs, "CSS": b.assets["css/site.css"]})
	if err == nil {
		_, err = b.out.Write("index.html", html)
	}
	if err != nil {
		fail("index.html", err)
	}

	// 404: served at any depth, so links must be absolute; they are when
	// base_url is set, and root-relative otherwise.
	base := cfg.BaseURL
	if base == "" {
		base = "/"
	}
	nf := make([]chooserLang, len(langs))
	copy(nf, langs)
	for i := range nf {
		nf[i].URL = base + nf[i].URL
	}
	html, err = b.rend.Standalone("notfound", map[string]any{"Lang": b.site.Langs[0], "CSP": render.CSP, "Languages": nf, "CSS": base + b.assets["css/site.css"]})
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

	if _, err := b.out.Write("_headers", []byte(Headers())); err != nil {
		fail("_headers", err)
	}
	if _, err := b.out.Write(".htaccess", []byte(HTAccess())); err != nil {
		fail(".htaccess", err)
	}
	if cfg.BaseURL != "" {
		if _, err := b.out.Write("sitemap.xml", b.sitemap(results)); err != nil {
			fail("sitemap.xml", err)
		}
		if _, err := b.out.Write("robots.txt", []byte("User-agent: *\nAllow: /\nSitemap: "+cfg.BaseURL+"sitemap.xml\n")); err != nil {
			fail("robots.txt", err)
		}
	}
	return diags
}

// Headers is the _headers file for Netlify and Cloudflare Pages: the same
// policy as the pages' <meta>, plus what only headers can carry.
func Headers() string {
	return "/*\n" +
		"  Content-Security-Policy: " + render.HeaderCSP + "\n" +
		"  Referrer-Policy: no-referrer\n" +
		"  Permissions-Policy: camera=(), microphone=(), geolocation=(), browsing-topics=(), interest-cohort=()\n" +
		"  X-Content-Type-Options: nosniff\n" +
		"  X-Frame-Options: DENY\n" +
		"  Cross-Origin-Opener-Policy: same-origin\n" +
		// The search module compiles while it downloads only when sent as
		// application/wasm (static/js/site.js).
		"/search/*.wasm\n" +
		"  Content-Type: application/wasm\n"
}

// HTAccess is the same policy for Apache, the server of most shared
// hosting: headers, the WebAssembly type (without it the search module
// cannot compile while it downloads), and no directory listings.
func HTAccess() string {
	return "# Written by mehfooz build: the pages' policy as HTTP headers (Apache mod_headers).\n" +
		"<IfModule mod_headers.c>\n" +
		"  Header always set Content-Security-Policy \"" + render.HeaderCSP + "\"\n" +
		"  Header always set Referrer-Policy \"no-referrer\"\n" +
		"  Header always set Permissions-Policy \"camera=(), microphone=(), geolocation=(), browsing-topics=(), interest-cohort=()\"\n" +
		"  Header always set X-Content-Type-Options \"nosniff\"\n" +
		"  Header always set X-Frame-Options \"DENY\"\n" +
		"  Header always set Cross-Origin-Opener-Policy \"same-origin\"\n" +
		"</IfModule>\n" +
		"AddType application/wasm .wasm\n" +
		"Options -Indexes\n"
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

// writeGenerated renders d and writes it as url's index.html.
func (b *builder) writeGenerated(d *render.PageData, url string) error {
	html, err := b.rend.Page(d)
	if err == nil {
		_, err = b.out.Write(url+"index.html", html)
	}
	return err
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
				if sk := kindForSection(p.Section); sk != "" {
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
	for _, k := range order {
		d.Groups = append(d.Groups, *groups[k])
	}
	if err := b.writeGenerated(d, url); err != nil {
		diags.Add(diag.Errorf(diag.Pos{File: b.in.LayoutsPrefix + "/search.html"}, "layout", "%v", err))
	}
	return diags
}

func kindForSection(section string) string {
	switch section {
	case "guides":
		return "guide"
	case "platforms":
		return "platform"
	case "complaint":
		return "complaint"
	case "start":
		return "workflow"
	case "workshops":
		return "workshop"
	}
	return ""
}

func (b *builder) sitemap(results map[*site.Page]*rendered) []byte {
	type link struct {
		Rel      string `xml:"rel,attr"`
		HrefLang string `xml:"hreflang,attr"`
		Href     string `xml:"href,attr"`
	}
	type u struct {
		Loc     string `xml:"loc"`
		LastMod string `xml:"lastmod,omitempty"`
		Links   []link `xml:"xhtml:link"`
	}
	var urls []u
	for _, p := range b.site.Pages {
		if results[p] == nil || p.Fallback != nil {
			continue
		}
		e := u{Loc: b.cfg.BaseURL + p.URL}
		if t := p.File.Meta.Reviewed.Time; !t.IsZero() {
			e.LastMod = t.Format("2006-01-02")
		}
		for _, t := range p.Translations {
			if t.Fallback != nil {
				continue
			}
			e.Links = append(e.Links, link{Rel: "alternate", HrefLang: t.Lang, Href: b.cfg.BaseURL + t.URL})
		}
		urls = append(urls, e)
	}
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	buf.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">`)
	enc := xml.NewEncoder(&buf)
	for _, e := range urls {
		enc.EncodeElement(e, xml.StartElement{Name: xml.Name{Local: "url"}})
	}
	enc.Flush()
	buf.WriteString("</urlset>\n")
	return buf.Bytes()
}
