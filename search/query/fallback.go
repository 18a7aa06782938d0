package query

import (
	"unicode/utf8"

	"mehfooz/search/analysis"
)

// FallbackPages are the pages every fallback shows, in this order, by URL
// relative to the language's root: the helplines, and the decision tree's
// first question. A page the index does not have is left out.
var FallbackPages = []string{"helplines/", "start/"}

// Fallback is what to show instead of nothing when a query finds nothing:
// pages that help whatever happened, and the topics closest to the words.
// Both come from the same index as the query, so they are in the reader's
// language.
type Fallback struct {
	// Pages are FallbackPages, with their titles.
	Pages []Result
	// Topics are pages that share the start of a query word or are within
	// a few typos of one: guesses too loose for Search.
	Topics []Result
}

// Empty reports whether the fallback has nothing to show.
func (f Fallback) Empty() bool { return len(f.Pages) == 0 && len(f.Topics) == 0 }

// All returns Pages then Topics (which never repeat a page).
func (f Fallback) All() []Result {
	return append(append([]Result(nil), f.Pages...), f.Topics...)
}

// nearPrefix is how many leading runes of a query word a nearby term must
// share, and nearCompletions how many such terms, the most frequent first,
// count for one word.
const (
	nearPrefix      = 3
	nearCompletions = 16
)

// Fallback returns what to show when Search finds nothing for text: the
// fallback pages, and up to limit closest topics (pages matching a query
// word's first letters, or a word within one more typo than Search
// allows), not repeating the fallback pages. It never panics.
func (q *Index) Fallback(text string, limit int) Fallback {
	var f Fallback
	for _, u := range FallbackPages {
		for _, d := range q.ix.Docs {
			if d.URL == u {
				f.Pages = append(f.Pages, Result{URL: d.URL, Title: d.Title, Kind: d.Kind,
					Snippet: snippet(d.Sections[0].Text, marks{}, snippetRunes)})
				break
			}
		}
	}
	if limit <= 0 {
		return f
	}
	if len(text) > maxQueryBytes {
		text = text[:maxQueryBytes]
	}
	var clauses []clause
	for _, t := range analysis.Tokenize(text) {
		if t.Term == "" || len(clauses) == maxClauses {
			continue
		}
		var c clause
		runes := utf8.RuneCountInString(t.Word)
		if runes >= nearPrefix {
			p, n := t.Word, 0
			for i := range p {
				if n == nearPrefix {
					p = p[:i]
					break
				}
				n++
			}
			c.alts = q.addCompletions(c.alts, word{fold: p, partial: true})
			c.alts = c.alts[:min(len(c.alts), nearCompletions)]
		}
		if k := maxEdits(runes) + 1; runes >= 3 {
			for _, m := range q.fuzzy(t.Term, k, maxFuzzy, 0) {
				c.alts = appendAlt(c.alts, alt{[]int{m.id}, fuzzyWeight(m.dist), true, true})
			}
		}
		if len(c.alts) > 0 {
			clauses = append(clauses, c)
		}
	}
	for _, r := range q.search(clauses, limit+len(f.Pages)) {
		if len(f.Topics) == limit {
			break
		}
		fixed := false
		for _, p := range f.Pages {
			fixed = fixed || p.URL == r.URL
		}
		if !fixed {
			f.Topics = append(f.Topics, r)
		}
	}
	return f
}
