package site

import (
	"path"
	"strings"
	"testing"
)

// FuzzRelURL: a relative link from one page to another, resolved the way
// a browser does, lands on the target, and never climbs above the root.
func FuzzRelURL(f *testing.F) {
	f.Add("en/guides/evidence/", "ur/guides/evidence/")
	f.Add("en/", "en/")
	f.Add("", "en/guides/")
	f.Fuzz(func(t *testing.T, from, to string) {
		clean := func(s string) string {
			var parts []string
			for _, p := range strings.Split(s, "/") {
				if p != "" && p != "." && p != ".." {
					parts = append(parts, p)
				}
			}
			if len(parts) == 0 {
				return ""
			}
			return strings.Join(parts, "/") + "/"
		}
		from, to = clean(from), clean(to)
		rel := RelURL(from, to)
		got := path.Clean("/" + from + rel)
		want := path.Clean("/" + to)
		if got != want {
			t.Fatalf("RelURL(%q, %q) = %q resolves to %q, want %q", from, to, rel, got, want)
		}
		ups := 0
		for strings.HasPrefix(rel[ups*3:], "../") {
			ups++
		}
		if ups > strings.Count(from, "/") {
			t.Fatalf("RelURL(%q, %q) = %q climbs above the root", from, to, rel)
		}
	})
}
