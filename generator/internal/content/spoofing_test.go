package content

import (
	"flag"
	"mehfooz/internal/wanttest"
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
	wanttest.Cases(t, "testdata/invalid/*", *update, func(t *testing.T, dir string) string {
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
		return got.String()
	})
}
