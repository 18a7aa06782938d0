package markdown

// Left-to-right runs inside right-to-left text. The Unicode bidi algorithm
// turns European digits after Arabic letters into "Arabic numbers", and a
// hyphen between two of those does not join them: 0800-39393 inside Urdu
// shows as 39393-0800, a CNIC 12345-1234567-1 as 1-1234567-12345. A number
// copied by hand from such a page is wrong. So phone numbers, CNICs,
// amounts, section numbers with a letter (26A), e-mail addresses and web
// addresses are wrapped in <bdi dir="ltr">, which shows them in their own
// order whatever surrounds them.
//
// The rule is LTRRuns; IsolateLTR applies it to plain text (facts, layout
// strings, letters), and the LTR extension to Markdown prose.

import (
	"regexp"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// rtlLangs are the languages written right to left that a site might use.
var rtlLangs = map[string]bool{"ar": true, "ckb": true, "dv": true, "fa": true, "he": true, "ps": true, "sd": true, "ug": true, "ur": true, "yi": true}

// IsRTL reports whether lang (a code such as "ur" or "ur-PK") is written
// right to left.
func IsRTL(lang string) bool {
	base, _, _ := strings.Cut(strings.ToLower(lang), "-")
	return rtlLangs[base]
}

// ltrPattern finds what must read left to right. Plain digit runs ("15",
// "2026") already do and are left alone, which keeps pages small.
var ltrPattern = regexp.MustCompile(`(?i)` + LTRPattern)

// LTRPattern is the rule as a regular expression, matched without regard to
// case, in the syntax Go and JavaScript share: letter.js isolates what a
// reader types by the same rule, read from the page.
const LTRPattern = `` +
	// a web address with its scheme
	`https?://[^\s<>"'()\[\]{}]+` +
	// an e-mail address
	`|[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+` +
	// a bare domain, as printed on paper: digitalrightsfoundation.pk/…
	`|(?:[a-z0-9-]+\.)+(?:pk|com|org|net|gov|edu|int|info|io|me|app)\b(?:/[^\s<>"'()\[\]{}]*)?` +
	// digits in groups: phones, CNICs, amounts, dates, times
	`|\+?\d+(?:[ ./,:-]\d+)+[a-z]?\b` +
	// a section number with a letter: 26A, 21D
	`|\b\d+[a-z]\b`

// trailing is punctuation that ends a sentence, not an address.
const trailing = ".,;:!?"

// LTRRuns returns the [start, end) byte spans of s to isolate.
func LTRRuns(s string) [][2]int {
	var out [][2]int
	for _, m := range ltrPattern.FindAllStringIndex(s, -1) {
		end := m[1]
		for end > m[0] && strings.IndexByte(trailing, s[end-1]) >= 0 {
			end--
		}
		if end > m[0] {
			out = append(out, [2]int{m[0], end})
		}
	}
	return out
}

// isAddress tells a web or e-mail address (which may wrap) from a number
// (which never does).
func isAddress(run string) bool {
	return strings.ContainsAny(run, "@/") || strings.IndexFunc(run, func(r rune) bool { return r >= 'A' && r <= 'z' }) >= 0 && strings.Contains(run, ".")
}

// writeRun writes one run, escaped, in its isolate. An address may wrap
// after @ and / and before a dot, never inside a word.
func writeRun(b *strings.Builder, run string) {
	if !isAddress(run) {
		b.WriteString(`<bdi dir="ltr">`)
		b.Write(util.EscapeHTML([]byte(run)))
		b.WriteString(`</bdi>`)
		return
	}
	b.WriteString(`<bdi dir="ltr" class="addr">`)
	for i := 0; i < len(run); i++ {
		c := run[i]
		if c == '.' && i > 0 && i < len(run)-1 {
			b.WriteString(`<wbr>`)
		}
		b.Write(util.EscapeHTML([]byte{c}))
		if (c == '@' || c == '/') && i < len(run)-1 && run[i+1] != '/' {
			b.WriteString(`<wbr>`)
		}
	}
	b.WriteString(`</bdi>`)
}

// IsolateLTR returns s as HTML, escaped, with each run of LTRRuns in a
// left-to-right isolate. Use it for text shown on right-to-left pages.
func IsolateLTR(s string) string {
	var b strings.Builder
	last := 0
	for _, r := range LTRRuns(s) {
		b.Write(util.EscapeHTML([]byte(s[last:r[0]])))
		writeRun(&b, s[r[0]:r[1]])
		last = r[1]
	}
	b.Write(util.EscapeHTML([]byte(s[last:])))
	return b.String()
}

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
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(ltrTransformer{}, 900)))
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
	runs := LTRRuns(string(src[start:stop]))
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
		w := &ltrNode{address: isAddress(string(src[a:b]))}
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
		writeRun(&b, string(t.Segment.Value(src)))
		s := strings.TrimSuffix(strings.TrimPrefix(b.String(), `<bdi dir="ltr" class="addr">`), `</bdi>`)
		w.WriteString(s)
		if t.SoftLineBreak() {
			w.WriteByte('\n')
		}
		return ast.WalkSkipChildren, nil
	}
	return ast.WalkContinue, nil
}
