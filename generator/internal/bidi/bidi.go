// Package bidi holds the one rule for what reads left to right inside
// right-to-left text, used by the Markdown extension for prose, by the fact
// renderer, by the layouts and (as LTRPattern) by letter.js.
package bidi

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
	// Every run holds an ASCII digit, "@" or "."; most text holds none, and
	// the expression is slow, so look first, byte by byte: an ASCII byte is
	// never part of another character, and decoding runes was most of the
	// look on Urdu text.
	if !hasRunByte(s) {
		return nil
	}
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

// hasRunByte reports whether s holds an ASCII digit, "@" or ".".
func hasRunByte(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; '0' <= c && c <= '9' || c == '@' || c == '.' {
			return true
		}
	}
	return false
}

// IsAddress tells a web or e-mail address (which may wrap) from a number
// (which never does).
func IsAddress(run string) bool {
	return strings.ContainsAny(run, "@/") || strings.IndexFunc(run, func(r rune) bool { return r >= 'A' && r <= 'z' }) >= 0 && strings.Contains(run, ".")
}

// WriteRun writes one run, escaped, in its isolate. An address may wrap
// after @ and / and before a dot, never inside a word.
func WriteRun(b *strings.Builder, run string) {
	if !IsAddress(run) {
		b.WriteString(`<bdi dir="ltr">`)
		b.WriteString(escape(run))
		b.WriteString(`</bdi>`)
		return
	}
	b.WriteString(`<bdi dir="ltr" class="addr">`)
	for i := 0; i < len(run); i++ {
		c := run[i]
		if c == '.' && i > 0 && i < len(run)-1 {
			b.WriteString(`<wbr>`)
		}
		b.WriteString(escape(string(c)))
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
		b.WriteString(escape(s[last:r[0]]))
		WriteRun(&b, s[r[0]:r[1]])
		last = r[1]
	}
	b.WriteString(escape(s[last:]))
	return b.String()
}

// escaper writes text as HTML the way goldmark does (& < > "), so prose
// and facts escape alike.
var escaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")

func escape(s string) string { return escaper.Replace(s) }
