package config

import (
	"strings"
	"testing"
)

func TestFillStringsFromSiteYAML(t *testing.T) {
	s, diags := parseSite("site.yaml", []byte(`title: {en: "Safe Online Nepal", ne: "सुरक्षित अनलाइन नेपाल"}
short_name: {en: SON}
country: {en: Nepal}
languages:
  - {code: en, name: English, direction: ltr}
  - {code: ne, name: नेपाली, direction: ltr}
quick_exit: https://example.org/
`))
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	strs := map[string]map[string]string{
		"en": {"a": "{site} pocket guide", "b": "Help[ in {country}].", "c": "{short_name} and {site}"},
		"ne": {"a": "{site} पकेट", "b": "मद्दत[ {country}मा]।", "c": "{short_name}", "d": "{contact}"},
	}
	diags = s.FillStrings(strs, func(l string) string { return "layouts/i18n/" + l + ".yaml" })
	want := map[string]map[string]string{
		"en": {"a": "Safe Online Nepal pocket guide", "b": "Help in Nepal.", "c": "SON and Safe Online Nepal"},
		"ne": {"a": "सुरक्षित अनलाइन नेपाल पकेट", "b": "मद्दत।", "c": "सुरक्षित अनलाइन नेपाल", "d": "{contact}"},
	}
	for l, m := range want {
		for k, v := range m {
			if strs[l][k] != v {
				t.Errorf("%s.%s = %q, want %q", l, k, strs[l][k], v)
			}
		}
	}
	if len(diags) != 1 || diags[0].Error() != "layouts/i18n/ne.yaml: d uses {contact}, but site.yaml sets no contact for ne\n\thint: add contact: {ne: \"…\"} to site.yaml, or take {contact} out of the string" {
		t.Errorf("diags = %v", diags)
	}
	if got := s.DownloadStem(); got != "son" {
		t.Errorf("stem from short_name = %q", got)
	}
}

func TestDownloadsStem(t *testing.T) {
	base := "title: {en: \"Mehfooz!\"}\nlanguages:\n  - {code: en, name: English, direction: ltr}\nquick_exit: https://example.org/\n"
	s, _ := parseSite("s.yaml", []byte(base))
	if got := s.DownloadStem(); got != "mehfooz" {
		t.Errorf("stem from the title = %q", got)
	}
	s, _ = parseSite("s.yaml", []byte(base+"downloads: our-guide\n"))
	if got := s.DownloadStem(); got != "our-guide" {
		t.Errorf("stem = %q", got)
	}
	_, diags := parseSite("s.yaml", []byte(base+"downloads: Our Guide\ncountry: {fr: France}\n"))
	got := diags.Error()
	for _, want := range []string{`s.yaml:5:12: downloads: "Our Guide" is not a file-name stem of lowercase letters, digits and -`, `hint: write "our-guide"`, `s.yaml:6:11: country: "fr" is not a language of the site`} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in\n%s", want, got)
		}
	}
}

func TestLanguageTypeSettings(t *testing.T) {
	base := "title: {en: x, sd: y}\nquick_exit: https://example.org/\nlanguages:\n  - {code: en, name: English, direction: ltr}\n  - {code: sd, name: سنڌي, direction: rtl, script: Arab, "
	s, diags := parseSite("s.yaml", []byte(base+`font: '"Noto Naskh Arabic", Tahoma, sans-serif', font_size: 1.25rem, line_height: 2.1, heading_line_height: 1.7}`+"\n"))
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	css := s.LanguageCSS()
	for _, want := range []string{`[lang="en"] { font-family: var(--latin); }`, `:lang(sd) { font-family: "Noto Naskh Arabic", Tahoma, sans-serif; }`,
		`html[lang="sd"] body { line-height: 2.1; font-size: 1.25rem; }`, `html[lang="sd"] h1, html[lang="sd"] h2, html[lang="sd"] h3 { line-height: 1.7; }`,
		`:lang(sd) a { text-underline-offset: 0.4em;`} {
		if !strings.Contains(css, want) {
			t.Errorf("missing %s in\n%s", want, css)
		}
	}
	for _, tc := range []struct{ tail, want string }{
		{`font: 'x; } body { background: url(//evil.example/) '}`, `languages[1].font: "x; } body { background: url(//evil.example/) " is not a list of font names`},
		{`font_size: huge}`, `languages[1].font_size: "huge" is not a CSS length`},
		{`line_height: 2em}`, `languages[1].line_height: "2em" is not a number`},
	} {
		_, diags := parseSite("s.yaml", []byte(base+tc.tail+"\n"))
		if !strings.Contains(diags.Error(), tc.want) {
			t.Errorf("%s: got %v", tc.tail, diags)
		}
	}
}
