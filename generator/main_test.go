package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// mehfooz runs the command line in-process.
func mehfooz(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var o, e bytes.Buffer
	code = run(context.Background(), args, &o, &e)
	return code, o.String(), e.String()
}

// smallContent writes a two-language content folder and returns it.
func smallContent(t *testing.T, pages map[string]string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "content")
	files := map[string]string{
		"site.yaml": "title: {en: Mehfooz, ur: محفوظ}\nlanguages:\n  - {code: en, name: English, direction: ltr}\n" +
			"  - {code: ur, name: اردو, direction: rtl}\nquick_exit: \"https://www.google.com/search?q=weather\"\n",
		"en/_index.md": "---\ntitle: Home\ndescription: Help.\nreviewed: 2026-11-01\n---\nHello.\n",
		"ur/_index.md": "---\ntitle: سرورق\ndescription: مدد۔\nreviewed: 2026-11-01\n---\nسلام۔\n",
	}
	for k, v := range pages {
		files[k] = v
	}
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func siteArgs(content, out string) []string {
	return []string{"--content", content, "--layouts", "../layouts", "--static", "../static", "--out", out}
}

func TestBuildBadInputNamesTheSpotAndKeepsTheOldSite(t *testing.T) {
	good := smallContent(t, nil)
	out := filepath.Join(t.TempDir(), "public")
	if code, _, stderr := mehfooz(t, append([]string{"build", "-q"}, siteArgs(good, out)...)...); code != 0 {
		t.Fatalf("good build exited %d:\n%s", code, stderr)
	}
	before, err := os.ReadFile(filepath.Join(out, "en", "index.html"))
	if err != nil {
		t.Fatal(err)
	}

	cases := map[string]struct{ file, src, want string }{
		"yaml": {"en/_index.md", "---\ntitle: Home\ndescription: Help.\nreviewed: 2026-11-01\ntitel: x\n---\nHello.\n",
			`en/_index.md:5:1: unknown key "titel"`},
		"fact": {"en/_index.md", "---\ntitle: Home\ndescription: Help.\nreviewed: 2026-11-01\n---\nCall {{< fact \"nope\" >}}.\n",
			`en/_index.md:6:6: unknown fact "nope"`},
		"link": {"ur/_index.md", "---\ntitle: سرورق\ndescription: مدد۔\nreviewed: 2026-11-01\n---\nیہ [رہنما](guides/missing.md) دیکھیں۔\n",
			`ur/_index.md:6:4: link to "guides/missing.md": there is no page`},
		"html": {"en/_index.md", "---\ntitle: Home\ndescription: Help.\nreviewed: 2026-11-01\n---\n<script>alert(1)</script>\n",
			`en/_index.md:6:1: raw HTML`},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			bad := smallContent(t, map[string]string{c.file: c.src})
			code, _, stderr := mehfooz(t, append([]string{"build"}, siteArgs(bad, out)...)...)
			if code != 1 {
				t.Errorf("exit code %d, want 1", code)
			}
			if !strings.Contains(stderr, c.want) {
				t.Errorf("stderr lacks %q:\n%s", c.want, stderr)
			}
			if !strings.Contains(stderr, "left unchanged") {
				t.Errorf("stderr does not say the output was kept:\n%s", stderr)
			}
			after, _ := os.ReadFile(filepath.Join(out, "en", "index.html"))
			if !bytes.Equal(before, after) {
				t.Error("the failed build changed public/")
			}
			entries, _ := os.ReadDir(filepath.Dir(out))
			for _, e := range entries {
				if strings.HasPrefix(e.Name(), ".public") {
					t.Errorf("staging folder %s left behind", e.Name())
				}
			}
		})
	}
}

func TestCheckFormatsAndExitCodes(t *testing.T) {
	bad := smallContent(t, map[string]string{
		"en/_index.md": "---\ntitle: Home\ndescription: Help.\nreviewed: 2026-11-01\n---\n![](/x.png)\n",
	})
	code, _, stderr := mehfooz(t, "check", "--content", bad, "--layouts", "../layouts", "--static", "../static", "--format", "github")
	if code != 1 {
		t.Errorf("check exit = %d, want 1", code)
	}
	if !strings.Contains(stderr, "::error file=") || !strings.Contains(stderr, "line=6,col=1,title=image-alt::") {
		t.Errorf("no GitHub annotation:\n%s", stderr)
	}
	good := smallContent(t, nil)
	if code, _, stderr := mehfooz(t, "check", "--content", good, "--layouts", "../layouts", "--static", "../static"); code != 0 {
		t.Errorf("check of good content exit %d:\n%s", code, stderr)
	}
	// A heading the translation lacks: the build warns, check fails.
	drift := smallContent(t, map[string]string{
		"en/about.md": "---\ntitle: About\ndescription: Us.\nreviewed: 2026-11-01\n---\n## Who\n\n## Why\n",
		"ur/about.md": "---\ntitle: تعارف\ndescription: ہم۔\nreviewed: 2026-11-01\n---\n## کون\n",
	})
	if code, _, stderr := mehfooz(t, append([]string{"build", "-q"}, siteArgs(drift, filepath.Join(t.TempDir(), "public"))...)...); code != 0 || !strings.Contains(stderr, "warning: heading structure differs") {
		t.Errorf("build with a heading mismatch: exit %d\n%s", code, stderr)
	}
	if code, _, stderr := mehfooz(t, "check", "--content", drift, "--layouts", "../layouts", "--static", "../static"); code != 1 || !strings.Contains(stderr, "ur/about.md:6:1: heading structure differs") {
		t.Errorf("check with a heading mismatch: exit %d\n%s", code, stderr)
	}
	// A number typed in prose instead of a fact: the build warns, check fails.
	typed := smallContent(t, map[string]string{
		"en/_index.md": "---\ntitle: Home\ndescription: Help.\nreviewed: 2026-11-01\n---\nCall 0300-1234567.\n",
	})
	if code, _, stderr := mehfooz(t, append([]string{"build", "-q"}, siteArgs(typed, filepath.Join(t.TempDir(), "public"))...)...); code != 0 || !strings.Contains(stderr, "warning: prose states phone number") {
		t.Errorf("build with a typed number: exit %d\n%s", code, stderr)
	}
	if code, _, stderr := mehfooz(t, "check", "--content", typed, "--layouts", "../layouts", "--static", "../static"); code != 1 || !strings.Contains(stderr, "en/_index.md:6:6: prose states phone number \"0300-1234567\"") {
		t.Errorf("check with a typed number: exit %d\n%s", code, stderr)
	}
	if code, _, _ := mehfooz(t, "check", "--format", "xml"); code != 2 {
		t.Errorf("bad --format exit = %d, want 2", code)
	}
}

func TestNewWritesEveryLanguageAndBuilds(t *testing.T) {
	dir := smallContent(t, nil)
	code, stdout, stderr := mehfooz(t, "new", "--content", dir, "guide", "guides/sim-swap")
	if code != 0 {
		t.Fatalf("new exit %d: %s", code, stderr)
	}
	for _, l := range []string{"en", "ur"} {
		if !strings.Contains(stdout, filepath.ToSlash(filepath.Join(dir, l, "guides", "sim-swap.md"))) {
			t.Errorf("stdout does not name the %s page:\n%s", l, stdout)
		}
	}
	if code, _, stderr := mehfooz(t, "new", "--content", dir, "guide", "guides/sim-swap"); code != 1 || !strings.Contains(stderr, "already exists") {
		t.Errorf("second new: exit %d, %s", code, stderr)
	}
	if code, _, stderr := mehfooz(t, "new", "--content", dir, "gide", "guides/x"); code != 2 || !strings.Contains(stderr, `did you mean "guide"`) {
		t.Errorf("bad kind: exit %d, %s", code, stderr)
	}
	// The section needs an index page too; new pages must build as written.
	for _, l := range []string{"en", "ur"} {
		os.WriteFile(filepath.Join(dir, l, "guides", "_index.md"), []byte("---\ntitle: G\ndescription: G.\nreviewed: 2026-11-01\n---\n"), 0o644)
	}
	out := filepath.Join(t.TempDir(), "public")
	if code, _, stderr := mehfooz(t, append([]string{"build", "-q"}, siteArgs(dir, out)...)...); code != 0 {
		t.Fatalf("build after new: %d\n%s", code, stderr)
	}
}

func TestHelpOnEveryCommand(t *testing.T) {
	for _, c := range commands {
		code, stdout, stderr := mehfooz(t, c.Name, "-h")
		if code != 0 || !strings.Contains(stdout+stderr, c.Usage) {
			t.Errorf("%s -h: exit %d, output lacks usage %q", c.Name, code, c.Usage)
		}
	}
	if code, _, _ := mehfooz(t, "frobnicate"); code != 2 {
		t.Errorf("unknown command exit %d, want 2", code)
	}
	_ = time.Now
}

// TestReadmeListsEveryCommand keeps the README's command table in step
// with the command line.
func TestReadmeListsEveryCommand(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	var want strings.Builder
	want.WriteString("<!-- commands:start -->\n| command | what it does |\n|---|---|\n")
	for _, c := range commands {
		want.WriteString("| `" + c.Name + "` | " + c.Short + " |\n")
	}
	want.WriteString("<!-- commands:end -->")
	if !strings.Contains(string(readme), want.String()) {
		t.Errorf("README.md's command table is out of date; it should read:\n%s", want.String())
	}
}
