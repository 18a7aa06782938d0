package config

import (
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"mehfooz/generator/internal/diag"
)

func file(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }

// messages prints a diagnostic list one diagnostic per line, hints inline.
func messages(l diag.List) string {
	return strings.ReplaceAll(l.Error(), "\n\t", " | ")
}

const goodSite = `title: {en: "Mehfooz", ur: "محفوظ"}
base_url: ""
languages:
  - {code: en, name: English, direction: ltr}
  - {code: ur, name: اردو, direction: rtl}
quick_exit: "https://www.google.com/search?q=weather"
`

func TestLoadSite(t *testing.T) {
	s, diags := LoadSite(fstest.MapFS{"site.yaml": file(goodSite)}, "site.yaml", "content")
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	want := &Site{
		Title:     map[string]string{"en": "Mehfooz", "ur": "محفوظ"},
		Languages: []Language{{Code: "en", Name: "English", Direction: "ltr"}, {Code: "ur", Name: "اردو", Direction: "rtl"}},
		QuickExit: "https://www.google.com/search?q=weather",
		Budgets:   DefaultBudgets,
		Pocket:    DefaultPocket,
		Sections:  DefaultSections,
		Pos:       s.Pos,
	}
	if !reflect.DeepEqual(s, want) {
		t.Errorf("got  %+v\nwant %+v", s, want)
	}
	if got := s.LangCodes(); !reflect.DeepEqual(got, []string{"en", "ur"}) {
		t.Errorf("LangCodes() = %v", got)
	}
	if s.Language("ur").Direction != "rtl" || s.Language("fr") != (Language{}) {
		t.Error("Language looks up the wrong language")
	}
	if p := s.Pos.Value("quick_exit"); p != (diag.Pos{File: "content/site.yaml", Line: 6, Col: 13}) {
		t.Errorf("quick_exit at %v", p)
	}
}

func TestLoadSiteKeepsGivenBudgets(t *testing.T) {
	s, diags := LoadSite(fstest.MapFS{"site.yaml": file(goodSite + "budgets: {page_kb: 20, review_max_age_days: 90}\n")}, "site.yaml", "content")
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	want := Budgets{PageKB: 20, ImageKB: 200, FactMaxAgeDays: 180, ReviewMaxAgeDays: 90}
	if s.Budgets != want {
		t.Errorf("budgets %+v, want %+v", s.Budgets, want)
	}
}

func TestTheProjectSiteLoads(t *testing.T) {
	s, diags := LoadSite(fstest.MapFS{"site.yaml": file(mustRead(t, "testdata/site.yaml"))}, "site.yaml", "content")
	if len(diags) > 0 || len(s.Languages) != 2 {
		t.Errorf("languages %v, diags %v", s.Languages, diags)
	}
}

func TestSiteErrors(t *testing.T) {
	const f = "content/site.yaml"
	langs := "languages:\n  - {code: en, name: English, direction: ltr}\n  - {code: ur, name: اردو, direction: rtl}\n"
	for _, tc := range []struct {
		name, src, want string
	}{
		{"unknown key", strings.Replace(goodSite, "quick_exit:", "quick_exti:", 1),
			f + `:6:1: unknown key "quick_exti" | hint: did you mean "quick_exit"?`},
		{"empty file", "",
			f + `:1:1: missing required key "languages" | hint: add a line "languages: …"` + "\n" +
				f + `:1:1: missing required key "quick_exit" | hint: add a line "quick_exit: …"` + "\n" +
				f + `:1:1: missing required key "title" | hint: add a line "title: …"`},
		{"no languages", "title: {en: x}\nlanguages: []\nquick_exit: https://example.org/\n",
			f + `:2:12: required key "languages" is empty | hint: write a value after "languages:"`},
		{"language code not in the usual case", "title: {EN: x}\nlanguages:\n  - {code: EN, name: English, direction: ltr}\nquick_exit: https://example.org/\n",
			f + `:3:12: language code "EN" is not a BCP 47 tag like "en", "ur" or "pa-Arab" | hint: write "en"`},
		{"script subtag in the wrong case", "title: {pa-arab: x}\nlanguages:\n  - {code: pa-arab, name: پنجابی, direction: rtl}\nquick_exit: https://example.org/\n",
			f + `:3:12: language code "pa-arab" is not a BCP 47 tag like "en", "ur" or "pa-Arab" | hint: write "pa-Arab"`},
		{"language code that is no tag", "title: {english: x}\nlanguages:\n  - {code: english, name: English, direction: ltr}\nquick_exit: https://example.org/\n",
			f + `:3:12: language code "english" is not a BCP 47 tag like "en", "ur" or "pa-Arab" | hint: use the language's ISO 639 code, with a script or region after a hyphen if needed; it becomes the directory content/<code>/ and the start of every URL`},
		{"duplicate language", "title: {en: x}\nlanguages:\n  - {code: en, name: English, direction: ltr}\n  - {code: en, name: English, direction: ltr}\nquick_exit: https://example.org/\n",
			f + `:4:12: language "en" is listed twice | hint: it is first listed on line 3; remove one`},
		{"direction", "title: {ur: x}\nlanguages:\n  - code: ur\n    name: اردو\n    direction: RTL\nquick_exit: https://example.org/\n",
			f + `:5:16: languages[0].direction: want ltr or rtl, found "RTL" | hint: did you mean "rtl"?`},
		{"direction far from both", "title: {ur: x}\nlanguages:\n  - {code: ur, name: اردو, direction: right}\nquick_exit: https://example.org/\n",
			f + `:3:39: languages[0].direction: want ltr or rtl, found "right" | hint: write ltr for left-to-right scripts, rtl for right-to-left ones such as Urdu`},
		{"language without a name", "title: {ur: x}\nlanguages:\n  - {code: ur, direction: rtl}\nquick_exit: https://example.org/\n",
			f + `:3:5: missing required key "name" in languages[0] | hint: add a line "name: …"`},
		{"title missing a language", "title: {en: Mehfooz}\n" + langs + "quick_exit: https://example.org/\n",
			f + `:1:8: title has no "ur" text | hint: add ur: "…" under title: the site's name in that language`},
		{"title empty in a language", "title:\n  en: Mehfooz\n  ur: \" \"\n" + langs + "quick_exit: https://example.org/\n",
			f + `:3:7: title.ur is empty | hint: write the site's name in that language`},
		{"title for an unknown language", "title: {en: a, ur: b, fr: c}\n" + langs + "quick_exit: https://example.org/\n",
			f + `:1:23: title: "fr" is not a language of the site | hint: languages are en, ur; remove it or add the language under languages`},
		{"title is text", "title: Mehfooz\n" + langs + "quick_exit: https://example.org/\n",
			f + `:1:8: title: want a mapping, found "Mehfooz"`},
		{"quick exit over http", strings.Replace(goodSite, `"https://www.google.com/search?q=weather"`, "http://example.org", 1),
			f + `:6:13: quick_exit: want an https:// address, found "http://example.org" | hint: the quick exit must lead to an ordinary https site that says nothing about this one, such as a weather search`},
		{"budget not above zero", goodSite + "budgets: {page_kb: 0, image_kb: -5}\n",
			f + `:7:20: budgets.page_kb: want a number above 0, found 0 | hint: leave it out to use the default, 14` + "\n" +
				f + `:7:33: budgets.image_kb: want a number above 0, found -5 | hint: leave it out to use the default, 200`},
		{"budget of the wrong type is reported once", goodSite + "budgets: {page_kb: small}\n",
			f + `:7:20: budgets.page_kb: want a whole number, found "small"`},
		{"unknown budget", goodSite + "budgets: {page_size: 1}\n",
			f + `:7:11: unknown key "page_size" in budgets | hint: allowed keys: page_kb, image_kb, fact_max_age_days, review_max_age_days`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, diags := LoadSite(fstest.MapFS{"site.yaml": file(tc.src)}, "site.yaml", "content")
			diags.Sort()
			if got := messages(diags); got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}

func TestBaseURL(t *testing.T) {
	site := strings.Replace(goodSite, `base_url: ""`, "base_url: %s", 1)
	for _, tc := range []struct {
		url, want string
	}{
		{"https://mehfooz.example/", ""},
		{"https://example.org/mehfooz/", ""},
		{"https://mehfooz.example", `content/site.yaml:2:11: base_url: want an https:// address ending in "/", found "https://mehfooz.example" | hint: write "https://mehfooz.example/"`},
		{"http://mehfooz.example/", `content/site.yaml:2:11: base_url: want an https:// address ending in "/", found "http://mehfooz.example/" | hint: write the address the site is served at, e.g. "https://mehfooz.example/", or leave base_url empty`},
		{"https://mehfooz.example/?x=1", `content/site.yaml:2:11: base_url: want an https:// address ending in "/", found "https://mehfooz.example/?x=1" | hint: write the address the site is served at, e.g. "https://mehfooz.example/", or leave base_url empty`},
		{"/mehfooz/", `content/site.yaml:2:11: base_url: want an https:// address ending in "/", found "/mehfooz/" | hint: write the address the site is served at, e.g. "https://mehfooz.example/", or leave base_url empty`},
	} {
		s, diags := LoadSite(fstest.MapFS{"site.yaml": file(strings.Replace(site, "%s", tc.url, 1))}, "site.yaml", "content")
		if got := messages(diags); got != tc.want {
			t.Errorf("%s:\ngot  %s\nwant %s", tc.url, got, tc.want)
		}
		if tc.want == "" && s.BaseURL != tc.url {
			t.Errorf("BaseURL = %q", s.BaseURL)
		}
	}
}

func TestLoadSiteWithoutAFile(t *testing.T) {
	s, diags := LoadSite(fstest.MapFS{}, "site.yaml", "content")
	want := "content/site.yaml: cannot read the site settings: open site.yaml: file does not exist | hint: create content/site.yaml with title, languages and quick_exit"
	if s != nil || messages(diags) != want {
		t.Errorf("site %v, diags\n%s\nwant\n%s", s, messages(diags), want)
	}
}

func TestBCP47LanguageCodesAreAccepted(t *testing.T) {
	for _, code := range []string{"en", "ur", "sd", "ps", "pa-Arab", "ur-PK", "es-419", "skr"} {
		src := "title: {" + code + ": x}\nlanguages:\n  - {code: " + code + ", name: x, direction: rtl}\nquick_exit: https://example.org/\n"
		if _, diags := parseSite("site.yaml", []byte(src)); len(diags) > 0 {
			t.Errorf("%s: %v", code, diags)
		}
	}
}

func TestScriptSettings(t *testing.T) {
	base := "title: {ur: x}\nquick_exit: https://example.org/\nlanguages:\n  - {code: ur, name: اردو, direction: rtl, "
	if _, diags := parseSite("s.yaml", []byte(base+"script: Arab, script_share: 90}\n")); len(diags) > 0 {
		t.Errorf("Arab 90: %v", diags)
	}
	for _, tc := range []struct{ tail, want string }{
		{"script: Arabic}\n", `s.yaml:4:52: languages[0].script: "Arabic" is not an ISO 15924 script code this site knows`},
		{"script: Arab, script_share: 190}\n", `s.yaml:4:72: languages[0].script_share: want a percentage from 1 to 100 of letters in the language's script, found 190`},
		{"script_share: 90}\n", `s.yaml:4:58: languages[0].script_share needs script`},
	} {
		_, diags := parseSite("s.yaml", []byte(base+tc.tail))
		if len(diags) == 0 || !strings.HasPrefix(diags[0].Error(), tc.want) {
			t.Errorf("%s: got %v, want %s", tc.tail, diags, tc.want)
		}
	}
}

func TestLoadSitePocket(t *testing.T) {
	s, diags := LoadSite(fstest.MapFS{"site.yaml": file(goodSite + "pocket:\n  budget_kb: 300\n  required: [\"start/*\", helplines]\n")}, "site.yaml", "content")
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	if want := (Pocket{BudgetKB: 300, Required: []string{"start/*", "helplines"}}); !reflect.DeepEqual(s.Pocket, want) {
		t.Errorf("pocket = %+v, want %+v", s.Pocket, want)
	}
	_, diags = LoadSite(fstest.MapFS{"site.yaml": file(goodSite + "pocket:\n  budget_kb: 0\n  optional: [\"Guides/*\"]\n")}, "site.yaml", "content")
	got := diags.Error()
	for _, want := range []string{"content/site.yaml:8:14: pocket.budget_kb: want a number above 0", `content/site.yaml:9:14: pocket.optional[0]: "Guides/*" is not a page key`} {
		if !strings.Contains(got, want) {
			t.Errorf("diagnostics lack %q:\n%s", want, got)
		}
	}
}

func TestLoadSiteSections(t *testing.T) {
	s, diags := LoadSite(fstest.MapFS{"site.yaml": file(goodSite)}, "site.yaml", "content")
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	if !reflect.DeepEqual(s.Sections, DefaultSections) || !s.Sections.IsHelp("helplines") || s.Sections.IsHelp("start") {
		t.Errorf("sections left out = %+v, want the defaults", s.Sections)
	}
	s, diags = LoadSite(fstest.MapFS{"site.yaml": file(goodSite + "sections:\n  tree: triage\n  help: [support]\n  nav: [_index.md, triage/_index.md]\n")}, "site.yaml", "content")
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	if want := (Sections{Tree: "triage", Help: []string{"support"}, Nav: []string{"_index.md", "triage/_index.md"}}); !reflect.DeepEqual(s.Sections, want) {
		t.Errorf("sections = %+v, want %+v", s.Sections, want)
	}
	_, diags = LoadSite(fstest.MapFS{"site.yaml": file(goodSite + "sections:\n  tree: Start/\n  help: [guides, \"\"]\n  nav: [about]\n")}, "site.yaml", "content")
	got := diags.Error()
	for _, want := range []string{`content/site.yaml:8:9: sections.tree: "Start/" is not a section name`,
		`content/site.yaml:9:18: sections.help[1]: "" is not a section name`,
		`content/site.yaml:10:9: sections.nav[0]: "about" is not a page's path`} {
		if !strings.Contains(got, want) {
			t.Errorf("diagnostics lack %q:\n%s", want, got)
		}
	}
}
