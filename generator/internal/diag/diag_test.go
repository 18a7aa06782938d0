package diag

import (
	"strings"
	"testing"
)

func TestErrorFormat(t *testing.T) {
	e := Errorf(Pos{File: "content/ur/guides/evidence.md", Line: 4, Col: 1}, "front-matter", "unknown key %q", "titel").
		WithHint("did you mean %q?", "title")
	want := "content/ur/guides/evidence.md:4:1: unknown key \"titel\"\n\thint: did you mean \"title\"?"
	if got := e.Error(); got != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

func TestOffsetsCountRunes(t *testing.T) {
	src := []byte("---\ntitle: ثبوت x\n")
	o := NewOffsets("a.md", src)
	off := strings.Index(string(src), "x")
	if got, want := o.Pos(off), (Pos{"a.md", 2, 13}); got != want {
		t.Errorf("Pos(%d) = %v, want %v", off, got, want)
	}
	if got := o.Pos(0); got != (Pos{"a.md", 1, 1}) {
		t.Errorf("Pos(0) = %v", got)
	}
	if got := o.Pos(1 << 20); got.Line != 3 {
		t.Errorf("past end clamps to last line, got %v", got)
	}
	// A prefix answers as the whole did within it, and clamps past it.
	p := o.Prefix([]byte("---\ntitle: ثبوت"))
	if got, want := p.Pos(off-1), o.Pos(off-1); got != want {
		t.Errorf("prefix Pos(%d) = %v, want %v", off-1, got, want)
	}
	if got, want := p.Pos(off+1), (Pos{"a.md", 2, 12}); got != want {
		t.Errorf("prefix Pos past its end = %v, want %v", got, want)
	}
}

func TestSuggest(t *testing.T) {
	keys := []string{"title", "description", "weight", "topics", "reviewed"}
	for _, tc := range []struct{ in, want string }{
		{"titel", "title"},
		{"tilte", "title"},
		{"reviwed", "reviewed"},
		{"descripton", "description"},
		{"colour", ""},
		{"x", ""},
	} {
		if got := Suggest(tc.in, keys); got != tc.want {
			t.Errorf("Suggest(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestListSortDedupAndErr(t *testing.T) {
	var l List
	if l.Err() != nil {
		t.Fatal("empty list must have nil Err")
	}
	l.Add(Errorf(Pos{"b.md", 1, 1}, "r", "b"))
	l.Add(Errorf(Pos{"a.md", 2, 1}, "r", "a2"))
	l.Add(Errorf(Pos{"a.md", 2, 1}, "r", "a2"))
	l.Add(Warnf(Pos{"a.md", 1, 5}, "r", "w"))
	l.Sort()
	if len(l) != 3 || l[0].Msg != "w" || l[1].Msg != "a2" || l[2].Msg != "b" {
		t.Fatalf("sorted = %v", l)
	}
	if l.Errors() != 2 || l.Warnings() != 1 || l.Files() != 2 {
		t.Errorf("counts: errors %d warnings %d files %d", l.Errors(), l.Warnings(), l.Files())
	}
	var warnOnly List
	warnOnly.Add(Warnf(Pos{}, "r", "w"))
	if warnOnly.Err() != nil {
		t.Error("warnings alone must not be an error")
	}
}
