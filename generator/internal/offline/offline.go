// Package offline is the build's last stage: from the built site as files
// it makes, for each language xx, the copies a trainer carries into a room
// without internet or a survivor keeps on a phone:
//
//	offline/mehfooz-xx.zip          every page of the language, the assets they
//	                                use and the search module and index as
//	                                classic scripts, with links that work from
//	                                file://, opening at START-HERE.html
//	offline/mehfooz-xx-pocket.html  one self-contained file, no JavaScript and
//	                                no requests, with the decision tree,
//	                                helplines, complaint pages and as many
//	                                guides as fit in the budget (site.yaml's
//	                                pocket settings; 400 KB by default)
//
// Both are rebuilt with the site and are byte-identical across builds of
// the same content. The words they add (the start page, the pocket file's
// introduction) are interface strings in layouts/i18n/<lang>.yaml.
package offline

import (
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"mehfooz/generator/internal/config"
	"mehfooz/generator/internal/diag"
	"mehfooz/generator/internal/output"
	"mehfooz/generator/internal/site"
)

// Dir is the output folder of the offline copies.
const Dir = site.OfflineDir

// StartPage is the zip copy's first page, at the root of the zip.
const StartPage = "START-HERE.html"

// PocketRule picks pages for the pocket file. Pattern is a page key
// ("guides/evidence", "helplines") or a section with every page in it
// ("start/*", which includes "start" itself). Required pages must fit in the
// budget; the others are added while they fit.
type PocketRule struct {
	Pattern  string
	Required bool
}

// rulesFrom turns the pocket settings of site.yaml into rules, the
// required pages first.
func rulesFrom(p config.Pocket) []PocketRule {
	var rules []PocketRule
	for _, pat := range p.Required {
		rules = append(rules, PocketRule{pat, true})
	}
	for _, pat := range p.Optional {
		rules = append(rules, PocketRule{pat, false})
	}
	return rules
}

// ModTime is the modification time of every zip entry, fixed so the zip
// depends on the site alone.
var ModTime = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// Copies writes the offline copies.
type Copies struct {
	layouts       fs.FS
	layoutsPrefix string
	budget        int
	pocket        []PocketRule
	scanOnly      bool
}

// Option configures Copies.
type Option func(*Copies)

// WithPocketBudget sets the most a pocket file may weigh, in bytes, in
// place of site.yaml's pocket.budget_kb.
func WithPocketBudget(bytes int) Option { return func(f *Copies) { f.budget = bytes } }

// WithPocketPages replaces site.yaml's pocket.required and pocket.optional.
func WithPocketPages(rules ...PocketRule) Option {
	return func(f *Copies) { f.pocket = rules }
}

// WithoutZips reads every page a zip would hold, for the same
// diagnostics, but compresses and writes no zip: for check, which writes
// nothing.
func WithoutZips() Option { return func(f *Copies) { f.scanOnly = true } }

// New returns Copies that reads its interface strings from layouts (the
// layouts folder, shown in diagnostics as layoutsPrefix).
func New(layouts fs.FS, layoutsPrefix string, opts ...Option) *Copies {
	f := &Copies{layouts: layouts, layoutsPrefix: layoutsPrefix}
	for _, o := range opts {
		o(f)
	}
	return f
}

// Finish writes both copies of every language. Problems are errors with
// rule "offline", or "pocket-size" when the pocket file's required pages do
// not fit in its budget.
func (f *Copies) Finish(s *site.Site, files output.Built, out output.Sink) diag.List {
	strs, diags := f.strings(s)
	if diags.Errors() > 0 {
		return diags
	}
	type result struct {
		pocket []byte
		diags  diag.List
	}
	// The pocket rules and budget come from site.yaml unless an option set them.
	rules, budget := f.pocket, f.budget
	if rules == nil {
		rules = rulesFrom(s.Config.Pocket)
	}
	if budget == 0 {
		budget = s.Config.Pocket.BudgetKB << 10
	}
	results := make([]result, len(s.Langs))
	shared := &sharedFiles{files: map[string]func() rawEntry{}}
	var wg sync.WaitGroup
	for i, lang := range s.Langs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := &copier{site: s, files: files, lang: lang, strs: strs[lang], dir: s.Config.Language(lang).Direction, scanOnly: f.scanOnly, shared: shared}
			r := &results[i]
			// The pocket file beside the zip, not after it: the zip ends
			// on one core, deflating the search index.
			var pd diag.List
			pocketDone := make(chan struct{})
			go func() {
				defer close(pocketDone)
				r.pocket, pd = c.pocket(rules, budget)
			}()
			r.diags.Append(c.writeZip(out))
			<-pocketDone
			r.diags.Append(pd)
		}()
	}
	wg.Wait()
	for i, lang := range s.Langs {
		r := results[i]
		diags.Append(r.diags)
		if r.pocket == nil {
			continue
		}
		if _, err := out.Write(s.PocketName(lang), r.pocket); err != nil {
			diags.Add(diag.Errorf(outputPos(s.PocketName(lang)), "offline", "%v", err))
		}
	}
	return diags
}

// writeZip streams the language's zip copy into out: at 5,000 pages a
// language's zip is 50 MB, which need not be in memory.
func (c *copier) writeZip(out output.Sink) diag.List {
	if c.scanOnly {
		return c.zip(io.Discard)
	}
	name := c.site.ZipName(c.lang)
	w, err := output.Create(out, name)
	if err != nil {
		return diag.List{diag.Errorf(outputPos(name), "offline", "%v", err)}
	}
	diags := c.zip(w)
	if err := w.Close(); err != nil {
		diags.Add(diag.Errorf(outputPos(name), "offline", "%v", err))
	}
	return diags
}

// copier makes one language's copies.
type copier struct {
	site  *site.Site
	files output.Built
	lang  string
	dir   string
	strs  *strs
	// scanOnly: the pages are read for diagnostics, nothing is zipped.
	scanOnly bool
	// shared holds the files every language's zip has (the search module's
	// script, stylesheets, scripts), deflated once for all of them.
	shared *sharedFiles
}

// file returns an output file's bytes, or nil when there is none.
func (c *copier) file(name string) []byte {
	b, err := c.files.ReadFile(name)
	if err != nil {
		return nil
	}
	return b
}

// pages returns the language's pages in the order of the site's tree: each
// page, then its children by weight and title.
func (c *copier) pages() []*site.Page {
	all := c.site.Lang(c.lang)
	var out []*site.Page
	seen := map[*site.Page]bool{}
	var walk func(p *site.Page)
	walk = func(p *site.Page) {
		if seen[p] {
			return
		}
		seen[p] = true
		out = append(out, p)
		for _, ch := range p.Children {
			walk(ch)
		}
	}
	for _, p := range all {
		if p.Parent == nil {
			walk(p)
		}
	}
	for _, p := range all {
		walk(p) // anything the tree missed, in site order
	}
	return out
}

// asset returns the output name of a static file, as the build named it
// ("css/site.css" → "css/site.1a2b3c4d5e.css"), or "".
func (c *copier) asset(name string) string { return c.files.AssetName(name) }

// newest returns the newest review date of pages.
func newest(pages []*site.Page) time.Time {
	var t time.Time
	for _, p := range pages {
		if r := p.File.Meta.Reviewed.Time; r.After(t) {
			t = r
		}
	}
	return t
}

// strs are one language's interface strings.
type strs struct {
	m map[string]string
}

// T returns the string key with {name} placeholders filled from pairs.
func (s *strs) T(key string, pairs ...string) string {
	v := s.m[key]
	for i := 0; i+1 < len(pairs); i += 2 {
		v = strings.ReplaceAll(v, "{"+pairs[i]+"}", pairs[i+1])
	}
	return v
}

// Date formats t with the language's month names and date_format, as the
// pages do.
func (s *strs) Date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return s.T("date_format", "d", strconv.Itoa(t.Day()), "month", s.T("month_"+strconv.Itoa(int(t.Month()))), "y", strconv.Itoa(t.Year()))
}

// Keys are the interface strings the offline copies use, besides the
// site's own (quick_exit, nav_start, …, external_link, dates).
var Keys = []string{
	"offline_title", "offline_intro", "offline_how_heading", "offline_how_keep", "offline_how_open",
	"offline_how_search", "offline_shared_heading", "offline_shared", "offline_reviewed",
	"offline_pocket_title", "offline_pocket_intro", "offline_pocket_more", "offline_pocket_shared",
	"offline_contents", "offline_to_contents", "offline_in_full_site", "offline_other_heading", "offline_other_copy",
}

// siteKeys are the site's strings the copies reuse.
var siteKeys = []string{
	"quick_exit", "quick_exit_note", "quick_exit_note_link", "quick_exit_count", "external_link",
	"nav_start", "nav_helplines", "nav_guides", "nav_search", "search_description", "skip_to_content", "date_format",
}

// strings loads the interface strings and reports every key a language
// lacks. The build has already checked the files themselves.
func (f *Copies) strings(s *site.Site) (map[string]*strs, diag.List) {
	var diags diag.List
	all, _ := config.LoadI18n(f.layouts, "i18n", f.layoutsPrefix, s.Langs)
	s.Config.FillStrings(all, func(string) string { return "" }) // reported by the build
	out := map[string]*strs{}
	for _, lang := range s.Langs {
		m := all[lang]
		out[lang] = &strs{m: m}
		for _, k := range slices.Concat(Keys, siteKeys) {
			if _, ok := m[k]; !ok {
				diags.Add(diag.Errorf(diag.Pos{File: path.Join(f.layoutsPrefix, "i18n", lang+".yaml")}, "offline",
					"missing key %q, which the offline copies need", k).
					WithHint(`add %s: "…" in this language`, k))
			}
		}
	}
	return out, diags
}

// outputPos is the position of an output file in diagnostics.
func outputPos(name string) diag.Pos { return diag.Pos{File: "public/" + name} }

// kb formats a size in KB with one decimal.
func kb(n int) string { return fmt.Sprintf("%.1f KB", float64(n)/1024) }
