// Package render is the RENDER stage's template half: it parses the layouts
// once and executes one per page kind with a PageData.
package render

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"mehfooz/generator/internal/bidi"
	"mehfooz/generator/internal/diag"
)

// Kinds that have their own layout file; any other kind uses page.html.
var kindLayouts = []string{"home", "list", "guide", "platform", "complaint", "workflow", "workshop", "page", "search"}

// Standalone layouts define a whole document under their own name.
var standalone = map[string]string{"alias": "alias.html", "chooser": "chooser.html", "notfound": "404.html", "shortcode": "shortcode.html"}

// CSP is the policy every page carries, as <meta> and in the header files.
// frame-ancestors is not allowed in <meta>; it lives in HeaderCSP only.
const CSP = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'"

// HeaderCSP is CSP plus what only an HTTP header can say.
const HeaderCSP = CSP + "; frame-ancestors 'none'"

// Renderer holds the parsed layouts and the UI strings.
type Renderer struct {
	kinds map[string]*template.Template
	alone *template.Template
	i18n  map[string]map[string]string
}

// New parses base.html, partials/*.html, one file per kind and the
// standalone layouts from fsys (the layouts directory). prefix is how the
// directory is named in errors.
func New(fsys fs.FS, prefix string, i18n map[string]map[string]string) (*Renderer, diag.List) {
	var diags diag.List
	r := &Renderer{kinds: map[string]*template.Template{}, i18n: i18n}
	read := func(name string) string {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			diags.Add(diag.Errorf(diag.Pos{File: path.Join(prefix, name)}, "layout", "cannot read layout: %v", err).
				WithHint("every page kind needs its layout file in layouts/"))
			return ""
		}
		return string(b)
	}
	base := template.New("base").Option("missingkey=error")
	parse := func(t *template.Template, name string) {
		if _, err := t.New(name).Parse(read(name)); err != nil {
			diags.Add(diag.Errorf(diag.Pos{File: path.Join(prefix, name)}, "layout", "%s", cleanTemplateErr(err)))
		}
	}
	parse(base, "base.html")
	partials, _ := fs.Glob(fsys, "partials/*.html")
	sort.Strings(partials)
	for _, p := range partials {
		parse(base, p)
	}
	if len(diags) > 0 {
		return nil, diags
	}
	// Every other top-level layout is a page kind: the required ones, and
	// any a site adds (letter.html serves pages of kind letter).
	kinds := append([]string{}, kindLayouts...)
	all, _ := fs.Glob(fsys, "*.html")
	sort.Strings(all)
	isStandalone := map[string]bool{}
	for _, f := range standalone {
		isStandalone[f] = true
	}
	for _, f := range all {
		k := strings.TrimSuffix(f, ".html")
		if f != "base.html" && !isStandalone[f] && !slices.Contains(kinds, k) {
			kinds = append(kinds, k)
		}
	}
	for _, k := range kinds {
		t, err := base.Clone()
		if err != nil {
			diags.Add(diag.Errorf(diag.Pos{File: prefix}, "layout", "%v", err))
			continue
		}
		parse(t, k+".html")
		r.kinds[k] = t
	}
	r.alone = template.New("alone").Option("missingkey=error")
	names := make([]string, 0, len(standalone))
	for _, f := range standalone {
		names = append(names, f)
	}
	sort.Strings(names)
	for _, f := range names {
		parse(r.alone, f)
	}
	return r, diags
}

func cleanTemplateErr(err error) string {
	return strings.TrimPrefix(err.Error(), "template: ")
}

// Page renders d with the layout of d.Kind.
func (r *Renderer) Page(d *PageData) ([]byte, error) {
	t := r.kinds[d.Kind]
	if t == nil {
		t = r.kinds["page"]
	}
	d.strings = r.i18n[d.Lang]
	var b bytes.Buffer
	// One allocation instead of a dozen doublings: the layout around the
	// content comes to about 12 KB before minifying.
	b.Grow(len(d.Content) + 12<<10)
	if err := t.ExecuteTemplate(&b, "base", d); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// Standalone renders one of the whole-document layouts ("alias", "chooser",
// "notfound").
func (r *Renderer) Standalone(name string, data any) ([]byte, error) {
	var b bytes.Buffer
	if err := r.alone.ExecuteTemplate(&b, name, data); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// T returns the UI string key in lang, with {name} placeholders filled from
// pairs ("n", "3").
func (r *Renderer) T(lang, key string, pairs ...string) string {
	s := r.i18n[lang][key]
	for i := 0; i+1 < len(pairs); i += 2 {
		s = strings.ReplaceAll(s, "{"+pairs[i]+"}", pairs[i+1])
	}
	return s
}

// Date formats t in lang using the month names and date_format of the UI
// strings, so a new language needs no code.
func (r *Renderer) Date(lang string, t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return r.T(lang, "date_format",
		"d", strconv.Itoa(t.Day()),
		"month", r.T(lang, "month_"+strconv.Itoa(int(t.Month()))),
		"y", strconv.Itoa(t.Year()))
}

// Item is a link in a list: children, breadcrumbs, guides, search groups.
type Item struct {
	Title, Description, URL, ID string
}

// Pager is page Current of Total of a section list.
type Pager struct {
	Current, Total int
	Prev, Next     string
}

// Section is a whole guide inside a workshop's print page.
type Section struct {
	ID, Title, Description, ShortURL string
	Content                          template.HTML
}

// Group is a titled list of items (the no-JavaScript topic index).
type Group struct {
	ID, Title string
	Items     []Item
}

// Banner is a notice above the text: "fallback" (not translated yet) or
// "outdated" (the source changed in Sections since translation).
type Banner struct {
	Kind     string
	URL      string // the source-language page
	Sections []Item
}

// Alternate is the same page in another language.
type Alternate struct {
	Code, Name, Dir, URL string
	// Stub: there is no real translation there (only a stand-in or the
	// language's home), so no hreflang link claims one.
	Stub bool
	// Abs is the absolute address, when base_url is set (hreflang wants it).
	Abs string
}

// Source is a cited source.
type Source struct{ Title, URL, Short string }

// PageData is everything a kind layout may use.
type PageData struct {
	// Draft marks a page with draft: true, which only serve shows.
	Draft         bool
	Lang, Dir     string
	Kind          string
	Title         string
	Description   string
	SiteTitle     string
	Content       template.HTML
	CSP           string
	Canonical     string
	QuickExit     string
	Home          string // relative URL of this language's home
	SearchURL     string
	Alternates    []Alternate
	Breadcrumbs   []Item
	Children      []Item
	TOC           []Item
	Groups        []Group
	Guides        []Item
	Duration      string
	Audience      string
	Reviewed      string
	ReviewedISO   string
	Sources       []Source
	Checks        bool   // the page shows a fact only one source supports
	FactsChecked  string // the oldest verified_on of the page's facts, as a date in its language
	IsSectionRoot bool
	SearchAttrs   template.HTMLAttr
	// ContentLang and ContentDir are set when the text is not in the
	// page's language (a stand-in for a missing translation).
	ContentLang, ContentDir string
	Banner                  *Banner
	// Print pages: the QR code of the page's address (inline SVG, only
	// with base_url), the short address to read out, and for a workshop
	// every guide in order.
	QR       template.HTML
	ShortURL string
	PrintURL string // on a guide or workshop: its print page
	// Letter is the complaint-letter form and templates (*letter.Data) on
	// pages of kind letter.
	Letter any
	// Pager links the pages of a long section list.
	Pager *Pager
	// Downloads are the offline copies, on the page of kind offline.
	Downloads []Item
	Sections  []Section

	// Assets maps a static path ("css/site.css") to its URL from this page.
	Assets map[string]string
	// Links maps a language-relative .md path to its URL from this page;
	// layouts call .Link for the fixed pages they point at.
	Links func(rel string) (string, bool)

	strings map[string]string
}

// T returns a UI string; an unknown key fails the render so a typo in a
// layout cannot ship.
func (d *PageData) T(key string) (string, error) {
	s, ok := d.strings[key]
	if !ok {
		return "", fmt.Errorf("no UI string %q in layouts/i18n/%s.yaml", key, d.Lang)
	}
	return s, nil
}

// Tr returns a UI string with its {name} placeholders filled from pairs
// of name, value: {{.Tr "facts_checked" "date" .FactsChecked}}.
func (d *PageData) Tr(key string, pairs ...string) (string, error) {
	s, err := d.T(key)
	if err != nil {
		return "", err
	}
	for i := 0; i+1 < len(pairs); i += 2 {
		s = strings.ReplaceAll(s, "{"+pairs[i]+"}", pairs[i+1])
	}
	return s, nil
}

// LTR returns s as HTML for this page: escaped and, on a right-to-left
// page, with its numbers and addresses shown left to right by the rule
// the prose and the facts use (bidi.IsolateLTR).
func (d *PageData) LTR(s string) template.HTML {
	if d.Dir != "rtl" {
		return template.HTML(template.HTMLEscapeString(s))
	}
	return template.HTML(bidi.IsolateLTR(s))
}

// LTRPattern is bidi.LTRPattern on a right-to-left page, for scripts
// that fill in text (letter.js), and "" elsewhere.
func (d *PageData) LTRPattern() string {
	if d.Dir != "rtl" {
		return ""
	}
	return bidi.LTRPattern
}

// Asset returns the fingerprinted URL of a static file.
func (d *PageData) Asset(name string) (string, error) {
	u, ok := d.Assets[name]
	if !ok {
		return "", fmt.Errorf("no static file %q", name)
	}
	return u, nil
}

// LinkIf returns the URL of the page at a language-relative .md path, or ""
// when this language has no such page, so layouts can leave optional links
// out ({{with .LinkIf "helplines/_index.md"}}…{{end}}).
func (d *PageData) LinkIf(rel string) string {
	if d.Links != nil {
		if u, ok := d.Links(rel); ok {
			return u
		}
	}
	return ""
}

// Link returns the URL of the page at a language-relative .md path.
func (d *PageData) Link(rel string) (string, error) {
	if d.Links != nil {
		if u, ok := d.Links(rel); ok {
			return u, nil
		}
	}
	return "", fmt.Errorf("the layout links to %s, which this language does not have", rel)
}
