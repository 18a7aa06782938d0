package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"mehfooz/search/index"
	"mehfooz/search/indexer"
)

// A query that finds nothing shows the helplines, the first question and
// the closest topics, in the language searched, never an empty answer.
func TestSearchNeverAnswersNothing(t *testing.T) {
	out := t.TempDir()
	docs := []indexer.Document{
		{URL: "helplines/", Title: "Helplines", Kind: "page", Sections: []indexer.Section{{Text: "Call 15 in an emergency."}}},
		{URL: "start/", Title: "What is happening to you?", Kind: "workflow", Sections: []indexer.Section{{Text: "Choose the closest answer."}}},
		{URL: "guides/harassment/", Title: "Online harassment", Kind: "guide", Sections: []indexer.Section{{Text: "Harassment can come as messages."}}},
	}
	data, err := indexer.Build("en", docs, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(out, "search"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(out, "search", "index-en.0123456789.idx"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := mehfooz(t, "search", "--out", out, "harry xyzzy")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"nothing found for \"harry xyzzy\"; these pages may help", "en/helplines/", "en/start/", "en/guides/harassment/"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, stdout)
		}
	}
	code, stdout, _ = mehfooz(t, "search", "--out", out, "--json", "harry xyzzy")
	if code != 0 || !strings.Contains(stdout, `"fallback": true`) {
		t.Errorf("--json: exit %d, fallback not marked:\n%s", code, stdout)
	}
}

// The site serves an index and its section texts as two files; the search
// command reads both, and says so when they do not belong together.
func TestSearchReadsTheSectionTexts(t *testing.T) {
	out := t.TempDir()
	dir := filepath.Join(out, "search")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(lang string, docs []indexer.Document) {
		data, err := indexer.Build(lang, docs, nil)
		if err != nil {
			t.Fatal(err)
		}
		core, texts, err := index.SplitTexts(data)
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, "index-"+lang+".0123456789.idx"), core, 0o644)
		os.WriteFile(filepath.Join(dir, "texts-"+lang+".0123456789.idx"), texts, 0o644)
	}
	write("en", []indexer.Document{{URL: "guides/blackmail/", Title: "Blackmail", Kind: "guide",
		Sections: []indexer.Section{{Text: "Do not pay: keep the messages as evidence."}}}})
	code, stdout, stderr := mehfooz(t, "search", "--out", out, "--json", "blackmail")
	if code != 0 || !strings.Contains(stdout, "keep the messages as evidence") {
		t.Fatalf("exit %d, no snippet from the texts file:\n%s%s", code, stdout, stderr)
	}
	// Texts of another build: two sections where the index has one.
	other, _ := indexer.Build("en", []indexer.Document{{URL: "x/", Title: "X", Kind: "guide",
		Sections: []indexer.Section{{Text: "one"}, {Anchor: "b", Heading: "B", Text: "two"}}}}, nil)
	_, texts, _ := index.SplitTexts(other)
	os.WriteFile(filepath.Join(dir, "texts-en.0123456789.idx"), texts, 0o644)
	code, _, stderr = mehfooz(t, "search", "--out", out, "blackmail")
	if code != 1 || !strings.Contains(stderr, "texts-en.0123456789.idx") || !strings.Contains(stderr, "different builds") {
		t.Errorf("mismatched texts: exit %d, %s", code, stderr)
	}
}
