package strictyaml

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzDecode checks that no input panics and that every diagnostic names a
// real place in the file with a one-line message.
func FuzzDecode(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/*.yaml")
	for _, name := range seeds {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		const first = 3
		var p page
		lines := bytes.Count(data, []byte("\n")) + 1
		for _, e := range Decode(Doc{File: "f.md", Line: first, Data: data}, &p) {
			if e.Pos.File != "f.md" || e.Pos.Line < first || e.Pos.Line >= first+lines || e.Pos.Col < 1 {
				t.Errorf("position %v outside the document (lines %d to %d): %s", e.Pos, first, first+lines-1, e.Msg)
			}
			if e.Msg == "" || strings.Contains(e.Msg, "\n") {
				t.Errorf("empty or multi-line message %q", e.Msg)
			}
		}
		var m map[string]any
		Decode(Doc{File: "f.yaml", Data: data}, &m)
	})
}
