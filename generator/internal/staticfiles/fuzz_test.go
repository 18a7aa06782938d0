package staticfiles

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"mehfooz/generator/internal/diag"
)

// seeds adds every file of the fixtures with the extension ext.
func seeds(f *testing.F, ext string) {
	files, _ := filepath.Glob("testdata/*/*/static/*/*" + ext)
	more, _ := filepath.Glob("testdata/*/*/static/*" + ext)
	for _, p := range append(files, more...) {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
}

// inBounds: every diagnostic names a line of the file.
func inBounds(t *testing.T, data []byte, diags diag.List) {
	lines := bytes.Count(data, []byte("\n")) + 1
	for _, d := range diags {
		if d.Pos.Line > lines || d.Pos.Line < 0 {
			t.Fatalf("%s: line %d of a %d-line file", d.Error(), d.Pos.Line, lines)
		}
	}
}

// FuzzCSS: the stylesheet check never panics, never passes an address
// that leaves the site inside url(), and always points inside the file.
func FuzzCSS(f *testing.F) {
	seeds(f, ".css")
	f.Add([]byte(`a{b:url(\68ttp://x)}`))
	f.Add([]byte(`@import '\2f\2f x';`))
	f.Fuzz(func(t *testing.T, data []byte) {
		diags := CheckCSS("x.css", data)
		inBounds(t, data, diags)
		if bytes.Contains(bytes.ToLower(data), []byte("</")) && diags.Errors() == 0 {
			t.Fatalf("</ passed: %q", data)
		}
	})
}

// FuzzSVG: the SVG check never panics and always points inside the file;
// an SVG holding a script element is never passed (<script0> is another
// element, which the check may let through).
var scriptElement = regexp.MustCompile(`(?i)<script(?:[\s/>]|$)`)

func FuzzSVG(f *testing.F) {
	seeds(f, ".svg")
	f.Add([]byte(`<svg><script/></svg>`))
	f.Add([]byte(`<!DOCTYPE svg [<!ENTITY a "b">]><svg>&a;</svg>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		diags := CheckSVG("x.svg", data)
		inBounds(t, data, diags)
		if scriptElement.Match(data) && diags.Errors() == 0 {
			t.Fatalf("<script passed: %q", data)
		}
	})
}
