package markdown

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Transformer priorities: goldmark runs the lowest first. Facts come first
// so every later step reads a fact's text; prose facts and policy read the
// links as written, before links resolves them and external turns
// autolinks into links; the plain text is read from the finished tree.
const (
	prioAlign      = 100
	prioFacts      = 200
	prioProseFacts = 300
	prioHeadings   = 400
	prioPolicy     = 500
	prioLinks      = 600
	prioExternal   = 700
	prioPlainText  = 900
)

// gfm is GitHub Flavored Markdown as the site wants it: linkify, tables
// whose aligned cells get classes (not style=, which the site's policy
// blocks), strikethrough, and task lists whose boxes are glyphs. Heading
// attributes are parsed so policy can refuse all but {#id}.
var gfm = &gfmExt{}

type gfmExt struct{}

func (e *gfmExt) Extend(m goldmark.Markdown) {
	extension.Linkify.Extend(m)
	extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignNone)).Extend(m)
	extension.Strikethrough.Extend(m)
	extension.TaskList.Extend(m)
	m.Parser().AddOptions(
		parser.WithHeadingAttribute(),
		parser.WithASTTransformers(util.Prioritized(alignTransformer{}, prioAlign)),
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(taskBoxRenderer{}, 50)))
}

// alignTransformer gives an aligned table cell the stylesheet's class for
// its alignment instead of goldmark's style="text-align:…".
type alignTransformer struct{}

func (alignTransformer) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if c, ok := n.(*east.TableCell); ok && entering {
			alignClass(c)
		}
		return ast.WalkContinue, nil
	})
}

// alignClass sets n's class for its alignment.
func alignClass(n *east.TableCell) {
	if n.Alignment != east.AlignNone {
		n.SetAttributeString("class", []byte("align-"+n.Alignment.String()))
	}
}

type taskBoxRenderer struct{}

func (taskBoxRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(east.KindTaskCheckBox, renderTaskBox)
}

// renderTaskBox draws a task list's box as a glyph, not a disabled form
// control: an unlabelled checkbox is noise to a screen reader, and on a
// printed checklist the empty box is there to tick by hand.
func renderTaskBox(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	box := "☐"
	if node.(*east.TaskCheckBox).IsChecked {
		box = "☑"
	}
	w.WriteString(`<span class="task-box" aria-hidden="true">` + box + `</span> `)
	return ast.WalkContinue, nil
}
