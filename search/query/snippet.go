package query

import (
	"unicode/utf8"

	"mehfooz/search/analysis"
)

// snippetRunes is the longest snippet, in runes, before ellipses.
const snippetRunes = 160

// marks says which words of a snippet to mark.
type marks struct {
	terms    map[string]bool // index terms of every alternative
	firsts   map[byte]bool   // their first bytes: stemming keeps the first letter
	prefixes []string        // folded words being typed
}

func (q *Index) markSet(clauses []clause) marks {
	m := marks{terms: make(map[string]bool), firsts: make(map[byte]bool)}
	for _, c := range clauses {
		for _, a := range c.alts {
			for _, id := range a.terms {
				t := q.terms[id]
				m.terms[t] = true
				m.firsts[t[0]] = true
			}
		}
		m.prefixes = append(m.prefixes, c.marks...)
	}
	return m
}

// match reports whether a word (from analysis.AppendWords) is to be marked.
func (m marks) match(t analysis.Token) bool {
	if m.firsts[t.Word[0]] && m.terms[analysis.Term(t.Word)] {
		return true
	}
	for _, p := range m.prefixes {
		if hasPrefix(t.Word, p) {
			return true
		}
	}
	return false
}

// snippet cuts about limit runes of text around its first marked words and
// splits it into segments.
func snippet(text string, m marks, limit int) []Segment {
	if text == "" {
		return nil
	}
	toks := analysis.AppendWords(nil, text)
	// Start a little before the first mark, if it would not show.
	start := 0
	for i, t := range toks {
		if m.match(t) {
			if runesBefore(text, t.Start) > limit*2/3 {
				back := max(i-4, 0)
				start = toks[back].Start
			}
			break
		}
	}
	end := len(text)
	count := 0
	for i := start; i < len(text); {
		if count == limit {
			end = i
			break
		}
		_, size := utf8.DecodeRuneInString(text[i:])
		i += size
		count++
	}
	// Do not cut a word in two.
	for _, t := range toks {
		if t.Start < end && t.End > end {
			end = t.Start
			break
		}
	}
	if end <= start {
		end = len(text)
	}

	var segs []Segment
	if start > 0 {
		segs = append(segs, Segment{Text: "…"})
	}
	plain := start
	for _, t := range toks {
		if t.Start < start || t.End > end {
			continue
		}
		if m.match(t) {
			segs = appendSeg(segs, text[plain:t.Start], false)
			segs = appendSeg(segs, text[t.Start:t.End], true)
			plain = t.End
		}
	}
	rest := text[plain:end]
	for len(rest) > 0 && rest[len(rest)-1] == ' ' {
		rest = rest[:len(rest)-1]
	}
	segs = appendSeg(segs, rest, false)
	if end < len(text) {
		segs = appendSeg(segs, "…", false)
	}
	return segs
}

// appendSeg appends a segment, joining it to an unmarked one before it.
func appendSeg(segs []Segment, s string, marked bool) []Segment {
	if s == "" {
		return segs
	}
	if n := len(segs); n > 0 && !marked && !segs[n-1].Marked {
		segs[n-1].Text += s
		return segs
	}
	return append(segs, Segment{Text: s, Marked: marked})
}

func runesBefore(s string, off int) int {
	n := 0
	for range s[:off] {
		n++
	}
	return n
}
