package content

import (
	"bytes"
	"fmt"

	"mehfooz/generator/internal/diag"
)

// Page syntax.
var (
	byteOrderMark = []byte("\uFEFF")
	delimYAML     = []byte("---")
	delimTOML     = []byte("+++")
)

// itemType identifies a piece of a page.
type itemType int

const (
	itemError       itemType = iota // a problem; msg and hint say what
	itemBOM                         // a UTF-8 byte order mark
	itemOpen                        // the opening "---" line, with its line end
	itemFrontMatter                 // the YAML between the delimiter lines
	itemClose                       // the closing "---" line, with its line end
	itemBody                        // everything after the closing line
	itemEOF
)

var itemNames = [...]string{"error", "bom", "open", "frontmatter", "close", "body", "eof"}

func (t itemType) String() string {
	if int(t) < len(itemNames) {
		return itemNames[t]
	}
	return fmt.Sprintf("item%d", int(t))
}

// item is a piece of a page: a byte range of the source, read with val.
type item struct {
	typ       itemType
	pos, end  int    // byte offsets in the source
	msg, hint string // itemError only
}

func (i item) val(src []byte) []byte { return src[i.pos:i.end] }

// stateFn is a state of the lexer: it scans, emits, and returns the next state.
type stateFn func(*lexer) stateFn

// lexer splits a page into items. It runs to the end at once (a page has at
// most six items), as Hugo's page lexer does.
type lexer struct {
	src   []byte
	start int // start of the item being scanned
	pos   int // current offset
	items []item
}

func lex(src []byte) []item {
	l := &lexer{src: src}
	for state := lexStart; state != nil; {
		state = state(l)
	}
	return l.items
}

// emit records src[start:pos] as an item of type t.
func (l *lexer) emit(t itemType) {
	l.items = append(l.items, item{typ: t, pos: l.start, end: l.pos})
	l.start = l.pos
}

// errorf records an error at offset at and stops the lexer.
func (l *lexer) errorf(at int, hint, format string, args ...any) stateFn {
	l.items = append(l.items, item{typ: itemError, pos: at, end: at, msg: fmt.Sprintf(format, args...), hint: hint})
	return nil
}

// lineAt returns the line starting at offset at without its line end, and
// the offset of the next line.
func (l *lexer) lineAt(at int) (line []byte, next int) {
	end := len(l.src)
	if i := bytes.IndexByte(l.src[at:], '\n'); i >= 0 {
		end = at + i
		next = end + 1
	} else {
		next = end
	}
	return bytes.TrimSuffix(l.src[at:end], []byte("\r")), next
}

// isDelim reports whether line is delim, allowing trailing spaces and tabs.
func isDelim(line, delim []byte) bool {
	rest, ok := bytes.CutPrefix(line, delim)
	return ok && len(bytes.Trim(rest, " \t")) == 0
}

// lexStart checks the encoding and skips a byte order mark. Precondition:
// at the start of the source.
func lexStart(l *lexer) stateFn {
	if i := diag.InvalidUTF8(l.src); i >= 0 {
		return l.errorf(i, "save the file with the UTF-8 encoding",
			"invalid UTF-8: byte %#x is not part of a character", l.src[i])
	}
	if bytes.HasPrefix(l.src, byteOrderMark) {
		l.pos += len(byteOrderMark)
		l.emit(itemBOM)
	}
	if len(bytes.TrimSpace(l.src[l.pos:])) == 0 {
		return l.errorf(0, `start it with a line "---", the front matter (title: "…" and so on), another "---" line, then the text`,
			"the file is empty")
	}
	return lexOpen
}

// lexOpen reads the opening delimiter. Precondition: at the start of the
// first line.
func lexOpen(l *lexer) stateFn {
	line, next := l.lineAt(l.pos)
	if isDelim(line, delimYAML) {
		l.pos = next
		l.emit(itemOpen)
		return lexFrontMatter
	}
	hint := `add a line "---", the front matter (title: "…" and so on) and another "---" line at the top`
	switch first := bytes.TrimSpace(l.src[l.pos:]); {
	case bytes.HasPrefix(first, delimYAML) && len(bytes.TrimSpace(line)) == 0:
		hint = `remove the blank lines before the first "---"`
	case isDelim(line, delimTOML):
		hint = `front matter is YAML between "---" lines; TOML between "+++" lines is not supported`
	}
	return l.errorf(0, hint, "missing front matter: the file must start with a line `---`")
}

// lexFrontMatter finds the closing delimiter, jumping from one "---" at the
// start of a line to the next. Precondition: at the start of the line after
// the opening delimiter.
func lexFrontMatter(l *lexer) stateFn {
	for at := l.pos; ; {
		if line, next := l.lineAt(at); isDelim(line, delimYAML) {
			l.pos = at
			l.emit(itemFrontMatter)
			l.pos = next
			l.emit(itemClose)
			return lexBody
		}
		i := bytes.Index(l.src[at:], []byte("\n---"))
		if i < 0 {
			break
		}
		at += i + 1 // the start of a line that begins with "---"
	}
	// The opening line is the first: report at its start, before any byte
	// order mark, where an editor puts column 1.
	return l.errorf(0, "", "front matter starting at line 1 is never closed: add a line `---` after it")
}

// lexBody emits the rest of the source. Precondition: after the closing
// delimiter line.
func lexBody(l *lexer) stateFn {
	l.pos = len(l.src)
	l.emit(itemBody)
	l.emit(itemEOF)
	return nil
}

// Parts is a page split into front matter and body. Offsets are bytes in
// the page's source.
type Parts struct {
	FrontMatter       []byte // the YAML between the "---" lines
	FrontMatterOffset int
	FrontMatterLine   int // the line on which the YAML starts
	Body              []byte
	BodyOffset        int
}

// Split splits a page into front matter and body. The page must start with
// a line "---" (after an optional byte order mark) and the front matter ends
// at the next line "---"; trailing spaces and CRLF line ends are allowed.
// The error, if any, is positioned through o, the offsets of src.
func Split(src []byte, o *diag.Offsets) (Parts, *diag.Error) {
	var p Parts
	for _, it := range lex(src) {
		switch it.typ {
		case itemError:
			e := diag.Errorf(o.Pos(it.pos), ruleFrontMatter, "%s", it.msg)
			e.Hint = it.hint
			return Parts{}, e
		case itemFrontMatter:
			p.FrontMatter = it.val(src)
			p.FrontMatterOffset = it.pos
			p.FrontMatterLine = o.Pos(it.pos).Line
		case itemBody:
			p.Body = it.val(src)
			p.BodyOffset = it.pos
		}
	}
	return p, nil
}
