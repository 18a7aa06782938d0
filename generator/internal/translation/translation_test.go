package translation

import (
	"reflect"
	"strings"
	"testing"
)

var src = []Section{
	{Text: "Intro text."},
	{Anchor: "screenshots", Heading: "Screenshots", Text: "Take them."},
	{Anchor: "links", Heading: "Links", Text: "Save them."},
}

func TestStampAndChanged(t *testing.T) {
	stamp := Stamp(src)
	if st, ch, err := Check(stamp, src); st != UpToDate || ch != nil || err != nil {
		t.Fatalf("fresh stamp: %v %v %v", st, ch, err)
	}
	// Re-wrapping is not a change; new words are.
	now := []Section{
		{Text: "Intro\n   text."},
		{Anchor: "screenshots", Heading: "Screenshots", Text: "Take them, with the date showing."},
		{Anchor: "new", Heading: "New", Text: "More."},
	}
	st, ch, err := Check(stamp, now)
	if err != nil || st != Outdated || !reflect.DeepEqual(ch, []string{"screenshots", "new", "links"}) {
		t.Errorf("changed = %v %q %v", st, ch, err)
	}
	if st, _, _ := Check("", src); st != Unstamped {
		t.Errorf("empty stamp status %v", st)
	}
	if _, _, err := Check("screenshots:xyz", src); err == nil {
		t.Error("bad stamp accepted")
	}
}

func TestSetStamp(t *testing.T) {
	page := "---\ntitle: ثبوت\nreviewed: 2026-11-01\n---\nBody\n"
	out, err := SetStamp([]byte(page), "_:00000000")
	if err != nil || !strings.Contains(string(out), "reviewed: 2026-11-01\ntranslated_from: \"_:00000000\"\n---\nBody") {
		t.Fatalf("insert: %v\n%s", err, out)
	}
	again, err := SetStamp(out, "_:11111111")
	if err != nil || strings.Count(string(again), "translated_from") != 1 || !strings.Contains(string(again), "_:11111111") {
		t.Fatalf("replace: %v\n%s", err, again)
	}
	crlf := strings.ReplaceAll(page, "\n", "\r\n")
	out, err = SetStamp([]byte(crlf), "_:00000000")
	if err != nil || !strings.Contains(string(out), "translated_from: \"_:00000000\"\r\n---\r\n") {
		t.Fatalf("crlf: %v %q", err, out)
	}
	if _, err := SetStamp([]byte("no front matter"), "x"); err == nil {
		t.Error("page without front matter accepted")
	}
}

func FuzzParse(f *testing.F) {
	f.Add("_:3f9a0c1d a:00000000")
	f.Add("::")
	f.Fuzz(func(t *testing.T, s string) {
		m, err := Parse(s)
		if err == nil {
			for _, h := range m {
				if len(h) != 8 {
					t.Fatalf("hash %q", h)
				}
			}
		}
	})
}
