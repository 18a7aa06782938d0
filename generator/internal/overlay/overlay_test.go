package overlay

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
)

func TestOverlayFileByFile(t *testing.T) {
	lower := fstest.MapFS{
		"base.html":         {Data: []byte("default base")},
		"page.html":         {Data: []byte("default page")},
		"i18n/en.yaml":      {Data: []byte("default en")},
		"partials/nav.html": {Data: []byte("default nav")},
	}
	upper := fstest.MapFS{
		"page.html":    {Data: []byte("site page")},
		"i18n/ur.yaml": {Data: []byte("site ur")},
	}
	o := New(upper, lower)
	for name, want := range map[string]string{
		"base.html": "default base", "page.html": "site page",
		"i18n/en.yaml": "default en", "i18n/ur.yaml": "site ur", "partials/nav.html": "default nav",
	} {
		got, err := fs.ReadFile(o, name)
		if err != nil || string(got) != want {
			t.Errorf("%s = %q, %v; want %q", name, got, err, want)
		}
	}
	if err := fstest.TestFS(o, "base.html", "page.html", "i18n/en.yaml", "i18n/ur.yaml", "partials/nav.html"); err != nil {
		t.Error(err)
	}
	got, _ := fs.Glob(o, "i18n/*.yaml")
	if len(got) != 2 {
		t.Errorf("glob i18n/*.yaml = %v, want both layers", got)
	}
}

func TestOverlayMissingSiteFolder(t *testing.T) {
	lower := fstest.MapFS{"css/site.css": {Data: []byte("x")}}
	o := New(os.DirFS(filepath.Join(t.TempDir(), "no-such-dir")), lower)
	if err := fstest.TestFS(o, "css/site.css"); err != nil {
		t.Error(err)
	}
}
