package config

import (
	"bytes"
	"os"
	"testing"
)

// FuzzSite checks that no site.yaml panics, that every diagnostic names a
// real line, and that a site without errors is usable.
func FuzzSite(f *testing.F) {
	seed, err := os.ReadFile("testdata/site.yaml")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed)
	f.Add([]byte(goodSite + "budgets: {page_kb: 0, image_kb: x}\nbase_url: http://x\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		s, diags := parseSite("site.yaml", src)
		last := 1 + bytes.Count(src, []byte("\n"))
		for _, e := range diags {
			if e.Pos.File != "site.yaml" || e.Pos.Line < 1 || e.Pos.Line > last || e.Pos.Col < 1 {
				t.Errorf("position %v outside lines 1 to %d: %s", e.Pos, last, e.Msg)
			}
		}
		if len(diags) > 0 {
			return
		}
		if len(s.Languages) == 0 || s.QuickExit == "" || s.Budgets.PageKB <= 0 {
			t.Errorf("no error, but an unusable site: %+v", s)
		}
		for _, code := range s.LangCodes() {
			if s.Title[code] == "" || s.Language(code).Code != code {
				t.Errorf("no error, but language %q has no title", code)
			}
		}
	})
}
