package indexer

import (
	"strings"
	"testing"
)

// snippetOfAll is snippet as it was written first: the whole text
// collapsed, then cut. snippet collapses only the start it needs and must
// give the same result.
func snippetOfAll(text string, n int) string {
	return cutSnippet(collapseSpace(text), n)
}

func TestSnippetCollapsesOnlyWhatItNeeds(t *testing.T) {
	for _, tc := range []struct {
		text string
		n    int
	}{
		{"", 5},
		{"   ", 5},
		{"Save   the\n\nevidence first.", 8},
		{"Save the evidence first.", 24},
		{"Save the evidence first.", 23},
		{"  ثبوت  محفوظ\tکریں۔ پھر شکایت کریں", 10},
		{"a \xff b\u00a0c\u2028d", 4},
		{strings.Repeat("word ", 100), 160},
	} {
		if got, want := snippet(tc.text, tc.n), snippetOfAll(tc.text, tc.n); got != want {
			t.Errorf("snippet(%q, %d) = %q, want %q", tc.text, tc.n, got, want)
		}
	}
}

func FuzzSnippet(f *testing.F) {
	f.Add("Save   the\n\nevidence first.", 8)
	f.Add("  ثبوت  محفوظ\tکریں۔", 3)
	f.Add("a \xff b\u00a0c", 2)
	f.Fuzz(func(t *testing.T, text string, n int) {
		if n < 0 || n > 1000 {
			return
		}
		if got, want := snippet(text, n), snippetOfAll(text, n); got != want {
			t.Fatalf("snippet(%q, %d) = %q, want %q", text, n, got, want)
		}
	})
}
