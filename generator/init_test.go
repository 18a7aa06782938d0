package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestInitWritesASiteThatBuildsAtOnce(t *testing.T) {
	for _, langs := range []string{"en,ur", "ur,en,sd"} {
		t.Run(langs, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "new site")
			code, stdout, stderr := mehfooz(t, "init", "--languages", langs, "--name", "Our Helpline", dir)
			if code != 0 {
				t.Fatalf("init exited %d:\n%s", code, stderr)
			}
			for _, want := range []string{"cd '" + dir + "'", "mehfooz serve", "mehfooz build"} {
				if !strings.Contains(stdout, want) {
					t.Errorf("init does not print %q:\n%s", want, stdout)
				}
			}
			for _, f := range []string{"content/site.yaml", "content/facts.yaml", ".github/workflows/site.yml", "netlify.toml"} {
				if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
					t.Error(err)
				}
			}
			for _, l := range strings.Split(langs, ",") {
				if len(pageNames(l)) < 6 {
					t.Errorf("%s: only %v", l, pageNames(l))
				}
			}
			site := func(sub string) string { return filepath.Join(dir, sub) }
			// No layouts/ or static/ folder of its own: the built-in ones serve.
			args := []string{"--content", site("content"), "--layouts", site("layouts"), "--static", site("static")}
			if code, _, stderr := mehfooz(t, append([]string{"check", "--strict"}, args...)...); code != 0 {
				t.Fatalf("check --strict on the new site exited %d:\n%s", code, stderr)
			}
			if code, _, stderr := mehfooz(t, append([]string{"build", "-q", "--out", site("public")}, args...)...); code != 0 {
				t.Fatalf("build exited %d:\n%s", code, stderr)
			}
			home, err := os.ReadFile(filepath.Join(dir, "public", "en", "index.html"))
			if err != nil || !strings.Contains(string(home), "Our Helpline") {
				t.Errorf("the English home page does not carry the name: %v", err)
			}
		})
	}
}

func TestInitRefusesAFolderInUse(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o644)
	if code, _, stderr := mehfooz(t, "init", dir); code != 1 || !strings.Contains(stderr, "not empty") {
		t.Errorf("init into a folder in use: exit %d, %s", code, stderr)
	}
	if code, _, _ := mehfooz(t, "init", "--languages", "en,EN", filepath.Join(dir, "x")); code != 2 {
		t.Errorf("bad --languages: exit %d, want 2", code)
	}
}

func TestSiteFilesOverrideTheBuiltInOnesFileByFile(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	if code, _, stderr := mehfooz(t, "init", dir); code != 0 {
		t.Fatalf("init: %s", stderr)
	}
	css := filepath.Join(dir, "static", "css", "site.css")
	os.MkdirAll(filepath.Dir(css), 0o755)
	os.WriteFile(css, []byte("body { color: rebeccapurple }\n"), 0o644)
	out := filepath.Join(dir, "public")
	args := []string{"build", "-q", "--content", filepath.Join(dir, "content"), "--layouts", filepath.Join(dir, "layouts"),
		"--static", filepath.Join(dir, "static"), "--out", out}
	if code, _, stderr := mehfooz(t, args...); code != 0 {
		t.Fatalf("build: %s", stderr)
	}
	cssFiles, _ := filepath.Glob(filepath.Join(out, "css", "site.*.css"))
	jsFiles, _ := filepath.Glob(filepath.Join(out, "js", "site.*.js"))
	if len(cssFiles) != 1 || len(jsFiles) != 1 {
		t.Fatalf("css %v, js %v", cssFiles, jsFiles)
	}
	if b, _ := os.ReadFile(cssFiles[0]); !strings.Contains(string(b), "rebeccapurple") {
		t.Errorf("the site's own site.css is not the one used: %.200s", b)
	}
}
