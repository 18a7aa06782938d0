package site

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"mehfooz/generator/internal/content"
)

var update = flag.Bool("update", false, "rewrite want.txt files")

// TestInvalid loads each testdata/invalid/<case>/about.md as
// content/en/about.md beside a guide, and wants exactly the diagnostics in
// want.txt: every alias error at the line and column of the alias.
func TestInvalid(t *testing.T) {
	dirs, _ := filepath.Glob("testdata/invalid/*")
	if len(dirs) == 0 {
		t.Fatal("no cases")
	}
	guide := "---\ntitle: Evidence\ndescription: Keep it.\nreviewed: 2026-11-01\n---\nBody.\n"
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
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
			wantFile := filepath.Join(dir, "want.txt")
			if *update {
				os.WriteFile(wantFile, []byte(got.String()), 0o644)
			}
			want, err := os.ReadFile(wantFile)
			if err != nil {
				t.Fatalf("%v (run with -update)", err)
			}
			if got.String() != string(want) || got.Len() == 0 {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", got.String(), want)
			}
			if strings.Contains(got.String(), ":1:1:") {
				t.Error("an error at 1:1, not at its alias")
			}
		})
	}
}
