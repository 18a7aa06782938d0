package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"mehfooz/generator/internal/pipeline"
)

func TestNewWritesDraftsThatBuildLeavesOut(t *testing.T) {
	dir := smallContent(t, nil)
	for _, l := range []string{"en", "ur"} {
		os.MkdirAll(filepath.Join(dir, l, "guides"), 0o755)
		os.WriteFile(filepath.Join(dir, l, "guides", "_index.md"), []byte("---\ntitle: G\ndescription: G.\nreviewed: 2026-11-01\n---\n"), 0o644)
	}
	if code, _, stderr := mehfooz(t, "new", "--content", dir, "guide", "guides/sim-swap"); code != 0 {
		t.Fatalf("new exit %d: %s", code, stderr)
	}
	src, _ := os.ReadFile(filepath.Join(dir, "en", "guides", "sim-swap.md"))
	if !strings.Contains(string(src), "\ndraft: true\n") {
		t.Fatalf("new does not write draft: true:\n%s", src)
	}
	out := filepath.Join(t.TempDir(), "public")
	if code, _, stderr := mehfooz(t, append([]string{"build", "-q"}, siteArgs(dir, out)...)...); code != 0 {
		t.Fatalf("build: %d\n%s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "en", "guides", "sim-swap", "index.html")); err == nil {
		t.Error("build published a draft")
	}
	index, _ := os.ReadFile(filepath.Join(out, "en", "search", "index.html"))
	if strings.Contains(string(index), "sim-swap") {
		t.Error("the search page lists a draft")
	}

	// serve's build keeps drafts, with the band.
	f := &siteFlags{content: dir, layouts: "../layouts", static: "../static"}
	in := f.input()
	in.Offline, in.Drafts = false, true
	files, diags := pipeline.NewIncremental(in).Build(nil)
	if diags.Err() != nil {
		t.Fatal(diags)
	}
	page := string(files["en/guides/sim-swap/index.html"])
	if !strings.Contains(page, `class="draft-band"`) {
		t.Errorf("serve shows the draft without its band:\n%.400s", page)
	}

	// Published with the scaffold's TODO still in it: check warns.
	os.WriteFile(filepath.Join(dir, "en", "guides", "sim-swap.md"), []byte(strings.Replace(string(src), "draft: true\n", "", 1)), 0o644)
	code, _, stderr := mehfooz(t, append([]string{"check"}, siteArgs(dir, "")[:6]...)...)
	if code != 0 {
		t.Errorf("check exits %d on warnings only:\n%s", code, stderr)
	}
	for _, want := range []string{"sim-swap.md:2:8: warning: the title still says", "sim-swap.md:3:14: warning: the description still says", "warning: the text still holds a TODO"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("check does not say %q:\n%s", want, stderr)
		}
	}
}
