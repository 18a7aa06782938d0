package markdown

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// prioLead runs last, after the sections are taken in written order
// (text.go), so translation stamps and catalogues count what is written.
const prioLead = 950

// leadExt puts the lead section ("what to do first") before the page's
// first heading, with everything under it up to the next heading of the
// same or a higher level. The decision tree's end pages explain the
// situation first and the steps after; on a phone that put the first step
// two screens down (issue 14). Writers keep the order that reads well in
// the file; the reader gets the steps on the first screen. Result.Headings
// keep the written order: a translation takes its heading ids from them by
// position.
type leadExt struct{ id string }

func (e *leadExt) Extend(m goldmark.Markdown) {
	if e.id == "" {
		return
	}
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(e, prioLead)))
}

func (e *leadExt) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	var first, lead *ast.Heading
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		h, ok := n.(*ast.Heading)
		if !ok {
			continue
		}
		if first == nil {
			first = h
		}
		if id, ok := h.AttributeString("id"); ok && string(id.([]byte)) == e.id {
			lead = h
			break
		}
	}
	if lead == nil || lead == first {
		return
	}
	var moved []ast.Node
	for n := ast.Node(lead); n != nil; n = n.NextSibling() {
		if h, ok := n.(*ast.Heading); ok && n != lead && h.Level <= lead.Level {
			break
		}
		moved = append(moved, n)
	}
	for _, n := range moved {
		doc.RemoveChild(doc, n)
		doc.InsertBefore(doc, first, n)
	}
}
