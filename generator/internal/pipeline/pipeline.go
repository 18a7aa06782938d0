// Package pipeline runs the stages in order — load, model, render, index,
// write, offline copies — for the build, check and serve commands.
// Run, in this file, is the list of steps; each step lives in its own
// file: pages.go renders content pages, view.go fills the layouts' data,
// generated.go writes the pages the build makes itself, print.go the
// print pages, static.go copies static files, hostfiles.go writes the
// files hosts read, checks.go holds the checks that need every page at
// once, incremental.go is serve's builder and memory.go tunes the runtime
// for a build. translations.go converts the source pages alone, for
// translate-status and translate.
package pipeline

import (
	"io/fs"
	"path"
	"sort"
	"sync"
	"time"

	"mehfooz/generator/internal/config"
	"mehfooz/generator/internal/content"
	"mehfooz/generator/internal/diag"
	"mehfooz/generator/internal/letter"
	"mehfooz/generator/internal/markdown"
	"mehfooz/generator/internal/offline"
	"mehfooz/generator/internal/output"
	"mehfooz/generator/internal/render"
	"mehfooz/generator/internal/searchindex"
	"mehfooz/generator/internal/site"
	"mehfooz/generator/internal/staticfiles"
	"mehfooz/generator/internal/translation"
	"mehfooz/search/indexer"
)

// Input names the three source trees. The prefixes are how paths are shown
// in diagnostics ("content/ur/guides/evidence.md").
type Input struct {
	Content, Layouts, Static                   fs.FS
	ContentPrefix, LayoutsPrefix, StaticPrefix string
	// Search builds the search index (searchindex) once every page is
	// rendered; serve refreshes it lazily.
	Search        bool
	SearchOptions []searchindex.Option
	// Offline writes the offline copies (offline) last, from every file
	// the build wrote; it needs a sink that reads back (output.FileReader).
	// serve leaves it off: the copies are for published sites.
	Offline        bool
	OfflineOptions []offline.Option
	// Now is the date age checks count from; zero means today. It never
	// changes the output, only warnings.
	Now time.Time
	// Drafts keeps pages marked draft: true (serve shows them with a band).
	Drafts bool
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
func Run(in Input, out output.Sink) (*Report, diag.List) {
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
	diags.Append(cfg.FillStrings(strs, func(lang string) string { return path.Join(in.LayoutsPrefix, "i18n", lang+".yaml") }))
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
	diags.Append(checkScaffold(files.Files))
	var opts []site.Option
	if in.Drafts {
		opts = append(opts, site.WithDrafts())
	}
	s, d := site.New(cfg, files.Files, opts...)
	diags.Append(d)
	b := &builder{in: in, site: s, cfg: cfg, rend: rend, facts: facts, letters: letters}
	b.convs = map[string]*markdown.Converter{}
	b.fallbackConvs = map[string]*markdown.Converter{}
	src := langs[0]
	layoutIDs := markdown.WithReservedIDs(render.LayoutIDs(in.Layouts)...) // {#id} may not take them
	for _, l := range langs {
		b.convs[l] = markdown.New(l, facts, &langLinks{b: b, lang: l},
			markdown.WithExternalLabel(rend.T(l, "external_link")),
			markdown.WithCheckLabel(rend.T(l, "check_mark")), layoutIDs,
			markdown.WithFallback(src, rend.T(l, "fact_untranslated")))
		// A stand-in for a missing translation: source-language text whose
		// links lead to this language's pages.
		b.fallbackConvs[l] = markdown.New(src, facts, &langLinks{b: b, lang: l},
			markdown.WithExternalLabel(rend.T(src, "external_link")),
			markdown.WithCheckLabel(rend.T(src, "check_mark")), layoutIDs)
	}
	return b, diags
}

// all runs every step after loading, in order, into out.
func (b *builder) all(out output.Sink) (*Report, diag.List) {
	var diags diag.List
	rec := b.setSink(out)
	b.timings = nil
	lap := b.lap()

	// Static files first: pages name their fingerprinted copies. static/ is
	// held to the content contract before anything is copied.
	diags.Append(staticfiles.Check(b.in.Static, staticfiles.Options{Prefix: b.in.StaticPrefix, Langs: b.site.Langs, Layouts: b.in.Layouts,
		Owned: map[string]string{site.OfflineDir: "the offline copies", site.GoDir: "the short addresses of guides"}}))
	if diags.Errors() > 0 {
		return nil, diags
	}
	assets, d := copyStatic(b.in.Static, b.in.StaticPrefix, b.out, b.cfg.Budgets.ImageKB, b.cfg.LanguageCSS())
	lap("static")
	diags.Append(d)
	if diags.Errors() > 0 {
		return nil, diags
	}
	b.assets = assets

	// Content pages, then what needs them all: anchors and print pages.
	b.planPrint()
	diags.Append(b.renderPages())
	lap("pages")
	diags.Append(checkAnchors(b.site, b.results))
	diags.Append(b.writePrintPages())
	lap("print pages")
	b.releaseSources()

	// The search index, then the pages that name its files.
	diags.Append(b.index())
	lap("search index")
	diags.Append(b.writeHomes())
	diags.Append(b.writeExtras())
	lap("extras")

	// Translations, the report and the checks over the whole site.
	rep := b.report()
	diags.Append(missingTranslations(rep.Translations, b.site.Langs, b.in.ContentPrefix, func(rel string) string {
		return b.site.Page(b.site.Langs[0], rel).File.Path
	}))
	diags.Append(b.writeTranslationPages(rep.Translations))
	diags.Append(b.checkAges(b.now()))
	diags.Append(b.checkWeakFacts())
	diags.Append(b.checkReach())
	diags.Append(b.checkWeights(rep))
	lap("checks")

	// Last, the offline copies, from every file written.
	if rec != nil && diags.Errors() == 0 {
		diags.Append(b.offlineCopies(rec))
		lap("offline")
	}
	rep.Timings = b.timings
	return rep, diags
}

// setSink makes out the builder's sink and, when the offline copies are
// wanted and out can read back, records what is written for them.
func (b *builder) setSink(out output.Sink) *output.Recorder {
	b.out = out
	if _, readable := out.(output.FileReader); readable && b.in.Offline {
		rec := output.NewRecorder(out)
		b.out = rec
		return rec
	}
	return nil
}

// releaseSources lets go of page bodies in a one-shot build, once every
// page and print page is rendered.
func (b *builder) releaseSources() {
	if b.oneShot {
		for _, p := range b.site.Pages {
			p.File.KeepFrontMatter()
		}
	}
}

// report says what was built: pages, translations and their stamps, and
// every page's minified weight, heaviest first.
func (b *builder) report() *Report {
	rep := &Report{Pages: len(b.results), Assets: b.assets, Translations: b.translations(), Stamps: map[string]string{}}
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
	for _, r := range b.results {
		rep.Heavy = append(rep.Heavy, Weight{URL: r.page.URL, HTML: r.size})
	}
	sort.Slice(rep.Heavy, func(i, j int) bool {
		if rep.Heavy[i].HTML != rep.Heavy[j].HTML {
			return rep.Heavy[i].HTML > rep.Heavy[j].HTML
		}
		return rep.Heavy[i].URL < rep.Heavy[j].URL
	})
	return rep
}

// now is the date age checks count from.
func (b *builder) now() time.Time {
	if b.in.Now.IsZero() {
		return time.Now()
	}
	return b.in.Now
}

// offlineCopies writes the offline copies from the site as recorded.
func (b *builder) offlineCopies(rec *output.Recorder) diag.List {
	rec.SetAssets(b.assets)
	return offline.New(b.in.Layouts, b.in.LayoutsPrefix, b.in.OfflineOptions...).Finish(b.site, rec, rec.Sink)
}

type builder struct {
	in      Input
	results map[*site.Page]*rendered
	site    *site.Site
	cfg     *config.Site
	rend    *render.Renderer
	facts   *content.Facts
	out     output.Sink
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

// index builds the search index from every rendered page and records the
// files it wrote among the assets.
func (b *builder) index() diag.List {
	if !b.in.Search {
		return nil
	}
	w := searchindex.New(b.in.Content, b.in.ContentPrefix, b.in.Static, b.in.StaticPrefix, b.in.SearchOptions...)
	names, diags := w.Index(b.site, b.searchPages(), b.out)
	for k, v := range names {
		b.assets[k] = v
	}
	return diags
}

// searchPages is what the search index is built from, by language.
func (b *builder) searchPages() map[string][]searchindex.Page {
	pages := map[string][]searchindex.Page{}
	for _, p := range b.site.Pages {
		if r := b.results[p]; r != nil {
			pages[p.Lang] = append(pages[p.Lang], searchindex.Page{Page: p, Sections: r.sections})
		}
	}
	return pages
}

// SearchDocuments renders the site, writing nothing, and returns by
// language the documents its search index is built from: for the
// relevance tests, which rank them another way too.
func SearchDocuments(in Input) (map[string][]indexer.Document, diag.List) {
	in.Search, in.Offline = false, false
	b, diags := load(in)
	if b == nil {
		return nil, diags
	}
	_, d := b.all(output.Discard{})
	diags.Append(d)
	diags.Sort()
	docs := map[string][]indexer.Document{}
	pages := b.searchPages()
	for _, l := range b.site.Langs {
		docs[l] = searchindex.Documents(l, pages[l])
	}
	return docs, diags
}
