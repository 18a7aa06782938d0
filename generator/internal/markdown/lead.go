package markdown

import "github.com/yuin/goldmark/ast"

// moveLead puts the lead section ("what to do first") before the page's
// first heading, with everything under it up to the next heading of the
// same or a higher level. The decision tree's end pages explain the
// situation first and the steps after; on a phone that put the first step
// two screens down (issue 14). Writers keep the order that reads well in
// the file; the reader gets the steps on the first screen. The table of
// contents follows the new order. Headings are checked against the source
// page before the move, so translations are compared as written.
func (cv *conversion) moveLead(doc ast.Node) {
	if cv.c.lead == "" {
		return
	}
	var first, lead *ast.Heading
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		h, ok := n.(*ast.Heading)
		if !ok {
			continue
		}
		if first == nil {
			first = h
		}
		if id, ok := h.AttributeString("id"); ok && string(id.([]byte)) == cv.c.lead {
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
	// The same block of headings moves in the list the TOC is made from.
	from, to := cv.hidx[lead], cv.hidx[first]
	count := 0
	for _, n := range moved {
		ast.Walk(n, func(m ast.Node, entering bool) (ast.WalkStatus, error) {
			if h, ok := m.(*ast.Heading); ok && entering {
				if _, ok := cv.hidx[h]; ok {
					count++
				}
			}
			return ast.WalkContinue, nil
		})
	}
	hs := cv.res.Headings
	block := append([]Heading(nil), hs[from:from+count]...)
	copy(hs[to+count:from+count], hs[to:from])
	copy(hs[to:], block)
	for h, i := range cv.hidx {
		switch {
		case i >= from && i < from+count:
			cv.hidx[h] = to + (i - from)
		case i >= to && i < from:
			cv.hidx[h] = i + count
		}
	}
}
