package site

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"mehfooz/generator/internal/content"
	"mehfooz/internal/wanttest"
)

var update = flag.Bool("update", false, "rewrite want.txt files")

// TestInvalid loads each testdata/invalid/<case>/about.md as
// content/en/about.md beside a guide, and wants exactly the diagnostics in
// want.txt: every alias error at the line and column of the alias.
func TestInvalid(t *testing.T) {
	guide := "---\ntitle: Evidence\ndescription: Keep it.\nreviewed: 2026-11-01\n---\nBody.\n"
	wanttest.Cases(t, "testdata/invalid/*", *update, func(t *testing.T, dir string) string {
		src, err := os.ReadFile(filepath.Join(dir, "about.md"))
		if err != nil {
			t.Fatal(err)
		}
		fsys := fstest.MapFS{"en/about.md": {Data: src}, "en/guides/evidence.md": {Data: []byte(guide)}}
		var files []*content.File
		var got strings.Builder
		for _, rel := range []string{"about.md", "guides/evidence.md"} {
			f, d := content.ReadPage(fsys, "content", "en", rel)
			for _, e := range d {
				got.WriteString(e.Error() + "\n")
			}
			if f != nil {
				files = append(files, f)
			}
		}
		_, diags := New(cfg, files)
		for _, e := range diags {
			if e.Rule == "alias" {
				got.WriteString(e.Error() + "\n")
			}
		}
		if strings.Contains(got.String(), ":1:1:") {
			t.Error("an error at 1:1, not at its alias")
		}
		return got.String()
	})
}
