package letter

import (
	"fmt"
	"regexp"
	"strings"
)

// Template syntax: literal text with placeholders. A doubled brace stands
// for a literal one, so "{{" prints "{" and "}}" prints "}".
const (
	leftDelim  = "{"
	rightDelim = "}"
	factPrefix = "fact:" // {fact:nccia-name}
)

var (
	fieldRE   = regexp.MustCompile(`^[a-z][a-z0-9_-]*$`)
	factKeyRE = regexp.MustCompile(`^[a-z0-9-]+$`)
)

// itemType identifies an item of template text.
type itemType int

const (
	itemError itemType = iota // val is the message, hint the advice
	itemText                  // literal text, doubled braces already undoubled
	itemField                 // {name}: val is the field id
	itemFact                  // {fact:key}: val is the fact key
)

func (t itemType) String() string {
	switch t {
	case itemError:
		return "error"
	case itemText:
		return "text"
	case itemField:
		return "field"
	case itemFact:
		return "fact"
	}
	return fmt.Sprintf("item(%d)", int(t))
}

// item is one piece of template text. pos and end are byte offsets in the
// input, so input[pos:end] is what was written.
type item struct {
	typ      itemType
	pos, end int
	val      string
	hint     string
}

func (i item) String() string {
	if i.typ == itemError {
		return fmt.Sprintf("%d:error %q", i.pos, i.val)
	}
	return fmt.Sprintf("%d:%s %q", i.pos, i.typ, i.val)
}

// stateFn is a state of the lexer; it returns the next one, or nil at the
// end of the input.
type stateFn func(*lexer) stateFn

// lexer splits template text into items. It is pull-based, as
// text/template's is: nextItem runs states until one emits. It never stops
// at an error: it reports it and goes on, so a volunteer sees every broken
// placeholder at once.
type lexer struct {
	input string
	pos   int             // current position
	text  strings.Builder // literal text not yet emitted
	start int             // where that text starts
	items []item          // emitted, not yet returned
	state stateFn
}

func newLexer(input string) *lexer {
	return &lexer{input: input, state: lexText}
}

// nextItem returns the next item; ok is false at the end of the input.
func (l *lexer) nextItem() (it item, ok bool) {
	for len(l.items) == 0 {
		if l.state == nil {
			return item{}, false
		}
		l.state = l.state(l)
	}
	it = l.items[0]
	l.items = l.items[1:]
	return it, true
}

// emit queues an item.
func (l *lexer) emit(typ itemType, pos, end int, val string) {
	l.items = append(l.items, item{typ: typ, pos: pos, end: end, val: val})
}

// flush emits the pending literal text, if any, ending at l.pos.
func (l *lexer) flush() {
	if l.text.Len() > 0 {
		l.emit(itemText, l.start, l.pos, l.text.String())
		l.text.Reset()
	}
	l.start = l.pos
}

// errorf emits an error item covering input[pos:end].
func (l *lexer) errorf(pos, end int, hint, format string, args ...any) {
	l.items = append(l.items, item{typ: itemError, pos: pos, end: end, val: fmt.Sprintf(format, args...), hint: hint})
}

// lexText scans literal text up to the next brace. It jumps there with one
// strings.IndexAny rather than looking at every byte.
func lexText(l *lexer) stateFn {
	i := strings.IndexAny(l.input[l.pos:], leftDelim+rightDelim)
	if i < 0 {
		l.text.WriteString(l.input[l.pos:])
		l.pos = len(l.input)
		l.flush()
		return nil
	}
	l.text.WriteString(l.input[l.pos : l.pos+i])
	l.pos += i
	rest := l.input[l.pos:]
	switch {
	case strings.HasPrefix(rest, leftDelim+leftDelim):
		l.text.WriteString(leftDelim)
		l.pos += 2
		return lexText
	case strings.HasPrefix(rest, rightDelim+rightDelim):
		l.text.WriteString(rightDelim)
		l.pos += 2
		return lexText
	case strings.HasPrefix(rest, rightDelim):
		l.flush()
		l.errorf(l.pos, l.pos+1, `to print a brace, write "}}"; a placeholder is written {name}`,
			`"}" with no "{" before it`)
		l.pos++
		l.start = l.pos
		return lexText
	}
	l.flush()
	return lexPlaceholder
}

// lexPlaceholder scans one placeholder. Precondition: l.pos is at a single
// "{". A placeholder ends at the first "}" and never spans lines.
func lexPlaceholder(l *lexer) stateFn {
	open := l.pos
	body := l.input[open+1:]
	j := strings.IndexAny(body, leftDelim+rightDelim+"\n")
	if j < 0 || body[j] != rightDelim[0] {
		stop := open + 1 + len(body)
		if j >= 0 {
			stop = open + 1 + j
		}
		l.errorf(open, stop, `close it with "}" on the same line; to print a brace, write "{{"`,
			"placeholder %q is not closed", clip(l.input[open:stop]))
		l.pos = stop
		l.start = stop
		return lexText
	}
	name := body[:j]
	end := open + 1 + j + 1
	l.pos = end
	l.start = end
	if key, ok := strings.CutPrefix(name, factPrefix); ok {
		if !factKeyRE.MatchString(key) {
			l.errorf(open, end, `fact keys use lowercase letters a-z, digits and "-", as in content/facts.yaml`,
				"fact key %q in %s is not a valid key", key, l.input[open:end])
			return lexText
		}
		l.emit(itemFact, open, end, key)
		return lexText
	}
	if !fieldRE.MatchString(name) {
		hint := `field names use lowercase letters a-z, digits, "-" and "_", as in {name}; to print a brace, write "{{"`
		if fixed := strings.ToLower(strings.TrimSpace(name)); fixed != name && fieldRE.MatchString(fixed) {
			hint = fmt.Sprintf("did you mean {%s}?", fixed)
		}
		if name == "" {
			l.errorf(open, end, hint, "empty placeholder {}")
		} else {
			l.errorf(open, end, hint, "%s is not a placeholder", l.input[open:end])
		}
		return lexText
	}
	l.emit(itemField, open, end, name)
	return lexText
}

// clip shortens s for a message.
func clip(s string) string {
	const limit = 24
	if r := []rune(s); len(r) > limit {
		return string(r[:limit]) + "…"
	}
	return s
}

// lex returns every item of input, text items merged.
func lex(input string) []item {
	var items []item
	l := newLexer(input)
	for {
		it, ok := l.nextItem()
		if !ok {
			return items
		}
		if n := len(items); n > 0 && it.typ == itemText && items[n-1].typ == itemText && items[n-1].end == it.pos {
			items[n-1].val += it.val
			items[n-1].end = it.end
			continue
		}
		items = append(items, it)
	}
}

// escape writes literal text in template syntax, doubling braces.
func escape(s string) string {
	return strings.NewReplacer(leftDelim, leftDelim+leftDelim, rightDelim, rightDelim+rightDelim).Replace(s)
}

// format writes items back as template text; for input that lexes without
// errors, format(lex(s)) == s.
func format(items []item) string {
	var b strings.Builder
	for _, it := range items {
		switch it.typ {
		case itemText:
			b.WriteString(escape(it.val))
		case itemField:
			b.WriteString(leftDelim + it.val + rightDelim)
		case itemFact:
			b.WriteString(leftDelim + factPrefix + it.val + rightDelim)
		}
	}
	return b.String()
}
