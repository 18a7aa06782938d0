package markdown

// The external-links extension marks a link that leaves the site: no
// referrer, no opener, the address printed on paper, and a visible arrow
// with hidden words for screen readers. Autolinks (<https://…>, and bare
// addresses linkify found) become ordinary links first.

import (
	"net/url"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// KindExternalMark is the kind of an ExternalMark node.
var KindExternalMark = ast.NewNodeKind("ExternalMark")

// ExternalMark is the arrow and hidden words after an external link.
type ExternalMark struct{ ast.BaseInline }

// Kind implements ast.Node.
func (n *ExternalMark) Kind() ast.NodeKind { return KindExternalMark }

// Dump implements ast.Node.
func (n *ExternalMark) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

type externalExt struct{ label string } // read out after the arrow: "(leaves this site)"

func (e *externalExt) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(e, prioExternal)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(e, 50)))
}

// Transform marks every http(s) link; policy has already replaced the
// autolinks it refuses.
func (e *externalExt) Transform(doc *ast.Document, _ text.Reader, pc parser.Context) {
	cv := docOf(pc)
	var autolinks []*ast.AutoLink
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.HTMLBlock, *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		case *ast.Link:
			if s := scheme(string(n.Destination)); s == "http" || s == "https" {
				cv.external(n)
			}
		case *ast.AutoLink:
			if n.AutoLinkType != ast.AutoLinkEmail {
				autolinks = append(autolinks, n)
			}
		}
		return ast.WalkContinue, nil
	})
	for _, a := range autolinks {
		cv.autolink(a)
	}
}

// external marks n, a link that leaves the site.
func (cv *conversion) external(n ast.Node) {
	n.SetAttributeString("rel", []byte("noopener noreferrer"))
	n.SetAttributeString("class", []byte("external"))
	if l, ok := n.(*ast.Link); ok {
		// Printed after the link text, unless the text already is the address.
		if s := ShortURL(string(l.Destination)); s != "" && !strings.Contains(cv.plain(l), s) {
			n.SetAttributeString("data-short", []byte(s))
		}
	}
	n.AppendChild(n, &ExternalMark{})
	if l, ok := n.(*ast.Link); ok {
		cv.mixedHost(n, string(l.Destination))
	}
}

// autolink replaces a with a link, marked external unless it is a mailto:
// or tel: address, which is kept as written: <tel:1799> dials, it does
// not leave for https://tel:1799.
func (cv *conversion) autolink(a *ast.AutoLink) {
	label := string(a.Label(cv.body))
	url := string(a.URL(cv.body))
	external := true
	switch s := scheme(url); {
	case strings.HasPrefix(strings.ToLower(label), "www."):
		// A bare www. address: linkify guesses http; every site we link has https.
		url = "https://" + label
	case s == "mailto" || s == "tel":
		external = false
	}
	l := ast.NewLink()
	l.Destination = []byte(url)
	l.AppendChild(l, ast.NewString([]byte(label)))
	l.SetPos(a.Pos())
	a.Parent().ReplaceChild(a.Parent(), a, l)
	if external {
		cv.external(l)
	}
}

func (e *externalExt) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindExternalMark, e.renderExternalMark)
}

func (e *externalExt) renderExternalMark(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		writeExternalMark(w, e.label)
	}
	return ast.WalkContinue, nil
}

// writeExternalMark writes the arrow, hidden from screen readers, and
// label, hidden on screen. The facts renderer writes it too.
func writeExternalMark(w util.BufWriter, label string) {
	w.WriteString(`<span class="ext-mark" aria-hidden="true">↗</span><span class="vh"> `)
	w.Write(util.EscapeHTML([]byte(label)))
	w.WriteString(`</span>`)
}

// ShortURL is how an address is printed on paper: host and path without
// the scheme, "www." or a query, cut to about 40 characters.
func ShortURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return ""
	}
	s := strings.TrimPrefix(u.Host, "www.") + strings.TrimSuffix(u.EscapedPath(), "/")
	if r := []rune(s); len(r) > 40 {
		s = string(r[:39]) + "…"
	}
	return s
}
