package letter

import (
	"os"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzLex checks that no template text panics the lexer, that items cover
// the input in order, and that text without errors round-trips.
func FuzzLex(f *testing.F) {
	for _, s := range []string{"", "I, {name}, CNIC {cnic}", "{fact:nccia-name}", "a {{b}} c", "} {", "{ x }", "نام: {name}\n\n{what}", "{na{me}"} {
		f.Add(s)
	}
	for _, name := range []string{"../../../content/letters/en.yaml", "../../../content/letters/ur.yaml"} {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(string(b))
		}
	}
	f.Fuzz(func(t *testing.T, s string) {
		its := lex(s)
		prev, failed := 0, false
		for _, it := range its {
			if it.pos < prev || it.end < it.pos || it.end > len(s) {
				t.Fatalf("item %v spans %d..%d after %d in %d bytes", it, it.pos, it.end, prev, len(s))
			}
			prev = it.end
			switch it.typ {
			case itemError:
				failed = true
				if it.val == "" || strings.Contains(it.val, "\n") || it.hint == "" {
					t.Errorf("error item without a one-line message and a hint: %v %q", it, it.hint)
				}
			case itemField:
				if s[it.pos:it.end] != "{"+it.val+"}" {
					t.Errorf("field %v is written %q", it, s[it.pos:it.end])
				}
			case itemFact:
				if s[it.pos:it.end] != "{fact:"+it.val+"}" {
					t.Errorf("fact %v is written %q", it, s[it.pos:it.end])
				}
			}
		}
		if !failed && format(its) != s {
			t.Errorf("format(lex(%q)) = %q", s, format(its))
		}
	})
}

// FuzzLoad feeds a language file garbage: Load must not panic, and every
// diagnostic must name a place inside a file with a one-line message.
func FuzzLoad(f *testing.F) {
	f.Add([]byte(testEN))
	f.Add([]byte(testUR))
	f.Add([]byte("templates:\n  - id: x\n    text: |\n      {name\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fsys := testFS(nil)
		fsys["letters/en.yaml"].Data = data
		lines := strings.Count(string(data), "\n") + 1
		set, diags := Load(fsys, "content", langs, testFacts)
		for _, e := range diags {
			if strings.Contains(e.Msg, "\n") || e.Msg == "" {
				t.Errorf("empty or multi-line message %q", e.Msg)
			}
			if e.Pos.File == "content/letters/en.yaml" && (e.Pos.Line < 0 || e.Pos.Line > lines) {
				t.Errorf("%v: line outside the file's %d lines", e, lines)
			}
		}
		if d := set.For("en"); d != nil && utf8.Valid(data) {
			for _, tpl := range d.Templates {
				tpl.Text(map[string]string{"name": "x"})
			}
		}
	})
}
