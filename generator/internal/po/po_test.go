package po

import (
	"bytes"
	"strings"
	"testing"
)

func TestWriteThenParseGivesTheSameEntries(t *testing.T) {
	f := &File{
		Header: []Field{{Name: "Language", Value: "ur"}, {Name: "Content-Type", Value: "text/plain; charset=UTF-8"}},
		Entries: []*Entry{
			{Context: "title", HasContext: true, ID: `Say "no"`, Str: "نہیں کہیں", References: []string{"a.md:2"}},
			{Context: "section _", HasContext: true, ID: "line one\nline\ttwo\\\n", Str: "ایک\nدو", Flags: []string{"fuzzy"}, Extracted: []string{"note"}},
		},
	}
	var b bytes.Buffer
	if err := Write(&b, f); err != nil {
		t.Fatal(err)
	}
	got, diags := Parse("x.po", b.Bytes())
	if len(diags) > 0 {
		t.Fatalf("diagnostics: %v\n%s", diags, b.String())
	}
	if got.HeaderValue("language") != "ur" || len(got.Entries) != 2 {
		t.Fatalf("header %v, %d entries", got.Header, len(got.Entries))
	}
	for i, e := range got.Entries {
		w := f.Entries[i]
		if e.ID != w.ID || e.Str != w.Str || e.Context != w.Context || e.Fuzzy() != w.Fuzzy() {
			t.Errorf("entry %d = %+v, want %+v", i, e, w)
		}
	}
	if got.Entries[1].Line != 14 || got.Entries[1].StrLine != 17 {
		t.Errorf("lines: msgid %d msgstr %d\n%s", got.Entries[1].Line, got.Entries[1].StrLine, b.String())
	}
}

func TestParseReportsBrokenLinesAtTheirPosition(t *testing.T) {
	cases := []struct{ name, src, want string }{
		{"unknown escape", "msgid \"a\"\nmsgstr \"b\\q\"\n", `x.po:2:1: unknown escape \q`},
		{"unquoted", "msgid \"a\"\nmsgstr b\n", "x.po:2:1: expected a string in double quotes"},
		{"plural", "msgid \"a\"\nmsgid_plural \"as\"\n", "x.po:2:1: plural forms are not used in page catalogues"},
		{"stray string", "\n  \"loose\"\n", "x.po:2:3: a quoted string outside msgctxt, msgid or msgstr"},
		{"msgstr first", "msgstr \"b\"\n", "x.po:1:1: msgstr with no msgid before it"},
		{"inner quote", "msgid \"a\"b\"\nmsgstr \"\"\n", `x.po:1:1: a double quote inside a string must be written \"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, diags := Parse("x.po", []byte(c.src))
			if len(diags) == 0 || !strings.HasPrefix(diags[0].Error(), c.want) {
				t.Fatalf("got %v, want %q", diags, c.want)
			}
		})
	}
}

func TestParseSkipsObsoleteEntries(t *testing.T) {
	f, diags := Parse("x.po", []byte("msgid \"a\"\nmsgstr \"b\"\n\n#~ msgid \"old\"\n#~ msgstr \"gone\"\n"))
	if len(diags) > 0 || len(f.Entries) != 1 {
		t.Fatalf("%v %d", diags, len(f.Entries))
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte("msgid \"\"\nmsgstr \"Language: ur\\n\"\n\n#, fuzzy\nmsgctxt \"t\"\nmsgid \"a\"\n\"b\"\nmsgstr \"c\"\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		cat, diags := Parse("f.po", data)
		if diags.Errors() > 0 {
			return
		}
		// What parses cleanly writes and parses again to the same messages.
		var b bytes.Buffer
		if err := Write(&b, cat); err != nil {
			t.Fatal(err)
		}
		again, d := Parse("f.po", b.Bytes())
		if d.Errors() > 0 || len(again.Entries) != len(cat.Entries) {
			t.Fatalf("rewrite does not parse: %v\n%s", d, b.String())
		}
		for i := range cat.Entries {
			if again.Entries[i].ID != cat.Entries[i].ID || again.Entries[i].Str != cat.Entries[i].Str {
				t.Fatalf("entry %d changed", i)
			}
		}
	})
}
