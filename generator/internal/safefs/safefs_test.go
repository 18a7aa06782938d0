package safefs

import (
	"errors"
	"flag"
	"io/fs"
	"mehfooz/internal/wanttest"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

var update = flag.Bool("update", false, "rewrite want.txt files")

// readAll walks fsys and reads every file, as the loaders do, and returns
// every error on the way.
func readAll(fsys fs.FS) []string {
	var errs []string
	fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			errs = append(errs, err.Error())
			return nil
		}
		if info, err := fs.Stat(fsys, p); err == nil && info.IsDir() {
			return nil // a link to a folder inside the root
		}
		if !d.IsDir() {
			if _, err := fs.ReadFile(fsys, p); err != nil {
				errs = append(errs, err.Error())
			}
		}
		return nil
	})
	return errs
}

// TestInvalid reads each testdata/invalid/<case>/root and wants exactly
// the errors in want.txt: every link out of the root names the link.
func TestInvalid(t *testing.T) {
	wanttest.Cases(t, "testdata/invalid/*", *update, func(t *testing.T, dir string) string {
		errs := readAll(New(filepath.Join(dir, "root")))
		if len(errs) == 0 {
			return "" // refused by Cases: every case must be refused
		}
		return strings.Join(errs, "\n") + "\n"
	})
}

// TestLinksInsideAreFollowed: a link that stays in the root reads as its target.
func TestLinksInsideAreFollowed(t *testing.T) {
	fsys := New("testdata/valid/root")
	if errs := readAll(fsys); len(errs) != 0 {
		t.Fatal(errs)
	}
	b, err := fs.ReadFile(fsys, "dir/real.md")
	if err != nil || string(b) != "hi\n" {
		t.Fatalf("%q %v", b, err)
	}
}

// TestSpecialFilesAreNeverOpened: a pipe inside the root (a read would
// block forever) is refused before it is opened.
func TestSpecialFilesAreNeverOpened(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.md"), 0o644); err != nil {
		t.Skip(err)
	}
	_, err := fs.ReadFile(New(dir), "pipe.md")
	var se *SpecialError
	if !errors.As(err, &se) || !strings.HasSuffix(err.Error(), "pipe.md is not a regular file but a named pipe") {
		t.Fatalf("err = %v", err)
	}
}

func TestCheckWrite(t *testing.T) {
	root := t.TempDir()
	outside := t.TempDir()
	os.MkdirAll(filepath.Join(root, "en"), 0o755)
	os.Symlink(outside, filepath.Join(root, "en", "evilsect"))
	os.WriteFile(filepath.Join(outside, "about.md"), []byte("x"), 0o644)
	os.MkdirAll(filepath.Join(root, "ur"), 0o755)
	os.Symlink(filepath.Join(outside, "about.md"), filepath.Join(root, "ur", "about.md"))
	for file, want := range map[string]string{
		"en/evilsect/newthing.md": "en/evilsect is a symbolic link (to " + outside + "): refusing to write through it",
		"ur/about.md":             "ur/about.md is a symbolic link (to " + filepath.Join(outside, "about.md") + "): refusing to write through it",
		"en/new/page.md":          "",
		"en/plain.md":             "",
	} {
		err := CheckWrite(root, filepath.Join(root, file))
		got := ""
		if err != nil {
			got = strings.TrimPrefix(err.Error(), root+"/")
		}
		if got != want {
			t.Errorf("CheckWrite(%s) = %q, want %q", file, got, want)
		}
	}
}
