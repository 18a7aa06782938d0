package markdown

// The plain-text extension reads the finished tree as a reader sees it,
// facts filled in and markup dropped, split at the top-level headings:
// the search index and the translation stamps work on these sections.

import (
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

var plainText = &plainTextExt{}

type plainTextExt struct{}

func (e *plainTextExt) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(e, prioPlainText)))
}

// Transform splits the page at its headings into Result.Sections.
func (e *plainTextExt) Transform(doc *ast.Document, _ text.Reader, pc parser.Context) {
	cv := docOf(pc)
	hidx := pc.Get(headingNodesKey).(map[*ast.Heading]int)
	cur := Section{}
	var text strings.Builder
	flush := func() {
		cur.Text = strings.TrimSpace(text.String())
		if cur.Anchor != "" || cur.Text != "" {
			cv.res.Sections = append(cv.res.Sections, cur)
		}
		text.Reset()
	}
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		if hn, ok := n.(*ast.Heading); ok {
			flush()
			h := cv.res.Headings[hidx[hn]]
			cur = Section{Anchor: h.ID, Heading: h.Text}
			continue
		}
		if text.Len() > 0 {
			text.WriteByte('\n')
		}
		if n.HasChildren() {
			cv.writePlain(&text, n)
		} else {
			for i := 0; i < n.Lines().Len(); i++ {
				seg := n.Lines().At(i)
				text.Write(seg.Value(cv.body))
			}
		}
	}
	flush()
}

// plain returns the text of n as a reader sees it: facts filled in, markup
// dropped.
func (cv *conversion) plain(n ast.Node) string {
	var b strings.Builder
	cv.writePlain(&b, n)
	return b.String()
}

func (cv *conversion) writePlain(b *strings.Builder, n ast.Node) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Segment.Value(cv.body))
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		case *ast.AutoLink:
			b.Write(c.Label(cv.body))
		case *ast.RawHTML:
		case *Fact:
			b.WriteString(c.Value) // filled in by the facts transformer, which runs first
		case *ExternalMark:
		default:
			if c.Type() == ast.TypeBlock && b.Len() > 0 {
				b.WriteByte('\n')
			}
			if c.Type() == ast.TypeBlock && c.Lines().Len() > 0 && !c.HasChildren() {
				// Code blocks hold their text as lines, not children.
				for i := 0; i < c.Lines().Len(); i++ {
					seg := c.Lines().At(i)
					b.Write(seg.Value(cv.body))
				}
				continue
			}
			cv.writePlain(b, c)
			if _, ok := c.(*east.TableCell); ok {
				b.WriteByte(' ')
			}
		}
	}
}
