package index

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/tiny.idx and the hex dump in FORMAT.md")

// tiny is the index in testdata/tiny.idx and FORMAT.md: one English page
// with an intro and one section, four terms and one synonym.
func tiny() *Index {
	docs := []Doc{{
		URL: "guides/evidence/", Title: "Evidence", Kind: "guide", TitleLen: 1,
		Sections: []Section{
			{Text: "Save it.", BodyLen: 1},
			{Anchor: "screenshots", Heading: "Screenshots", Text: "Show the date.", HeadingLen: 1, BodyLen: 2},
		},
	}}
	post := func(hits ...Hit) string {
		return string(AppendPostings(nil, []Posting{{Doc: 0, Hits: hits}}))
	}
	return &Index{
		Lang: "en",
		Docs: docs,
		Terms: []Term{
			{Text: "date", DF: 1, Postings: post(Hit{1, FieldBody, 1})},
			{Text: "evid", DF: 1, Postings: post(Hit{0, FieldTitle, 1})},
			{Text: "save", DF: 1, Postings: post(Hit{0, FieldBody, 1})},
			{Text: "screenshot", DF: 1, Postings: post(Hit{1, FieldHeading, 1})},
			{Text: "show", DF: 1, Postings: post(Hit{1, FieldBody, 1})},
		},
		Synonyms: []Synonym{{From: []string{"saboot"}, To: [][]string{{"evid"}}}},
	}
}

// bigger has several documents, repeated hits and a shared-prefix run of
// Urdu terms, to exercise every branch of the encoding.
func bigger() *Index {
	var docs []Doc
	for i := range 5 {
		docs = append(docs, Doc{
			URL: "p" + strconv.Itoa(i) + "/", Title: "صفحہ " + strconv.Itoa(i), Kind: "guide",
			TitleLen: 2, TopicLen: 1,
			Sections: []Section{{Text: "شکایت", BodyLen: 3}, {Anchor: "a", Heading: "دھمکی", HeadingLen: 1, BodyLen: 200}, {Anchor: "b"}},
		})
	}
	ps := []Posting{
		{Doc: 0, Hits: []Hit{{0, FieldTitle, 1}, {0, FieldBody, 3}, {0, FieldTopic, 1}, {2, FieldBody, 200}}},
		{Doc: 3, Hits: []Hit{{1, FieldHeading, 1}, {1, FieldBody, 2}}},
		{Doc: 4, Hits: []Hit{{2, FieldBody, 1}}},
	}
	one := string(AppendPostings(nil, ps[2:]))
	return &Index{
		Lang: "ur",
		Docs: docs,
		Terms: []Term{
			{Text: "شک", DF: 1, Postings: one},
			{Text: "شکایت", DF: 3, Postings: string(AppendPostings(nil, ps))},
			{Text: "شکایتیں", DF: 1, Postings: one},
			{Text: "ظ", DF: 1, Postings: one},
		},
		Synonyms: []Synonym{
			{From: []string{"dhamki"}, To: [][]string{{"دہمکی"}, {"threat"}}},
			{From: []string{"fake", "profil"}, To: [][]string{{"جعلی", "پروفایل"}}},
		},
	}
}

func TestRoundTrip(t *testing.T) {
	for name, ix := range map[string]*Index{"tiny": tiny(), "bigger": bigger()} {
		t.Run(name, func(t *testing.T) {
			b, err := Encode(ix)
			if err != nil {
				t.Fatal(err)
			}
			got, err := Decode(b)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, ix) {
				t.Errorf("Decode(Encode(ix)) differs:\n got %+v\nwant %+v", got, ix)
			}
			again, _ := Encode(got)
			if !bytes.Equal(again, b) {
				t.Error("Encode is not deterministic across a round trip")
			}
			for _, term := range got.Terms {
				ps, err := DecodePostings(term.Postings, got.Docs)
				if err != nil || len(ps) != term.DF {
					t.Errorf("term %q: %d postings, err %v", term.Text, len(ps), err)
				}
				if re := string(AppendPostings(nil, ps)); re != term.Postings {
					t.Errorf("term %q: postings do not re-encode to the same bytes", term.Text)
				}
			}
		})
	}
}

func TestGoldenTiny(t *testing.T) {
	b, err := Encode(tiny())
	if err != nil {
		t.Fatal(err)
	}
	const golden = "testdata/tiny.idx"
	if *update {
		if err := os.WriteFile(golden, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b, want) {
		t.Errorf("Encode(tiny) differs from %s; if the layout changed on purpose, bump Version and run go test -update", golden)
	}
}

var dumpRE = regexp.MustCompile("(?s)(<!-- begin tiny.idx -->\n```\n)(.*?)(```\n<!-- end tiny.idx -->)")

func TestFormatDocMatchesCode(t *testing.T) {
	doc, err := os.ReadFile("FORMAT.md")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`current layout version is \*\*(\d+)\*\*`).FindSubmatch(doc)
	if m == nil {
		t.Fatal("FORMAT.md does not say \"current layout version is **N**\"")
	}
	if v, _ := strconv.Atoi(string(m[1])); v != Version {
		t.Errorf("FORMAT.md says version %d, the code says %d", v, Version)
	}
	idx, err := os.ReadFile("testdata/tiny.idx")
	if err != nil {
		t.Fatal(err)
	}
	dump := hexDump(idx)
	if *update {
		doc = dumpRE.ReplaceAll(doc, []byte("${1}"+dump+"${3}"))
		if err := os.WriteFile("FORMAT.md", doc, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got := dumpRE.FindSubmatch(doc)
	if got == nil {
		t.Fatal("FORMAT.md has no hex dump between <!-- begin tiny.idx --> and <!-- end tiny.idx -->")
	}
	if string(got[2]) != dump {
		t.Errorf("FORMAT.md's hex dump is stale; run go test -update\n got:\n%s\nwant:\n%s", got[2], dump)
	}
}

// hexDump formats b like `hexdump -C`, without the final offset line.
func hexDump(b []byte) string {
	var sb strings.Builder
	for off := 0; off < len(b); off += 16 {
		line := b[off:min(off+16, len(b))]
		fmt.Fprintf(&sb, "%08x ", off)
		for i := range 16 {
			if i == 8 {
				sb.WriteByte(' ')
			}
			if i < len(line) {
				fmt.Fprintf(&sb, " %02x", line[i])
			} else {
				sb.WriteString("   ")
			}
		}
		sb.WriteString("  |")
		for _, c := range line {
			if c < 0x20 || c > 0x7e {
				c = '.'
			}
			sb.WriteByte(c)
		}
		sb.WriteString("|\n")
	}
	return sb.String()
}

func TestDecodeRejects(t *testing.T) {
	good, err := Encode(tiny())
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"empty_input", nil, "not a search index of this format"},
		{"wrong_magic", []byte("PK\x03\x04rest"), "not a search index of this format"},
		{"unknown_version", append([]byte("MHFZ\x01"), good[5:]...), "layout version 1 is not supported"},
		{"huge_version", []byte("MHFZ\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01"), "layout version 18446744073709551615"},
		{"truncated", good[:len(good)-3], "is cut short"},
		{"trailing_bytes", append(append([]byte{}, good...), 0), "after the last block"},
		{"missing_block", good[:8], "missing block"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ix, err := Decode(tt.data)
			if err == nil {
				t.Fatalf("Decode succeeded with %d docs", len(ix.Docs))
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not contain %q", err, tt.want)
			}
		})
	}
	var ve *VersionError
	if _, err := Decode(append([]byte("MHFZ\x07"), good[5:]...)); !errors.As(err, &ve) || ve.Got != 7 {
		t.Errorf("unknown version: got %v, want a *VersionError with Got 7", err)
	}
}

func TestSplitTexts(t *testing.T) {
	full, err := Encode(bigger())
	if err != nil {
		t.Fatal(err)
	}
	want, err := Decode(full)
	if err != nil {
		t.Fatal(err)
	}
	core, texts, err := SplitTexts(full)
	if err != nil {
		t.Fatal(err)
	}
	if len(core)+len(texts) != len(full) || len(texts) == 0 || texts[0] != tagTexts {
		t.Fatalf("split %d bytes into %d + %d", len(full), len(core), len(texts))
	}
	ix, err := Decode(core)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range ix.Docs {
		for _, s := range d.Sections {
			if s.Text != "" {
				t.Fatalf("the index without texts has text %q", s.Text)
			}
		}
	}
	if c2, t2, err := SplitTexts(core); err != nil || !bytes.Equal(c2, core) || len(t2) != 0 {
		t.Errorf("SplitTexts(core) = %d, %d, %v", len(c2), len(t2), err)
	}

	// Texts that do not fit the index leave it as it was.
	other, _ := Encode(tiny())
	_, otherTexts, _ := SplitTexts(other)
	for name, bad := range map[string][]byte{
		"another index's": otherTexts,
		"truncated":       texts[:len(texts)-2],
		"trailing":        append(append([]byte{}, texts...), 0),
		"not texts":       core,
		"empty":           nil,
	} {
		if err := DecodeTexts(ix, bad); err == nil {
			t.Errorf("%s texts: no error", name)
		}
		if ix.Docs[0].Sections[0].Text != "" {
			t.Fatalf("%s texts: the index changed on error", name)
		}
	}
	if err := DecodeTexts(ix, texts); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(ix, want) {
		t.Errorf("index + DecodeTexts differs from the whole file decoded")
	}
}

func FuzzDecodeTexts(f *testing.F) {
	full, err := Encode(bigger())
	if err != nil {
		f.Fatal(err)
	}
	core, texts, err := SplitTexts(full)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(texts)
	f.Add([]byte("X\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		ix, err := Decode(core)
		if err != nil {
			t.Fatal(err)
		}
		if err := DecodeTexts(ix, data); err != nil {
			return
		}
		if err := ix.Validate(); err != nil {
			t.Fatalf("texts decoded into an invalid index: %v", err)
		}
	})
}

func TestEncodeRejectsInvalidIndexes(t *testing.T) {
	tests := []struct {
		name  string
		spoil func(*Index)
	}{
		{"no_language", func(ix *Index) { ix.Lang = "" }},
		{"unsorted_terms", func(ix *Index) { ix.Terms[0], ix.Terms[1] = ix.Terms[1], ix.Terms[0] }},
		{"wrong_df", func(ix *Index) { ix.Terms[0].DF = 2 }},
		{"document_without_sections", func(ix *Index) { ix.Docs[0].Sections = nil }},
		{"hit_in_missing_section", func(ix *Index) {
			ix.Terms[0].Postings = string(AppendPostings(nil, []Posting{{0, []Hit{{5, FieldBody, 1}}}}))
		}},
		{"title_hit_outside_section_0", func(ix *Index) {
			ix.Terms[0].Postings = string(AppendPostings(nil, []Posting{{0, []Hit{{1, FieldTitle, 1}}}}))
		}},
		{"posting_for_missing_document", func(ix *Index) {
			ix.Terms[0].Postings = string(AppendPostings(nil, []Posting{{3, []Hit{{0, FieldBody, 1}}}}))
		}},
		{"empty_synonym_phrase", func(ix *Index) { ix.Synonyms[0].To = [][]string{{}} }},
		{"invalid_utf8", func(ix *Index) { ix.Docs[0].Title = "\xff" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ix := tiny()
			tt.spoil(ix)
			if _, err := Encode(ix); err == nil {
				t.Error("Encode accepted an invalid index")
			}
		})
	}
}

// FuzzDecode feeds the decoder garbage and mutations of real indexes: it
// must never panic, and whatever it accepts must re-encode to the same
// bytes and be safe to walk.
func FuzzDecode(f *testing.F) {
	if b, err := os.ReadFile("testdata/tiny.idx"); err == nil {
		f.Add(b)
	}
	if b, err := Encode(bigger()); err == nil {
		f.Add(b)
	}
	f.Add([]byte("MHFZ"))
	f.Add([]byte("MHFZ\x01\x02en"))
	f.Fuzz(func(t *testing.T, data []byte) {
		ix, err := Decode(data)
		if err != nil {
			return
		}
		again, err := Encode(ix)
		if err != nil {
			t.Fatalf("decoded index does not encode: %v", err)
		}
		back, err := Decode(again)
		if err != nil || !reflect.DeepEqual(back, ix) {
			t.Fatalf("re-encoded index does not decode to the same value: %v", err)
		}
		for _, term := range ix.Terms {
			r := NewPostingsReader(term.Postings)
			for r.Next() {
				d := ix.Docs[r.Doc()]
				for h, ok := r.NextHit(); ok; h, ok = r.NextHit() {
					_ = d.Sections[h.Section]
				}
			}
		}
	})
}
