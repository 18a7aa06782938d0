// Package site is the MODEL stage: it turns loaded files into a Site of
// Pages that know their URL, kind, section, parent, children and
// translations. It does no I/O.
package site

import (
	"bytes"
	"path"
	"sort"
	"strings"

	"mehfooz/generator/internal/config"
	"mehfooz/generator/internal/content"
	"mehfooz/generator/internal/diag"
)

// Page kinds beyond the ones front matter can name: a section's own page and
// a language's home page.
const (
	KindList = "list"
	KindHome = "home"
)

// sectionKinds gives the default kind of a page by its top-level section.
var sectionKinds = map[string]string{
	"guides":    "guide",
	"platforms": "platform",
	"complaint": "complaint",
	"start":     "workflow",
	"workshops": "workshop",
}

// SectionKind is the default kind of a page in the top-level section, or
// "" when the section has none.
func SectionKind(section string) string { return sectionKinds[section] }

// Page is one page in one language.
type Page struct {
	File    *content.File
	Lang    string
	Rel     string // "guides/evidence.md", relative to the language directory
	Key     string // "guides/evidence": the same in every language
	URL     string // "en/guides/evidence/", relative to the output root
	Kind    string
	Section string // first directory, "" at the top
	IsIndex bool   // an _index.md

	// Fallback is set on a stand-in for a missing translation: the
	// source-language page shown under this language's navigation, so a
	// link never ends in a 404 while the translation is being written.
	Fallback *Page

	Parent       *Page
	Children     []*Page // a list page's pages, by weight then title
	Translations []*Page // the same page in the other languages, in site order
}

// Title is the page's front-matter title.
func (p *Page) Title() string { return p.File.Meta.Title }

// Alias is a redirect page to write: From (an output directory) to Page.
type Alias struct {
	From string // "en/old-name/"
	Page *Page
}

// Site is the whole model.
type Site struct {
	Config  *config.Site
	Langs   []string
	Pages   []*Page // by language order, then Rel
	Aliases []Alias

	byLang map[string]map[string]*Page
}

// New builds the model. Errors: two files that want the same URL, an alias
// that leaves the output directory or collides with a page, a workshop
// listing a guide that does not exist.
func New(cfg *config.Site, files []*content.File, opts ...Option) (*Site, diag.List) {
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	var diags diag.List
	s := &Site{Config: cfg, byLang: map[string]map[string]*Page{}}
	for _, l := range cfg.Languages {
		s.Langs = append(s.Langs, l.Code)
		s.byLang[l.Code] = map[string]*Page{}
	}
	urls := map[string]*Page{}
	for _, f := range files {
		if f.Meta.Draft && !o.drafts {
			continue
		}
		p := &Page{File: f, Lang: f.Lang, Rel: f.Rel}
		p.Key, p.IsIndex = pageKey(f.Rel)
		p.URL = path.Join(f.Lang, p.Key) + "/"
		if p.Key == "" {
			p.URL = f.Lang + "/"
		}
		if i := strings.IndexByte(p.Key, '/'); i >= 0 {
			p.Section = p.Key[:i]
		} else if p.IsIndex {
			p.Section = p.Key
		}
		p.Kind = kindOf(p)
		if other, dup := urls[p.URL]; dup {
			diags.Add(diag.Errorf(diag.Pos{File: f.Path, Line: 1, Col: 1}, "duplicate-page",
				"%s and %s both make the page /%s", other.File.Path, f.Path, p.URL).
				WithHint("keep one of them: a page is either <slug>.md or <slug>/_index.md"))
			continue
		}
		urls[p.URL] = p
		s.Pages = append(s.Pages, p)
		s.byLang[p.Lang][p.Rel] = p
	}
	s.fallbacks(urls)
	s.link()
	diags.Append(s.aliases(urls))
	diags.Append(s.checkWorkshops())
	return s, diags
}

// fallbacks adds a stand-in in every other language for each source page
// that has no translation there.
func (s *Site) fallbacks(urls map[string]*Page) {
	if len(s.Langs) < 2 {
		return
	}
	var add []*Page
	for _, p := range s.Pages {
		if p.Lang != s.Langs[0] {
			continue
		}
		for _, l := range s.Langs[1:] {
			if s.byLang[l][p.Rel] != nil {
				continue
			}
			q := *p
			q.Lang, q.Fallback = l, p
			q.URL = l + strings.TrimPrefix(p.URL, p.Lang)
			if urls[q.URL] != nil {
				continue
			}
			urls[q.URL] = &q
			s.byLang[l][q.Rel] = &q
			add = append(add, &q)
		}
	}
	s.Pages = append(s.Pages, add...)
	order := map[string]int{}
	for i, l := range s.Langs {
		order[l] = i
	}
	sort.SliceStable(s.Pages, func(i, j int) bool {
		a, b := s.Pages[i], s.Pages[j]
		if a.Lang != b.Lang {
			return order[a.Lang] < order[b.Lang]
		}
		return a.Rel < b.Rel
	})
}

// pageKey maps "guides/evidence.md" to "guides/evidence" and
// "guides/_index.md" to "guides" (an index page).
func pageKey(rel string) (key string, index bool) {
	key = strings.TrimSuffix(rel, ".md")
	if key == "_index" {
		return "", true
	}
	if strings.HasSuffix(key, "/_index") {
		return strings.TrimSuffix(key, "/_index"), true
	}
	return key, false
}

func kindOf(p *Page) string {
	if k := p.File.Meta.Kind; k != "" {
		return k
	}
	if p.IsIndex {
		if p.Key == "" {
			return KindHome
		}
		return KindList
	}
	if k, ok := sectionKinds[p.Section]; ok {
		return k
	}
	return "page"
}

// link fills parents, children and translations.
func (s *Site) link() {
	for _, p := range s.Pages {
		for _, l := range s.Langs {
			if l == p.Lang {
				continue
			}
			if t := s.byLang[l][p.Rel]; t != nil {
				p.Translations = append(p.Translations, t)
			}
		}
		parent := s.parentOf(p)
		if parent != nil {
			p.Parent = parent
			parent.Children = append(parent.Children, p)
		}
	}
	for _, p := range s.Pages {
		sort.SliceStable(p.Children, func(i, j int) bool {
			a, b := p.Children[i].File.Meta, p.Children[j].File.Meta
			if a.Weight != b.Weight {
				return a.Weight < b.Weight
			}
			return a.Title < b.Title
		})
	}
}

func (s *Site) parentOf(p *Page) *Page {
	if p.Key == "" {
		return nil
	}
	dir := path.Dir(p.Key)
	if p.IsIndex {
		dir = path.Dir(p.Key)
	}
	for {
		rel := "_index.md"
		if dir != "." && dir != "" {
			rel = dir + "/_index.md"
		}
		if q := s.byLang[p.Lang][rel]; q != nil && q != p {
			return q
		}
		if dir == "." || dir == "" {
			return nil
		}
		dir = path.Dir(dir)
	}
}

// validAlias reports whether an alias, trimmed of slashes, is a path
// inside the language: not empty, no empty, "." or ".." element, and no
// backslash, colon, NUL or other control character, which no URL path or
// file name here may hold. The writer checks every name again
// (output.CheckName) as its last guard.
func validAlias(clean string) bool {
	if clean == "" {
		return false
	}
	for _, el := range strings.Split(clean, "/") {
		if el == "" || el == "." || el == ".." {
			return false
		}
	}
	return !strings.ContainsFunc(clean, func(r rune) bool { return r == '\\' || r == ':' || r < 0x20 || r == 0x7f })
}

func (s *Site) aliases(urls map[string]*Page) diag.List {
	var diags diag.List
	for _, p := range s.Pages {
		if p.Fallback != nil {
			continue
		}
		for i, a := range p.File.Meta.Aliases {
			pos := aliasPos(s, p, i, a)
			clean := strings.Trim(a, "/")
			name := path.Join(p.Lang, clean) + "/index.html"
			if !validAlias(clean) || strings.Contains(a, "..") {
				diags.Add(diag.Errorf(pos, "alias", "alias %q leaves the site or is empty", a).
					WithHint(`write an old path inside this language, e.g. "guides/old-name/"`))
				continue
			}
			from := strings.TrimSuffix(name, "index.html")
			if what := generatedAt(p.Lang, from, urls); what != "" {
				diags.Add(diag.Errorf(pos, "alias", "alias %q is the address of %s, which the build makes", a, what).
					WithHint("an alias must be an old address that no page uses now"))
				continue
			}
			if other := urls[from]; other != nil {
				diags.Add(diag.Errorf(pos, "alias", "alias %q is the address of %s", a, other.File.Path).
					WithHint("an alias must be an old address that no page uses now"))
				continue
			}
			urls[from] = p
			s.Aliases = append(s.Aliases, Alias{From: from, Page: p})
		}
	}
	return diags
}

func (s *Site) checkWorkshops() diag.List {
	var diags diag.List
	for _, p := range s.Pages {
		if p.Fallback != nil {
			continue
		}
		for _, g := range p.File.Meta.Guides {
			if _, ok := s.Resolve(p, g); !ok {
				diags.Add(diag.Errorf(s.PosOf(p, g), "broken-link", "workshop guide %q: no page content/%s/%s",
					g, p.Lang, path.Join(path.Dir(p.Rel), g)).
					WithHint("list guides as relative paths to their .md files, e.g. ../guides/evidence.md"))
			}
		}
	}
	return diags
}

// Page returns the page at rel in lang, or nil.
func (s *Site) Page(lang, rel string) *Page { return s.byLang[lang][rel] }

// Lang returns the pages of one language in order.
func (s *Site) Lang(lang string) []*Page {
	var out []*Page
	for _, p := range s.Pages {
		if p.Lang == lang {
			out = append(out, p)
		}
	}
	return out
}

// Resolve finds the page a relative .md path names from page p.
func (s *Site) Resolve(p *Page, dest string) (*Page, bool) {
	target := path.Join(path.Dir(p.Rel), dest)
	if strings.HasPrefix(target, "../") || target == ".." {
		return nil, false
	}
	q := s.byLang[p.Lang][target]
	return q, q != nil
}

// PosOf finds the first place text appears in p's front matter, for errors
// about front-matter values found after loading; the file start otherwise.
func (s *Site) PosOf(p *Page, text string) diag.Pos {
	f := p.File
	fm := f.Source[:min(f.BodyOffset, len(f.Source))]
	if i := bytes.Index(fm, []byte(text)); i >= 0 && text != "" {
		return f.Offsets.Pos(i)
	}
	return diag.Pos{File: f.Path, Line: 1, Col: 1}
}

// RelURL returns the URL of target relative to the directory of from (both
// output-root-relative directory URLs such as "en/guides/evidence/").
func RelURL(from, target string) string {
	fd := strings.Split(strings.TrimSuffix(from, "/"), "/")
	td := strings.Split(strings.TrimSuffix(target, "/"), "/")
	if from == "" {
		fd = nil
	}
	if target == "" {
		td = nil
	}
	i := 0
	for i < len(fd) && i < len(td) && fd[i] == td[i] {
		i++
	}
	var b strings.Builder
	for range fd[i:] {
		b.WriteString("../")
	}
	for _, seg := range td[i:] {
		b.WriteString(seg)
		b.WriteByte('/')
	}
	if b.Len() == 0 {
		return "./"
	}
	return b.String()
}

// Root returns the relative path from a directory URL to the output root.
func Root(from string) string {
	n := strings.Count(strings.TrimSuffix(from, "/"), "/") + 1
	if from == "" {
		return "./"
	}
	return strings.Repeat("../", n)
}

// Option changes how New builds the model.
type Option func(*options)

type options struct{ drafts bool }

// WithDrafts keeps pages marked draft: true, for the preview server;
// otherwise they are left out of the site, its search, and its offline
// copies.
func WithDrafts() Option { return func(o *options) { o.drafts = true } }
