package analysis

import "slices"

// Synonym says: when a query contains the phrase From, also look for each
// phrase in To. Phrases are lists of terms (see Terms); a phrase of several
// terms matches a page that has all of them. Synonyms are directional: "FIA"
// may find "NCCIA" without "NCCIA" finding everything about the FIA.
type Synonym struct {
	From []string
	To   [][]string
}

// Synonyms is a set of Synonym entries, keyed by From. It is read-only once
// made and safe for concurrent use.
//
// It keeps no map: entries sorted by From put those that share a first
// term side by side, so Match finds them by binary search. Opening an index
// in the browser then costs no hashing of every From (a map cost a quarter
// of the module's start on a slow phone, issue 19).
type Synonyms struct {
	entries []Synonym
}

// MaxPhraseTerms is the longest phrase, in terms, on either side of a
// synonym.
const MaxPhraseTerms = 6

// NewSynonyms returns the set of entries. Entries with the same From are
// merged; phrases that are empty, too long, or equal to From are dropped;
// the result is sorted, so equal input gives equal output in any order.
func NewSynonyms(entries []Synonym) *Synonyms {
	merged := make(map[string]*Synonym)
	for _, e := range entries {
		if len(e.From) == 0 || len(e.From) > MaxPhraseTerms {
			continue
		}
		k := phraseKey(e.From)
		m := merged[k]
		if m == nil {
			m = &Synonym{From: slices.Clone(e.From)}
			merged[k] = m
		}
		for _, to := range e.To {
			if len(to) == 0 || len(to) > MaxPhraseTerms || phraseKey(to) == k {
				continue
			}
			m.To = append(m.To, slices.Clone(to))
		}
	}
	var out []Synonym
	for _, m := range merged {
		if len(m.To) == 0 {
			continue
		}
		slices.SortFunc(m.To, comparePhrases)
		m.To = slices.CompactFunc(m.To, slices.Equal)
		out = append(out, *m)
	}
	slices.SortFunc(out, func(a, b Synonym) int { return comparePhrases(a.From, b.From) })
	return SortedSynonyms(out)
}

// SortedSynonyms returns the set of entries that are already as
// NewSynonyms leaves them: sorted by From without repeats, each To sorted
// without repeats, no empty phrase. An index file stores them so
// (search/index checks it), and the query engine uses this to skip sorting
// them again. entries must not change afterwards.
func SortedSynonyms(entries []Synonym) *Synonyms {
	return &Synonyms{entries: entries}
}

// Entries returns the entries sorted by From. The caller must not modify
// them.
func (s *Synonyms) Entries() []Synonym {
	if s == nil {
		return nil
	}
	return s.entries
}

// Len returns the number of entries.
func (s *Synonyms) Len() int {
	if s == nil {
		return 0
	}
	return len(s.entries)
}

// Match finds the longest From that starts terms and returns its length in
// terms and its To phrases, or 0 and nil.
func (s *Synonyms) Match(terms []string) (n int, to [][]string) {
	if s == nil || len(terms) == 0 {
		return 0, nil
	}
	// The first entry whose From starts with terms[0] or after it (a loop,
	// not slices.BinarySearchFunc, whose instance weighs more in the module).
	first := terms[0]
	i, j := 0, len(s.entries)
	for i < j {
		h := int(uint(i+j) >> 1)
		if s.entries[h].From[0] < first {
			i = h + 1
		} else {
			j = h
		}
	}
	// Froms are unique, so the longest that matches is the only one.
	for ; i < len(s.entries) && s.entries[i].From[0] == first; i++ {
		e := s.entries[i]
		if len(e.From) > n && len(e.From) <= len(terms) && slices.Equal(e.From, terms[:len(e.From)]) {
			n, to = len(e.From), e.To
		}
	}
	return n, to
}

// phraseKey joins a phrase's terms with NUL, which no term contains.
func phraseKey(p []string) string {
	var b []byte
	for i, t := range p {
		if i > 0 {
			b = append(b, 0)
		}
		b = append(b, t...)
	}
	return string(b)
}

func comparePhrases(a, b []string) int {
	return slices.Compare(a, b)
}
