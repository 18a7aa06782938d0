package markdown

import (
	"bytes"
	"mehfooz/generator/internal/bidi"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// kindShortcode is a {{< name "arg" >}} in the text. Only "fact" exists;
// the syntax is Hugo's so volunteers who know Hugo read it at once.
var kindShortcode = ast.NewNodeKind("Shortcode")

type shortcode struct {
	ast.BaseInline
	key string
	err string // why the shortcode is malformed, or ""
	// Filled in from the registry by the walk.
	text, link      string
	check, external bool
	fallback        string // the language of text when it is not the page's
}

func (n *shortcode) Kind() ast.NodeKind { return kindShortcode }

func (n *shortcode) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"key": n.key, "err": n.err}, nil)
}

var kindExternalMark = ast.NewNodeKind("ExternalMark")

// externalMark is the arrow and hidden words after an external link.
type externalMark struct{ ast.BaseInline }

func (n *externalMark) Kind() ast.NodeKind { return kindExternalMark }

func (n *externalMark) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

type shortcodeParser struct{}

func (shortcodeParser) Trigger() []byte { return []byte{'{'} }

var (
	scOpen  = []byte("{{<")
	scClose = []byte(">}}")
)

// Parse reads a shortcode on one line. Anything starting with {{< is taken
// as a shortcode, so a typo is an error instead of text on the page.
func (shortcodeParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if !bytes.HasPrefix(line, scOpen) {
		return nil
	}
	n := &shortcode{}
	n.SetPos(seg.Start)
	end := bytes.Index(line, scClose)
	if end < 0 {
		n.err = "shortcode is not closed with >}} on the same line"
		block.Advance(len(scOpen))
		return n
	}
	block.Advance(end + len(scClose))
	n.key, n.err = parseFact(string(line[len(scOpen):end]))
	return n
}

// parseFact parses ` fact "key" ` and returns the key or why it is wrong.
func parseFact(inner string) (key, problem string) {
	inner = strings.TrimSpace(inner)
	name, rest, _ := strings.Cut(inner, " ")
	if name != "fact" {
		if name == "" {
			return "", "empty shortcode"
		}
		return "", "unknown shortcode " + strconv.Quote(name) + "; the only shortcode is fact"
	}
	rest = strings.TrimSpace(rest)
	if rest == "" {
		return "", `fact needs a key: {{< fact "key" >}}`
	}
	k, err := strconv.Unquote(rest)
	if err != nil || !strings.HasPrefix(rest, `"`) {
		return "", "fact key must be one quoted word: " + strconv.Quote(rest)
	}
	if k == "" || strings.ContainsAny(k, " \t\"") {
		return "", "fact key must be one word: " + strconv.Quote(k)
	}
	return k, ""
}

// nodeRenderer renders facts and external-link marks.
type nodeRenderer struct{ c *Converter }

func (r *nodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindShortcode, r.renderShortcode)
	reg.Register(kindExternalMark, r.renderExternalMark)
	reg.Register(east.KindTaskCheckBox, r.renderTaskBox)
}

// renderTaskBox draws a task list's box as a glyph, not a disabled form
// control: an unlabelled checkbox is noise to a screen reader, and on a
// printed checklist the empty box is there to tick by hand.
func (r *nodeRenderer) renderTaskBox(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
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

func (r *nodeRenderer) renderShortcode(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*shortcode)
	if n.text == "" {
		return ast.WalkContinue, nil
	}
	if n.fallback != "" {
		// Not translated yet: a screen reader reads it in its own language.
		w.WriteString(`<span lang="` + n.fallback + `">`)
	}
	// A fact inside a link must not open another link.
	inLink := false
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Kind() == ast.KindLink {
			inLink = true
		}
	}
	if n.link != "" && !inLink {
		w.WriteString(`<a href="`)
		w.Write(util.EscapeHTML(util.URLEscape([]byte(n.link), true)))
		w.WriteString(`"`)
		if n.external {
			w.WriteString(` rel="noopener noreferrer" class="external"`)
			if s := ShortURL(n.link); s != "" && !strings.Contains(n.text, s) {
				w.WriteString(` data-short="`)
				w.Write(util.EscapeHTML([]byte(s)))
				w.WriteString(`"`)
			}
		}
		w.WriteString(`>`)
		r.writeFact(w, n.text)
		if n.external {
			r.writeExternalMark(w)
		}
		w.WriteString(`</a>`)
	} else {
		r.writeFact(w, n.text)
	}
	if n.fallback != "" {
		w.WriteString(`</span><span class="vh"> `)
		w.Write(util.EscapeHTML([]byte(r.c.fallbackLabel)))
		w.WriteString(`</span>`)
	}
	if n.check {
		// A quiet aside, not a badge: "(one source)" reads as part of the
		// sentence in both languages, and the page's note explains it.
		w.WriteString(` <small class="reported">`)
		w.Write(util.EscapeHTML([]byte(r.c.checkLabel)))
		w.WriteString(`</small>`)
	}
	return ast.WalkContinue, nil
}

// writeFact writes a fact's text; on a right-to-left page its numbers and
// addresses are isolated left to right, by the same rule as the prose.
func (r *nodeRenderer) writeFact(w util.BufWriter, s string) {
	if r.c.rtl {
		w.WriteString(bidi.IsolateLTR(s))
		return
	}
	w.Write(util.EscapeHTML([]byte(s)))
}

func (r *nodeRenderer) renderExternalMark(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		r.writeExternalMark(w)
	}
	return ast.WalkContinue, nil
}

func (r *nodeRenderer) writeExternalMark(w util.BufWriter) {
	w.WriteString(`<span class="ext-mark" aria-hidden="true">↗</span><span class="vh"> `)
	w.Write(util.EscapeHTML([]byte(r.c.externalLabel)))
	w.WriteString(`</span>`)
}
