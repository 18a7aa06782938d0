package config

import (
	"maps"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"mehfooz/generator/internal/diag"
)

// What makes a site another organisation's is data: its name (title), a
// short name, the country its help is for, a contact line and the stem of
// its download names live in site.yaml, and the interface strings name them
// through placeholders ({site}, {short_name}, {country}, {contact}) that
// FillStrings fills. No Go file and no layout names an organisation.

// Placeholders lists the site-wide placeholders of the interface strings.
var Placeholders = []string{"site", "short_name", "country", "contact"}

var stemRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// DownloadStem is the start of the offline copies' file names
// (<stem>-<lang>.zip): downloads in site.yaml, or else the source
// language's short name or title made into a slug, or "site".
func (s *Site) DownloadStem() string {
	if s.Downloads != "" {
		return s.Downloads
	}
	if len(s.Languages) > 0 {
		src := s.Languages[0].Code
		for _, name := range []string{s.ShortName[src], s.Title[src]} {
			if slug := slugify(name); slug != "" {
				return slug
			}
		}
	}
	return "site"
}

// slugify keeps ASCII letters and digits, joined by "-".
func slugify(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		default:
			dash = true
		}
	}
	return b.String()
}

// placeholder returns the value of a site-wide placeholder in lang, and
// whether the site sets it.
func (s *Site) placeholder(name, lang string) (string, bool) {
	var m map[string]string
	switch name {
	case "site":
		m = s.Title
	case "short_name":
		if v := s.ShortName[lang]; v != "" {
			return v, true
		}
		m = s.Title
	case "country":
		m = s.Country
	case "contact":
		m = s.Contact
	}
	v, ok := m[lang]
	return v, ok && v != ""
}

// optionalRE finds an optional part of a string: text in square brackets
// holding a site-wide placeholder, kept only when the site sets it, as in
// "Help for online harassment[ in {country}]."
var optionalRE = regexp.MustCompile(`\[([^\[\]]*\{(?:site|short_name|country|contact)\}[^\[\]]*)\]`)

// FillStrings fills the site-wide placeholders of every interface string,
// in place. An optional part ([ in {country}]) is dropped when site.yaml
// does not set its placeholder; anywhere else, a placeholder site.yaml does
// not set for the language is an error naming both files.
func (s *Site) FillStrings(strs map[string]map[string]string, stringsFile func(lang string) string) diag.List {
	var diags diag.List
	for _, lang := range slices.Sorted(maps.Keys(strs)) {
		m := strs[lang]
		for _, key := range slices.Sorted(maps.Keys(m)) {
			v := optionalRE.ReplaceAllStringFunc(m[key], func(part string) string {
				for _, name := range Placeholders {
					if _, ok := s.placeholder(name, lang); !ok && strings.Contains(part, "{"+name+"}") {
						return ""
					}
				}
				return part[1 : len(part)-1]
			})
			for _, name := range Placeholders {
				tok := "{" + name + "}"
				if !strings.Contains(v, tok) {
					continue
				}
				val, ok := s.placeholder(name, lang)
				if !ok {
					diags.Add(diag.Errorf(diag.Pos{File: stringsFile(lang)}, ruleConfig, "%s uses %s, but site.yaml sets no %s for %s", key, tok, name, lang).
						WithHint(`add %s: {%s: "…"} to site.yaml, or take %s out of the string`, name, lang, tok))
					continue
				}
				v = strings.ReplaceAll(v, tok, val)
			}
			m[key] = v
		}
	}
	return diags
}

// checkOrg checks short_name, country and contact (one text per language
// of the site, if set) and downloads (a file-name stem).
func (s *Site) checkOrg() diag.List {
	var diags diag.List
	for _, f := range []struct {
		key string
		m   map[string]string
	}{{"short_name", s.ShortName}, {"country", s.Country}, {"contact", s.Contact}} {
		for code := range f.m {
			if s.Language(code).Code == "" {
				diags.Add(diag.Errorf(s.Pos.Key(f.key+"."+code), ruleConfig, "%s: %q is not a language of the site", f.key, code).
					WithHint("languages are %s", strings.Join(s.LangCodes(), ", ")))
			}
		}
	}
	if s.Downloads != "" && !stemRE.MatchString(s.Downloads) {
		e := diag.Errorf(s.Pos.Value("downloads"), ruleConfig, "downloads: %q is not a file-name stem of lowercase letters, digits and -", s.Downloads)
		if slug := slugify(s.Downloads); slug != "" {
			e.WithHint("write %q", slug)
		}
		diags.Add(e)
	}
	return diags
}
