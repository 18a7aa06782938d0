package staticfiles

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

// layouts load js/site.js and js/search.js, as the real ones do.
var layouts = fstest.MapFS{
	"base.html":          {Data: []byte(`<script src="{{.Asset "js/site.js"}}" defer></script>`)},
	"partials/meta.html": {Data: []byte(`data-search-js="{{.Asset "js/search.js"}}"`)},
}

// TestInvalid checks each testdata/invalid/<case>/static tree and wants
// exactly the diagnostics in want.txt beside it (-update rewrites them).
func TestInvalid(t *testing.T) {
	wanttest.Cases(t, "testdata/invalid/*", *update, func(t *testing.T, dir string) string {
		diags := Check(os.DirFS(filepath.Join(dir, "static")), Options{Prefix: "static", Langs: []string{"en", "ur"}, Layouts: layouts, Owned: map[string]string{"offline/": "the offline copies"}})
		var got strings.Builder
		for _, d := range diags {
			got.WriteString(d.Error() + "\n")
		}
		if diags.Errors() == 0 {
			t.Error("no error")
		}
		return got.String()
	})
}

func TestValid(t *testing.T) {
	diags := Check(os.DirFS("testdata/valid/static"), Options{Prefix: "static", Langs: []string{"en", "ur"}, Layouts: layouts, Owned: map[string]string{"offline/": "the offline copies"}})
	if len(diags) != 0 {
		t.Errorf("a clean static tree is refused: %v", diags)
	}
}

// TestBundledStatic: the repository's own static/ passes, with its layouts.
func TestBundledStatic(t *testing.T) {
	diags := Check(os.DirFS("../../../static"), Options{Prefix: "static", Langs: []string{"en", "ur"}, Layouts: os.DirFS("../../../layouts")})
	if len(diags) != 0 {
		t.Errorf("static/ is refused: %v", diags)
	}
}

func TestRemote(t *testing.T) {
	for u, want := range map[string]bool{
		"/images/x.png": false, "x.png": false, "data:image/png;base64,AA": false, "#g": false,
		"//evil.example/x": true, `\\evil.example\x`: true, `/\evil.example/x`: true, "https://x": true,
		" HTTP://x": true, "ja\tvascript:x": true,
	} {
		if got := Remote(u); got != want {
			t.Errorf("Remote(%q) = %v", u, got)
		}
	}
}
