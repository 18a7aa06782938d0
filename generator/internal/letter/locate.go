package letter

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"mehfooz/generator/internal/diag"
)

// scalar maps byte offsets in a decoded YAML string back to its file, so an
// error inside a letter names the line and column an editor shows. The map
// is exact for a literal block (text: |) and for a one-line plain or quoted
// value without escapes; for any other style every offset maps to where the
// value starts.
type scalar struct {
	start diag.Pos
	lines []diag.Pos // where each line of the decoded text starts; nil when unknown
}

// locate finds text, the decoded value that starts at start, in src.
func locate(src []byte, start diag.Pos, text string) scalar {
	s := scalar{start: start}
	file := bytes.Split(src, []byte("\n"))
	if start.Line < 1 || start.Line > len(file) || start.Col < 1 {
		return s
	}
	line := string(bytes.TrimSuffix(file[start.Line-1], []byte("\r")))
	b := runeOffset(line, start.Col-1)
	if b >= len(line) {
		return s
	}
	switch rest := line[b:]; rest[0] {
	case '|':
		s.lines = literalLines(file, start.Line, rest, text)
	case '"', '\'':
		if !strings.Contains(text, "\n") && strings.HasPrefix(rest[1:], text) {
			s.lines = []diag.Pos{{File: start.File, Line: start.Line, Col: start.Col + 1}}
		}
	case '>':
	default:
		if !strings.Contains(text, "\n") && strings.HasPrefix(rest, text) {
			s.lines = []diag.Pos{start}
		}
	}
	for i := range s.lines {
		s.lines[i].File = start.File
	}
	return s
}

// literalLines maps the lines of a literal block scalar whose header
// ("|", "|-", "|+") is on line first (1-based) of file. It checks every line
// against the decoded text and gives up (nil) on any difference, such as an
// explicit indentation indicator it does not handle.
func literalLines(file [][]byte, first int, header, text string) []diag.Pos {
	h := strings.TrimSpace(header[1:])
	if i := strings.Index(h, " #"); i >= 0 {
		h = strings.TrimSpace(h[:i])
	}
	if h != "" && h != "-" && h != "+" && !strings.HasPrefix(h, "#") {
		return nil
	}
	want := strings.Split(strings.TrimRight(text, "\n"), "\n")
	indent := -1
	var lines []diag.Pos
	for i, w := range want {
		n := first + i // 0-based index of the file line holding want[i]
		if n >= len(file) {
			return nil
		}
		got := strings.TrimSuffix(string(file[n]), "\r")
		if strings.TrimSpace(got) == "" && w == "" {
			lines = append(lines, diag.Pos{Line: n + 1, Col: 1})
			continue
		}
		if indent < 0 {
			indent = len(got) - len(strings.TrimLeft(got, " "))
		}
		if len(got) < indent || strings.TrimLeft(got[:indent], " ") != "" || got[indent:] != w {
			return nil
		}
		lines = append(lines, diag.Pos{Line: n + 1, Col: indent + 1})
	}
	return lines
}

// pos returns the position of byte offset off in the decoded text.
func (s scalar) pos(text string, off int) diag.Pos {
	off = min(max(off, 0), len(text))
	k := strings.Count(text[:off], "\n")
	if k >= len(s.lines) {
		return s.start
	}
	lineStart := strings.LastIndexByte(text[:off], '\n') + 1
	p := s.lines[k]
	p.Col += utf8.RuneCountInString(text[lineStart:off])
	return p
}

// runeOffset returns the byte offset of rune n of s, or len(s).
func runeOffset(s string, n int) int {
	for i := range s {
		if n == 0 {
			return i
		}
		n--
	}
	return len(s)
}
