package translation

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// Placeholders protect what a translator must not change: shortcodes, link
// and image addresses, autolinks, heading attributes and reference
// definitions. In a catalogue each becomes {1}, {2}, … numbered in order of
// first appearance in the source text; the numbers map back to the source's
// own text on import, so a translator can move a placeholder but not alter
// what it stands for.
type Placeholders []string

// protected matches, in one pass, every piece of Markdown that becomes a
// placeholder. Link destinations keep their "](" … ")" around the number so
// the link text stays translatable.
var protected = regexp.MustCompile(`(?s)\{\{[<%].*?[>%]\}\}` + // shortcode
	`|\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+"[^"\n]*")?\)` + // link or image address
	`|<(?:https?|mailto|tel):[^>\s]+>` + // autolink
	`|\{[#.][^{}\n]*\}` + // heading attribute
	`|(?m:^[ ]{0,3}\[[^\]\n]+\]:[ \t]*\S+)` + // reference definition
	`|\{\d+\}`) // text that already looks like a placeholder

// Mask replaces every protected piece of s with its placeholder.
func Mask(s string) (string, Placeholders) {
	var ph Placeholders
	index := map[string]int{}
	masked := protected.ReplaceAllStringFunc(s, func(tok string) string {
		n, ok := index[tok]
		if !ok {
			ph = append(ph, tok)
			n = len(ph)
			index[tok] = n
		}
		return wrap(tok, n)
	})
	return masked, ph
}

// MaskWith masks, in a translation of the text ph came from, the pieces the
// source has too; pieces only the translation has stay as they are.
func (ph Placeholders) MaskWith(s string) string {
	index := map[string]int{}
	for i, tok := range ph {
		index[tok] = i + 1
	}
	return protected.ReplaceAllStringFunc(s, func(tok string) string {
		if n, ok := index[tok]; ok {
			return wrap(tok, n)
		}
		return tok
	})
}

// wrap writes placeholder n for tok: links keep their brackets.
func wrap(tok string, n int) string {
	if strings.HasPrefix(tok, "](") {
		return "](" + placeholder(n) + ")"
	}
	return placeholder(n)
}

func placeholder(n int) string { return "{" + strconv.Itoa(n) + "}" }

var (
	validPH  = regexp.MustCompile(`\]\(\{(\d+)\}\)|\{(\d+)\}`)
	brokenPH = regexp.MustCompile(`\{\s*\d|\d\s*\}|\]\(\s*\{|\}\s*\)`)
	literal  = regexp.MustCompile(`(?s)\{\{[<%].*?[>%]\}\}|\{[#.][^{}\n]*\}`)
)

// PlaceholderError is a placeholder a translator broke, at a byte offset of
// the translated text.
type PlaceholderError struct {
	Offset int
	Msg    string
}

// Unmask puts the source's text back for every placeholder of s. It
// refuses a number the source does not have and anything that looks like a
// placeholder with its braces or digits damaged. missing lists the source's
// placeholders the translation leaves out (the caller may warn).
func (ph Placeholders) Unmask(s string) (out string, missing []int, errs []PlaceholderError) {
	used := make([]bool, len(ph)+1)
	var b strings.Builder
	last := 0
	for _, m := range validPH.FindAllStringSubmatchIndex(s, -1) {
		d := m[2:4]
		if d[0] < 0 {
			d = m[4:6]
		}
		n, _ := strconv.Atoi(s[d[0]:d[1]])
		if n < 1 || n > len(ph) {
			errs = append(errs, PlaceholderError{m[0], fmt.Sprintf("placeholder {%d} is not in the source text (it has {1} to {%d})", n, len(ph))})
			continue
		}
		tok := ph[n-1]
		if m[2] < 0 && strings.HasPrefix(tok, "](") {
			errs = append(errs, PlaceholderError{m[0], fmt.Sprintf("placeholder {%d} is a link address: write it right after the link text, as [text]({%d})", n, n)})
			continue
		}
		used[n] = true
		b.WriteString(s[last:m[0]])
		if m[2] >= 0 && !strings.HasPrefix(tok, "](") {
			tok = "](" + tok + ")" // a link placeholder that stands for something else
		}
		b.WriteString(tok)
		last = m[1]
	}
	b.WriteString(s[last:])
	// What remains must hold no damaged placeholder once valid ones and
	// literal shortcodes or attributes are set aside.
	rest := literal.ReplaceAllStringFunc(validPH.ReplaceAllStringFunc(s, blank), blank)
	for _, m := range brokenPH.FindAllStringIndex(rest, -1) {
		errs = append(errs, PlaceholderError{m[0], fmt.Sprintf("a damaged placeholder near %q", near(s, m[0]))})
	}
	for n := 1; n <= len(ph); n++ {
		if !used[n] {
			missing = append(missing, n)
		}
	}
	return b.String(), missing, errs
}

// blank keeps offsets while hiding a match from the damage check.
func blank(s string) string { return strings.Repeat(" ", len(s)) }

func near(s string, i int) string {
	lo, hi := max(0, i-6), min(len(s), i+8)
	for lo > 0 && !isStart(s[lo]) {
		lo--
	}
	for hi < len(s) && !isStart(s[hi]) {
		hi++
	}
	return s[lo:hi]
}

func isStart(c byte) bool { return c < 0x80 || c >= 0xC0 }
