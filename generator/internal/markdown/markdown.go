// Package markdown converts one page's Markdown body to HTML with goldmark
// and reports what the rest of the build needs to know about it: heading
// ids, internal links, facts used and the text of each section. Everything
// that is unsafe or unreachable for a reader (raw HTML, remote images,
// script links, missing alt text, unknown facts, broken links) is a
// diagnostic at the file, line and column where it was written.
//
// Each feature is a goldmark extension in its own file, in the order its
// AST transformer runs:
//
//	gfm.go         GFM as the site wants it: tables with class alignment, task boxes as glyphs
//	shortcode.go   facts: the {{< fact "key" >}} shortcode (parser, node, transformer, renderer)
//	prosefacts.go  prose facts: a number or address typed where a fact belongs
//	headings.go    heading ids, through parser.WithIDs, by position for translations
//	policy.go      policy: raw HTML, unsafe links and images, heading attributes, spoofing
//	links.go       links: internal .md links and local images resolved to URLs
//	external.go    external links: rel, the ↗ mark, autolinks made links
//	ltr.go         right to left: numbers and addresses isolated left to right (first of all)
//	text.go        plain text and sections, for search and translation stamps
//	lead.go        the lead section ("what to do first") moved to the top (last, after sections)
//
// What each finds goes into the parse context (context.go); Convert reads
// it back. Two guards run before goldmark parses at all (policy.go): the
// nesting depth, because goldmark's list parser is quadratic in it, and the
// bidi controls, which are reported wherever they are.
package markdown

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"mehfooz/generator/internal/bidi"
	"mehfooz/generator/internal/diag"
)

// Converter converts the pages of one language. It is safe for concurrent
// use: every Convert call parses into its own tree and context.
type Converter struct {
	lang          string
	facts         Facts
	links         Links
	externalLabel string
	checkLabel    string
	reserved      map[string]bool // ids the layouts use (WithReservedIDs)
	fallbackLang  string          // the source language, for facts not yet translated
	fallbackLabel string
	lead          string // the heading id of the section moved first (WithLeadSection)
	rtl           bool   // the language is written right to left
	md            goldmark.Markdown
}

// Option configures a Converter.
type Option func(*Converter)

// WithExternalLabel sets the hidden text read out after an external link,
// "(leaves this site)" in the page's language.
func WithExternalLabel(s string) Option { return func(c *Converter) { c.externalLabel = s } }

// WithCheckLabel sets the mark shown after a fact that still needs
// verifying.
func WithCheckLabel(s string) Option { return func(c *Converter) { c.checkLabel = s } }

// WithFallback says how to mark a fact shown in the source language src
// because it has no text in the page's: the text is tagged lang=src and
// label, hidden on screen, is read out after it.
func WithFallback(src, label string) Option {
	return func(c *Converter) { c.fallbackLang, c.fallbackLabel = src, label }
}

// WithLeadSection names the heading id of the section a reader needs
// first; when a page has it, it moves to the top of the body (see lead.go).
// "" turns the move off.
func WithLeadSection(id string) Option { return func(c *Converter) { c.lead = id } }

// New returns a Converter for lang. facts and links may be nil, in which
// case every fact and every internal link is reported as unknown. The
// goldmark instance is built here, once: its registrations freeze on the
// first Render.
func New(lang string, facts Facts, links Links, opts ...Option) *Converter {
	c := &Converter{lang: lang, facts: facts, links: links, externalLabel: "(leaves this site)", checkLabel: "check", lead: "what-to-do-first"}
	for _, o := range opts {
		o(c)
	}
	c.rtl = bidi.IsRTL(lang)
	exts := []goldmark.Extender{
		gfm,
		&factsExt{cfg: &factConfig{facts: facts, lang: lang, fallbackLang: c.fallbackLang,
			fallbackLabel: c.fallbackLabel, checkLabel: c.checkLabel, externalLabel: c.externalLabel, rtl: c.rtl}},
		&proseFactsExt{facts: facts},
		&headingsExt{takenByLayout: c.takenByLayout},
		policy,
		&linksExt{lang: lang, links: links},
		&externalExt{label: c.externalLabel},
		plainText,
		&leadExt{id: c.lead},
	}
	if c.rtl {
		exts = append(exts, LTR)
	}
	c.md = goldmark.New(goldmark.WithExtensions(exts...))
	return c
}

// Convert converts p's body. It never panics on content: whatever goldmark
// accepts, Convert turns into HTML and diagnostics.
func (c *Converter) Convert(p Page) Result {
	off := min(max(p.BodyOffset, 0), len(p.Source))
	if p.Offsets == nil {
		p.Offsets = diag.NewOffsets(p.Path, p.Source)
	}
	src := &source{Page: p, body: p.Source[off:]}
	res := &Result{}
	pre := &conversion{page: p, body: src.body, res: res}
	pre.bidiAnywhere()
	if !pre.checkDepth() {
		return *res
	}
	pc := newContext(src, res)
	doc := c.md.Parser().Parse(text.NewReader(src.body), parser.WithContext(pc))
	var buf bytes.Buffer
	if err := c.md.Renderer().Render(&buf, src.body, doc); err != nil {
		docOf(pc).errorf(doc, "markdown", "rendering: %v", err)
	}
	res.HTML = buf.Bytes()
	inSourceOrder(res.Diags)
	return *res
}
