package markdown

// The facts extension: {{< fact "key" >}} in the text becomes the fact's
// text from content/facts.yaml, linked when the fact has a link. The
// syntax is Hugo's so volunteers who know Hugo read it at once; "fact" is
// the only shortcode.

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"mehfooz/generator/internal/bidi"
	"mehfooz/generator/internal/diag"
)

// KindFact is the kind of a Fact node.
var KindFact = ast.NewNodeKind("Fact")

// Fact is a {{< name "arg" >}} in the text. Anything starting with {{< is
// one, so a typo is an error instead of text on the page.
type Fact struct {
	ast.BaseInline
	Key string
	Err string // why the shortcode is malformed, or ""
	// Filled in from the registry by the facts transformer.
	Value, Link     string
	Check, External bool
	Fallback        string // the language of Value when it is not the page's
}

// Kind implements ast.Node.
func (n *Fact) Kind() ast.NodeKind { return KindFact }

// Dump implements ast.Node.
func (n *Fact) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"key": n.Key, "err": n.Err}, nil)
}

// factConfig is what the facts extension needs from the converter.
type factConfig struct {
	facts                       Facts
	lang                        string
	fallbackLang, fallbackLabel string
	checkLabel, externalLabel   string
	rtl                         bool // isolate numbers and addresses left to right
}

type factsExt struct{ cfg *factConfig }

func (e *factsExt) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithInlineParsers(util.Prioritized(shortcodeParser{}, 50)),
		parser.WithASTTransformers(util.Prioritized(&factTransformer{e.cfg}, prioFacts)),
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(&nodeRenderer{c: e.cfg}, 50)))
}

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
	n := &Fact{}
	n.SetPos(seg.Start)
	end := bytes.Index(line, scClose)
	if end < 0 {
		n.Err = "shortcode is not closed with >}} on the same line"
		block.Advance(len(scOpen))
		return n
	}
	block.Advance(end + len(scClose))
	n.Key, n.Err = parseFact(string(line[len(scOpen):end]))
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

// factTransformer fills every Fact from the registry, or reports why it
// cannot, and lists the keys the page uses.
type factTransformer struct{ c *factConfig }

func (t *factTransformer) Transform(doc *ast.Document, _ text.Reader, pc parser.Context) {
	cv := docOf(pc)
	used := pc.Get(factsUsedKey).(map[string]bool)
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if f, ok := n.(*Fact); ok && entering {
			t.fact(cv, used, f)
		}
		return ast.WalkContinue, nil
	})
}

func (t *factTransformer) fact(cv *conversion, used map[string]bool, n *Fact) {
	if n.Err != "" {
		cv.errorf(n, "shortcode", "%s", n.Err).WithHint(`write facts as {{< fact "key" >}}`)
		return
	}
	var txt, link string
	var check, ok bool
	if t.c.facts != nil {
		txt, link, check, ok = t.c.facts.Fact(n.Key, t.c.lang)
	}
	if !ok {
		e := cv.errorf(n, "unknown-fact", "unknown fact %q", n.Key)
		if t.c.facts != nil {
			if s := diag.Suggest(n.Key, t.c.facts.Keys()); s != "" {
				e.WithHint("did you mean %q? Facts are listed in content/facts.yaml", s)
			} else {
				e.WithHint("add it to content/facts.yaml with its source and verified_on date")
			}
		}
		return
	}
	n.Value, n.Link, n.Check = txt, link, check
	if fb, ok := t.c.facts.(interface{ FallsBack(key, lang string) bool }); ok && t.c.fallbackLang != "" && fb.FallsBack(n.Key, t.c.lang) {
		n.Fallback = t.c.fallbackLang
	}
	if !used[n.Key] {
		used[n.Key] = true
		cv.res.Facts = append(cv.res.Facts, n.Key)
		if check {
			cv.res.Checks = append(cv.res.Checks, n.Key)
		}
	}
	if link != "" {
		if s := scheme(link); s == "http" || s == "https" {
			n.External = true
		}
	}
}

// nodeRenderer renders facts.
type nodeRenderer struct{ c *factConfig }

func (r *nodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindFact, r.renderShortcode)
}

func (r *nodeRenderer) renderShortcode(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*Fact)
	if n.Value == "" {
		return ast.WalkContinue, nil
	}
	if n.Fallback != "" {
		// Not translated yet: a screen reader reads it in its own language.
		w.WriteString(`<span lang="` + n.Fallback + `">`)
	}
	// A fact inside a link must not open another link.
	inLink := false
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Kind() == ast.KindLink {
			inLink = true
		}
	}
	if n.Link != "" && !inLink {
		w.WriteString(`<a href="`)
		w.Write(util.EscapeHTML(util.URLEscape([]byte(n.Link), true)))
		w.WriteString(`"`)
		if n.External {
			w.WriteString(` rel="noopener noreferrer" class="external"`)
			if s := ShortURL(n.Link); s != "" && !strings.Contains(n.Value, s) {
				w.WriteString(` data-short="`)
				w.Write(util.EscapeHTML([]byte(s)))
				w.WriteString(`"`)
			}
		}
		w.WriteString(`>`)
		r.writeFact(w, n.Value)
		if n.External {
			r.writeExternalMark(w)
		}
		w.WriteString(`</a>`)
	} else {
		r.writeFact(w, n.Value)
	}
	if n.Fallback != "" {
		w.WriteString(`</span><span class="vh"> `)
		w.Write(util.EscapeHTML([]byte(r.c.fallbackLabel)))
		w.WriteString(`</span>`)
	}
	if n.Check {
		// A quiet aside, not a badge: "(one source)" reads as part of the
		// sentence in both languages, and the page's note explains it.
		w.WriteString(` <small class="reported">`)
		w.Write(util.EscapeHTML([]byte(r.c.checkLabel)))
		w.WriteString(`</small>`)
	}
	return ast.WalkContinue, nil
}

func (r *nodeRenderer) writeExternalMark(w util.BufWriter) { writeExternalMark(w, r.c.externalLabel) }

// writeFact writes a fact's text; on a right-to-left page its numbers and
// addresses are isolated left to right, by the same rule as the prose.
func (r *nodeRenderer) writeFact(w util.BufWriter, s string) {
	if r.c.rtl {
		w.WriteString(bidi.IsolateLTR(s))
		return
	}
	w.Write(util.EscapeHTML([]byte(s)))
}
