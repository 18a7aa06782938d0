package content

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"mehfooz/generator/internal/diag"
)

// seeds adds every file matching pattern to the corpus.
func seeds(f *testing.F, pattern string, each func([]byte) []byte) {
	names, err := filepath.Glob(pattern)
	if err != nil || len(names) == 0 {
		f.Fatalf("no seeds match %s", pattern)
	}
	for _, name := range names {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(each(b))
	}
}

// checkDiags fails when a diagnostic names a place outside src (whose
// first line is line first of file) or has an empty or multi-line message.
func checkDiags(t *testing.T, diags diag.List, file string, first int, src []byte) {
	t.Helper()
	last := first + bytes.Count(src, []byte("\n"))
	for _, e := range diags {
		if e.Pos.File != file || e.Pos.Line < first || e.Pos.Line > last || e.Pos.Col < 1 {
			t.Errorf("position %v outside lines %d to %d: %s", e.Pos, first, last, e.Msg)
		}
		if e.Msg == "" || strings.Contains(e.Msg, "\n") {
			t.Errorf("empty or multi-line message %q", e.Msg)
		}
	}
}

func FuzzSplit(f *testing.F) {
	seeds(f, "testdata/pages/*.md", func(b []byte) []byte { return b })
	f.Fuzz(func(t *testing.T, src []byte) {
		p, err := Split(src, diag.NewOffsets("p.md", src))
		if err != nil {
			checkDiags(t, diag.List{err}, "p.md", 1, src)
			return
		}
		if !utf8.Valid(src) || !bytes.HasPrefix(bytes.TrimPrefix(src, byteOrderMark), delimYAML) {
			t.Errorf("split a page that is not valid: %q", src)
		}
		end := p.FrontMatterOffset + len(p.FrontMatter)
		if !bytes.Equal(src[p.FrontMatterOffset:end], p.FrontMatter) || end > p.BodyOffset ||
			!bytes.Equal(src[p.BodyOffset:], p.Body) {
			t.Errorf("parts do not match the source: %+v", p)
		}
		if bytes.Contains(append([]byte("\n"), p.FrontMatter...), []byte("\n---\n")) {
			t.Errorf("front matter %q holds a closing line", p.FrontMatter)
		}
	})
}

func FuzzFrontMatter(f *testing.F) {
	seeds(f, "testdata/pages/*.md", func(b []byte) []byte {
		if p, err := Split(b, diag.NewOffsets("p.md", b)); err == nil {
			return p.FrontMatter
		}
		return b
	})
	f.Fuzz(func(t *testing.T, yaml []byte) {
		fm, diags := decodeFrontMatter("p.md", 2, yaml)
		checkDiags(t, diags, "p.md", 2, yaml)
		if len(diags) == 0 && fm.Title == "" {
			t.Error("no error, but no title")
		}
	})
}

func FuzzFacts(f *testing.F) {
	seeds(f, "testdata/facts/*.yaml", func(b []byte) []byte { return b })
	f.Fuzz(func(t *testing.T, src []byte) {
		facts, diags := parseFacts("facts.yaml", src, langs)
		checkDiags(t, diags, "facts.yaml", 1, src)
		keys := facts.Keys()
		for _, k := range keys {
			e, ok := facts.Lookup(k)
			if !ok || e.Key != k {
				t.Errorf("Lookup(%q) = %v, %v", k, e, ok)
			}
		}
		if !slices.IsSortedFunc(facts.Entries(), func(a, b *Fact) int { return a.Pos.Line - b.Pos.Line }) {
			t.Error("entries are not in file order")
		}
		if len(diags) == 0 {
			for _, k := range keys {
				for _, l := range langs {
					if text, _, _, ok := facts.Fact(k, l); !ok || text == "" {
						t.Errorf("no error, but no %s text for %q", l, k)
					}
				}
			}
		}
	})
}
