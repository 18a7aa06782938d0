// Package diag holds positioned diagnostics: what went wrong, where, and how
// to fix it. It is the only package every stage imports, so it uses the
// standard library alone.
package diag

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"
)

// Severity says whether a diagnostic fails the build.
type Severity int

const (
	// SevError fails the build and check.
	SevError Severity = iota
	// SevWarning is reported; it fails only `check --strict`.
	SevWarning
)

func (s Severity) String() string {
	if s == SevWarning {
		return "warning"
	}
	return "error"
}

// Pos is a place in a file. Line and Col are 1-based; Col counts runes, so a
// column in an Urdu line matches what an editor shows. A zero Line means the
// whole file.
type Pos struct {
	File string
	Line int
	Col  int
}

func (p Pos) String() string {
	switch {
	case p.File == "":
		return ""
	case p.Line == 0:
		return p.File
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Error is one diagnostic. Rule is a short stable id ("front-matter",
// "broken-link") that tests and linters can match on.
type Error struct {
	Pos      Pos
	Severity Severity
	Rule     string
	Msg      string
	Hint     string
}

// Error prints `file:line:col: msg`, then `hint: …` indented on the next line.
func (e *Error) Error() string {
	var b strings.Builder
	if s := e.Pos.String(); s != "" {
		b.WriteString(s)
		b.WriteString(": ")
	}
	if e.Severity == SevWarning {
		b.WriteString("warning: ")
	}
	b.WriteString(e.Msg)
	if e.Hint != "" {
		b.WriteString("\n\thint: ")
		b.WriteString(e.Hint)
	}
	return b.String()
}

// Errorf makes an error-severity diagnostic.
func Errorf(pos Pos, rule, format string, args ...any) *Error {
	return &Error{Pos: pos, Rule: rule, Msg: fmt.Sprintf(format, args...)}
}

// Warnf makes a warning.
func Warnf(pos Pos, rule, format string, args ...any) *Error {
	return &Error{Pos: pos, Severity: SevWarning, Rule: rule, Msg: fmt.Sprintf(format, args...)}
}

// WithHint sets the hint and returns e, for chaining.
func (e *Error) WithHint(format string, args ...any) *Error {
	e.Hint = fmt.Sprintf(format, args...)
	return e
}

// List collects diagnostics, as go/scanner.ErrorList does. The zero value is
// ready to use. A List is not safe for concurrent use; stages that work in
// parallel keep one per worker and Append them.
type List []*Error

// Add appends e.
func (l *List) Add(e *Error) { *l = append(*l, e) }

// Append appends every diagnostic of other.
func (l *List) Append(other List) { *l = append(*l, other...) }

// Errors counts error-severity diagnostics.
func (l List) Errors() int {
	n := 0
	for _, e := range l {
		if e.Severity == SevError {
			n++
		}
	}
	return n
}

// Warnings counts warnings.
func (l List) Warnings() int { return len(l) - l.Errors() }

// Sort orders by file, line, column, then message, and drops exact repeats,
// so every problem is reported once and output is stable.
func (l *List) Sort() {
	s := *l
	sort.SliceStable(s, func(i, j int) bool {
		a, b := s[i].Pos, s[j].Pos
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Col != b.Col {
			return a.Col < b.Col
		}
		return s[i].Msg < s[j].Msg
	})
	out := s[:0]
	for i, e := range s {
		if i > 0 {
			p := out[len(out)-1]
			if p.Pos == e.Pos && p.Msg == e.Msg && p.Severity == e.Severity {
				continue
			}
		}
		out = append(out, e)
	}
	*l = out
}

// Err returns the list as an error when it holds at least one error-severity
// diagnostic, else nil.
func (l List) Err() error {
	if l.Errors() == 0 {
		return nil
	}
	return l
}

// Error prints every diagnostic, one per line.
func (l List) Error() string {
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Files counts the distinct files the list names.
func (l List) Files() int {
	seen := map[string]bool{}
	for _, e := range l {
		seen[e.Pos.File] = true
	}
	return len(seen)
}

// Offsets turns byte offsets in one file's text into positions. Build it once
// per file; Pos is a binary search.
type Offsets struct {
	file  string
	src   []byte
	lines []int // byte offset where each line starts
}

// NewOffsets indexes src, the whole text of file.
func NewOffsets(file string, src []byte) *Offsets {
	lines := []int{0}
	for i, c := range src {
		if c == '\n' {
			lines = append(lines, i+1)
		}
	}
	return &Offsets{file: file, src: src, lines: lines}
}

// Prefix returns offsets over src, a copy of the text's first len(src)
// bytes, so the rest of the text can be let go; positions past it clamp
// to its end.
func (o *Offsets) Prefix(src []byte) *Offsets {
	n := min(len(src), len(o.src))
	i := sort.Search(len(o.lines), func(i int) bool { return o.lines[i] > n })
	return &Offsets{file: o.file, src: src[:n], lines: slices.Clone(o.lines[:i])}
}

// Pos returns the position of byte offset off; offsets past the end clamp to it.
func (o *Offsets) Pos(off int) Pos {
	if off < 0 {
		off = 0
	}
	if off > len(o.src) {
		off = len(o.src)
	}
	i := sort.Search(len(o.lines), func(i int) bool { return o.lines[i] > off }) - 1
	col := utf8.RuneCount(o.src[o.lines[i]:off]) + 1
	return Pos{File: o.file, Line: i + 1, Col: col}
}

// Suggest returns the candidate closest to word when it is near enough to be
// a likely typo (edit distance at most 1 for short words, 2 for longer ones),
// else "". Ties go to the first candidate in order.
func Suggest(word string, candidates []string) string {
	best, bestD := "", 1<<30
	limit := 1
	if utf8.RuneCountInString(word) > 4 {
		limit = 2
	}
	for _, c := range candidates {
		d := distance(strings.ToLower(word), strings.ToLower(c))
		if d < bestD {
			best, bestD = c, d
		}
	}
	if bestD > limit {
		return ""
	}
	return best
}

// distance is the Levenshtein distance over runes, with adjacent
// transpositions counted as one edit (typos swap letters).
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}

// Escalate makes warnings of the given rules errors; check uses it for the
// rules that must not reach a published site but should not stop a build.
func (l List) Escalate(rules ...string) {
	for _, e := range l {
		for _, r := range rules {
			if e.Rule == r {
				e.Severity = SevError
			}
		}
	}
}

// InvalidUTF8 returns the offset of the first byte that is not part of a
// valid UTF-8 character, or -1: where to point an "invalid UTF-8" error.
func InvalidUTF8(b []byte) int {
	if utf8.Valid(b) {
		return -1
	}
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return -1
}
