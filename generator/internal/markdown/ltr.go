package markdown

// The rule itself lives in package bidi; this file is the goldmark
// extension that applies it to Markdown prose.

import (
	"mehfooz/generator/internal/bidi"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// KindLTR is a run of text shown left to right.
var KindLTR = ast.NewNodeKind("LTR")

type ltrNode struct {
	ast.BaseInline
	address bool
}

func (n *ltrNode) Kind() ast.NodeKind { return KindLTR }

func (n *ltrNode) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

type ltrExtension struct{}

// LTR is the goldmark extension that isolates the runs of LTRRuns in a
// right-to-left page's prose, and its autolinks whole. Add it only to
// converters of right-to-left languages.
var LTR goldmark.Extender = ltrExtension{}

func (ltrExtension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(ltrTransformer{}, prioLTR)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(ltrRenderer{}, 100)))
}

type ltrTransformer struct{}

// Transform wraps runs found in text. Neighbouring text nodes are read as
// one, since goldmark may cut a line at a character a parser looked at.
func (ltrTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	var groups [][]*ast.Text
	var autolinks []*ast.AutoLink
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.CodeSpan, *ast.CodeBlock, *ast.FencedCodeBlock, *ast.HTMLBlock, *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		case *ast.AutoLink:
			autolinks = append(autolinks, n)
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			if n.IsRaw() || n.Segment.Padding != 0 {
				return ast.WalkContinue, nil
			}
			if k := len(groups); k > 0 {
				g := groups[k-1]
				prev := g[len(g)-1]
				if prev.NextSibling() == n && prev.Segment.Stop == n.Segment.Start && !prev.SoftLineBreak() && !prev.HardLineBreak() {
					groups[k-1] = append(g, n)
					return ast.WalkContinue, nil
				}
			}
			groups = append(groups, []*ast.Text{n})
		}
		return ast.WalkContinue, nil
	})
	for _, g := range groups {
		splitText(g, src)
	}
	for _, a := range autolinks {
		w := &ltrNode{address: true}
		p := a.Parent()
		p.ReplaceChild(p, a, w)
		w.AppendChild(w, a)
	}
}

// splitText replaces a group of neighbouring text nodes by text and
// left-to-right runs.
func splitText(g []*ast.Text, src []byte) {
	first, last := g[0], g[len(g)-1]
	start, stop := first.Segment.Start, last.Segment.Stop
	runs := bidi.LTRRuns(string(src[start:stop]))
	if len(runs) == 0 {
		return
	}
	parent := first.Parent()
	var pieces []ast.Node
	var tail *ast.Text
	at := start
	for _, r := range runs {
		a, b := start+r[0], start+r[1]
		if a > at {
			pieces = append(pieces, ast.NewTextSegment(text.NewSegment(at, a)))
		}
		t := ast.NewTextSegment(text.NewSegment(a, b))
		w := &ltrNode{address: bidi.IsAddress(string(src[a:b]))}
		w.AppendChild(w, t)
		pieces = append(pieces, w)
		tail, at = t, b
	}
	if at < stop || last.SoftLineBreak() || last.HardLineBreak() {
		// The line break goes after the isolate, not inside it.
		tail = ast.NewTextSegment(text.NewSegment(at, stop))
		pieces = append(pieces, tail)
	}
	tail.SetSoftLineBreak(last.SoftLineBreak())
	tail.SetHardLineBreak(last.HardLineBreak())
	for _, p := range pieces {
		parent.InsertBefore(parent, first, p)
	}
	for _, t := range g {
		parent.RemoveChild(parent, t)
	}
}

type ltrRenderer struct{}

func (ltrRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindLTR, renderLTR)
}

func renderLTR(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ltrNode)
	if !entering {
		w.WriteString(`</bdi>`)
		return ast.WalkContinue, nil
	}
	if !n.address {
		w.WriteString(`<bdi dir="ltr">`)
		return ast.WalkContinue, nil
	}
	w.WriteString(`<bdi dir="ltr" class="addr">`)
	// An address's text is written here with its break points, so its
	// single text child is not rendered again.
	if t, ok := n.FirstChild().(*ast.Text); ok && t.NextSibling() == nil {
		var b strings.Builder
		bidi.WriteRun(&b, string(t.Segment.Value(src)))
		s := strings.TrimSuffix(strings.TrimPrefix(b.String(), `<bdi dir="ltr" class="addr">`), `</bdi>`)
		w.WriteString(s)
		if t.SoftLineBreak() {
			w.WriteByte('\n')
		}
		return ast.WalkSkipChildren, nil
	}
	return ast.WalkContinue, nil
}

// prioLTR runs first of the site's steps, as it ran when the page was
// parsed: every later step sees the isolated runs.
const prioLTR = 90
