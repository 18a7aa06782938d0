package content

import (
	"fmt"
	"strings"
	"testing"

	"mehfooz/generator/internal/diag"
)

// items prints the lexer's items for src as text, values quoted.
func items(src string) string {
	var out []string
	for _, it := range lex([]byte(src)) {
		switch it.typ {
		case itemError:
			out = append(out, fmt.Sprintf("error@%d:%q", it.pos, it.msg))
		case itemEOF:
			out = append(out, "eof")
		default:
			out = append(out, fmt.Sprintf("%s:%q", it.typ, it.val([]byte(src))))
		}
	}
	return strings.Join(out, " ")
}

func TestLex(t *testing.T) {
	for _, tc := range []struct {
		name, src, want string
	}{
		{"page", "---\ntitle: x\n---\nbody\n",
			`open:"---\n" frontmatter:"title: x\n" close:"---\n" body:"body\n" eof`},
		{"byte order mark", "\uFEFF---\ntitle: x\n---\nbody",
			`bom:"\ufeff" open:"---\n" frontmatter:"title: x\n" close:"---\n" body:"body" eof`},
		{"CRLF line ends", "---\r\ntitle: x\r\n---\r\nbody\r\n",
			`open:"---\r\n" frontmatter:"title: x\r\n" close:"---\r\n" body:"body\r\n" eof`},
		{"trailing spaces on delimiters", "--- \ntitle: x\n---\t\nbody",
			`open:"--- \n" frontmatter:"title: x\n" close:"---\t\n" body:"body" eof`},
		{"empty front matter", "---\n---\nbody",
			`open:"---\n" frontmatter:"" close:"---\n" body:"body" eof`},
		{"no body and no final newline", "---\ntitle: x\n---",
			`open:"---\n" frontmatter:"title: x\n" close:"---" body:"" eof`},
		{"longer dashes do not close", "---\na: ----\n----\n---\nbody",
			`open:"---\n" frontmatter:"a: ----\n----\n" close:"---\n" body:"body" eof`},
		{"a later --- belongs to the body", "---\na: 1\n---\nx\n---\ny\n",
			`open:"---\n" frontmatter:"a: 1\n" close:"---\n" body:"x\n---\ny\n" eof`},
		{"blank line before the close", "---\na: 1\n\n---\n",
			`open:"---\n" frontmatter:"a: 1\n\n" close:"---\n" body:"" eof`},
		{"empty", "", `error@0:"the file is empty"`},
		{"only a byte order mark and spaces", "\uFEFF \n\n", `bom:"\ufeff" error@0:"the file is empty"`},
		{"no front matter", "# Title\n", "error@0:\"missing front matter: the file must start with a line `---`\""},
		{"never closed", "---\ntitle: x\nbody\n", "open:\"---\\n\" error@0:\"front matter starting at line 1 is never closed: add a line `---` after it\""},
		{"never closed at the end", "---", "open:\"---\" error@0:\"front matter starting at line 1 is never closed: add a line `---` after it\""},
		{"invalid UTF-8", "---\na: \xc3\n---\n", `error@7:"invalid UTF-8: byte 0xc3 is not part of a character"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := items(tc.src); got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}

func TestSplitErrors(t *testing.T) {
	for _, tc := range []struct {
		name, src, want string
	}{
		{"empty file", "",
			`p.md:1:1: the file is empty` + "\n\t" +
				`hint: start it with a line "---", the front matter (title: "…" and so on), another "---" line, then the text`},
		{"missing front matter", "title: x\n---\n",
			"p.md:1:1: missing front matter: the file must start with a line `---`\n\t" +
				`hint: add a line "---", the front matter (title: "…" and so on) and another "---" line at the top`},
		{"blank lines before the front matter", "\n\n---\ntitle: x\n---\n",
			"p.md:1:1: missing front matter: the file must start with a line `---`\n\t" +
				`hint: remove the blank lines before the first "---"`},
		{"TOML front matter", "+++\ntitle = \"x\"\n+++\n",
			"p.md:1:1: missing front matter: the file must start with a line `---`\n\t" +
				`hint: front matter is YAML between "---" lines; TOML between "+++" lines is not supported`},
		{"unclosed", "---\ntitle: x\n\nSome text.\n",
			"p.md:1:1: front matter starting at line 1 is never closed: add a line `---` after it"},
		{"unclosed after a byte order mark", "\uFEFF---\ntitle: x\n",
			"p.md:1:1: front matter starting at line 1 is never closed: add a line `---` after it"},
		{"invalid UTF-8 in the body names its column", "---\ntitle: x\n---\nثبوت \xff\n",
			"p.md:4:6: invalid UTF-8: byte 0xff is not part of a character\n\thint: save the file with the UTF-8 encoding"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := []byte(tc.src)
			_, err := Split(src, diag.NewOffsets("p.md", src))
			if err == nil {
				t.Fatal("no error")
			}
			if got := err.Error(); got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}

func TestSplitParts(t *testing.T) {
	src := []byte("\uFEFF---\r\ntitle: x\r\n---\r\nbody")
	p, err := Split(src, diag.NewOffsets("p.md", src))
	if err != nil {
		t.Fatal(err)
	}
	if string(p.FrontMatter) != "title: x\r\n" || p.FrontMatterOffset != 8 || p.FrontMatterLine != 2 {
		t.Errorf("front matter %q at %d, line %d", p.FrontMatter, p.FrontMatterOffset, p.FrontMatterLine)
	}
	if string(p.Body) != "body" || string(src[p.BodyOffset:]) != "body" {
		t.Errorf("body %q at %d", p.Body, p.BodyOffset)
	}
}
