package main

import (
	"encoding/json"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// copyTree copies a folder, for tests that write into content.
func copyTree(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err == nil {
			err = os.WriteFile(filepath.Join(to, rel), data, 0o644)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

func readTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			data, _ := os.ReadFile(p)
			rel, _ := filepath.Rel(dir, p)
			out[rel] = string(data)
		}
		return err
	})
	return out
}

// The bundled content exports to PO that gettext accepts, and importing it
// unedited leaves every page byte for byte as it was.
func TestTranslatePORoundTripOfTheBundledContent(t *testing.T) {
	contentDir := filepath.Join(t.TempDir(), "content")
	copyTree(t, "../content", contentDir)
	before := readTree(t, contentDir)
	dir := filepath.Join(t.TempDir(), "translations")
	args := []string{"--content", contentDir, "--layouts", "../layouts", "--static", "../static", "--dir", dir}
	code, stdout, stderr := mehfooz(t, append([]string{"translate", "export", "--lang", "ur"}, args...)...)
	if code != 0 {
		t.Fatalf("export: exit %d\n%s%s", code, stdout, stderr)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "ur", "guides", "*.po"))
	if len(files) < 10 {
		t.Fatalf("export wrote %d guide catalogues", len(files))
	}
	if msgfmt, err := exec.LookPath("msgfmt"); err == nil {
		all := readTree(t, dir)
		for rel := range all {
			out, err := exec.Command(msgfmt, "--check", "-o", os.DevNull, filepath.Join(dir, rel)).CombinedOutput()
			if err != nil {
				t.Errorf("msgfmt --check %s: %v\n%s", rel, err, out)
			}
		}
	} else if os.Getenv("CI") != "" {
		t.Error("msgfmt not found (apt-get install gettext)")
	} else {
		t.Log("msgfmt not found; PO files not checked by gettext")
	}
	code, stdout, stderr = mehfooz(t, append([]string{"translate", "import", "--lang", "ur"}, args...)...)
	if code != 0 || !strings.Contains(stdout, "changed 0 pages") {
		t.Fatalf("import: exit %d\n%s%s", code, stdout, stderr)
	}
	after := readTree(t, contentDir)
	for name, data := range before {
		if after[name] != data {
			t.Errorf("%s changed in a round trip with no edits", name)
		}
	}
}

// A translator's edit reaches the page; a damaged placeholder is refused
// at its line in the PO file and nothing is written.
func TestTranslateImportWritesEditsAndRefusesBrokenPlaceholders(t *testing.T) {
	contentDir := smallContent(t, map[string]string{
		"en/guides/_index.md": "---\ntitle: Guides\ndescription: All guides.\nreviewed: 2026-11-01\n---\nPick one.\n",
		"en/guides/a.md":      "---\ntitle: A\ndescription: About A.\nreviewed: 2026-11-01\n---\n\nSee [home](../_index.md).\n\n## Steps\n\nDo this.\n",
	})
	dir := filepath.Join(t.TempDir(), "tr")
	args := append(siteArgs(contentDir, filepath.Join(t.TempDir(), "out")), "--dir", dir)
	if code, _, stderr := mehfooz(t, append([]string{"translate", "export"}, args...)...); code != 0 {
		t.Fatal(stderr)
	}
	name := filepath.Join(dir, "ur", "guides", "a.po")
	cat, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	fill := func(s string, broken bool) string {
		link := "[سرورق]({1})"
		if broken {
			link = "[سرورق]({1)"
		}
		r := strings.NewReplacer(
			"msgid \"A\"\nmsgstr \"\"", "msgid \"A\"\nmsgstr \"الف\"",
			"msgid \"About A.\"\nmsgstr \"\"", "msgid \"About A.\"\nmsgstr \"الف کے بارے میں۔\"",
			"msgid \"See [home]({1}).\"\nmsgstr \"\"", "msgid \"See [home]({1}).\"\nmsgstr \""+link+" دیکھیں۔\"",
			"\"Do this.\"\nmsgstr \"\"", "\"Do this.\"\nmsgstr \"## مراحل\\n\\nیہ کریں۔\"")
		return r.Replace(s)
	}
	os.WriteFile(name, []byte(fill(string(cat), true)), 0o644)
	code, _, stderr := mehfooz(t, append([]string{"translate", "import"}, args...)...)
	if code != 1 || !strings.Contains(stderr, filepath.ToSlash(name)+":") || !strings.Contains(stderr, "damaged placeholder") {
		t.Fatalf("broken placeholder: exit %d\n%s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(contentDir, "ur", "guides", "a.md")); err == nil {
		t.Fatal("a refused import wrote a page")
	}
	os.WriteFile(name, []byte(fill(string(cat), false)), 0o644)
	code, stdout, stderr := mehfooz(t, append([]string{"translate", "import"}, args...)...)
	if code != 0 {
		t.Fatalf("import: exit %d\n%s%s", code, stdout, stderr)
	}
	got, _ := os.ReadFile(filepath.Join(contentDir, "ur", "guides", "a.md"))
	for _, want := range []string{`title: "الف"`, "[سرورق](../_index.md) دیکھیں۔", "## مراحل\n\nیہ کریں۔", "translated_from: \"_:"} {
		if !strings.Contains(string(got), want) {
			t.Errorf("the imported page lacks %q:\n%s", want, got)
		}
	}
	if code, stdout, _ := mehfooz(t, append([]string{"translate-status", "--lang", "ur"}, siteArgs(contentDir, filepath.Join(t.TempDir(), "o2"))...)...); code != 0 || !strings.Contains(stdout, "guides/a.md") || !strings.Contains(stdout, "up to date") {
		t.Errorf("translate-status after import: %d\n%s", code, stdout)
	}
}

func TestTranslateStatusJSON(t *testing.T) {
	contentDir := smallContent(t, map[string]string{
		"en/about.md": "---\ntitle: About\ndescription: About us.\nreviewed: 2026-11-01\n---\nWe help.\n",
	})
	code, stdout, stderr := mehfooz(t, append([]string{"translate-status", "--format", "json"}, siteArgs(contentDir, filepath.Join(t.TempDir(), "o"))...)...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var got struct {
		Translations []struct{ Lang, Page, File, Status string }
		Counts       map[string]map[string]int
	}
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatalf("%v\n%s", err, stdout)
	}
	if got.Counts["ur"]["missing"] != 1 || got.Counts["ur"]["not stamped"] != 1 || len(got.Translations) != 2 {
		t.Errorf("%+v", got)
	}
	if code, _, _ := mehfooz(t, append([]string{"translate-status", "--format", "xml"}, siteArgs(contentDir, filepath.Join(t.TempDir(), "o"))...)...); code != 2 {
		t.Errorf("--format xml: exit %d, want 2", code)
	}
}
