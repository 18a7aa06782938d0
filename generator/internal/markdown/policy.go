package markdown

// The policy extension refuses what a page may not carry, as errors at
// the place it was written: raw HTML, links with a script or unknown
// scheme, remote images, links without text and images without alt
// text, attributes on headings (raw HTML by another way), and
// characters that make text read differently from what it is. Two guards
// run before goldmark parses (Convert calls them): nesting deep enough to
// make its parser quadratic, and bidi controls anywhere in the body.

import (
	"bytes"
	"net/url"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"mehfooz/generator/internal/diag"
	"mehfooz/generator/internal/spoof"
)

// policy is the policy extension.
var policy = &policyExt{}

type policyExt struct{}

func (e *policyExt) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(e, prioPolicy)))
}

// Transform reports and removes what the page may not carry. It sees the
// links as written: links.go has not resolved them yet, and is told which
// it refused (refusedKey); external.go has not turned autolinks into
// links.
func (e *policyExt) Transform(doc *ast.Document, _ text.Reader, pc parser.Context) {
	cv := docOf(pc)
	refused := pc.Get(refusedKey).(map[ast.Node]bool)
	var autolinks []*ast.AutoLink
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			cv.headingAttrs(n)
			cv.spoofing(n, "the heading", strings.TrimSpace(cv.plain(n)))
		case *ast.HTMLBlock, *ast.RawHTML:
			cv.errorf(n, "raw-html", "raw HTML is not allowed in content").
				WithHint("write it in Markdown; HTML could load something from another site or break the page in the other script")
			return ast.WalkSkipChildren, nil
		case *ast.Link:
			cv.spoofing(n, "the link text", cv.plain(n))
			cv.spoofing(n, "the link's address", string(n.Destination))
			if strings.TrimSpace(cv.plain(n)) == "" && !hasImage(n) {
				cv.errorf(n, "link-text", "link to %q has no text", n.Destination).WithHint("screen readers read the link text; say where it goes")
			}
			if cv.unsafeScheme(n, scheme(string(n.Destination))) {
				n.Destination = []byte("#")
				refused[n] = true
			}
		case *ast.Image:
			if strings.TrimSpace(cv.plain(n)) == "" {
				cv.errorf(n, "image-alt", "image %q has no alt text", n.Destination).
					WithHint("write what the image shows between the brackets: ![Settings menu with Report highlighted](…)")
			}
			if dest := string(n.Destination); scheme(dest) != "" || strings.HasPrefix(dest, "//") {
				cv.errorf(n, "remote-image", "image %q is not part of this site", dest).
					WithHint("loading it would tell another site who is reading; save the image under static/ and link it as /images/name.png")
				n.Destination = nil
				refused[n] = true
			}
		case *ast.AutoLink:
			if n.AutoLinkType != ast.AutoLinkEmail {
				autolinks = append(autolinks, n)
			}
		}
		return ast.WalkContinue, nil
	})
	for _, a := range autolinks {
		label := string(a.Label(cv.body))
		cv.spoofing(a, "the address", label)
		if strings.HasPrefix(strings.ToLower(label), "www.") {
			continue // a bare www. address: external.go links it as https://
		}
		// Unlike a written link, an autolink without a scheme is no page of
		// this site.
		if s := scheme(string(a.URL(cv.body))); s == "" && cv.refuseScheme(a, s) || cv.unsafeScheme(a, s) {
			a.Parent().ReplaceChild(a.Parent(), a, ast.NewString([]byte(label)))
		}
	}
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

// unsafeScheme reports a link scheme other than http, https, mailto and
// tel (or none, for a page of this site).
func (cv *conversion) unsafeScheme(n ast.Node, s string) bool {
	switch s {
	case "", "http", "https", "mailto", "tel":
		return false
	}
	return cv.refuseScheme(n, s)
}

// refuseScheme reports a link with scheme s, and returns true.
func (cv *conversion) refuseScheme(n ast.Node, s string) bool {
	switch s {
	case "javascript", "data", "vbscript":
		cv.errorf(n, "unsafe-link", "%s: links are not allowed", s).WithHint("link to a page of this site or to an https:// address")
	default:
		cv.errorf(n, "unsafe-link", "links with the %s: scheme are not allowed", s).WithHint("use https://, mailto: or tel:")
	}
	return true
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

// MaxNesting is how deep lists and block quotes may nest. Guides need
// three or four levels; goldmark's list parser is quadratic in the depth
// (100,000 levels on one 200 KB line took a minute).
const MaxNesting = 32

// tooDeep scans body before goldmark does and returns the offset of the
// first container marker past MaxNesting, or -1. A line's depth is the
// number of block-quote and list markers that open it, plus the list
// levels its indentation implies (two columns each at the least).
func tooDeep(body []byte) int {
	for start := 0; start < len(body); {
		end := bytes.IndexByte(body[start:], '\n')
		if end < 0 {
			end = len(body)
		} else {
			end += start
		}
		line := body[start:end]
		depth, i, col := 0, 0, 0
		for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
			if line[i] == '\t' {
				col += 4 - col%4
			} else {
				col++
			}
			i++
		}
		depth = col / 2
		if depth > MaxNesting*2 {
			return start
		}
		for i < len(line) {
			n := marker(line[i:])
			if n == 0 {
				break
			}
			depth++
			if depth > MaxNesting {
				return start + i
			}
			i += n
			for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
				i++
			}
		}
		start = end + 1
	}
	return -1
}

// marker returns the length of the container marker that b starts with
// (">", "- ", "* ", "+ ", "1. ", "1) "), or 0.
func marker(b []byte) int {
	switch {
	case b[0] == '>':
		return 1
	case b[0] == '-' || b[0] == '*' || b[0] == '+':
		if len(b) > 1 && (b[1] == ' ' || b[1] == '\t') {
			return 1
		}
		return 0
	}
	j := 0
	for j < len(b) && j < 9 && b[j] >= '0' && b[j] <= '9' {
		j++
	}
	if j > 0 && j+1 < len(b) && (b[j] == '.' || b[j] == ')') && (b[j+1] == ' ' || b[j+1] == '\t') {
		return j + 1
	}
	return 0
}

// checkDepth reports nesting beyond MaxNesting; when it does, the page is
// not parsed at all.
func (cv *conversion) checkDepth() bool {
	off := tooDeep(cv.body)
	if off < 0 {
		return true
	}
	cv.res.Diags.Add(diag.Errorf(cv.page.Offsets.Pos(cv.page.BodyOffset+off), "nesting",
		"lists and block quotes nest more than %d deep here", MaxNesting).
		WithHint("split the list: a reader cannot follow more than a few levels either"))
	return false
}

// headingAttrs allows only a plain {#id} after a heading: every other
// attribute (style, class, autofocus, contenteditable, …) is HTML by
// another door. It reports them at the "{" and drops them.
func (cv *conversion) headingAttrs(h *ast.Heading) {
	var bad []string
	for _, a := range h.Attributes() {
		if string(a.Name) != "id" {
			bad = append(bad, string(a.Name))
		}
	}
	if len(bad) == 0 {
		return
	}
	id, hasID := h.AttributeString("id")
	h.RemoveAttributes()
	if hasID {
		h.SetAttributeString("id", id)
	}
	cv.res.Diags.Add(diag.Errorf(cv.attrPos(h), "heading-attribute",
		"heading attributes are not allowed (%s): only {#id} may follow a heading", strings.Join(bad, ", ")).
		WithHint("remove them; the stylesheet decides how headings look, and an attribute can restyle or hide the page"))
}

// attrPos is the position of the "{" that opens a heading's attributes,
// or of the heading line when there is none.
func (cv *conversion) attrPos(h *ast.Heading) diag.Pos {
	p := cv.pos(h)
	if h.Lines().Len() == 0 {
		return p
	}
	start := h.Lines().At(0).Start
	ls := bytes.LastIndexByte(cv.body[:start], '\n') + 1
	le := bytes.IndexByte(cv.body[start:], '\n')
	if le < 0 {
		le = len(cv.body)
	} else {
		le += start
	}
	if i := bytes.LastIndexByte(cv.body[ls:le], '{'); i >= 0 {
		return cv.page.Offsets.Pos(cv.page.BodyOffset + ls + i)
	}
	return p
}

// spoofing reports a zero-width joiner or non-joiner in s, the text or address of
// n, at the first place it occurs in the source from n on.
func (cv *conversion) spoofing(n ast.Node, what, s string) bool {
	// The others are reported wherever they are (bidiAnywhere); the
	// joiners, allowed in running text, are not in a link or a heading.
	i, r := -1, rune(0)
	for j, c := range s {
		if c == 0x200C || c == 0x200D {
			i, r = j, c
			break
		}
	}
	if i < 0 {
		return false
	}
	pos := cv.pos(n)
	// Point at the character itself when it can be found from the node on.
	if from := nodeOffset(n); from >= 0 && from <= len(cv.body) {
		enc := string(utf8.AppendRune(nil, r))
		if j := bytes.Index(cv.body[from:], []byte(enc)); j >= 0 {
			pos = cv.page.Offsets.Pos(cv.page.BodyOffset + from + j)
		}
	}
	cv.res.Diags.Add(diag.Errorf(pos, "spoofing", "%s holds %s", what, spoof.Describe(r)).WithHint(spoof.Hint))
	return true
}

// bidiAnywhere reports every explicit bidi control in the body, and the
// invisible characters no writing needs (zero-width space, word joiner,
// U+FEFF): none has a use in a page (the marks U+200E/U+200F, and the
// joiners U+200C/U+200D Urdu words may need, stay allowed in running
// text), and each can make a number or an address read differently.
func (cv *conversion) bidiAnywhere() {
	s := string(cv.body)
	for i := 0; i < len(s); i++ {
		// Every bidi control and invisible character is encoded from one of
		// these lead bytes (U+180E, U+2000–U+2FFF, U+FEFF); skip the rest
		// without decoding.
		if c := s[i]; c != 0xE1 && c != 0xE2 && c != 0xEF {
			continue
		}
		r, _ := utf8.DecodeRuneInString(s[i:])
		if spoof.Bidi(r) || spoof.ZeroWidth(r) && r != 0x200C && r != 0x200D {
			cv.res.Diags.Add(diag.Errorf(cv.page.Offsets.Pos(cv.page.BodyOffset+i), "spoofing",
				"the text holds %s", spoof.Describe(r)).WithHint(spoof.Hint))
		}
	}
	cv.addressesInText(s)
}

// containsFoldASCII reports whether s holds needle, a lower-case ASCII
// word, in any case. No letter outside ASCII lower-cases to h, t, p or w,
// so for "http" and "www." it is strings.Contains(strings.ToLower(s), …)
// without lowering a copy of the page.
func containsFoldASCII(s, needle string) bool {
	for i := 0; i+len(needle) <= len(s); i++ {
		if s[i]|0x20 == needle[0] && strings.EqualFold(s[i:i+len(needle)], needle) {
			return true
		}
	}
	return false
}

// textAddress is anything a reader takes for a web address, linked or not.
var textAddress = regexp.MustCompile(`(?i)(?:https?://|www\.)[^\s<>()\[\]"'` + "`" + `]+`)

// addressesInText checks every address written in the body, linked or not
// (linkify stops at the first letter outside ASCII, leaving the look-alike
// as text), for a host that mixes scripts.
func (cv *conversion) addressesInText(s string) {
	// The case-blind expression is slow on a whole page; most pages hold no
	// address, so look for one first.
	if !containsFoldASCII(s, "http") && !containsFoldASCII(s, "www.") {
		return
	}
	for _, m := range textAddress.FindAllStringIndex(s, -1) {
		a := s[m[0]:m[1]]
		if !strings.Contains(a, "://") {
			a = "https://" + a
		}
		u, err := url.Parse(a)
		if err != nil || u.Host == "" {
			continue
		}
		if ascii, mixed := spoof.MixedHost(u.Hostname()); mixed {
			cv.res.Diags.Add(diag.Errorf(cv.page.Offsets.Pos(cv.page.BodyOffset+m[0]), "spoofing",
				"the address %q has a host that mixes scripts; it is really %s", u.Hostname(), ascii).
				WithHint("type the address again by hand on an English keyboard: a letter from another alphabet makes it a different site that looks the same"))
		}
	}
}

// mixedHost reports an external address whose host mixes scripts, with
// the host as a browser's address bar would show it.
func (cv *conversion) mixedHost(n ast.Node, dest string) {
	if off := nodeOffset(n); off >= 0 && off < len(cv.body) && textAddress.Match(cv.body[off:min(off+len(dest)+1, len(cv.body))]) {
		return // written out as text: addressesInText reported it
	}
	u, err := url.Parse(dest)
	if err != nil || u.Host == "" {
		return
	}
	if ascii, mixed := spoof.MixedHost(u.Hostname()); mixed {
		cv.errorf(n, "spoofing", "the address %q has a host that mixes scripts; it is really %s", u.Hostname(), ascii).
			WithHint("type the address again by hand on an English keyboard: a letter from another alphabet makes it a different site that looks the same")
	}
}
