// Package po reads and writes gettext PO files, the format that Weblate,
// Crowdin, Transifex and Poedit exchange. It holds the small part of the
// format that translation catalogues use (comments, references, flags,
// msgctxt, msgid, msgstr; no plurals) and reads it with positions, so a
// broken entry is reported at its line.
//
// Our own reader rather than a library: the Go PO libraries parse into
// runtime catalogues and drop the line numbers our diagnostics need.
package po

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"strings"

	"mehfooz/generator/internal/diag"
)

// Entry is one message.
type Entry struct {
	Comments   []string // "# " translator comments
	Extracted  []string // "#." comments written by the tool
	References []string // "#:" source references
	Flags      []string // "#," flags such as "fuzzy"
	Context    string   // msgctxt; "" when HasContext is false
	HasContext bool
	ID         string // msgid
	Str        string // msgstr
	Line       int    // line of msgid, 1-based (0 when not read from a file)
	StrLine    int    // line of msgstr
}

// Fuzzy reports whether the entry carries the fuzzy flag.
func (e *Entry) Fuzzy() bool { return slices.Contains(e.Flags, "fuzzy") }

// File is a catalogue: its header (the entry with an empty msgid) as
// ordered fields, then its messages.
type File struct {
	Header  []Field
	Entries []*Entry
}

// Field is one "Name: value" line of the header.
type Field struct{ Name, Value string }

// HeaderValue returns the value of the named header field.
func (f *File) HeaderValue(name string) string {
	for _, h := range f.Header {
		if strings.EqualFold(h.Name, name) {
			return h.Value
		}
	}
	return ""
}

// Write writes f in the layout gettext's own tools write: a blank line
// between entries, multi-line strings split after each newline.
func Write(w io.Writer, f *File) error {
	var b bytes.Buffer
	var hdr strings.Builder
	for _, h := range f.Header {
		hdr.WriteString(h.Name + ": " + h.Value + "\n")
	}
	b.WriteString("msgid \"\"\n")
	writeString(&b, "msgstr", hdr.String())
	for _, e := range f.Entries {
		b.WriteByte('\n')
		for _, c := range e.Comments {
			b.WriteString(strings.TrimRight("# "+c, " ") + "\n")
		}
		for _, c := range e.Extracted {
			b.WriteString("#. " + c + "\n")
		}
		for _, c := range e.References {
			b.WriteString("#: " + c + "\n")
		}
		if len(e.Flags) > 0 {
			b.WriteString("#, " + strings.Join(e.Flags, ", ") + "\n")
		}
		if e.HasContext {
			writeString(&b, "msgctxt", e.Context)
		}
		writeString(&b, "msgid", e.ID)
		writeString(&b, "msgstr", e.Str)
	}
	_, err := w.Write(b.Bytes())
	return err
}

// writeString writes keyword and s as one quoted string, or, when s holds
// a newline before its end, as "" followed by one quoted line per line.
func writeString(b *bytes.Buffer, keyword, s string) {
	b.WriteString(keyword)
	if i := strings.IndexByte(s, '\n'); i < 0 || i == len(s)-1 {
		b.WriteString(" " + quote(s) + "\n")
		return
	}
	b.WriteString(" \"\"\n")
	for s != "" {
		line := s
		if i := strings.IndexByte(s, '\n'); i >= 0 {
			line = s[:i+1]
		}
		b.WriteString(quote(line) + "\n")
		s = s[len(line):]
	}
}

var quoter = strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "\t", `\t`, "\r", `\r`)

func quote(s string) string { return `"` + quoter.Replace(s) + `"` }

// Parse reads a PO file. name is how it is shown in diagnostics. Obsolete
// entries (#~) are skipped; a plural entry is an error, since catalogues
// written by Mehfooz have none.
func Parse(name string, data []byte) (*File, diag.List) {
	var diags diag.List
	p := &parser{name: name}
	f := &File{}
	var cur *Entry
	var target *string // the string continuation lines add to
	seenHeader := false
	finish := func() {
		if cur == nil {
			return
		}
		switch {
		case cur.Line == 0:
			diags.Add(diag.Errorf(diag.Pos{File: name, Line: p.line}, "po", "comments with no msgid after them"))
		case cur.ID == "" && !cur.HasContext:
			if seenHeader || len(f.Entries) > 0 {
				diags.Add(diag.Errorf(diag.Pos{File: name, Line: cur.Line}, "po", "an empty msgid is only allowed for the header, the first entry"))
			}
			seenHeader = true
			f.Header = parseHeader(cur.Str)
		default:
			f.Entries = append(f.Entries, cur)
		}
		cur, target = nil, nil
	}
	entry := func() *Entry {
		if cur == nil {
			cur = &Entry{}
		}
		return cur
	}
	lines := strings.Split(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n")
	for i, raw := range lines {
		p.line = i + 1
		line := strings.TrimSpace(raw)
		switch {
		case line == "":
			continue
		case strings.HasPrefix(line, "#~"):
			continue // obsolete
		case strings.HasPrefix(line, "#"):
			if cur != nil && cur.Line > 0 {
				finish()
			}
			e := entry()
			kind, text := line[:min(2, len(line))], strings.TrimSpace(line[min(2, len(line)):])
			switch kind {
			case "#.":
				e.Extracted = append(e.Extracted, text)
			case "#:":
				e.References = append(e.References, text)
			case "#,":
				for _, fl := range strings.Split(text, ",") {
					if fl = strings.TrimSpace(fl); fl != "" {
						e.Flags = append(e.Flags, fl)
					}
				}
			case "#|":
				// previous msgid of a fuzzy entry: informative only
			default:
				e.Comments = append(e.Comments, strings.TrimPrefix(strings.TrimPrefix(line, "#"), " "))
			}
		case strings.HasPrefix(line, `"`):
			s, err := unquote(line)
			if err != nil {
				diags.Add(p.errorf(raw, "%s", err.Error()))
				continue
			}
			if target == nil {
				diags.Add(p.errorf(raw, "a quoted string outside msgctxt, msgid or msgstr"))
				continue
			}
			*target += s
		default:
			keyword, rest, _ := strings.Cut(line, " ")
			rest = strings.TrimSpace(rest)
			switch keyword {
			case "msgctxt", "msgid":
				if cur != nil && cur.Line > 0 {
					finish()
				}
			}
			e := entry()
			s, err := unquote(rest)
			if err != nil {
				diags.Add(p.errorf(raw, "%s", err.Error()))
				continue
			}
			switch keyword {
			case "msgctxt":
				e.HasContext, e.Context, target = true, s, &e.Context
			case "msgid":
				e.ID, e.Line, target = s, p.line, &e.ID
			case "msgstr":
				if e.Line == 0 {
					diags.Add(p.errorf(raw, "msgstr with no msgid before it"))
					continue
				}
				e.Str, e.StrLine, target = s, p.line, &e.Str
			case "msgid_plural", "msgstr[0]", "msgstr[1]":
				diags.Add(p.errorf(raw, "plural forms are not used in page catalogues"))
			default:
				diags.Add(p.errorf(raw, "unknown keyword %q", keyword))
			}
		}
	}
	finish()
	return f, diags
}

type parser struct {
	name string
	line int
}

func (p *parser) errorf(raw, format string, args ...any) *diag.Error {
	col := 1 + len([]rune(raw)) - len([]rune(strings.TrimLeft(raw, " \t")))
	return diag.Errorf(diag.Pos{File: p.name, Line: p.line, Col: col}, "po", format, args...)
}

// unquote reads one C-style quoted PO string.
func unquote(s string) (string, error) {
	if len(s) < 2 || s[0] != '"' || s[len(s)-1] != '"' {
		return "", fmt.Errorf("expected a string in double quotes")
	}
	s = s[1 : len(s)-1]
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '"' {
			return "", fmt.Errorf("a double quote inside a string must be written \\\"")
		}
		if c != '\\' {
			b.WriteByte(c)
			continue
		}
		if i++; i == len(s) {
			return "", fmt.Errorf("the string ends with a lone backslash")
		}
		switch s[i] {
		case 'n':
			b.WriteByte('\n')
		case 't':
			b.WriteByte('\t')
		case 'r':
			b.WriteByte('\r')
		case '"', '\\':
			b.WriteByte(s[i])
		default:
			return "", fmt.Errorf("unknown escape \\%c", s[i])
		}
	}
	return b.String(), nil
}

func parseHeader(s string) []Field {
	var out []Field
	for _, l := range strings.Split(s, "\n") {
		if n, v, ok := strings.Cut(l, ":"); ok {
			out = append(out, Field{strings.TrimSpace(n), strings.TrimSpace(v)})
		}
	}
	return out
}
