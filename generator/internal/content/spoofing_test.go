package content

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

var update = flag.Bool("update", false, "rewrite want.txt files")

// TestInvalid reads each testdata/invalid/<case>: input.md as the page
// content/en/probe.md, or facts.yaml as content/facts.yaml, and wants
// exactly the diagnostics in want.txt (-update rewrites them).
func TestInvalid(t *testing.T) {
	dirs, _ := filepath.Glob("testdata/invalid/*")
	if len(dirs) == 0 {
		t.Fatal("no cases")
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			var got strings.Builder
			if src, err := os.ReadFile(filepath.Join(dir, "input.md")); err == nil {
				_, diags := ReadPage(fstest.MapFS{"en/probe.md": {Data: src}}, "content", "en", "probe.md")
				for _, d := range diags {
					got.WriteString(d.Error() + "\n")
				}
			}
			if src, err := os.ReadFile(filepath.Join(dir, "facts.yaml")); err == nil {
				_, diags := parseFacts("content/facts.yaml", src, []string{"en", "ur"})
				for _, d := range diags {
					got.WriteString(d.Error() + "\n")
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
		})
	}
}
