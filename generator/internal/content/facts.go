package content

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"regexp"
	"slices"
	"strings"
	"time"

	"mehfooz/generator/internal/diag"
	"mehfooz/generator/internal/strictyaml"
)

// Fact is one entry of the facts registry: a phone number, address, name or
// law section that pages cite with {{< fact "key" >}}.
type Fact struct {
	Key        string
	Text       map[string]string // the value in each language
	Link       string            // an https:, tel: or mailto: URL, or ""
	Source     string            // where the fact comes from, in words
	SourceURL  string
	VerifiedOn strictyaml.Date
	Level      Level    // how strong the evidence is
	Check      bool     // readers see the "one source" marker: Level is reported
	Use        []Use    // what a reader does with it; `check` warns on weak evidence here
	Pos        diag.Pos // where the key is written
	// Fallback lists the languages that have no text of their own and
	// show the source language's text instead.
	Fallback []string
}

// FallsBack reports whether the fact shows the source language's text in
// lang, for want of its own.
func (f *Facts) FallsBack(key, lang string) bool {
	e, ok := f.Lookup(key)
	return ok && slices.Contains(e.Fallback, lang)
}

// Use says what a reader relies on a fact for. A wrong fact of this kind
// costs the most, so `check` warns when only one source holds it up.
type Use string

// The uses a fact may name.
const (
	Emergency Use = "emergency" // a number or place to go to when in danger now
	Money     Use = "money"     // where to complain about, or the rules on, money taken
)

// Uses lists every use.
var Uses = []Use{Emergency, Money}

// Has reports whether f is used for u.
func (f *Fact) Has(u Use) bool { return slices.Contains(f.Use, u) }

// Level is how well a fact's evidence holds it up.
type Level string

// The levels, strongest first.
const (
	Confirmed    Level = "confirmed"    // an official or primary source says it
	Corroborated Level = "corroborated" // two or more independent sources agree
	Reported     Level = "reported"     // one source only
)

// Levels lists every level, strongest first.
var Levels = []Level{Confirmed, Corroborated, Reported}

// Facts is the facts registry, in file order.
type Facts struct {
	list  []*Fact
	byKey map[string]*Fact
}

// Fact returns the fact's text in lang, its link, and whether readers should
// check it; ok is false for an unknown key or language.
func (f *Facts) Fact(key, lang string) (text, link string, check, ok bool) {
	e, found := f.Lookup(key)
	if !found {
		return "", "", false, false
	}
	text, ok = e.Text[lang]
	return text, e.Link, e.Check, ok
}

// Lookup returns the fact with key.
func (f *Facts) Lookup(key string) (*Fact, bool) {
	if f == nil {
		return nil, false
	}
	e, ok := f.byKey[key]
	return e, ok
}

// Keys returns every key in file order.
func (f *Facts) Keys() []string {
	var keys []string
	for _, e := range f.Entries() {
		keys = append(keys, e.Key)
	}
	return keys
}

// OldestVerified returns the earliest verified_on of the facts keys, or the
// zero time when none has a date. A page says its facts were "last checked"
// on this day: the newest date would claim more than the page can stand
// behind, since its weakest link is the fact read longest ago.
func (f *Facts) OldestVerified(keys []string) time.Time {
	var oldest time.Time
	for _, k := range keys {
		e, ok := f.Lookup(k)
		if !ok || e.VerifiedOn.Time.IsZero() {
			continue
		}
		if oldest.IsZero() || e.VerifiedOn.Time.Before(oldest) {
			oldest = e.VerifiedOn.Time
		}
	}
	return oldest
}

// Entries returns every fact in file order.
func (f *Facts) Entries() []*Fact {
	if f == nil {
		return nil
	}
	return f.list
}

// factYAML is one fact as written.
type factYAML struct {
	Value      any             `yaml:"value,required"` // text, or a mapping of language → text
	Link       string          `yaml:"link"`
	Source     string          `yaml:"source,required"`
	SourceURL  string          `yaml:"source_url"`
	VerifiedOn strictyaml.Date `yaml:"verified_on,required"`
	Level      string          `yaml:"level,required"`
	Use        []string        `yaml:"use"`
	OldCheck   any             `yaml:"check"` // replaced by level; read only to say so
	Pos        strictyaml.Positions
}

var factKeyRE = regexp.MustCompile(`^[a-z0-9-]+$`)

// LoadFacts reads the facts registry name (facts.yaml) from fsys; prefix is
// how fsys is named in diagnostics. Every fact needs a value in each of
// langs, a source and a verified_on date. A missing file is an empty
// registry. Facts with errors are still returned, so that pages citing them
// are not reported too.
func LoadFacts(fsys fs.FS, name, prefix string, langs []string) (*Facts, diag.List) {
	shown := path.Join(prefix, name)
	src, err := fs.ReadFile(fsys, name)
	if errors.Is(err, fs.ErrNotExist) {
		return &Facts{}, nil
	}
	if err != nil {
		return &Facts{}, diag.List{diag.Errorf(diag.Pos{File: shown}, ruleFact, "cannot read: %v", err)}
	}
	return parseFacts(shown, src, langs)
}

// parseFacts decodes and checks the registry in src.
func parseFacts(file string, src []byte, langs []string) (*Facts, diag.List) {
	var raw map[string]factYAML
	diags := strictyaml.Decode(strictyaml.Doc{File: file, Data: src}, &raw)
	facts := &Facts{byKey: map[string]*Fact{}}
	for key, r := range raw {
		f := &Fact{Key: key, Link: r.Link, Source: r.Source, SourceURL: r.SourceURL,
			VerifiedOn: r.VerifiedOn, Level: Level(r.Level), Pos: r.Pos.Key("")}
		// Until the layouts show levels, a reported fact keeps the old
		// "please check" note and the others lose it.
		f.Check = f.Level == Reported
		facts.list = append(facts.list, f)
		facts.byKey[key] = f
	}
	slices.SortFunc(facts.list, func(a, b *Fact) int {
		return cmp.Or(cmp.Compare(a.Pos.Line, b.Pos.Line), cmp.Compare(a.Pos.Col, b.Pos.Col))
	})
	for _, f := range facts.list {
		r := raw[f.Key]
		var d diag.List
		f.Text, f.Fallback, d = factText(f.Key, r, langs)
		diags.Append(d)
		diags.Append(checkFact(f, r))
		diags.Append(checkFactSpoofing(f, r.Pos))
	}
	diags.Append(fallbackSummary(file, facts.list, langs))
	return facts, diags
}

// fallbackSummary is one warning per language for the facts that show the
// source language's text, so that adding a language is a list of work, not
// a wall of errors. check --strict fails on it.
func fallbackSummary(file string, list []*Fact, langs []string) diag.List {
	var diags diag.List
	for _, l := range langs[1:] {
		var keys []string
		var first diag.Pos
		for _, f := range list {
			if slices.Contains(f.Fallback, l) {
				if keys == nil {
					first = f.Pos
				}
				keys = append(keys, f.Key)
			}
		}
		if len(keys) == 0 {
			continue
		}
		shown := keys
		more := ""
		if len(keys) > 8 {
			shown, more = keys[:8], fmt.Sprintf(" and %d more", len(keys)-8)
		}
		noun, verb := "facts have", "show"
		if len(keys) == 1 {
			noun, verb = "fact has", "shows"
		}
		if first.File == "" {
			first = diag.Pos{File: file}
		}
		diags.Add(diag.Warnf(first, "fact-fallback", "%d %s no %q text and %s the %q text instead: %s%s",
			len(keys), noun, l, verb, langs[0], strings.Join(shown, ", "), more).
			WithHint(`add %s: "…" under each value; readers of %s are told the fact is in another language until then; mehfooz facts --missing %s lists them all`, l, l, l))
	}
	return diags
}

// factText reads a fact's value: one text for every language, or a mapping
// of language to text. A language the mapping leaves out (but the source
// language) takes the source language's text and is listed in fallback.
func factText(key string, r factYAML, langs []string) (text map[string]string, fallback []string, diags diag.List) {
	text = map[string]string{}
	switch v := r.Value.(type) {
	case string:
		for _, l := range langs {
			text[l] = v
		}
	case map[string]any:
		for _, k := range slices.Sorted(maps.Keys(v)) {
			if !slices.Contains(langs, k) {
				hint := "languages are " + strings.Join(langs, ", ")
				if s := suggestLang(k, langs); s != "" {
					hint = fmt.Sprintf("did you mean %q?", s)
				}
				diags.Add(diag.Errorf(r.Pos.Key("value."+k), ruleFact, "%s.value: %q is not a language of the site", key, k).
					WithHint("%s", hint))
			}
		}
		for _, l := range langs {
			t, present := v[l]
			switch t := t.(type) {
			case string:
				if t != "" {
					text[l] = t
					continue
				}
			case nil:
				if !present {
					if src, ok := text[langs[0]]; ok && l != langs[0] {
						text[l] = src
						fallback = append(fallback, l)
						continue
					}
					diags.Add(diag.Errorf(r.Pos.Value("value"), ruleFact, "%s.value has no %q text", key, l).
						WithHint(`add %s: "…" under value, or write one value for every language`, l))
					continue
				}
			default:
				diags.Add(diag.Errorf(r.Pos.Value("value."+l), ruleFact, "%s.value.%s: want text, found %s", key, l, describe(t)))
				continue
			}
			diags.Add(diag.Errorf(r.Pos.Value("value."+l), ruleFact, "%s.value.%s is empty", key, l).
				WithHint("write the text in this language"))
		}
	case []any:
		diags.Add(diag.Errorf(r.Pos.Value("value"), ruleFact, "%s.value: want text, or a mapping of language: text, found a list", key).
			WithHint(`write value: "…", or value: {%s}`, langPairs(langs)))
	}
	return text, fallback, diags
}

// checkFact reports a bad key, link or source address.
func checkFact(f *Fact, r factYAML) diag.List {
	var diags diag.List
	if !factKeyRE.MatchString(f.Key) {
		e := diag.Errorf(f.Pos, ruleFact, `fact key %q may use only lowercase letters a-z, digits and "-"`, f.Key)
		if s := slugify(f.Key); s != "" {
			e.WithHint("write %q, and cite it as {{< fact %q >}}", s, s)
		}
		diags.Add(e)
	}
	if f.Link != "" && !isLink(f.Link) {
		diags.Add(diag.Errorf(r.Pos.Value("link"), ruleFact, "%s.link: want an https://, tel: or mailto: link, found %q", f.Key, f.Link).
			WithHint("write e.g. tel:1799, mailto:helpdesk@example.org or https://example.org/"))
	}
	if r.Level != "" && !slices.Contains(Levels, f.Level) {
		e := diag.Errorf(r.Pos.Value("level"), ruleFact, "%s.level: want confirmed, corroborated or reported, found %q", f.Key, r.Level)
		if s := suggestLevel(r.Level); s != "" {
			e.WithHint("did you mean %q?", s)
		} else {
			e.WithHint("confirmed: an official or primary source says it; corroborated: two or more independent sources agree; reported: one source")
		}
		diags.Add(e)
	}
	for i, u := range r.Use {
		if u == "" {
			continue // a mapping or list here is already reported by the decoder
		}
		if slices.Contains(Uses, Use(u)) {
			f.Use = append(f.Use, Use(u))
			continue
		}
		diags.Add(diag.Errorf(r.Pos.Value(fmt.Sprintf("use[%d]", i)), ruleFact, "%s.use: want emergency or money, found %q", f.Key, u).
			WithHint("emergency: a number or place for someone in danger now; money: where to complain about money taken, or its rules; or leave use out"))
	}
	if r.Pos.Has("check") {
		diags.Add(diag.Errorf(r.Pos.Key("check"), ruleFact, "%s: check is replaced by level", f.Key).
			WithHint("write level: reported (one source), corroborated (two or more agree) or confirmed (an official source), and remove check"))
	}
	if f.SourceURL != "" && !isHTTPS(f.SourceURL) {
		diags.Add(diag.Errorf(r.Pos.Value("source_url"), ruleFact, "%s.source_url: want an https:// address, found %q", f.Key, f.SourceURL).
			WithHint("link the source's https:// page, or leave source_url out and describe the source in source"))
	}
	return diags
}

// suggestLevel returns the level s was probably meant to be, or "".
func suggestLevel(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	for _, l := range Levels {
		if s == string(l) || len(s) >= 4 && strings.HasPrefix(string(l), s[:4]) {
			return string(l)
		}
	}
	return ""
}

// isLink reports whether s is a link a fact may carry.
func isLink(s string) bool {
	for _, scheme := range []string{"tel:", "mailto:"} {
		if rest, ok := strings.CutPrefix(s, scheme); ok {
			return rest != "" && !strings.ContainsAny(rest, " \t")
		}
	}
	return isHTTPS(s)
}

// describe names a decoded YAML value for "found …".
func describe(v any) string {
	switch v.(type) {
	case []any:
		return "a list"
	case map[string]any:
		return "a mapping"
	}
	return fmt.Sprintf("%q", v)
}

// langPairs writes "en: …, ur: …" for hints.
func langPairs(langs []string) string {
	pairs := make([]string, len(langs))
	for i, l := range langs {
		pairs[i] = l + `: "…"`
	}
	return strings.Join(pairs, ", ")
}
