// Package config reads the site's settings (content/site.yaml) and its
// interface strings (layouts/i18n/<lang>.yaml), strictly: every mistake is
// reported at file:line:col with the fix in words. Languages are data here,
// so nothing about a particular country or language pair lives in Go code.
package config

import (
	"fmt"
	"io/fs"
	"maps"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"mehfooz/generator/internal/diag"
	"mehfooz/generator/internal/strictyaml"
)

const ruleConfig = "config"

// Site is content/site.yaml.
type Site struct {
	Title     map[string]string `yaml:"title,required"`     // the site's name in each language
	BaseURL   string            `yaml:"base_url"`           // "" or an https:// address ending in "/"
	Languages []Language        `yaml:"languages,required"` // the first is the source language
	QuickExit string            `yaml:"quick_exit,required"`
	Budgets   Budgets           `yaml:"budgets"`
	Pocket    Pocket            `yaml:"pocket"`
	Sections  Sections          `yaml:"sections"`
	// Another organisation's words (see org.go): a short name, the country
	// its help is for, a contact line, and the stem of the download names.
	ShortName map[string]string `yaml:"short_name"`
	Country   map[string]string `yaml:"country"`
	Contact   map[string]string `yaml:"contact"`
	Downloads string            `yaml:"downloads"`

	// Pos holds where each key and value is, for errors found later.
	Pos strictyaml.Positions
}

// Language is one language of the site.
type Language struct {
	Code      string `yaml:"code,required"` // a BCP 47 tag: "en", "ur", "sd", "pa-Arab"
	Name      string `yaml:"name,required"` // in the language itself: "اردو"
	Direction string `yaml:"direction,required"`
	// Script is the ISO 15924 code of the script the language's pages are
	// written in ("Arab", "Latn"), and ScriptShare the least share of a
	// page's letters, in percent, that must be in it; check reports a page
	// below it (an untranslated paragraph, a page pasted in English).
	Script      string `yaml:"script"`
	ScriptShare int    `yaml:"script_share"`
	// Type (type.go): a font-family list of fonts phones already have, the
	// body's size and line height, and the headings' line height.
	Font              string `yaml:"font"`
	FontSize          string `yaml:"font_size"`
	LineHeight        string `yaml:"line_height"`
	HeadingLineHeight string `yaml:"heading_line_height"`
}

// scripts maps the ISO 15924 codes a site may name to Unicode's scripts.
var scripts = map[string]*unicode.RangeTable{
	"Arab": unicode.Arabic, "Latn": unicode.Latin, "Deva": unicode.Devanagari, "Beng": unicode.Bengali,
	"Guru": unicode.Gurmukhi, "Gujr": unicode.Gujarati, "Taml": unicode.Tamil, "Telu": unicode.Telugu,
	"Knda": unicode.Kannada, "Mlym": unicode.Malayalam, "Sinh": unicode.Sinhala, "Thaa": unicode.Thaana,
	"Cyrl": unicode.Cyrillic, "Grek": unicode.Greek, "Hebr": unicode.Hebrew, "Ethi": unicode.Ethiopic,
	"Mymr": unicode.Myanmar, "Khmr": unicode.Khmer, "Thai": unicode.Thai, "Tibt": unicode.Tibetan,
	"Hans": unicode.Han, "Hant": unicode.Han, "Hang": unicode.Hangul, "Geor": unicode.Georgian, "Armn": unicode.Armenian,
}

// ScriptTable returns the Unicode script of the language's Script, or nil.
func (l Language) ScriptTable() *unicode.RangeTable { return scripts[l.Script] }

// Budgets are the limits check enforces. A budget left out of site.yaml
// takes its value from DefaultBudgets.
type Budgets struct {
	PageKB           int `yaml:"page_kb"`             // one HTML page with its CSS, brotli
	ImageKB          int `yaml:"image_kb"`            // any image
	FactMaxAgeDays   int `yaml:"fact_max_age_days"`   // a fact verified longer ago is reported
	ReviewMaxAgeDays int `yaml:"review_max_age_days"` // a page reviewed longer ago is reported
}

// Pocket is which pages the pocket file (offline/<site>-<lang>-pocket.html)
// holds and how much it may weigh. Patterns are page keys
// ("guides/evidence") or a section with every page in it ("start/*").
// Required pages must fit in BudgetKB; the optional ones are added in order
// while they fit. Left out, each takes its value from DefaultPocket.
type Pocket struct {
	BudgetKB int      `yaml:"budget_kb"`
	Required []string `yaml:"required"`
	Optional []string `yaml:"optional"`
}

// DefaultPocket is the pocket of a site.yaml that names none: the bundled
// site's decision tree, helplines, most urgent guides and complaint pages.
var DefaultPocket = Pocket{
	BudgetKB: 400,
	Required: []string{"start/*", "helplines/*", "guides/blackmail-sextortion", "guides/intimate-images",
		"guides/hacked-account", "guides/evidence", "guides/threats", "guides/cover-your-tracks", "complaint",
		"complaint/file-online", "complaint/in-person", "complaint/documents", "complaint/after-filing", "guides"},
	Optional: []string{"platforms/*", "complaint/*", "guides/*"},
}

// Sections say what some top-level sections and pages are for, so check
// knows the site's shape from data: which section is the decision tree,
// which sections an end of the tree may send a reader to, and which pages
// the layouts link from every page. Left out, each takes its value from
// DefaultSections.
type Sections struct {
	// Tree is the decision tree's section: each of its pages must lead to
	// another question or to help.
	Tree string `yaml:"tree"`
	// Help are the sections that count as help at an end of the tree.
	Help []string `yaml:"help"`
	// Nav are the source paths of the pages every page links to (the
	// layouts' navigation), where the search for orphan pages starts.
	Nav []string `yaml:"nav"`
}

// DefaultSections are the bundled site's sections.
var DefaultSections = Sections{
	Tree: "start",
	Help: []string{"guides", "complaint", "platforms", "helplines"},
	Nav:  []string{"_index.md", "start/_index.md", "helplines/_index.md", "guides/_index.md", "about.md", "guides/cover-your-tracks.md"},
}

var (
	sectionNameRE = regexp.MustCompile(`^[a-z0-9-]+$`)
	pagePathRE    = regexp.MustCompile(`^([a-z0-9-]+/)*([a-z0-9-]+|_index)\.md$`)
)

var pocketPatternRE = regexp.MustCompile(`^[a-z0-9-]+(/[a-z0-9-]+)*(/\*)?$`)

// DefaultBudgets are the budgets of a site.yaml that names none.
var DefaultBudgets = Budgets{PageKB: 14, ImageKB: 200, FactMaxAgeDays: 180, ReviewMaxAgeDays: 365}

// LangCodes returns the language codes in order, the source language first.
func (s *Site) LangCodes() []string {
	codes := make([]string, len(s.Languages))
	for i, l := range s.Languages {
		codes[i] = l.Code
	}
	return codes
}

// Language returns the language with code, or the zero Language.
func (s *Site) Language(code string) Language {
	for _, l := range s.Languages {
		if l.Code == code {
			return l
		}
	}
	return Language{}
}

// langCodeRE is the part of BCP 47 a site needs: a language, then an
// optional script and region ("pa-Arab", "ur-PK", "es-419"), in their usual
// letter case. The code names a content folder and starts every URL.
var langCodeRE = regexp.MustCompile(`^[a-z]{2,3}(-[A-Z][a-z]{3})?(-(?:[A-Z]{2}|[0-9]{3}))?$`)

// canonicalTag writes a tag in BCP 47's usual case: "PA-arab" → "pa-Arab".
func canonicalTag(tag string) string {
	parts := strings.Split(strings.ReplaceAll(tag, "_", "-"), "-")
	for i, p := range parts {
		switch {
		case i == 0:
			parts[i] = strings.ToLower(p)
		case len(p) == 4:
			parts[i] = strings.ToUpper(p[:1]) + strings.ToLower(p[1:])
		default:
			parts[i] = strings.ToUpper(p)
		}
	}
	return strings.Join(parts, "-")
}

// LoadSite reads the site settings name (site.yaml) from fsys; prefix is how
// fsys is named in diagnostics ("content"). The Site is nil only when the
// file cannot be read; otherwise it holds what could be decoded.
func LoadSite(fsys fs.FS, name, prefix string) (*Site, diag.List) {
	shown := path.Join(prefix, name)
	src, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, diag.List{diag.Errorf(diag.Pos{File: shown}, ruleConfig, "cannot read the site settings: %v", err).
			WithHint("create %s with title, languages and quick_exit", shown)}
	}
	return parseSite(shown, src)
}

// parseSite decodes and checks the settings in src.
func parseSite(file string, src []byte) (*Site, diag.List) {
	s := &Site{}
	diags := strictyaml.Decode(strictyaml.Doc{File: file, Data: src}, s)
	diags.Append(s.checkLanguages())
	diags.Append(s.checkTitle())
	diags.Append(s.checkOrg())
	diags.Append(s.checkType())
	if s.BaseURL != "" {
		if u, ok := parseHTTPS(s.BaseURL); !ok || !strings.HasSuffix(u.Path, "/") || u.RawQuery != "" || u.Fragment != "" {
			hint := `write the address the site is served at, e.g. "https://mehfooz.example/", or leave base_url empty`
			if ok && u.RawQuery == "" && u.Fragment == "" {
				hint = fmt.Sprintf("write %q", s.BaseURL+"/")
			}
			diags.Add(diag.Errorf(s.Pos.Value("base_url"), ruleConfig, `base_url: want an https:// address ending in "/", found %q`, s.BaseURL).
				WithHint("%s", hint))
		}
	}
	if _, ok := parseHTTPS(s.QuickExit); s.QuickExit != "" && !ok {
		diags.Add(diag.Errorf(s.Pos.Value("quick_exit"), ruleConfig, "quick_exit: want an https:// address, found %q", s.QuickExit).
			WithHint("the quick exit must lead to an ordinary https site that says nothing about this one, such as a weather search"))
	}
	diags.Append(s.checkBudgets(diags))
	diags.Append(s.checkPocket(diags))
	diags.Append(s.checkSections())
	return s, diags
}

func (s *Site) checkLanguages() diag.List {
	var diags diag.List
	first := map[string]diag.Pos{}
	for i, l := range s.Languages {
		at := func(key string) diag.Pos { return s.Pos.Value(fmt.Sprintf("languages[%d].%s", i, key)) }
		switch {
		case l.Code == "":
		case !langCodeRE.MatchString(l.Code):
			e := diag.Errorf(at("code"), ruleConfig, `language code %q is not a BCP 47 tag like "en", "ur" or "pa-Arab"`, l.Code)
			if c := canonicalTag(l.Code); langCodeRE.MatchString(c) {
				e.WithHint("write %q", c)
			} else {
				e.WithHint("use the language's ISO 639 code, with a script or region after a hyphen if needed; it becomes the directory content/<code>/ and the start of every URL")
			}
			diags.Add(e)
		default:
			if p, dup := first[l.Code]; dup {
				diags.Add(diag.Errorf(at("code"), ruleConfig, "language %q is listed twice", l.Code).
					WithHint("it is first listed on line %d; remove one", p.Line))
			}
			first[l.Code] = at("code")
		}
		if l.Script != "" && scripts[l.Script] == nil {
			e := diag.Errorf(at("script"), ruleConfig, "languages[%d].script: %q is not an ISO 15924 script code this site knows", i, l.Script)
			if s := diag.Suggest(l.Script, slices.Sorted(maps.Keys(scripts))); s != "" {
				e.WithHint("did you mean %q?", s)
			} else {
				e.WithHint("write the four-letter code, such as Arab for Urdu, Sindhi and Pashto or Latn for English")
			}
			diags.Add(e)
		}
		switch {
		case l.ScriptShare < 0 || l.ScriptShare > 100:
			diags.Add(diag.Errorf(at("script_share"), ruleConfig, "languages[%d].script_share: want a percentage from 1 to 100 of letters in the language's script, found %d", i, l.ScriptShare))
		case l.ScriptShare > 0 && l.Script == "":
			diags.Add(diag.Errorf(at("script_share"), ruleConfig, "languages[%d].script_share needs script: the share of letters in which script?", i).
				WithHint("add script, e.g. script: Arab"))
		}
		if l.Direction != "" && l.Direction != "ltr" && l.Direction != "rtl" {
			e := diag.Errorf(at("direction"), ruleConfig, "languages[%d].direction: want ltr or rtl, found %q", i, l.Direction)
			if d := diag.Suggest(l.Direction, []string{"ltr", "rtl"}); d != "" {
				e.WithHint("did you mean %q?", d)
			} else {
				e.WithHint("write ltr for left-to-right scripts, rtl for right-to-left ones such as Urdu")
			}
			diags.Add(e)
		}
	}
	return diags
}

// checkTitle wants one title per language, and only those.
func (s *Site) checkTitle() diag.List {
	var diags diag.List
	if s.Title == nil || len(s.Languages) == 0 {
		return nil // already reported
	}
	codes := s.LangCodes()
	for _, code := range codes {
		t, ok := s.Title[code]
		switch {
		case code == "":
		case !ok:
			diags.Add(diag.Errorf(s.Pos.Value("title"), ruleConfig, "title has no %q text", code).
				WithHint(`add %s: "…" under title: the site's name in that language`, code))
		case strings.TrimSpace(t) == "":
			diags.Add(diag.Errorf(s.Pos.Value("title."+code), ruleConfig, "title.%s is empty", code).
				WithHint("write the site's name in that language"))
		}
	}
	for code := range s.Title {
		if s.Language(code).Code == "" {
			diags.Add(diag.Errorf(s.Pos.Key("title."+code), ruleConfig, "title: %q is not a language of the site", code).
				WithHint("languages are %s; remove it or add the language under languages", strings.Join(codes, ", ")))
		}
	}
	return diags
}

// checkBudgets fills budgets left out with their defaults and reports ones
// that are not above zero, unless decoding already reported them.
func (s *Site) checkBudgets(decoded diag.List) diag.List {
	var diags diag.List
	for _, b := range []struct {
		key string
		val *int
		def int
	}{
		{"page_kb", &s.Budgets.PageKB, DefaultBudgets.PageKB},
		{"image_kb", &s.Budgets.ImageKB, DefaultBudgets.ImageKB},
		{"fact_max_age_days", &s.Budgets.FactMaxAgeDays, DefaultBudgets.FactMaxAgeDays},
		{"review_max_age_days", &s.Budgets.ReviewMaxAgeDays, DefaultBudgets.ReviewMaxAgeDays},
	} {
		path := "budgets." + b.key
		pos := s.Pos.Value(path)
		switch {
		case *b.val > 0:
		case !s.Pos.Has(path):
			*b.val = b.def
		case !slices.ContainsFunc(decoded, func(e *diag.Error) bool { return e.Pos == pos }):
			diags.Add(diag.Errorf(pos, ruleConfig, "%s: want a number above 0, found %d", path, *b.val).
				WithHint("leave it out to use the default, %d", b.def))
		}
	}
	return diags
}

// checkPocket fills pocket settings left out with DefaultPocket and checks
// the budget and the page patterns.
func (s *Site) checkPocket(decoded diag.List) diag.List {
	var diags diag.List
	reported := func(pos diag.Pos) bool {
		return slices.ContainsFunc(decoded, func(e *diag.Error) bool { return e.Pos == pos })
	}
	switch pos := s.Pos.Value("pocket.budget_kb"); {
	case s.Pocket.BudgetKB > 0:
	case !s.Pos.Has("pocket.budget_kb"):
		s.Pocket.BudgetKB = DefaultPocket.BudgetKB
	case !reported(pos):
		diags.Add(diag.Errorf(pos, ruleConfig, "pocket.budget_kb: want a number above 0, found %d", s.Pocket.BudgetKB).
			WithHint("leave it out to use the default, %d", DefaultPocket.BudgetKB))
	}
	if !s.Pos.Has("pocket.required") && !s.Pos.Has("pocket.optional") {
		s.Pocket.Required, s.Pocket.Optional = DefaultPocket.Required, DefaultPocket.Optional
	}
	for _, list := range []struct {
		key  string
		pats []string
	}{{"required", s.Pocket.Required}, {"optional", s.Pocket.Optional}} {
		for i, p := range list.pats {
			if !pocketPatternRE.MatchString(p) {
				key := fmt.Sprintf("pocket.%s[%d]", list.key, i)
				diags.Add(diag.Errorf(s.Pos.Value(key), ruleConfig, "%s: %q is not a page key or section/*", key, p).
					WithHint(`write a page's path without .md, like "guides/evidence", or a section with every page in it, like "start/*"`))
			}
		}
	}
	return diags
}

// checkSections fills sections settings left out with DefaultSections and
// checks that each names a section or a page path.
func (s *Site) checkSections() diag.List {
	var diags diag.List
	if !s.Pos.Has("sections.tree") {
		s.Sections.Tree = DefaultSections.Tree
	} else if !sectionNameRE.MatchString(s.Sections.Tree) {
		diags.Add(diag.Errorf(s.Pos.Value("sections.tree"), ruleConfig, "sections.tree: %q is not a section name", s.Sections.Tree).
			WithHint(`write the folder of the decision tree's pages under content/<lang>/, like "start"`))
	}
	if !s.Pos.Has("sections.help") {
		s.Sections.Help = DefaultSections.Help
	}
	for i, h := range s.Sections.Help {
		if !sectionNameRE.MatchString(h) {
			key := fmt.Sprintf("sections.help[%d]", i)
			diags.Add(diag.Errorf(s.Pos.Value(key), ruleConfig, "%s: %q is not a section name", key, h).
				WithHint(`write a folder under content/<lang>/, like "helplines"`))
		}
	}
	if !s.Pos.Has("sections.nav") {
		s.Sections.Nav = DefaultSections.Nav
	}
	for i, n := range s.Sections.Nav {
		if !pagePathRE.MatchString(n) {
			key := fmt.Sprintf("sections.nav[%d]", i)
			diags.Add(diag.Errorf(s.Pos.Value(key), ruleConfig, "%s: %q is not a page's path", key, n).
				WithHint(`write the page's file under content/<lang>/, like "guides/_index.md" or "about.md"`))
		}
	}
	return diags
}

// IsHelp reports whether section counts as help at an end of the tree.
func (s Sections) IsHelp(section string) bool { return slices.Contains(s.Help, section) }

// parseHTTPS parses s as an absolute https URL with a host.
func parseHTTPS(s string) (*url.URL, bool) {
	u, err := url.Parse(s)
	if err != nil || u.Scheme != "https" || u.Host == "" || !strings.HasPrefix(s, "https://") {
		return nil, false
	}
	return u, true
}
