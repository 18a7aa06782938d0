package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"mehfooz/generator/internal/diag"
)

func TestGitHubFormatKeepsWithinTheAnnotationLimit(t *testing.T) {
	var diags diag.List
	for i := range 3 {
		diags = append(diags, diag.Warnf(diag.Pos{File: "content/en/a.md", Line: i + 1, Col: 1}, "old", "warning %d", i))
	}
	for i := range 12 {
		diags = append(diags, diag.Errorf(diag.Pos{File: "content/ur/b,c.md", Line: i + 1, Col: 2}, "broken-link", "error %d: 100%%", i).WithHint("fix it"))
	}
	sum := filepath.Join(t.TempDir(), "summary.md")
	t.Setenv("GITHUB_STEP_SUMMARY", sum)
	var b bytes.Buffer
	printGitHub(&b, diags)
	out := b.String()
	if n := strings.Count("\n"+out, "\n::error "); n != 10 {
		t.Errorf("%d error annotations, want 10:\n%s", n, out)
	}
	if n := strings.Count("\n"+out, "\n::warning "); n != 3 {
		t.Errorf("%d warning annotations, want 3", n)
	}
	if first := strings.SplitN(out, "\n", 2)[0]; first != "::error file=content/ur/b%2Cc.md,line=1,col=2,title=broken-link::error 0: 100%25 (fix it)" {
		t.Errorf("errors do not come first, or are not escaped: %s", first)
	}
	for _, want := range []string{"::group::2 more problems", "content/ur/b,c.md:12:2: error 11", "::endgroup::", "::notice title=more problems::12 errors and 3 warnings in 2 files; 2 more"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	md, err := os.ReadFile(sum)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(md), "\n| "); n != 16 { // header + 15 rows
		t.Errorf("job summary has %d table rows, want 16:\n%s", n, md)
	}
}
