package strictyaml

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"mehfooz/generator/internal/diag"
)

type source struct {
	Title string `yaml:"title,required"`
	URL   string `yaml:"url,required"`
	Pos   Positions
}

type page struct {
	Title    string            `yaml:"title,required"`
	Weight   int               `yaml:"weight"`
	Ratio    float64           `yaml:"ratio"`
	Count    uint8             `yaml:"count"`
	Draft    bool              `yaml:"draft"`
	Topics   []string          `yaml:"topics"`
	Reviewed Date              `yaml:"reviewed"`
	Sources  []source          `yaml:"sources"`
	Names    map[string]string `yaml:"names"`
	Value    any               `yaml:"value"`
	Skipped  string            `yaml:"-"`
	Pos      Positions
}

// messages prints a diagnostic list one diagnostic per line, hints inline,
// so that a table row reads as the terminal would show it.
func messages(l diag.List) string {
	return strings.ReplaceAll(l.Error(), "\n\t", " | ")
}

func TestDecodeErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		yaml string
		want string
	}{
		{"unknown key suggests the nearest", "titel: x\n",
			`f.md:2:1: unknown key "titel" | hint: did you mean "title"?`},
		{"unknown key that starts an allowed key", "title: x\nrevi: 2026-11-24\n",
			`f.md:3:1: unknown key "revi" | hint: did you mean "reviewed"?`},
		{"unknown key lists the allowed keys", "title: x\ncolour: red\n",
			`f.md:3:1: unknown key "colour" | hint: allowed keys: title, weight, ratio, count, draft, topics, reviewed, sources, names, value`},
		{"unknown key in a nested mapping", "title: x\nsources:\n  - title: a\n    link: b\n",
			`f.md:5:5: unknown key "link" in sources[0] | hint: allowed keys: title, url` + "\n" +
				`f.md:4:5: missing required key "url" in sources[0] | hint: add a line "url: …"`},
		{"a skipped field is not a key", "title: x\nskipped: y\n",
			`f.md:3:1: unknown key "skipped" | hint: allowed keys: title, weight, ratio, count, draft, topics, reviewed, sources, names, value`},
		{"wrong date", "title: x\nreviewed: yesterday\n",
			`f.md:3:11: reviewed: want a date like 2026-11-24, found "yesterday"`},
		{"impossible date", "title: x\nreviewed: 2026-02-30\n",
			`f.md:3:11: reviewed: want a date like 2026-11-24, found "2026-02-30"`},
		{"date with a time", "title: x\nreviewed: 2026-11-24T10:00:00Z\n",
			`f.md:3:11: reviewed: want a date like 2026-11-24, found "2026-11-24T10:00:00Z"`},
		{"wrong integer", "title: x\nweight: ten\n",
			`f.md:3:9: weight: want a whole number, found "ten"`},
		{"hex is not a whole number", "title: x\nweight: 0x1F\n",
			`f.md:3:9: weight: want a whole number, found "0x1F"`},
		{"unsigned overflow", "title: x\ncount: 300\n",
			`f.md:3:8: count: want a whole number, 0 or more, found "300"`},
		{"wrong float", "title: x\nratio: half\n",
			`f.md:3:8: ratio: want a number, found "half"`},
		{"yes is not a boolean", "title: x\ndraft: yes\n",
			`f.md:3:8: draft: want true or false, found "yes"`},
		{"text wanted, list found", "title: [a, b]\n",
			`f.md:2:8: title: want text, found a list`},
		{"list wanted, text found", "title: x\ntopics: evidence\n",
			`f.md:3:9: topics: want a list, found "evidence" | hint: write a list as [a, b], or as one "- item" line per item`},
		{"mapping wanted, list found", "- a\n",
			`f.md:2:1: want a mapping, found a list | hint: write one "key: value" per line; allowed keys: title, weight, ratio, count, draft, topics, reviewed, sources, names, value`},
		{"map of text wanted", "title: x\nnames: {en: [a]}\n",
			`f.md:3:13: names.en: want text, found a list`},
		{"long values are shortened", "title: x\nweight: " + strings.Repeat("ab", 30) + "\n",
			`f.md:3:9: weight: want a whole number, found "` + strings.Repeat("ab", 19) + `a…"`},
		{"missing required key at the mapping start", "weight: 1\ndraft: true\n",
			`f.md:2:1: missing required key "title" | hint: add a line "title: …"`},
		{"missing required key in an empty document", "",
			`f.md:2:1: missing required key "title" | hint: add a line "title: …"`},
		{"missing required key in a flow mapping", "title: x\nsources: [{title: a}]\n",
			`f.md:3:11: missing required key "url" in sources[0] | hint: add a line "url: …"`},
		{"required key with no value", "title:\n",
			`f.md:2:7: required key "title" is empty | hint: write a value after "title:"`},
		{"required key with empty text", "title: \"\"\n",
			`f.md:2:8: required key "title" is empty | hint: write a value after "title:"`},
		{"duplicate key", "title: x\nweight: 1\nweight: 2\n",
			`f.md:4:1: duplicate key "weight" | hint: it is already set on line 3; keep one of them`},
		{"duplicate key in a map", "title: x\nnames: {en: a, en: b}\n",
			`f.md:3:16: duplicate key "en" | hint: it is already set on line 3; keep one of them`},
		{"colon inside a plain value", "title: Step 2: report it\n",
			`f.md:2:8: unexpected ":" after a value | hint: put a value that contains ": " in double quotes, e.g. title: "Step 2: report it"; otherwise check the indentation`},
		{"unclosed double quote", "title: \"abc\nweight: 1\n",
			`f.md:2:8: quoted text is never closed | hint: add the closing " (write \" for a quote mark inside the text)`},
		{"unclosed single quote", "title: 'abc\n",
			`f.md:2:8: quoted text is never closed | hint: add the closing ' (write '' for an apostrophe inside the text)`},
		{"apostrophe inside single quotes", "title: 'it's'\n",
			`f.md:2:12: unexpected text after the value | hint: put a value that contains quote marks or brackets in double quotes, e.g. title: "it's"`},
		{"unclosed list", "title: x\ntopics: [a, b\n",
			`f.md:3:9: list is never closed: "[" has no "]" | hint: add "]" at the end of the list`},
		{"unclosed mapping", "title: {x\n",
			`f.md:2:9: mapping is never closed: "{" has no "}" | hint: add "}" at the end`},
		{"tab indentation", "title: x\n\tweight: 1\n",
			`f.md:3:1: a tab is used for indentation | hint: indent with spaces, not tabs`},
		{"bad indentation", "title: x\nsources:\n  - title: a\n   url: b\n",
			`f.md:5:4: unexpected indentation | hint: keys of one mapping start in the same column`},
		{"line without a colon", "title: x\nweight 2\n",
			`f.md:3:1: this line is not a "key: value" pair | hint: write the key, a colon and a space, then the value; or indent the line if it continues the value above`},
		{"list item on the key line", "title: x\ntopics: - a\n",
			`f.md:3:9: unexpected "- " list item | hint: start the list on the line after its key, indented, e.g. "topics:" then "  - evidence"`},
		{"reserved character", "title: `x`\n",
			"f.md:2:8: a value cannot start with '`' | hint: put the value in double quotes"},
		{"unknown escape", "title: \"a\\qb\"\n",
			`f.md:2:11: unknown escape sequence in double-quoted text | hint: write \\ for a backslash, or use single quotes`},
		{"second document", "title: x\n---\nweight: 1\n",
			`f.md:3:1: a second YAML document starts here | hint: remove the "---" line: this file holds one document`},
		{"directive", "%YAML 1.2\n---\ntitle: x\n",
			`f.md:2:1: YAML directives such as %YAML are not supported | hint: remove the line`},
		{"anchor", "title: &t x\n",
			`f.md:2:8: anchors and aliases (&name, *name) are not supported | hint: write the value out in full`},
		{"alias", "title: x\ntopics: [a]\nnames: {en: *t}\n",
			`f.md:4:13: anchors and aliases (&name, *name) are not supported | hint: write the value out in full`},
		{"merge key", "title: x\nnames:\n  <<: {en: a}\n",
			`f.md:4:3: merge keys (<<) are not supported | hint: write the keys out in full`},
		{"tag", "title: !!str 1\n",
			`f.md:2:8: tags such as "!!str" are not supported | hint: remove the tag; to keep a value as text, put it in double quotes`},
		{"complex key", "title: x\nnames: {[a]: b}\n",
			`f.md:3:12: a key must be a plain word | hint: write a plain word before the colon`},
		{"complex block key", "title: x\nnames:\n  ? [a]\n  : b\n",
			`f.md:5:3: a key must be a plain word | hint: write a plain word before the colon`},
		{"empty list item", "title: x\nsources:\n  -\n",
			`f.md:4:4: missing required key "title" in sources[0] | hint: add a line "title: …"` + "\n" +
				`f.md:4:4: missing required key "url" in sources[0] | hint: add a line "url: …"`},
		{"deep flow nesting", "title: x\nnames: " + strings.Repeat("[", 101) + strings.Repeat("]", 101) + "\n",
			`f.md:3:108: lists and mappings nest more than 100 levels deep here | hint: no content file needs so many levels; look for a "[" or "{" that is never closed`},
		{"deep list items", "title: x\ntopics:\n" + strings.Repeat("- ", 101) + "x\n",
			`f.md:4:1: lists and mappings nest more than 100 levels deep here | hint: no content file needs so many levels; look for a "[" or "{" that is never closed`},
		{"nesting up to the limit is fine", "title: x\nvalue: " + strings.Repeat("[", 100) + strings.Repeat("]", 100) + "\n", ""},
		{"invalid UTF-8", "title: x\nweight: \xff\n",
			`f.md:3:9: invalid UTF-8: byte 0xff is not part of a character | hint: save the file with the UTF-8 encoding`},
		{"columns count runes", "title: ثبوت\nweight: ثبوت\n",
			`f.md:3:9: weight: want a whole number, found "ثبوت"`},
		{"columns count runes in keys", "ثبوت: x\ntitle: x\n",
			`f.md:2:1: unknown key "ثبوت" | hint: allowed keys: title, weight, ratio, count, draft, topics, reviewed, sources, names, value`},
		{"CRLF line ends", "title: x\r\nweight: ten\r\n",
			`f.md:3:9: weight: want a whole number, found "ten"`},
		{"byte order mark", "\uFEFFtitle: x\nweight: ten\n",
			`f.md:3:9: weight: want a whole number, found "ten"`},
		{"every error is reported", "title: x\nweight: ten\ndraft: maybe\ncolor: red\n",
			`f.md:3:9: weight: want a whole number, found "ten"` + "\n" +
				`f.md:4:8: draft: want true or false, found "maybe"` + "\n" +
				`f.md:5:1: unknown key "color" | hint: allowed keys: title, weight, ratio, count, draft, topics, reviewed, sources, names, value`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var p page
			l := Decode(Doc{File: "f.md", Line: 2, Data: []byte(tc.yaml)}, &p)
			if got := messages(l); got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}

func TestDecodeValues(t *testing.T) {
	src := `title: "Evidence: keep it"
weight: -3
ratio: 0.5
count: 7
draft: true
topics: [evidence, images]
reviewed: 2026-11-24
sources:
  - title: FIA
    url: https://fia.gov.pk/
  - {title: DRF, url: "https://digitalrightsfoundation.pk/"}
names: {en: Mehfooz, ur: محفوظ}
value: 0800-39393
`
	var p page
	if l := Decode(Doc{File: "f.md", Data: []byte(src)}, &p); len(l) > 0 {
		t.Fatal(l)
	}
	want := page{
		Title: "Evidence: keep it", Weight: -3, Ratio: 0.5, Count: 7, Draft: true,
		Topics:   []string{"evidence", "images"},
		Reviewed: NewDate(2026, 11, 24),
		Sources: []source{
			{Title: "FIA", URL: "https://fia.gov.pk/"},
			{Title: "DRF", URL: "https://digitalrightsfoundation.pk/"},
		},
		Names: map[string]string{"en": "Mehfooz", "ur": "محفوظ"},
		Value: "0800-39393",
	}
	for i := range p.Sources {
		p.Sources[i].Pos = Positions{}
	}
	p.Pos = Positions{}
	if !reflect.DeepEqual(p, want) {
		t.Errorf("got  %+v\nwant %+v", p, want)
	}
}

func TestDecodeScalarsKeepTheirText(t *testing.T) {
	var v struct {
		A, B, C, D, E string
		F             any
	}
	src := "a: 010\nb: 1.50\nc: true\nd: |\n  two\n  lines\ne: ~\nf: {en: 1799, ur: [x]}\n"
	if l := Decode(Doc{File: "f.yaml", Data: []byte(src)}, &v); len(l) > 0 {
		t.Fatal(l)
	}
	if v.A != "010" || v.B != "1.50" || v.C != "true" || v.D != "two\nlines\n" || v.E != "" {
		t.Errorf("got %+v", v)
	}
	want := map[string]any{"en": "1799", "ur": []any{"x"}}
	if !reflect.DeepEqual(v.F, want) {
		t.Errorf("f = %#v, want %#v", v.F, want)
	}
}

func TestPositions(t *testing.T) {
	src := "title: محفوظ\nsources:\n  - title: a\n    url: b\naliases_are: x\nnames:\n  ur: ثبوت\n"
	type doc struct {
		Title   string            `yaml:"title"`
		Sources []source          `yaml:"sources"`
		Extra   string            `yaml:"aliases_are"`
		Names   map[string]string `yaml:"names"`
		Pos     Positions
	}
	var d doc
	if l := Decode(Doc{File: "p.md", Line: 2, Data: []byte(src)}, &d); len(l) > 0 {
		t.Fatal(l)
	}
	at := func(line, col int) diag.Pos { return diag.Pos{File: "p.md", Line: line, Col: col} }
	for _, tc := range []struct {
		name string
		got  diag.Pos
		want diag.Pos
	}{
		{"document start", d.Pos.Value(""), at(2, 1)},
		{"title value", d.Pos.Value("title"), at(2, 8)},
		{"title key", d.Pos.Key("title"), at(2, 1)},
		{"list", d.Pos.Value("sources"), at(4, 3)},
		{"list item", d.Pos.Value("sources[0]"), at(4, 5)},
		{"list item has no key", d.Pos.Key("sources[0]"), diag.Pos{}},
		{"nested value", d.Pos.Value("sources[0].url"), at(5, 10)},
		{"map value after Urdu", d.Pos.Value("names.ur"), at(8, 7)},
		{"absent path", d.Pos.Value("nothing"), diag.Pos{}},
		{"nested struct fills its own positions", d.Sources[0].Pos.Value("url"), at(5, 10)},
		{"nested struct knows where it starts", d.Sources[0].Pos.Value(""), at(4, 5)},
	} {
		if tc.got != tc.want {
			t.Errorf("%s: got %v, want %v", tc.name, tc.got, tc.want)
		}
	}
	if !d.Pos.Has("aliases_are") || d.Pos.Has("weight") {
		t.Error("Has reports the wrong keys")
	}
}

func TestPositionsOfMapEntries(t *testing.T) {
	type entry struct {
		V   string `yaml:"v"`
		Pos Positions
	}
	var m map[string]entry
	if l := Decode(Doc{File: "facts.yaml", Data: []byte("a:\n  v: 1\nb: {v: 2}\n")}, &m); len(l) > 0 {
		t.Fatal(l)
	}
	if got, want := m["a"].Pos.Key(""), (diag.Pos{File: "facts.yaml", Line: 1, Col: 1}); got != want {
		t.Errorf("key of a = %v, want %v", got, want)
	}
	if got, want := m["a"].Pos.Value(""), (diag.Pos{File: "facts.yaml", Line: 2, Col: 3}); got != want {
		t.Errorf("value of a = %v, want %v", got, want)
	}
	if got, want := m["b"].Pos.Value("v"), (diag.Pos{File: "facts.yaml", Line: 3, Col: 8}); got != want {
		t.Errorf("b.v = %v, want %v", got, want)
	}
}

func TestDecodeNeedsAPointer(t *testing.T) {
	var p page
	l := Decode(Doc{File: "f.md"}, p)
	if got, want := messages(l), "f.md:1:1: cannot decode into strictyaml.page: want a non-nil pointer"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestParseDate(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Date
		ok   bool
	}{
		{"2026-11-24", NewDate(2026, 11, 24), true},
		{"2024-02-29", NewDate(2024, 2, 29), true},
		{"2026-02-29", Date{}, false},
		{"2026-1-24", Date{}, false},
		{"24-11-2026", Date{}, false},
		{"2026-11-24 ", Date{}, false},
		{"+2026-11-24", Date{}, false},
		{"", Date{}, false},
	} {
		got, err := ParseDate(tc.in)
		if got != tc.want || (err == nil) != tc.ok {
			t.Errorf("ParseDate(%q) = %v, %v; want %v, ok %v", tc.in, got, err, tc.want, tc.ok)
		}
	}
	d := NewDate(2026, 11, 24)
	if d.String() != "2026-11-24" || (Date{}).String() != "" || !(Date{}).IsZero() || d.IsZero() {
		t.Error("String or IsZero is wrong")
	}
	if !d.Before(NewDate(2026, 12, 1).Time) || d.Weekday() != time.Tuesday || d.Location() != time.UTC {
		t.Error("the time.Time methods are wrong")
	}
}
