package markdown

import (
	"bytes"
	"sort"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"

	"mehfooz/generator/internal/diag"
)

// Per-document state. goldmark's Parse returns no error and its renderers
// see no context, so what one page's extensions find sits in the parse
// context under these keys (as goldmark's footnote extension keeps its
// list), and Convert reads it back after rendering.
var (
	// pageKey holds the *source being converted.
	pageKey = parser.NewContextKey()
	// resultKey holds the page's *Result: diagnostics, headings, links,
	// facts and sections, filled in by the extensions as they run.
	resultKey = parser.NewContextKey()
	// factsUsedKey holds the map[string]bool of fact keys already in
	// Result.Facts, so each is listed once.
	factsUsedKey = parser.NewContextKey()
	// headingNodesKey maps each *ast.Heading to its index in
	// Result.Headings, for the sections.
	headingNodesKey = parser.NewContextKey()
	// refusedKey holds the map[ast.Node]bool of links and images policy
	// refused, which links must not resolve.
	refusedKey = parser.NewContextKey()
)

// source is the page being converted and its body: every segment in the
// tree is an offset into body.
type source struct {
	Page
	body []byte
}

// newContext returns the parse context for one page.
func newContext(src *source, res *Result) parser.Context {
	pc := parser.NewContext(parser.WithIDs(newHeadingIDs(src.HeadingIDs)))
	pc.Set(pageKey, src)
	pc.Set(resultKey, res)
	pc.Set(factsUsedKey, map[string]bool{})
	pc.Set(headingNodesKey, map[*ast.Heading]int{})
	pc.Set(refusedKey, map[ast.Node]bool{})
	return pc
}

// conversion is one extension's view of the page it works on: the page,
// its body and what has been found so far.
type conversion struct {
	page Page
	body []byte
	res  *Result
}

// docOf returns the view of the page parsed with pc.
func docOf(pc parser.Context) *conversion {
	src := pc.Get(pageKey).(*source)
	return &conversion{page: src.Page, body: src.body, res: pc.Get(resultKey).(*Result)}
}

// pos returns the source position of n, or of the nearest node around it
// that knows where it is.
func (cv *conversion) pos(n ast.Node) diag.Pos {
	for m := n; m != nil; m = m.Parent() {
		if off := nodeOffset(m); off >= 0 {
			if _, ok := m.(*ast.Heading); ok && off <= len(cv.body) {
				// Point at the line, not the text after the #s.
				off = bytes.LastIndexByte(cv.body[:off], '\n') + 1
			}
			return cv.page.Offsets.Pos(cv.page.BodyOffset + off)
		}
	}
	return diag.Pos{File: cv.page.Path}
}

func nodeOffset(n ast.Node) int {
	if t, ok := n.(*ast.Text); ok {
		return t.Segment.Start
	}
	if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
		return n.Lines().At(0).Start
	}
	if p := n.Pos(); p >= 0 {
		return p
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if off := nodeOffset(c); off >= 0 {
			return off
		}
	}
	return -1
}

func (cv *conversion) errorf(n ast.Node, rule, format string, args ...any) *diag.Error {
	e := diag.Errorf(cv.pos(n), rule, format, args...)
	cv.res.Diags.Add(e)
	return e
}

// inSourceOrder orders a page's diagnostics by position. Each extension
// reports in document order, one after another; a reader wants them as
// the page reads. Unlike diag.List.Sort it keeps repeats and, at one
// position, the order they were found in.
func inSourceOrder(l diag.List) {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i].Pos, l[j].Pos
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
}
