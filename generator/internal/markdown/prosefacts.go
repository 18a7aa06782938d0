package markdown

import (
	"net/url"
	"regexp"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"mehfooz/generator/internal/diag"
)

// The prose-fact rule: a phone number, a law section or an outside address
// typed into a page's prose drifts from the facts register the day the
// register is corrected. Only the text a reader sees as prose is scanned
// (text nodes, link and autolink addresses); facts, code, front matter and
// links to other pages are not. A warning when building; `check` makes it
// an error, like heading-mismatch.
const ruleProseFact = "prose-fact"

// factIndex maps what prose might repeat to the fact that holds it.
type factIndex struct {
	phones   map[string]string // digits, with +92 written as 0 → key
	sections map[string]string // "20", "26a" → peca-s20, else ppc-s…
	bill     map[string]string // "14" → peca-bill-s14: the 2015 bill's numbering
	urls     map[string]string // host and path, lower case → key
	hosts    map[string]string // host alone → first key on it
}

// proseFactsExt is the prose-fact extension.
type proseFactsExt struct {
	facts Facts
	once  sync.Once
	ix    *factIndex
}

func (e *proseFactsExt) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(e, prioProseFacts)))
}

// index builds the factIndex once; the registry does not change while
// pages convert.
func (e *proseFactsExt) index() *factIndex {
	e.once.Do(func() {
		ix := &factIndex{phones: map[string]string{}, sections: map[string]string{}, bill: map[string]string{}, urls: map[string]string{}, hosts: map[string]string{}}
		if e.facts != nil {
			for _, key := range e.facts.Keys() {
				ix.add(key, e.facts)
			}
		}
		e.ix = ix
	})
	return e.ix
}

var (
	factSectionKey = regexp.MustCompile(`^(peca|ppc)-s(\d+[a-z]?)$`)
	billSectionKey = regexp.MustCompile(`^peca-bill-s(\d+[a-z]?)$`)
)

func (ix *factIndex) add(key string, facts Facts) {
	// The text is the same number in every language; English is enough
	// here, and the link is language-free.
	text, link, _, _ := facts.Fact(key, "en")
	if m := factSectionKey.FindStringSubmatch(key); m != nil {
		if old, ok := ix.sections[m[2]]; !ok || m[1] == "peca" && !strings.HasPrefix(old, "peca-") {
			ix.sections[m[2]] = key
		}
	}
	if m := billSectionKey.FindStringSubmatch(key); m != nil {
		ix.bill[m[1]] = key
	}
	if tel, ok := strings.CutPrefix(link, "tel:"); ok {
		setFirst(ix.phones, phoneDigits(tel), key)
	}
	if d := phoneDigits(text); len(d) >= 3 && looksLikeNumber(text) {
		setFirst(ix.phones, d, key)
	}
	if host, p, ok := urlKey(link); ok {
		setFirst(ix.urls, host+p, key)
		setFirst(ix.hosts, host, key)
	}
}

func setFirst(m map[string]string, k, v string) {
	if _, ok := m[k]; !ok && k != "" {
		m[k] = v
	}
}

// looksLikeNumber reports whether a fact's text is a phone number as
// written ("0800-39393"), not a sentence with digits in it.
func looksLikeNumber(s string) bool {
	for _, r := range s {
		if !(digitValue(r) >= 0 || r == '-' || r == ' ' || r == '+' || r == '(' || r == ')') {
			return false
		}
	}
	return true
}

// digitValue is r's value as an ASCII, Arabic-Indic or Urdu (extended
// Arabic-Indic) digit, or -1.
func digitValue(r rune) int {
	switch {
	case r >= '0' && r <= '9':
		return int(r - '0')
	case r >= '٠' && r <= '٩':
		return int(r - '٠')
	case r >= '۰' && r <= '۹':
		return int(r - '۰')
	}
	return -1
}

// phoneDigits keeps s's digits in ASCII, writing Pakistan's +92 as the
// trunk 0 so "+92 51 9106691" and "051-9106691" are one number.
func phoneDigits(s string) string {
	var b strings.Builder
	for _, r := range s {
		if v := digitValue(r); v >= 0 {
			b.WriteByte(byte('0' + v))
		}
	}
	d := b.String()
	if rest, ok := strings.CutPrefix(d, "92"); ok && strings.HasPrefix(strings.TrimSpace(s), "+") {
		d = "0" + rest
	}
	return d
}

// asciiDigits writes a section number's Urdu digits in ASCII and its
// letter in lower case: "۲۶A" → "26a".
func asciiDigits(s string) string {
	return strings.ToLower(strings.Map(func(r rune) rune {
		if v := digitValue(r); v >= 0 {
			return rune('0' + v)
		}
		return r
	}, s))
}

// urlKey is an address's host (without www.) and path (without a final
// /), lower case; ok is false for anything but http(s).
func urlKey(raw string) (host, path string, ok bool) {
	if !strings.Contains(raw, "://") {
		raw = "https://" + raw
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", "", false
	}
	return strings.TrimPrefix(strings.ToLower(u.Host), "www."), strings.ToLower(strings.TrimSuffix(u.Path, "/")), true
}

// Transform scans the page before links and external rewrite its links.
func (e *proseFactsExt) Transform(doc *ast.Document, _ text.Reader, pc parser.Context) {
	cv := docOf(pc)
	ix := e.index()
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.CodeSpan, *ast.HTMLBlock, *ast.RawHTML, *Fact:
			return ast.WalkSkipChildren, nil
		case *ast.Link:
			cv.proseLink(n, string(n.Destination), ix)
		case *ast.AutoLink:
			if n.AutoLinkType == ast.AutoLinkURL {
				cv.proseURL(proseAt{cv: cv, n: n, off: []int{0}, src: []int{cv.autolinkStart(n)}}, 0, string(n.Label(cv.body)), ix)
			}
			return ast.WalkSkipChildren, nil
		}
		cv.proseChildren(n, ix)
		return ast.WalkContinue, nil
	})
}

// proseChildren scans each run of n's text children as one string:
// goldmark splits a line's text where an inline parser was tried (before
// " 15", say), and a number must be read with the words around it.
func (cv *conversion) proseChildren(n ast.Node, ix *factIndex) {
	var b strings.Builder
	at := proseAt{cv: cv, n: n}
	flush := func() {
		if b.Len() > 0 {
			cv.proseText(b.String(), at, ix)
		}
		b.Reset()
		at = proseAt{cv: cv, n: n}
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		t, ok := c.(*ast.Text)
		if !ok {
			flush()
			continue
		}
		at.off = append(at.off, b.Len())
		at.src = append(at.src, t.Segment.Start)
		b.Write(t.Segment.Value(cv.body))
		if t.SoftLineBreak() || t.HardLineBreak() {
			b.WriteByte(' ')
		}
	}
	flush()
}

// proseAt maps a byte offset in a joined text run back to the page.
type proseAt struct {
	cv       *conversion
	n        ast.Node
	off, src []int // run offset → body offset where each piece starts
}

func (a proseAt) pos(off int) diag.Pos {
	for i := len(a.off) - 1; i >= 0; i-- {
		if a.off[i] <= off {
			return a.cv.page.Offsets.Pos(a.cv.page.BodyOffset + a.src[i] + off - a.off[i])
		}
	}
	return a.cv.pos(a.n)
}

// autolinkStart is where an autolink's address starts: its position can
// be the space linkify was triggered by.
func (cv *conversion) autolinkStart(n *ast.AutoLink) int {
	p := max(n.Pos(), 0)
	for p < len(cv.body) && (cv.body[p] == ' ' || cv.body[p] == '\t' || cv.body[p] == '<') {
		p++
	}
	return p
}

// proseLink flags a link whose address is a phone number or another site.
// Links to .md pages, anchors and mailto: are left alone.
func (cv *conversion) proseLink(n *ast.Link, dest string, ix *factIndex) {
	switch scheme(dest) {
	case "tel":
		cv.prosePhone(proseAt{cv: cv, n: n}, 0, strings.TrimPrefix(dest, "tel:"), ix)
	case "http", "https":
		cv.proseURL(proseAt{cv: cv, n: n}, 0, dest, ix)
	}
}

var (
	// sectionRE finds "section 20", "sections 21", "s.20", "s. 24", "sec. 37",
	// and Urdu "دفعہ 20", "سیکشن 21"; the last group is the number.
	sectionRE = regexp.MustCompile(`(?i)(?:\b(?:sections?|secs?\.?|ss?\.)\s?|(?:دفعہ|دفعات|سیکشن)\s*)([0-9۰-۹]+[a-z]?)`)
	// bareURLRE finds addresses typed without a link: www.…, or a name
	// under a common top-level domain. linkify turns www. and https://
	// into autolinks, which are checked as such.
	bareURLRE = regexp.MustCompile(`(?i)\b[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:org|com|net|pk|gov|info|io)\b(?:/[^\s)\]]*)?`)
)

// proseText scans one run of text.
func (cv *conversion) proseText(s string, n proseAt, ix *factIndex) {
	// The expressions below are slow on long text; each needs a digit or a
	// top-level domain, which most text has not, so look for those first.
	digits := hasAnyDigit(s)
	var sections [][]int
	if digits {
		sections = sectionRE.FindAllStringSubmatchIndex(s, -1)
	}
	for _, m := range sections {
		num := asciiDigits(s[m[2]:m[3]])
		e := cv.proseWarn(n, m[0], "prose states law section %q; write it through the facts register", s[m[0]:m[1]])
		key, ok := ix.sections[num]
		switch bill, isBill := ix.bill[num]; {
		case ok && isBill:
			e.WithHint(`write {{< fact %q >}}, or {{< fact %q >}} when it is the 2015 bill's number`, key, bill)
		case ok:
			e.WithHint(`write {{< fact %q >}}`, key)
		case isBill:
			e.WithHint(`write {{< fact %q >}} (the 2015 bill's number), or add the Act's section to content/facts.yaml`, bill)
		default:
			e.WithHint(`add the section to content/facts.yaml with its source, then write {{< fact "key" >}}`)
		}
	}
	var urls [][]int
	if mayHoldDomain(s) {
		urls = bareURLRE.FindAllStringIndex(s, -1)
	}
	for _, m := range urls {
		if m[0] > 0 && (s[m[0]-1] == '@' || s[m[0]-1] == '.') {
			continue // an e-mail address, or the tail of a longer name
		}
		cv.proseURL(n, m[0], s[m[0]:m[1]], ix)
	}
	if !digits {
		return
	}
	for _, r := range numberRuns(s) {
		if cv.isPhone(s, r, ix) {
			cv.prosePhone(n, r.start, s[r.start:r.end], ix)
		}
	}
}

// hasAnyDigit reports whether s holds a digit numberRuns and sectionRE
// read: ASCII, or Arabic-Indic (U+0660–0669, UTF-8 D9 A0–A9) or extended
// Arabic-Indic (U+06F0–06F9, DB B0–B9). Byte by byte: most text has none,
// and decoding every rune of it was a tenth of this extension's time.
func hasAnyDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			return true
		case (c == 0xD9 || c == 0xDB) && i+1 < len(s):
			lo := byte(0xA0)
			if c == 0xDB {
				lo = 0xB0
			}
			if d := s[i+1]; d >= lo && d <= lo+9 {
				return true
			}
		}
	}
	return false
}

// domainTails are the endings bareURLRE looks for.
var domainTails = []string{".org", ".com", ".net", ".pk", ".gov", ".info", ".io"}

// mayHoldDomain reports whether s holds one of domainTails, in any case.
func mayHoldDomain(s string) bool {
	for i := strings.IndexByte(s, '.'); i >= 0; {
		for _, t := range domainTails {
			if len(s)-i >= len(t) && strings.EqualFold(s[i:i+len(t)], t) {
				return true
			}
		}
		j := strings.IndexByte(s[i+1:], '.')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	// Two letters lower-case to ASCII ones: the Kelvin sign (to k) and
	// dotted capital I (to i). Text holding either is lowered first, as
	// before, so the filter lets through all that bareURLRE may match.
	if strings.Contains(s, "\u212a") || strings.Contains(s, "\u0130") { // not ContainsAny: it decodes every rune
		low := strings.ToLower(s)
		for _, t := range domainTails {
			if strings.Contains(low, t) {
				return true
			}
		}
	}
	return false
}

// proseWarn adds a prose-fact warning at byte off of the text at.
func (cv *conversion) proseWarn(at proseAt, off int, format string, args ...any) *diag.Error {
	e := diag.Warnf(at.pos(off), ruleProseFact, format, args...)
	cv.res.Diags.Add(e)
	return e
}

func (cv *conversion) prosePhone(n proseAt, off int, num string, ix *factIndex) {
	e := cv.proseWarn(n, off, "prose states phone number %q; write it through the facts register", strings.TrimSpace(num))
	if key, ok := ix.phones[phoneDigits(num)]; ok {
		e.WithHint(`write {{< fact %q >}}`, key)
	} else {
		e.WithHint(`add the number to content/facts.yaml with its source, then write {{< fact "key" >}}`)
	}
}

func (cv *conversion) proseURL(n proseAt, off int, raw string, ix *factIndex) {
	e := cv.proseWarn(n, off, "prose states address %q; write it through the facts register", raw)
	host, p, _ := urlKey(raw)
	if key, ok := ix.urls[host+p]; ok {
		e.WithHint(`write {{< fact %q >}}`, key)
	} else if key, ok := ix.hosts[host]; ok {
		e.WithHint(`write {{< fact %q >}}, or add this address to content/facts.yaml with its source`, key)
	} else {
		e.WithHint(`add the address to content/facts.yaml with its source, then write {{< fact "key" >}}; sources of the page go in its front matter`)
	}
}

// run is a number in text: digits with single "-" or " " between them.
type run struct {
	start, end int // bytes
	digits     string
	plus       bool // written with a leading +
}

// numberRuns finds the numbers in s, in ASCII or Urdu digits. Digits
// joined by "-" are one number; groups joined by single spaces are one
// only when together they are as long as a phone number ("+92 51
// 9106691", but not "15 1122").
func numberRuns(s string) []run {
	var groups, runs []run
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if digitValue(r) < 0 {
			i += size
			continue
		}
		cur := run{start: i, plus: i > 0 && s[i-1] == '+'}
		if cur.plus {
			cur.start--
		}
		j := i
		for j < len(s) {
			r, size := utf8.DecodeRuneInString(s[j:])
			if v := digitValue(r); v >= 0 {
				cur.digits += string(rune('0' + v))
				j += size
				continue
			}
			if r == '-' && j+1 < len(s) {
				if next, _ := utf8.DecodeRuneInString(s[j+1:]); digitValue(next) >= 0 {
					j++
					continue
				}
			}
			break
		}
		cur.end = j
		groups = append(groups, cur)
		i = j
	}
	for i := 0; i < len(groups); {
		j, chain := i+1, groups[i]
		for j < len(groups) && groups[j-1].end+1 == groups[j].start && s[groups[j-1].end] == ' ' {
			chain.end, chain.digits = groups[j].end, chain.digits+groups[j].digits
			j++
		}
		if len(chain.digits) >= 7 {
			runs = append(runs, chain)
		} else {
			runs = append(runs, groups[i:j]...)
		}
		i = j
	}
	return runs
}

// isPhone decides whether a number in prose is a phone number. Long
// numbers and +numbers are; a short one only when it is a fact's number
// and a word beside it says "call" (so "15 days" is not police 15), or a
// four-digit fact's number that cannot be a year (1122, 1799).
func (cv *conversion) isPhone(s string, r run, ix *factIndex) bool {
	if before := s[:r.start]; strings.HasSuffix(before, "*") || strings.HasSuffix(before, "#") {
		return false // a USSD code such as *#21#
	}
	if isDate(s[r.start:r.end]) {
		return false
	}
	d := r.digits
	if r.plus && strings.HasPrefix(d, "92") {
		d = "0" + d[2:]
	}
	switch {
	case len(d) >= 7 || r.plus && len(d) >= 5:
		return true
	case ix.phones[d] == "":
		return false
	case len(d) == 4 && !(d >= "1900" && d <= "2099"):
		return true
	}
	return callWordNear(s[:r.start], s[r.end:])
}

var dateRE = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

func isDate(s string) bool { return dateRE.MatchString(s) }

// callWords are the words that, right before or after a short number,
// make it a phone number.
var (
	callBefore = []string{"call", "dial", "ring", "phone", "number", "helpline", "hotline", "line", "sms", "text",
		"rescue", "police", "tel", "uan", "نمبر", "لائن", "کال", "فون", "ریسکیو", "پولیس", "ایس ایم ایس"}
	callAfter = []string{"helpline", "police", "rescue", "پر کال", "پر فون", "پر رابطہ", "ملائیں", "ڈائل", "پر ایس ایم ایس"}
)

func callWordNear(before, after string) bool {
	trim := func(r rune) bool { return unicode.IsSpace(r) || unicode.IsPunct(r) }
	before = strings.ToLower(strings.TrimRightFunc(before, trim))
	after = strings.ToLower(strings.TrimLeftFunc(after, trim))
	for _, w := range callBefore {
		if strings.HasSuffix(before, w) {
			rest := strings.TrimSuffix(before, w)
			if r, _ := utf8.DecodeLastRuneInString(rest); rest == "" || !unicode.IsLetter(r) {
				return true
			}
		}
	}
	for _, w := range callAfter {
		if strings.HasPrefix(after, w) {
			return true
		}
	}
	return false
}
