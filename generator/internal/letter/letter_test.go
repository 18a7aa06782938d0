package letter

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"mehfooz/generator/internal/diag"
)

// facts is a registry for tests: key → language → text.
type facts map[string]map[string]string

func (f facts) Fact(key, lang string) (text, link string, check, ok bool) {
	text, ok = f[key][lang]
	return text, "", false, ok
}

func (f facts) Keys() []string {
	var keys []string
	for k := range f {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

var testFacts = facts{
	"agency":      {"en": "Cyber Agency", "ur": "سائبر ایجنسی"},
	"agency-name": {"en": "The Cyber Agency", "ur": "سائبر ایجنسی"},
	"law":         {"en": "Cyber Act", "ur": "سائبر ایکٹ"},
}

const testFields = `fields:
  - id: name
    required: true
  - id: cnic
    inputmode: numeric
    required: true
  - id: phone
    type: tel
  - id: what
    multiline: true
`

const testEN = `fields:
  name: {label: "Your name"}
  cnic: {label: "CNIC", hint: "13 digits"}
  phone: {label: "Phone"}
  what: {label: "What happened"}
templates:
  - id: crime
    title: "Complaint to the {fact:agency}"
    text: |
      To
      {fact:agency-name}

      I, {name}, CNIC {cnic}, ask you to act under the {fact:law}.   

      What happened:
      {what}


      Phone: {phone}
`

const testUR = `fields:
  name: {label: "آپ کا نام"}
  cnic: {label: "شناختی کارڈ"}
  phone: {label: "فون"}
  what: {label: "کیا ہوا"}
templates:
  - id: crime
    title: "{fact:agency} کے نام"
    text: |
      بخدمت {fact:agency-name}

      میرا نام {name} ہے، شناختی کارڈ {cnic}۔ {what}
`

func testFS(files map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for name, text := range map[string]string{"letters/fields.yaml": testFields, "letters/en.yaml": testEN, "letters/ur.yaml": testUR} {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	for name, text := range files {
		if text == "" {
			delete(fsys, name)
			continue
		}
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	return fsys
}

var langs = []string{"en", "ur"}

func TestLoad(t *testing.T) {
	set, diags := Load(testFS(nil), "content", langs, testFacts)
	if len(diags) > 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	en := set.For("en")
	if en == nil || len(en.Templates) != 1 || len(en.Fields) != 4 {
		t.Fatalf("For(en) = %+v", en)
	}
	if f := en.Fields[1]; f != (Field{ID: "cnic", Label: "CNIC", Hint: "13 digits", Type: "text", InputMode: "numeric", Required: true}) {
		t.Errorf("cnic field = %+v", f)
	}
	if f := en.Fields[3]; !f.Multiline || f.Type != "text" {
		t.Errorf("what field = %+v", f)
	}
	tpl := en.Templates[0]
	if tpl.ID != "crime" || tpl.N != 1 || tpl.Title != "Complaint to the Cyber Agency" {
		t.Errorf("template = %q %d %q", tpl.ID, tpl.N, tpl.Title)
	}
	if want := []string{"name", "cnic", "what", "phone"}; !slices.Equal(tpl.Uses, want) {
		t.Errorf("Uses = %v, want %v", tpl.Uses, want)
	}
	got := tpl.Text(map[string]string{"name": "Ayesha Khan", "cnic": "12345-1234567-1", "what": "line one\nline two"})
	want := "To\nThe Cyber Agency\n\nI, Ayesha Khan, CNIC 12345-1234567-1, ask you to act under the Cyber Act.\n\nWhat happened:\nline one\nline two\n\nPhone: " + Blank
	if got != want {
		t.Errorf("Text:\n%s\nwant:\n%s", got, want)
	}
	if n := len(tpl.Paragraphs); n != 4 {
		t.Errorf("%d paragraphs, want 4", n)
	}
	// The fields of a letter point at the language's own fields, labels and all.
	if p := tpl.Paragraphs[2].Lines[1].Parts[0]; p.Field == nil || p.Field.Label != "What happened" {
		t.Errorf("paragraph 3, line 2 = %+v", p)
	}
	ur := set.For("ur").Templates[0]
	if ur.Title != "سائبر ایجنسی کے نام" {
		t.Errorf("ur title = %q", ur.Title)
	}
	if got := ur.Text(nil); got != "بخدمت سائبر ایجنسی\n\nمیرا نام "+Blank+" ہے، شناختی کارڈ "+Blank+"۔ "+Blank {
		t.Errorf("ur text = %q", got)
	}
	if set.For("fr") != nil {
		t.Error("For(fr) is not nil")
	}
}

func TestLoadWithoutLettersIsEmpty(t *testing.T) {
	set, diags := Load(fstest.MapFS{"site.yaml": {Data: []byte("x: 1")}}, "content", langs, testFacts)
	if len(diags) > 0 || set.For("en") != nil {
		t.Errorf("Load = %v, %v; want no letters and no errors", set.For("en"), diags)
	}
	var nilSet *Set
	if nilSet.For("en") != nil {
		t.Error("(*Set)(nil).For is not nil")
	}
}

// replace returns s with old replaced once, failing the test when absent.
func replace(t *testing.T, s, old, new string) string {
	t.Helper()
	if !strings.Contains(s, old) {
		t.Fatalf("%q not in the test file", old)
	}
	return strings.Replace(s, old, new, 1)
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name  string
		files func(t *testing.T) map[string]string
		want  string // every diagnostic, sorted, one per line
	}{
		{
			name: "unknown_field_suggests_the_nearest",
			files: func(t *testing.T) map[string]string {
				return map[string]string{"letters/en.yaml": replace(t, testEN, "CNIC {cnic}", "CNIC {cnc}")}
			},
			want: "content/letters/en.yaml:9:11: letter \"crime\" does not use the required field {cnic}\n\thint: every letter needs {cnic}; write it where the letter gives \"CNIC\"\n" +
				"content/letters/en.yaml:13:23: {cnc} is not a field of content/letters/fields.yaml\n\thint: did you mean {cnic}?",
		},
		{
			name: "unknown_field_in_urdu_counts_runes",
			files: func(t *testing.T) map[string]string {
				return map[string]string{"letters/ur.yaml": replace(t, testUR, "{what}", "{wat}")}
			},
			want: "content/letters/ur.yaml:12:47: {wat} is not a field of content/letters/fields.yaml\n\thint: did you mean {what}?",
		},
		{
			name: "a_fact_written_as_a_field",
			files: func(t *testing.T) map[string]string {
				return map[string]string{"letters/en.yaml": replace(t, testEN, "under the {fact:law}", "under the {law}")}
			},
			want: "content/letters/en.yaml:13:56: {law} is not a field of content/letters/fields.yaml\n\thint: did you mean {fact:law}? facts are cited with fact:",
		},
		{
			name: "unknown_fact",
			files: func(t *testing.T) map[string]string {
				return map[string]string{"letters/en.yaml": replace(t, testEN, "{fact:agency-name}", "{fact:agency-nme}")}
			},
			want: "content/letters/en.yaml:11:7: unknown fact \"agency-nme\"\n\thint: did you mean {fact:agency-name}?",
		},
		{
			name: "unknown_fact_in_a_title",
			files: func(t *testing.T) map[string]string {
				return map[string]string{"letters/en.yaml": replace(t, testEN, `"Complaint to the {fact:agency}"`, `"Complaint to the {fact:agence}"`)}
			},
			want: "content/letters/en.yaml:8:30: unknown fact \"agence\"\n\thint: did you mean {fact:agency}?",
		},
		{
			name: "a_field_in_a_title",
			files: func(t *testing.T) map[string]string {
				return map[string]string{"letters/en.yaml": replace(t, testEN, `"Complaint to the {fact:agency}"`, `"From {name}"`)}
			},
			want: "content/letters/en.yaml:8:18: a letter's title cannot use {name}\n\thint: titles may cite facts, as in {fact:nccia-short}, but not fields",
		},
		{
			name: "malformed_placeholders",
			files: func(t *testing.T) map[string]string {
				return map[string]string{"letters/en.yaml": replace(t, testEN, "What happened:", "What { happened }:")}
			},
			want: "content/letters/en.yaml:15:12: { happened } is not a placeholder\n\thint: did you mean {happened}?",
		},
		{
			name: "missing_required_field",
			files: func(t *testing.T) map[string]string {
				return map[string]string{"letters/ur.yaml": replace(t, testUR, "میرا نام {name} ہے، ", "")}
			},
			want: "content/letters/ur.yaml:9:11: letter \"crime\" does not use the required field {name}\n\thint: every letter needs {name}; write it where the letter gives \"آپ کا نام\"",
		},
		{
			name: "missing_and_unknown_labels",
			files: func(t *testing.T) map[string]string {
				return map[string]string{"letters/ur.yaml": replace(t, testUR, `  phone: {label: "فون"}`, `  phon: {label: "فون"}`)}
			},
			want: "content/letters/ur.yaml:2:3: field \"phone\" has no label in content/letters/ur.yaml\n\thint: add phone: {label: \"…\"} under fields\n" +
				"content/letters/ur.yaml:4:3: \"phon\" is not a field of content/letters/fields.yaml\n\thint: did you mean \"phone\"?",
		},
		{
			name: "bad_field_declarations",
			files: func(t *testing.T) map[string]string {
				f := replace(t, testFields, "type: tel", "type: phone")
				f = replace(t, f, "inputmode: numeric", "inputmode: numbers")
				f = replace(t, f, "multiline: true", "multiline: true\n    type: email")
				return map[string]string{"letters/fields.yaml": f + "  - id: Name\n  - id: name\n  - id: fact\n"}
			},
			want: "content/letters/fields.yaml:5:16: field \"cnic\": inputmode \"numbers\" is not one of text, numeric, decimal, tel, email, url\n" +
				"content/letters/fields.yaml:8:11: field \"phone\": type \"phone\" is not one of text, tel, email, url\n" +
				"content/letters/fields.yaml:10:16: field \"what\": a multiline field is text, not email\n\thint: remove type, or remove multiline\n" +
				"content/letters/fields.yaml:12:9: field id \"Name\" may use only lowercase letters a-z, digits, \"-\" and \"_\", starting with a letter\n" +
				"content/letters/fields.yaml:13:9: field \"name\" is declared twice in content/letters/fields.yaml\n\thint: remove one of them\n" +
				"content/letters/fields.yaml:14:9: \"fact\" cannot be a field id: {fact:key} cites a fact\n\thint: choose another id",
		},
		{
			name: "letters_differ_between_languages",
			files: func(t *testing.T) map[string]string {
				return map[string]string{"letters/ur.yaml": replace(t, testUR, "id: crime", "id: crim")}
			},
			want: "content/letters/ur.yaml:6:1: no letter \"crime\", which content/letters/en.yaml has\n\thint: translate it here, with the same id\n" +
				"content/letters/ur.yaml:7:9: letter \"crim\" is not in content/letters/en.yaml\n\thint: did you mean \"crime\"?",
		},
		{
			name: "letter_written_twice",
			files: func(t *testing.T) map[string]string {
				return map[string]string{"letters/ur.yaml": testUR + "  - id: crime\n    title: x\n    text: \"{name} {cnic} {what}\"\n"}
			},
			want: "content/letters/ur.yaml:13:9: letter \"crime\" is written twice in content/letters/ur.yaml\n\thint: give each letter its own id",
		},
		{
			name:  "missing_source_language_file",
			files: func(t *testing.T) map[string]string { return map[string]string{"letters/en.yaml": ""} },
			want:  "content/letters/en.yaml: missing: content/letters has letters, so it needs en.yaml\n\thint: write its labels and letters, translated from content/letters/en.yaml",
		},
		{
			name: "stray_file",
			files: func(t *testing.T) map[string]string {
				return map[string]string{"letters/ur.yml": "x: 1", "letters/.DS_Store": "x"}
			},
			want: "content/letters/ur.yml: content/letters/ur.yml is not read: content/letters holds only fields.yaml, en.yaml, ur.yaml\n\thint: did you mean ur.yaml?",
		},
		{
			name: "unknown_key",
			files: func(t *testing.T) map[string]string {
				return map[string]string{"letters/en.yaml": replace(t, testEN, "    title:", "    titel:")}
			},
			want: "content/letters/en.yaml:8:5: unknown key \"titel\" in templates[0]\n\thint: did you mean \"title\"?",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, diags := Load(testFS(tc.files(t)), "content", langs, testFacts)
			diags.Sort()
			if got := diags.Error(); got != tc.want {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", got, tc.want)
			}
			for _, e := range diags {
				if e.Severity != diag.SevError || e.Rule == "" {
					t.Errorf("%v: severity %v, rule %q", e, e.Severity, e.Rule)
				}
			}
		})
	}
}

func TestLocate(t *testing.T) {
	src := "a:\n  text: |\n    one\n\n    دو {x}\n  quoted: \"hi {y}\"\n  plain: hi {z}\n  folded: >\n    hi\n    {w}\n"
	p := func(line, col int) diag.Pos { return diag.Pos{File: "f", Line: line, Col: col} }
	for _, tc := range []struct {
		name  string
		start diag.Pos
		text  string
		off   int
		want  diag.Pos
	}{
		{"literal_first_line", p(2, 9), "one\n\nدو {x}\n", 0, p(3, 5)},
		{"literal_counts_runes", p(2, 9), "one\n\nدو {x}\n", len("one\n\nدو "), p(5, 8)},
		{"double_quoted", p(6, 11), "hi {y}", 3, p(6, 15)},
		{"plain", p(7, 10), "hi {z}", 3, p(7, 13)},
		{"folded_falls_back_to_the_start", p(8, 11), "hi {w}\n", 3, p(8, 11)},
		{"text_not_found_falls_back", p(6, 11), "other", 2, p(6, 11)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := locate([]byte(src), tc.start, tc.text).pos(tc.text, tc.off); got != tc.want {
				t.Errorf("pos = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestLoadWithoutLanguages(t *testing.T) {
	set, _ := Load(testFS(nil), "content", nil, nil)
	if set.For("en") != nil {
		t.Error("letters for a language the site does not have")
	}
}

// A language being added shows the source language's letters, with one
// warning, until its own file is written.
func TestLoadFallsBackToTheSourceLettersForANewLanguage(t *testing.T) {
	set, diags := Load(testFS(map[string]string{"letters/ur.yaml": ""}), "content", langs, testFacts)
	if len(diags) != 1 || diags[0].Severity != diag.SevWarning ||
		diags[0].Error() != "content/letters/ur.yaml: warning: no ur letters yet: the ur letter page shows the en letters\n\thint: write content/letters/ur.yaml with the labels and letters of content/letters/en.yaml, translated" {
		t.Fatalf("diagnostics: %v", diags)
	}
	if set.For("ur") == nil || set.For("ur") != set.For("en") {
		t.Error("ur has no letters, or not the English ones")
	}
}
