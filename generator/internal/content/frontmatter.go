package content

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"mehfooz/generator/internal/diag"
	"mehfooz/generator/internal/strictyaml"
)

// Rules of the diagnostics this package reports, besides strictyaml's.
const (
	ruleFrontMatter = "front-matter"
	ruleSlug        = "slug"
	ruleLayout      = "content-layout"
	ruleFact        = "fact"
)

// Kinds are the page kinds front matter may name.
var Kinds = []string{"guide", "platform", "complaint", "workflow", "workshop", "page", "letter", "log", "offline"}

// ValidKind reports whether kind is one of Kinds.
func ValidKind(kind string) bool { return slices.Contains(Kinds, kind) }

// maxDescription is the longest description, in characters, that search
// results and link previews show whole.
const maxDescription = 160

// FrontMatter is a page's metadata: exactly the keys of the content
// contract. Names follow Hugo's where Hugo has one.
type FrontMatter struct {
	Title          string          `yaml:"title,required"`
	Description    string          `yaml:"description,required"` // one sentence, at most 160 characters
	Kind           string          `yaml:"kind"`                 // one of Kinds; empty means the section's default
	Weight         int             `yaml:"weight"`               // order in the section, lower first
	Draft          bool            `yaml:"draft"`
	Topics         []string        `yaml:"topics"`   // lowercase ASCII, the same in every language
	Reviewed       strictyaml.Date `yaml:"reviewed"` // required on every page but a section's _index.md
	Sources        []Source        `yaml:"sources"`
	Aliases        []string        `yaml:"aliases"`
	Date           strictyaml.Date `yaml:"date"`
	Lastmod        strictyaml.Date `yaml:"lastmod"`
	TranslatedFrom string          `yaml:"translated_from"` // hash of the source page's text when translated

	// Workshop pages only.
	Guides   []string `yaml:"guides"` // relative paths to guide .md files, in order
	Duration string   `yaml:"duration"`
	Audience string   `yaml:"audience"`

	// Pos holds where each key and value is, for errors found by later
	// stages: f.Meta.Pos.Value("aliases[1]").
	Pos strictyaml.Positions
}

// Source is a reference a page cites.
type Source struct {
	Title string `yaml:"title,required"`
	URL   string `yaml:"url,required"` // https only
}

var topicRE = regexp.MustCompile(`^[a-z0-9]+(?:[ -][a-z0-9]+)*$`)

// decodeFrontMatter decodes and checks the YAML of a page; line is where
// the YAML starts in file.
func decodeFrontMatter(file string, line int, yaml []byte) (FrontMatter, diag.List) {
	var fm FrontMatter
	diags := strictyaml.Decode(strictyaml.Doc{File: file, Line: line, Data: yaml}, &fm)
	diags.Append(fm.check())
	return fm, diags
}

// check reports values that decode but break the contract.
func (fm *FrontMatter) check() diag.List {
	var diags diag.List
	if fm.Kind != "" && !ValidKind(fm.Kind) {
		hint := "kinds are " + strings.Join(Kinds, ", ") + "; or leave kind out to use the section's default"
		if s := diag.Suggest(fm.Kind, Kinds); s != "" {
			hint = fmt.Sprintf("did you mean %q?", s)
		}
		diags.Add(diag.Errorf(fm.Pos.Value("kind"), ruleFrontMatter, "unknown kind %q", fm.Kind).WithHint("%s", hint))
	}
	if n := utf8.RuneCountInString(fm.Description); n > maxDescription {
		diags.Add(diag.Errorf(fm.Pos.Value("description"), ruleFrontMatter, "description is %d characters long", n).
			WithHint("keep it to one sentence of at most %d characters", maxDescription))
	}
	for i, t := range fm.Topics {
		pos := fm.Pos.Value(fmt.Sprintf("topics[%d]", i))
		switch {
		case topicRE.MatchString(t):
		case topicRE.MatchString(strings.ToLower(t)):
			diags.Add(diag.Errorf(pos, ruleFrontMatter, "topic %q is not lowercase", t).WithHint("write %q", strings.ToLower(t)))
		default:
			diags.Add(diag.Errorf(pos, ruleFrontMatter, "topic %q is not lowercase ASCII words", t).
				WithHint(`topics are the same in every language: use English words in a-z and 0-9, separated by a space or "-"`))
		}
	}
	for i, s := range fm.Sources {
		if s.URL != "" && !isHTTPS(s.URL) {
			path := fmt.Sprintf("sources[%d].url", i)
			diags.Add(diag.Errorf(fm.Pos.Value(path), ruleFrontMatter, "%s: want an https:// address, found %q", path, s.URL).
				WithHint("link the source's https:// page"))
		}
	}
	diags.Append(fm.checkSpoofing())
	return diags
}

// isHTTPS reports whether s is an absolute https URL with a host.
func isHTTPS(s string) bool {
	u, err := url.Parse(s)
	return err == nil && u.Scheme == "https" && u.Host != "" && strings.HasPrefix(s, "https://")
}
