// Package markdown converts one page's Markdown body to HTML with goldmark
// and reports what the rest of the build needs to know about it: heading
// ids, internal links, facts used and the text of each section. Everything
// that is unsafe or unreachable for a reader (raw HTML, remote images,
// script links, missing alt text, unknown facts, broken links) is a
// diagnostic at the file, line and column where it was written.
package markdown

import (
	"bytes"
	"fmt"
	"net/url"
	"path"
	"strings"
	"sync"
	"unicode"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"mehfooz/generator/internal/bidi"
	"mehfooz/generator/internal/diag"
)

// Converter converts the pages of one language. It is safe for concurrent
// use: every Convert call parses into its own tree.
type Converter struct {
	lang          string
	facts         Facts
	links         Links
	externalLabel string
	checkLabel    string
	reserved      map[string]bool // ids the layouts use (WithReservedIDs)
	fallbackLang  string          // the source language, for facts not yet translated
	fallbackLabel string
	lead          string
	rtl           bool // the language is written right to left
	md            goldmark.Markdown
	idxOnce       sync.Once
	idx           *factIndex // for the prose-fact rule
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
// first; when a page has it, it moves to the top of the body (see lead).
// "" turns the move off.
func WithLeadSection(id string) Option { return func(c *Converter) { c.lead = id } }

// New returns a Converter for lang. facts and links may be nil, in which
// case every fact and every internal link is reported as unknown.
func New(lang string, facts Facts, links Links, opts ...Option) *Converter {
	c := &Converter{lang: lang, facts: facts, links: links, externalLabel: "(leaves this site)", checkLabel: "check", lead: "what-to-do-first"}
	for _, o := range opts {
		o(c)
	}
	c.rtl = bidi.IsRTL(lang)
	c.md = goldmark.New(
		// GFM, with aligned table cells left to alignClass (classes, not style=).
		goldmark.WithExtensions(extension.Linkify,
			extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignNone)),
			extension.Strikethrough, extension.TaskList),
		goldmark.WithParserOptions(
			parser.WithHeadingAttribute(),
			parser.WithInlineParsers(util.Prioritized(shortcodeParser{}, 50)),
		),
		goldmark.WithRendererOptions(
			renderer.WithNodeRenderers(util.Prioritized(&nodeRenderer{c: c}, 50)),
		),
	)
	if c.rtl {
		// Numbers, addresses and section numbers read left to right
		// inside right-to-left prose (ltr.go).
		LTR.Extend(c.md)
	}
	return c
}

// reservedIDs are ids the layouts already use on every page.
var reservedIDs = map[string]bool{
	"main": true, "q": true, "quick-exit": true, "quick-exit-status": true,
	"sources": true, "topic-index": true, "workshop-guides": true, "toc": true,
}

// conversion is the state of one Convert call.
type conversion struct {
	c    *Converter
	page Page
	body []byte
	res  Result
	used map[string]bool
	hidx map[*ast.Heading]int // index into res.Headings
}

// Convert converts p's body. It never panics on content: whatever goldmark
// accepts, Convert turns into HTML and diagnostics.
func (c *Converter) Convert(p Page) Result {
	off := min(max(p.BodyOffset, 0), len(p.Source))
	cv := &conversion{c: c, page: p, body: p.Source[off:], used: map[string]bool{}, hidx: map[*ast.Heading]int{}}
	if cv.page.Offsets == nil {
		cv.page.Offsets = diag.NewOffsets(p.Path, p.Source)
	}
	cv.bidiAnywhere()
	if !cv.checkDepth() {
		return cv.res
	}
	doc := c.md.Parser().Parse(text.NewReader(cv.body))
	cv.headings(doc)
	cv.proseFacts(doc)
	cv.walk(doc)
	cv.sections(doc) // in written order, as translation stamps and catalogues count them
	cv.moveLead(doc)
	var buf bytes.Buffer
	if err := c.md.Renderer().Render(&buf, cv.body, doc); err != nil {
		cv.errorf(doc, "markdown", "rendering: %v", err)
	}
	cv.res.HTML = buf.Bytes()
	return cv.res
}

// pos returns the source position of n, or of the nearest node around it
// that knows where it is.
func (cv *conversion) pos(n ast.Node) diag.Pos {
	for m := n; m != nil; m = m.Parent() {
		if off := nodeOffset(m); off >= 0 {
			if _, ok := m.(*ast.Heading); ok && off <= len(cv.body) {
				// Point at the line, not the text after the #s.
				off = bytes.LastIndexByte(cv.body[:off], '\n') + 1
			}
			return cv.page.Offsets.Pos(cv.page.BodyOffset + off)
		}
	}
	return diag.Pos{File: cv.page.Path}
}

func nodeOffset(n ast.Node) int {
	if t, ok := n.(*ast.Text); ok {
		return t.Segment.Start
	}
	if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
		return n.Lines().At(0).Start
	}
	if p := n.Pos(); p >= 0 {
		return p
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if off := nodeOffset(c); off >= 0 {
			return off
		}
	}
	return -1
}

func (cv *conversion) errorf(n ast.Node, rule, format string, args ...any) *diag.Error {
	e := diag.Errorf(cv.pos(n), rule, format, args...)
	cv.res.Diags.Add(e)
	return e
}

// headings gives every heading its id: {#id} when written, else the id of
// the source-language heading at the same position, else a slug of its
// text.
func (cv *conversion) headings(doc ast.Node) {
	var hs []*ast.Heading
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering {
			hs = append(hs, h)
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	src := cv.page.HeadingIDs
	translated := src != nil
	mismatch := false
	seen := map[string]int{}
	next := map[string]int{} // the suffix to try next for a repeated id, so repeats cost linear time
	for i, h := range hs {
		cv.headingAttrs(h)
		txt := strings.TrimSpace(cv.plain(h))
		cv.spoofing(h, "the heading", txt)
		if h.Level == 1 {
			cv.errorf(h, "heading-h1", "a page body cannot have a level-1 heading (# %s): the title is the page's only h1", txt).
				WithHint("start sections at ## and put the page title in the front matter")
		}
		hd := Heading{Level: h.Level, Text: txt, Pos: cv.pos(h)}
		if v, ok := h.AttributeString("id"); ok {
			id, _ := v.([]byte)
			hd.ID, hd.Explicit = string(id), true
			if !validID(hd.ID) {
				cv.errorf(h, "heading-id", "heading id {#%s} must be letters, digits and hyphens", hd.ID)
			} else if cv.c.takenByLayout(hd.ID) {
				cv.res.Diags.Add(diag.Errorf(cv.attrPos(h), "heading-id", "heading id {#%s} is taken by the page layout", hd.ID).
					WithHint("choose another id; two elements with one id break the skip link, the quick exit or the contents list"))
			}
		}
		if translated && !mismatch {
			switch {
			case i >= len(src):
				mismatch = true
				cv.headingMismatch(h, fmt.Sprintf("this page has %d headings, the %s has %d", len(hs), sourceName(src), len(src)))
			case src[i].Level != h.Level:
				mismatch = true
				cv.headingMismatch(h, fmt.Sprintf("heading %d is level %d here but level %d (%q) in the %s",
					i+1, h.Level, src[i].Level, src[i].Text, sourceName(src)))
			}
		}
		if hd.ID == "" && translated && i < len(src) && src[i].Level == h.Level {
			hd.ID = src[i].ID
		}
		if hd.ID == "" {
			hd.ID = Slug(txt)
			if reservedIDs[hd.ID] {
				hd.ID += "-1"
			}
		}
		if n := seen[hd.ID]; n > 0 && !(translated && i < len(src) && src[i].ID == hd.ID) {
			if hd.Explicit {
				cv.errorf(h, "heading-id", "heading id %q is used twice on this page", hd.ID)
			} else {
				n = max(n, next[hd.ID])
				for seen[fmt.Sprintf("%s-%d", hd.ID, n)] > 0 {
					n++
				}
				next[hd.ID] = n + 1
				hd.ID = fmt.Sprintf("%s-%d", hd.ID, n)
			}
		}
		seen[hd.ID]++
		h.SetAttributeString("id", []byte(hd.ID))
		cv.hidx[h] = len(cv.res.Headings)
		cv.res.Headings = append(cv.res.Headings, hd)
	}
	if translated && !mismatch && len(hs) < len(src) {
		n := ast.Node(doc)
		if len(hs) > 0 {
			n = hs[len(hs)-1]
		}
		cv.headingMismatch(n, fmt.Sprintf("this page has %d headings, the %s has %d (missing: %q …)", len(hs), sourceName(src), len(src), src[len(hs)].Text))
	}
}

func sourceName(src []Heading) string {
	if len(src) > 0 && src[0].Pos.File != "" {
		return "source page " + src[0].Pos.File
	}
	return "source-language page"
}

func (cv *conversion) headingMismatch(n ast.Node, msg string) {
	// A warning when building, so one translator's slip does not take the
	// site down; `check` (the volunteers' and CI's gate) makes it an error.
	e := diag.Warnf(cv.pos(n), "heading-mismatch", "heading structure differs from the source page: %s", msg).
		WithHint("translate every heading of the source page, in the same order and at the same level, so links to #sections work in both languages")
	cv.res.Diags.Add(e)
}

func validID(id string) bool {
	if id == "" {
		return false
	}
	for _, r := range id {
		if !(unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || r == '-' || r == '_') {
			return false
		}
	}
	return true
}

// Slug makes a heading id from heading text: lower case, letters and
// digits kept (in any script), runs of spaces and hyphens become one
// hyphen, everything else is dropped.
func Slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
			b.WriteRune(r)
			dash = false
		case r == '-' || r == '_' || unicode.IsSpace(r):
			if b.Len() > 0 && !dash {
				b.WriteByte('-')
				dash = true
			}
		}
	}
	out := strings.TrimRight(b.String(), "-")
	if out == "" {
		return "section"
	}
	return out
}

// walk checks and rewrites links, images, facts and raw HTML.
func (cv *conversion) walk(doc ast.Node) {
	var autolinks []*ast.AutoLink
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.HTMLBlock, *ast.RawHTML:
			cv.errorf(n, "raw-html", "raw HTML is not allowed in content").
				WithHint("write it in Markdown; HTML could load something from another site or break the page in the other script")
			return ast.WalkSkipChildren, nil
		case *ast.Link:
			cv.spoofing(n, "the link text", cv.plain(n))
			cv.spoofing(n, "the link's address", string(n.Destination))
			cv.link(n)
		case *east.TableCell:
			alignClass(n)
		case *ast.Image:
			cv.image(n)
		case *ast.AutoLink:
			autolinks = append(autolinks, n)
		case *shortcode:
			cv.fact(n)
		}
		return ast.WalkContinue, nil
	})
	for _, a := range autolinks {
		cv.autolink(a)
	}
}

// scheme returns the lower-cased URL scheme of dest, ignoring the spaces
// and control characters browsers ignore, or "" when there is none.
func scheme(dest string) string {
	clean := strings.Map(func(r rune) rune {
		if r <= ' ' || r == 0x7f {
			return -1
		}
		return r
	}, dest)
	i := strings.IndexByte(clean, ':')
	if i <= 0 {
		return ""
	}
	s := strings.ToLower(clean[:i])
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '+' || r == '-' || r == '.') {
			return ""
		}
	}
	return s
}

func (cv *conversion) link(n *ast.Link) {
	dest := string(n.Destination)
	if strings.TrimSpace(cv.plain(n)) == "" && !hasImage(n) {
		cv.errorf(n, "link-text", "link to %q has no text", dest).WithHint("screen readers read the link text; say where it goes")
	}
	switch s := scheme(dest); s {
	case "":
	case "http", "https":
		cv.external(n)
		return
	case "mailto", "tel":
		return
	case "javascript", "data", "vbscript":
		cv.errorf(n, "unsafe-link", "%s: links are not allowed", s).WithHint("link to a page of this site or to an https:// address")
		n.Destination = []byte("#")
		return
	default:
		cv.errorf(n, "unsafe-link", "links with the %s: scheme are not allowed", s).WithHint("use https://, mailto: or tel:")
		n.Destination = []byte("#")
		return
	}
	if strings.HasPrefix(dest, "//") {
		cv.errorf(n, "link", "link %q has no scheme", dest).WithHint("write the full address starting with https://")
		return
	}
	target, anchor, _ := strings.Cut(dest, "#")
	if target == "" {
		// An anchor on this page; checked with the others once headings are known.
		cv.res.Links = append(cv.res.Links, Link{Target: cv.page.Rel, Anchor: anchor, Pos: cv.pos(n)})
		return
	}
	if strings.Contains(target, "?") {
		cv.errorf(n, "link", "link %q has a query string", dest).WithHint("link to the .md file of the page")
		return
	}
	if !strings.HasSuffix(target, ".md") {
		cv.errorf(n, "link", "link %q does not point to a .md file", dest).
			WithHint("link to the page's Markdown file, such as ../guides/evidence.md; the build turns it into the page's address")
		return
	}
	var rel string
	if strings.HasPrefix(target, "/") {
		rel = path.Clean(strings.TrimPrefix(target, "/"))
	} else {
		rel = path.Join(path.Dir(cv.page.Rel), target)
	}
	if rel == ".." || strings.HasPrefix(rel, "../") {
		cv.errorf(n, "broken-link", "link %q leads outside the %s pages", dest, cv.c.lang)
		return
	}
	var url string
	ok := false
	if cv.c.links != nil {
		url, ok = cv.c.links.PageURL(cv.page.Rel, rel)
	}
	if !ok {
		cv.errorf(n, "broken-link", "link to %q: there is no page content/%s/%s", dest, cv.c.lang, rel).
			WithHint("check the file name and the ../ steps; paths are relative to this file")
		return
	}
	cv.res.Links = append(cv.res.Links, Link{Target: rel, Anchor: anchor, Pos: cv.pos(n)})
	if anchor != "" {
		url += "#" + anchor
	}
	n.Destination = []byte(url)
}

func hasImage(n ast.Node) bool {
	found := false
	ast.Walk(n, func(m ast.Node, entering bool) (ast.WalkStatus, error) {
		if _, ok := m.(*ast.Image); ok {
			found = true
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return found
}

// external marks a link that leaves the site: no referrer, no opener, and a
// visible arrow with hidden words for screen readers.
func (cv *conversion) external(n ast.Node) {
	n.SetAttributeString("rel", []byte("noopener noreferrer"))
	n.SetAttributeString("class", []byte("external"))
	if l, ok := n.(*ast.Link); ok {
		// Printed after the link text, unless the text already is the address.
		if s := ShortURL(string(l.Destination)); s != "" && !strings.Contains(cv.plain(l), s) {
			n.SetAttributeString("data-short", []byte(s))
		}
	}
	n.AppendChild(n, &externalMark{})
	if l, ok := n.(*ast.Link); ok {
		cv.mixedHost(n, string(l.Destination))
	}
}

func (cv *conversion) autolink(a *ast.AutoLink) {
	label := string(a.Label(cv.body))
	url := string(a.URL(cv.body))
	if a.AutoLinkType == ast.AutoLinkEmail {
		return
	}
	cv.spoofing(a, "the address", label)
	external := true
	switch s := scheme(url); {
	case strings.HasPrefix(strings.ToLower(label), "www."):
		// A bare www. address: linkify guesses http; every site we link has https.
		url = "https://" + label
	case s == "http" || s == "https":
	case s == "mailto" || s == "tel":
		external = false // kept as written: <tel:1799> dials, it does not leave for https://tel:1799
	case s == "javascript" || s == "vbscript" || s == "data":
		cv.errorf(a, "unsafe-link", "%s: links are not allowed", s).WithHint("link to a page of this site or to an https:// address")
		a.Parent().ReplaceChild(a.Parent(), a, ast.NewString([]byte(label)))
		return
	default:
		cv.errorf(a, "unsafe-link", "links with the %s: scheme are not allowed", s).WithHint("use https://, mailto: or tel:")
		a.Parent().ReplaceChild(a.Parent(), a, ast.NewString([]byte(label)))
		return
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

func (cv *conversion) image(n *ast.Image) {
	dest := string(n.Destination)
	if strings.TrimSpace(cv.plain(n)) == "" {
		cv.errorf(n, "image-alt", "image %q has no alt text", dest).
			WithHint("write what the image shows between the brackets: ![Settings menu with Report highlighted](…)")
	}
	if s := scheme(dest); s != "" || strings.HasPrefix(dest, "//") {
		cv.errorf(n, "remote-image", "image %q is not part of this site", dest).
			WithHint("loading it would tell another site who is reading; save the image under static/ and link it as /images/name.png")
		n.Destination = nil
		return
	}
	rel := path.Clean(strings.TrimPrefix(dest, "/"))
	al, ok := cv.c.links.(AssetLinks)
	var url string
	if ok {
		url, ok = al.AssetURL(cv.page.Rel, rel)
	}
	if !ok || rel == ".." || strings.HasPrefix(rel, "../") {
		cv.errorf(n, "broken-image", "image %q: there is no file static/%s", dest, rel).
			WithHint("image paths are relative to the static folder, such as /images/report-menu.png")
		return
	}
	n.Destination = []byte(url)
}

func (cv *conversion) fact(n *shortcode) {
	if n.err != "" {
		cv.errorf(n, "shortcode", "%s", n.err).WithHint(`write facts as {{< fact "key" >}}`)
		return
	}
	var txt, link string
	var check, ok bool
	if cv.c.facts != nil {
		txt, link, check, ok = cv.c.facts.Fact(n.key, cv.c.lang)
	}
	if !ok {
		e := cv.errorf(n, "unknown-fact", "unknown fact %q", n.key)
		if cv.c.facts != nil {
			if s := diag.Suggest(n.key, cv.c.facts.Keys()); s != "" {
				e.WithHint("did you mean %q? Facts are listed in content/facts.yaml", s)
			} else {
				e.WithHint("add it to content/facts.yaml with its source and verified_on date")
			}
		}
		return
	}
	n.text, n.link, n.check = txt, link, check
	if fb, ok := cv.c.facts.(interface{ FallsBack(key, lang string) bool }); ok && cv.c.fallbackLang != "" && fb.FallsBack(n.key, cv.c.lang) {
		n.fallback = cv.c.fallbackLang
	}
	if !cv.used[n.key] {
		cv.used[n.key] = true
		cv.res.Facts = append(cv.res.Facts, n.key)
		if check {
			cv.res.Checks = append(cv.res.Checks, n.key)
		}
	}
	if link != "" {
		if s := scheme(link); s == "http" || s == "https" {
			n.external = true
		}
	}
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
		case *shortcode:
			if c.text == "" && c.err == "" && cv.c.facts != nil {
				c.text, _, _, _ = cv.c.facts.Fact(c.key, cv.c.lang)
			}
			b.WriteString(c.text)
		case *externalMark:
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

// sections splits the page at its headings for the search index.
func (cv *conversion) sections(doc ast.Node) {
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
			h := cv.res.Headings[cv.hidx[hn]]
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
