package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

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
