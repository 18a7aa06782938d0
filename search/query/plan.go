package query

import (
	"slices"
	"unicode/utf8"

	"mehfooz/search/analysis"
	"mehfooz/search/index"
	"mehfooz/search/internal/heapsort"
)

// Limits on what one query may cost.
const (
	maxQueryBytes = 512 // longer text is cut: a query, not a page
	maxClauses    = 16  // further words are ignored
	maxPrefix     = 24  // completions of the last word, the most frequent first
	maxFuzzy      = 8   // typo corrections per word, the closest first
	maxFuzzyKeys  = 4   // synonym keys within a typo of a word
)

// Weights of the kinds of alternative, relative to the word itself.
const (
	weightExact      = 1.0
	weightSynonym    = 0.8
	weightFuzzyKey   = 0.55 // a synonym of a word one typo away
	weightPrefixKey  = 0.5  // a synonym of a word being typed
	weightPrefixBase = 0.5  // completions: base + span × typed/whole
	weightPrefixSpan = 0.4
	// A term that is a mistyped start of the word (fuzzy with leftover)
	// weighs this much less than a whole-word correction.
	weightLeftoverCut = 0.15
)

// maxLeftover is the longest ending, in runes, that a mistyped word may
// have beyond a term it is corrected to ("verificaton" → verif + icaton).
const maxLeftover = 7

// fuzzyWeight is the weight of a correction at edit distance d.
func fuzzyWeight(d int) float64 {
	switch d {
	case 0:
		return 0.75
	case 1:
		return 0.6
	}
	return 0.4
}

// maxEdits is the typo tolerance for a word of n runes: none below 3
// letters, 1 up to 6, 2 from 7.
func maxEdits(n int) int {
	switch {
	case n < 3:
		return 0
	case n < 7:
		return 1
	}
	return 2
}

// alt is one way to satisfy a clause: a page with all of terms.
type alt struct {
	terms  []int // term ids
	weight float64
	// loose marks a guess at the word: a completion of the word being
	// typed or a typo correction. A page matched only through guesses
	// does not count the word as matched (see guessCover), so that noise
	// does not outrank pages with the words as typed.
	loose bool
	// fix marks a typo correction (a guess too).
	fix bool
}

// clause is one query word (or a phrase of them that is a synonym key);
// a page matches it through its best alternative.
type clause struct {
	alts []alt
	// marks are folded-word prefixes to mark in snippets besides the
	// alternatives' terms: the word being typed.
	marks []string
}

// word is one analysed query word.
type word struct {
	term    string // "" for a stop word
	fold    string
	partial bool // the last word, still being typed
}

// plan turns query text into clauses.
func (q *Index) plan(text string) []clause {
	if len(text) > maxQueryBytes {
		cut := maxQueryBytes
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut-- // not inside a letter
		}
		text = text[:cut]
	}
	toks := analysis.Tokenize(text)
	var words []word
	for i, t := range toks {
		// The last word is still being typed only while nothing follows
		// it, not even a space. A stop word is never completed or
		// corrected: "me" and "se" are words, not starts of words.
		partial := i == len(toks)-1 && t.End == len(text)
		if t.Term == "" {
			continue
		}
		words = append(words, word{term: t.Term, fold: t.Word, partial: partial})
	}
	var clauses []clause
	for i := 0; i < len(words) && len(clauses) < maxClauses; {
		// A phrase key of complete words: "private browsing", "fake id".
		if n, to := q.syn.Match(completeTerms(words[i:])); n > 1 {
			var c clause
			if ids, ok := q.ids(termsOf(words[i : i+n])); ok {
				c.alts = append(c.alts, alt{ids, weightExact, false, false})
			}
			c.alts = q.addPhrases(c.alts, to, weightSynonym, false)
			clauses = append(clauses, c)
			i += n
			continue
		}
		// Two words one typo away from a phrase key: "بلیک مل" for
		// "بلیک میل", where "مل" is a word of its own.
		if i+1 < len(words) {
			if c, ok := q.nearPhrase(words[i], words[i+1]); ok {
				clauses = append(clauses, c)
				i += 2
				continue
			}
		}
		clauses = append(clauses, q.wordClause(words[i]))
		i++
	}
	return clauses
}

// nearPhrase returns a clause for two words that together are one typo
// from a two-word synonym key (its letters joined, so a typo may also be a
// space): the key's own words and its synonyms, as guesses. Pairs shorter
// than minNearPhrase runes are left alone.
func (q *Index) nearPhrase(a, b word) (clause, bool) {
	joined := []rune(a.term + b.term)
	if len(joined) < minNearPhrase {
		return clause{}, false
	}
	entries := q.syn.Entries()
	for _, p := range q.pairKeys {
		if editDistance(joined, p.joined, 1) != 1 {
			continue
		}
		e := entries[p.entry]
		var c clause
		if ids, ok := q.ids(e.From); ok {
			c.alts = append(c.alts, alt{ids, weightFuzzyKey, true, false})
		}
		c.alts = q.addPhrases(c.alts, e.To, weightFuzzyKey, true)
		if len(c.alts) > 0 {
			return c, true
		}
	}
	return clause{}, false
}

// pairKey is a two-word synonym key with its letters joined.
type pairKey struct {
	joined []rune
	entry  int // in q.syn.Entries()
}

// minNearPhrase is the fewest runes two words must have together to be
// taken for a mistyped phrase.
const minNearPhrase = 6

// wordClause collects the alternatives for one word.
func (q *Index) wordClause(w word) clause {
	var c clause
	exact := -1
	if w.term != "" {
		exact = q.lookup(w.term)
		if exact >= 0 {
			c.alts = append(c.alts, alt{[]int{exact}, weightExact, false, false})
		}
		if n, to := q.syn.Match([]string{w.term}); n == 1 {
			c.alts = q.addPhrases(c.alts, to, weightSynonym, false)
		}
	}
	runes := utf8.RuneCountInString(w.fold)
	if w.partial && runes >= 2 {
		c.marks = append(c.marks, w.fold)
		c.alts = q.addCompletions(c.alts, w)
		for _, k := range q.keysWithPrefix(w.fold, w.term) {
			_, to := q.syn.Match([]string{k})
			c.alts = q.addPhrases(c.alts, to, weightPrefixKey, true)
		}
	}
	// Correct only a word the index does not know and that is not a
	// common word of English, Roman Urdu or Urdu: "naam" is not a typo of
	// "inaam", nor "cant" of "want".
	if exact >= 0 || w.term == "" || analysis.IsCommonWord(w.fold) {
		return c
	}
	k := maxEdits(runes)
	if k == 0 {
		return c
	}
	had := len(c.alts)
	if _, isKey := slices.BinarySearch(q.keys, w.term); !isKey {
		for _, m := range q.fuzzyKeys(w.term, k) {
			_, to := q.syn.Match([]string{m})
			c.alts = q.addFixes(c.alts, to)
		}
	}
	if had == 0 { // nothing from the word itself, its synonyms or completions
		ms := q.fuzzy(w.term, k, maxFuzzy, 0)
		for _, m := range ms {
			c.alts = appendAlt(c.alts, alt{[]int{m.id}, fuzzyWeight(m.dist), true, true})
		}
		if len(ms) == 0 && len(c.alts) == 0 {
			ms = q.fuzzy(w.fold, k, maxFuzzy, maxLeftover)
			for _, m := range ms {
				if m.dist == ms[0].dist {
					c.alts = appendAlt(c.alts, alt{[]int{m.id}, fuzzyWeight(m.dist) - weightLeftoverCut, true, true})
				}
			}
		}
	}
	return c
}

// addCompletions adds the most frequent terms that start with the word
// being typed, as folded and as stemmed ("threateni" → threaten…).
func (q *Index) addCompletions(alts []alt, w word) []alt {
	type cand struct {
		id, df int
		typed  int // runes typed
	}
	var cands []cand
	seen := map[int]bool{}
	for _, p := range []string{w.fold, w.term} {
		if p == "" {
			continue
		}
		typed := utf8.RuneCountInString(p)
		start, _ := slices.BinarySearch(q.terms, p)
		for id := start; id < len(q.terms) && hasPrefix(q.terms[id], p); id++ {
			if !seen[id] {
				seen[id] = true
				cands = append(cands, cand{id, q.ix.Terms[id].DF, typed})
			}
			if len(cands) > 4096 {
				break
			}
		}
	}
	heapsort.Func(cands, func(a, b cand) int {
		if a.df != b.df {
			return b.df - a.df
		}
		return a.id - b.id
	})
	// Two typed letters say little: fewer completions for short prefixes.
	limit := maxPrefix
	if typed := utf8.RuneCountInString(w.fold); typed < 4 {
		limit = maxPrefix * typed / 6 // 2 → 8, 3 → 12
	}
	for _, c := range cands[:min(len(cands), limit)] {
		whole := max(utf8.RuneCountInString(q.terms[c.id]), c.typed)
		wt := weightPrefixBase + weightPrefixSpan*float64(c.typed)/float64(whole)
		alts = appendAlt(alts, alt{[]int{c.id}, wt, true, false})
	}
	return alts
}

// keysWithPrefix returns up to maxFuzzyKeys one-word synonym keys that
// start with the word being typed.
func (q *Index) keysWithPrefix(fold, term string) []string {
	var out []string
	for _, p := range []string{fold, term} {
		if p == "" {
			continue
		}
		start, _ := slices.BinarySearch(q.keys, p)
		for i := start; i < len(q.keys) && hasPrefix(q.keys[i], p) && len(out) < maxFuzzyKeys; i++ {
			if !slices.Contains(out, q.keys[i]) {
				out = append(out, q.keys[i])
			}
		}
	}
	return out
}

// fuzzyKeys returns the one-word synonym keys within k edits of t.
func (q *Index) fuzzyKeys(t string, k int) []string {
	tr := []rune(t)
	var out []string
	var best []int
	for _, key := range q.keys {
		if d := editDistance(tr, []rune(key), k); d <= k {
			out = append(out, key)
			best = append(best, d)
		}
	}
	// Keep the closest few.
	idx := make([]int, len(out))
	for i := range idx {
		idx[i] = i
	}
	heapsort.Func(idx, func(a, b int) int {
		if d := best[a] - best[b]; d != 0 {
			return d
		}
		return a - b
	})
	var keep []string
	for _, i := range idx[:min(len(idx), maxFuzzyKeys)] {
		keep = append(keep, out[i])
	}
	return keep
}

// addFixes adds the synonym phrases of a key a word was corrected to.
func (q *Index) addFixes(alts []alt, phrases [][]string) []alt {
	for _, p := range phrases {
		if ids, ok := q.ids(p); ok {
			alts = appendAlt(alts, alt{ids, weightFuzzyKey, true, true})
		}
	}
	return alts
}

// preferContext keeps, of each word's typo corrections, those that share a
// page with the query's other words as typed, when some do: a correction
// in the same field of meaning as the rest of the query. A word whose
// corrections share no page with the rest keeps them all.
func (q *Index) preferContext(clauses []clause) []clause {
	fixes := false
	for _, c := range clauses {
		for _, a := range c.alts {
			fixes = fixes || a.fix
		}
	}
	if !fixes || len(clauses) < 2 {
		return clauses
	}
	// sure[doc]: the clauses that match doc other than by a guess (a
	// phrase by its first term).
	sure := make([]uint32, len(q.ix.Docs))
	for ci, c := range clauses {
		for _, a := range c.alts {
			if !a.loose {
				r := index.NewPostingsReader(q.ix.Terms[a.terms[0]].Postings)
				for r.Next() {
					sure[r.Doc()] |= 1 << ci
				}
			}
		}
	}
	shares := func(a alt, others uint32) bool {
		r := index.NewPostingsReader(q.ix.Terms[a.terms[0]].Postings)
		for r.Next() {
			if sure[r.Doc()]&others != 0 {
				return true
			}
		}
		return false
	}
	out := slices.Clone(clauses)
	for ci, c := range clauses {
		others := ^uint32(1 << ci)
		var keep []alt
		near, far := 0, 0
		for _, a := range c.alts {
			switch {
			case !a.fix:
				keep = append(keep, a)
			case shares(a, others):
				keep = append(keep, a)
				near++
			default:
				far++
			}
		}
		if near > 0 && far > 0 {
			out[ci].alts = keep
		}
	}
	return out
}

// addPhrases adds synonym phrases whose terms are all in the index.
func (q *Index) addPhrases(alts []alt, phrases [][]string, weight float64, loose bool) []alt {
	for _, p := range phrases {
		if ids, ok := q.ids(p); ok {
			alts = appendAlt(alts, alt{ids, weight, loose, false})
		}
	}
	return alts
}

// appendAlt adds a, or raises the weight of an equal alternative (which is
// loose only if both are).
func appendAlt(alts []alt, a alt) []alt {
	for i := range alts {
		if slices.Equal(alts[i].terms, a.terms) {
			alts[i].weight = max(alts[i].weight, a.weight)
			alts[i].loose = alts[i].loose && a.loose
			alts[i].fix = alts[i].fix && a.fix
			return alts
		}
	}
	return append(alts, a)
}

// ids looks up every term of a phrase.
func (q *Index) ids(terms []string) ([]int, bool) {
	if len(terms) == 0 {
		return nil, false
	}
	ids := make([]int, len(terms))
	for i, t := range terms {
		if ids[i] = q.lookup(t); ids[i] < 0 {
			return nil, false
		}
	}
	return ids, true
}

// completeTerms returns the terms of the leading non-stop words, for
// matching phrase keys. The word being typed counts as written: a key it
// completes exactly ("khwaja sara", "private browsing") is most likely
// what is meant, and one it does not complete simply does not match.
func completeTerms(ws []word) []string {
	var ts []string
	for _, w := range ws {
		if w.term == "" || len(ts) == analysis.MaxPhraseTerms {
			break
		}
		ts = append(ts, w.term)
	}
	return ts
}

func termsOf(ws []word) []string {
	ts := make([]string, len(ws))
	for i, w := range ws {
		ts[i] = w.term
	}
	return ts
}
