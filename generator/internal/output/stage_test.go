package output

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

// TestStaleStagingIsRemoved: a build that was killed leaves its staging
// folder beside the output; the next build removes it, but never the
// folder of a build that is still running.
func TestStaleStagingIsRemoved(t *testing.T) {
	root := t.TempDir()
	out := filepath.Join(root, "public")
	dead := filepath.Join(root, ".public.tmp-999999999-123")                      // no such process
	live := filepath.Join(root, ".public.tmp-"+strconv.Itoa(os.Getppid())+"-456") // the test's parent runs
	legacy := filepath.Join(root, ".public.old-789")                              // from before folders named their process
	fresh := filepath.Join(root, ".public.tmp-42")                                // the same, but just made
	other := filepath.Join(root, ".other.tmp-999999999-1")
	for _, d := range []string{dead, live, legacy, fresh, other} {
		os.MkdirAll(filepath.Join(d, "en"), 0o755)
		os.WriteFile(filepath.Join(d, "en", "index.html"), []byte("x"), 0o644)
	}
	old := time.Now().Add(-2 * time.Hour)
	os.Chtimes(legacy, old, old)
	w, err := New(out)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Abort()
	for d, want := range map[string]bool{dead: false, legacy: false, live: true, fresh: true, other: true} {
		if _, err := os.Stat(d); (err == nil) != want {
			t.Errorf("%s: exists = %v, want %v", filepath.Base(d), err == nil, want)
		}
	}
}

// TestCancelRemovesStaging: Ctrl-C drops the staged files at once and
// leaves the final folder as it was.
func TestCancelRemovesStaging(t *testing.T) {
	root := t.TempDir()
	out := filepath.Join(root, "public")
	os.MkdirAll(out, 0o755)
	os.WriteFile(filepath.Join(out, "keep.txt"), []byte("old"), 0o644)
	w, err := New(out)
	if err != nil {
		t.Fatal(err)
	}
	w.Write("a.txt", []byte("a"))
	w.Cancel()
	if _, err := os.Stat(w.stage); !os.IsNotExist(err) {
		t.Errorf("staging folder still there: %v", err)
	}
	if _, err := w.Create("b.zip"); err == nil {
		t.Error("Create after Cancel succeeded")
	}
	if b, _ := os.ReadFile(filepath.Join(out, "keep.txt")); string(b) != "old" {
		t.Error("the final folder changed")
	}
}

// TestCacheDir: --cache-dir and MEHFOOZ_CACHE move the compression cache,
// and "off" or "" turn it off.
func TestCacheDir(t *testing.T) {
	data := bytes.Repeat([]byte("index data "), 300)
	write := func(opts ...Option) {
		w, err := New(filepath.Join(t.TempDir(), "public"), opts...)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Asset("search/index-en.idx", data); err != nil {
			t.Fatal(err)
		}
		if err := w.Flush(); err != nil {
			t.Fatal(err)
		}
		w.Abort()
	}
	count := func(dir string) int {
		n, _ := filepath.Glob(filepath.Join(dir, "*"))
		return len(n)
	}
	dir := t.TempDir()
	write(WithCacheDir(dir))
	if count(dir) != 2 {
		t.Errorf("--cache-dir: %d cache files, want .br and .gz", count(dir))
	}
	env := t.TempDir()
	t.Setenv(CacheEnv, env)
	write()
	if count(env) != 2 {
		t.Errorf("%s: %d cache files", CacheEnv, count(env))
	}
	for _, off := range []string{"", "off"} {
		t.Setenv(CacheEnv, off)
		if d := DefaultCacheDir(); d != "" {
			t.Errorf("%s=%q: cache at %s", CacheEnv, off, d)
		}
	}
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	write(WithCacheDir("off"))
	if n, _ := filepath.Glob(filepath.Join(os.Getenv("XDG_CACHE_HOME"), "*")); len(n) != 0 {
		t.Errorf("--cache-dir off still wrote %v", n)
	}
}
