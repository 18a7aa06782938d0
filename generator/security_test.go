package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The command-level doors of issue 15: interrupting a build, and commands
// that would write through a symbolic link.

// TestInterruptedBuildLeavesNothing: Ctrl-C or SIGTERM (a cancelled
// context) ends a build at once, leaves the previous site as it was and
// removes the staging folder.
func TestInterruptedBuildLeavesNothing(t *testing.T) {
	content := smallContent(t, nil)
	out := filepath.Join(t.TempDir(), "public")
	if code, _, stderr := mehfooz(t, append([]string{"build", "-q", "--cache-dir", "off"}, siteArgs(content, out)...)...); code != 0 {
		t.Fatalf("good build exited %d:\n%s", code, stderr)
	}
	before, _ := os.ReadFile(filepath.Join(out, "en", "index.html"))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var o, e bytes.Buffer
	code := run(ctx, append([]string{"build", "-q", "--cache-dir", "off"}, siteArgs(content, out)...), &o, &e)
	if code != exitInterrupted || !strings.Contains(e.String(), "interrupted") {
		t.Fatalf("exit %d, want %d: %s", code, exitInterrupted, e.String())
	}
	after, _ := os.ReadFile(filepath.Join(out, "en", "index.html"))
	if !bytes.Equal(before, after) {
		t.Error("the previous site changed")
	}
	left, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".public.tmp-*"))
	if len(left) != 0 {
		t.Errorf("staging left behind: %v", left)
	}
}

// TestNewRefusesToWriteThroughALink: content/en/evilsect leading outside
// the repository does not carry `new` there.
func TestNewRefusesToWriteThroughALink(t *testing.T) {
	content := smallContent(t, nil)
	outside := t.TempDir()
	if err := os.Symlink(outside, filepath.Join(content, "en", "evilsect")); err != nil {
		t.Skip(err)
	}
	code, _, stderr := mehfooz(t, "new", "--content", content, "guide", "evilsect/newthing")
	if code != 1 || !strings.Contains(stderr, "en/evilsect is a symbolic link") {
		t.Errorf("exit %d: %s", code, stderr)
	}
	if left, _ := os.ReadDir(outside); len(left) != 0 {
		t.Errorf("wrote outside: %v", left)
	}
}

// TestStampRefusesALinkOut: a translation that is a link to a file outside
// is refused by the build that stamping runs, naming the link, and the
// outside file is not rewritten.
func TestStampRefusesALinkOut(t *testing.T) {
	src := "---\ntitle: About\ndescription: A.\nreviewed: 2026-11-01\n---\n## One\n\nText.\n"
	content := smallContent(t, map[string]string{"en/about.md": src})
	outside := filepath.Join(t.TempDir(), "about.md")
	tr := "---\ntitle: تعارف\ndescription: ت۔\nreviewed: 2026-11-01\n---\n## ایک\n\nمتن۔\n"
	os.WriteFile(outside, []byte(tr), 0o644)
	link := filepath.Join(content, "ur", "about.md")
	if err := os.Symlink(outside, link); err != nil {
		t.Skip(err)
	}
	code, _, stderr := mehfooz(t, "translate-status", "--content", content, "--layouts", "../layouts", "--static", "../static", "--stamp", link)
	if code == 0 || !strings.Contains(stderr, "ur/about.md is a symbolic link to "+outside) {
		t.Errorf("exit %d: %s", code, stderr)
	}
	if b, _ := os.ReadFile(outside); string(b) != tr {
		t.Error("the file outside was rewritten")
	}
}
