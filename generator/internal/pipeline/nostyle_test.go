package pipeline

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"mehfooz/generator/internal/output"
)

// TestNoPageHasAStyleAttribute: content makes no style= attribute on any
// page the build writes (the site's policy blocks inline style): aligned
// table cells get the stylesheet's classes.
func TestNoPageHasAStyleAttribute(t *testing.T) {
	table := "Intro.\n\n## Table\n\n| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n"
	in, dir := testSite(t, map[string]string{"en/guides/evidence.md": page("Keep evidence", table+"\n## Screenshots\n\nTake them.\n\n## Links\n\nSee [threats](threats.md#what-to-do).\n")})
	w, err := output.New(filepath.Join(dir, "public"), output.WithCacheDir("off"))
	if err != nil {
		t.Fatal(err)
	}
	if _, diags := Run(in, w); diags.Err() != nil {
		t.Fatal(diags)
	}
	if err := w.Commit(); err != nil {
		t.Fatal(err)
	}
	pages := 0
	filepath.WalkDir(filepath.Join(dir, "public"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return nil
		}
		pages++
		b, _ := os.ReadFile(p)
		if strings.Contains(string(b), " style=") {
			t.Errorf("%s has a style= attribute", p)
		}
		return nil
	})
	b, _ := os.ReadFile(filepath.Join(dir, "public", "en", "guides", "evidence", "index.html"))
	if pages == 0 || !strings.Contains(string(b), `class="align-center"`) {
		t.Errorf("%d pages; the aligned cell has no class:\n%s", pages, b)
	}
}
