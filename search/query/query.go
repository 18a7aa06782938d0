// Package query opens a search index (search/index) and answers queries:
// the engine behind the browser's WebAssembly module (search/wasm) and the
// Go tests.
//
//	ix, err := query.Open(data)
//	for _, r := range ix.Search("dhamki", 10) { … r.URL, r.Anchor, r.Snippet … }
//
// A query is analysed by search/analysis exactly as the pages were. Each
// query word becomes a clause with alternatives: the word's own term; the
// synonyms stored in the index (phrases of several words first, "private
// browsing"); for the last word while it is still being typed (nothing,
// not even a space, follows it), the terms it is a prefix of; and, when the
// word is neither in the index nor a common word of English, Roman Urdu or
// Urdu (analysis.IsCommonWord), terms within one typo (two for words of 7
// letters or more), transpositions included. Stop words are never
// completed or corrected.
//
// Pages are ranked by how many clauses they match, not counting a clause
// matched only through a guess (a completion or a correction), so pages
// with every word as typed come first; then by BM25F over the page's title,
// topics, headings and text, with the title weighted most. A query whose
// words or synonyms say danger puts DangerPages first; when nothing
// matches, Fallback says what to show instead. Each result is a
// page with the section that matches best, and a snippet of that section
// as segments with the matched words marked, so that the caller escapes
// text itself.
package query

import (
	"math"
	"slices"
	"unicode/utf8"

	"mehfooz/search/analysis"
	"mehfooz/search/index"
	"mehfooz/search/internal/heapsort"
)

// Result is one page that matches a query.
type Result struct {
	// URL is relative to the language's root ("guides/evidence/").
	URL   string
	Title string
	// Kind is the page kind ("guide", "platform", …).
	Kind string
	// Anchor is the id of the best-matching section's heading, or "" for
	// the top of the page; link to URL + "#" + Anchor when it is not empty.
	Anchor string
	// Section is that section's heading, or "" for the top of the page.
	Section string
	// Score orders results; it means nothing across queries.
	Score float64
	// Matched is how many of the query's words the page matches, out of
	// Words.
	Matched, Words int
	// Snippet is text from the section, split where matched words start
	// and end.
	Snippet []Segment
}

// Segment is a run of snippet text; Marked runs are query matches.
type Segment struct {
	Text   string
	Marked bool
}

// Index is an opened index, ready for queries. It is read-only and safe for
// concurrent use.
type Index struct {
	ix    *index.Index
	terms []string // ix.Terms[i].Text, for binary search
	idf   []float32
	// lcp[i] is how many runes term i shares with term i-1, for walking
	// the sorted dictionary as a trie.
	lcp []uint8
	syn *analysis.Synonyms
	// pairKeys are the two-word synonym keys, for nearPhrase.
	pairKeys []pairKey
	// dangerTerms are the ids of DangerWords' terms, dangerDocs those of
	// DangerPages, in order.
	dangerTerms, dangerDocs []int
	// names holds, for each page about one platform, the term ids of each
	// of the platform's names (see platformNames); a page absent from it
	// names nothing.
	names map[int][][]int
	// keys are the one-word synonym keys, sorted, for typo and prefix
	// matching of what people type.
	keys []string
	// norm[doc*index.NumFields+f] is 1 divided by field f's BM25 length
	// normalisation, for the page as a whole.
	norm []float32
	// avgHeading and avgBody are the mean section heading and body
	// lengths, for choosing a page's best section.
	avgHeading, avgBody float64
}

// Open decodes an index file. data may be reused after Open returns.
func Open(data []byte) (*Index, error) {
	ix, err := index.Decode(data)
	if err != nil {
		return nil, err
	}
	return newIndex(ix), nil
}

// LoadTexts adds the section texts of the index's file, cut from it by
// index.SplitTexts, so that results carry snippets; until then they have
// none. It must not run while a query does. On an error the index is
// unchanged.
func (q *Index) LoadTexts(data []byte) error {
	return index.DecodeTexts(q.ix, data)
}

func newIndex(ix *index.Index) *Index {
	q := &Index{ix: ix}
	n := float64(len(ix.Docs))
	q.terms = make([]string, len(ix.Terms))
	q.idf = make([]float32, len(ix.Terms))
	q.lcp = make([]uint8, len(ix.Terms))
	prev := ""
	for i, t := range ix.Terms {
		q.terms[i] = t.Text
		df := float64(t.DF)
		q.idf[i] = float32(math.Log(1 + (n-df+0.5)/(df+0.5)))
		q.lcp[i] = uint8(min(sharedRunes(prev, t.Text), 255))
		prev = t.Text
	}

	var entries []analysis.Synonym
	for _, s := range ix.Synonyms {
		entries = append(entries, analysis.Synonym{From: s.From, To: s.To})
		if len(s.From) == 1 {
			q.keys = append(q.keys, s.From[0])
		}
	}
	q.syn = analysis.SortedSynonyms(entries)
	for i, e := range q.syn.Entries() {
		if len(e.From) == 2 {
			q.pairKeys = append(q.pairKeys, pairKey{[]rune(e.From[0] + e.From[1]), i})
		}
	}
	for _, t := range analysis.Terms(DangerWords) {
		if id := q.lookup(t); id >= 0 {
			q.dangerTerms = append(q.dangerTerms, id)
		}
	}
	for _, u := range DangerPages {
		for doc, d := range ix.Docs {
			if d.URL == u {
				q.dangerDocs = append(q.dangerDocs, doc)
				break
			}
		}
	}
	heapsort.Func(q.keys, compareStrings)
	for doc, d := range ix.Docs {
		if d.Kind != "platform" {
			continue
		}
		for _, name := range platformNames(d.Title) {
			if ids, ok := q.ids(analysis.Terms(name)); ok && len(ids) > 0 {
				if q.names == nil {
					q.names = map[int][][]int{}
				}
				q.names[doc] = append(q.names[doc], ids)
			}
		}
	}

	// Page-level BM25F normalisation, and section averages.
	var sum [index.NumFields]float64
	var sections, headings, bodies float64
	lens := make([][index.NumFields]int, len(ix.Docs))
	for i, d := range ix.Docs {
		l := &lens[i]
		l[index.FieldTitle], l[index.FieldTopic] = d.TitleLen, d.TopicLen
		for _, s := range d.Sections {
			l[index.FieldHeading] += s.HeadingLen
			l[index.FieldBody] += s.BodyLen
			headings += float64(s.HeadingLen)
			bodies += float64(s.BodyLen)
			sections++
		}
		for f := range sum {
			sum[f] += float64(l[f])
		}
	}
	q.avgHeading = max(headings/max(sections, 1), 1)
	q.avgBody = max(bodies/max(sections, 1), 1)
	q.norm = make([]float32, len(ix.Docs)*index.NumFields)
	for i := range ix.Docs {
		for f := range index.NumFields {
			avg := max(sum[f]/max(n, 1), 1)
			q.norm[i*index.NumFields+f] = float32(1 / (1 - fieldB[f] + fieldB[f]*float64(lens[i][f])/avg))
		}
	}
	return q
}

// A query that means danger puts DangerPages first, in order, whatever
// else it matches: the "in danger now" page and the helplines. A query
// means danger when one of its words, or a synonym of one (not a guess),
// is one of DangerWords; content/search/synonyms.yaml maps the words people
// type in danger (followed, outside the house, jaan se maar dega, foran,
// خودکشی) onto them.
var (
	DangerWords = "danger خطرے خطرہ"
	DangerPages = []string{"start/danger-now/", "helplines/"}
)

// platformNames returns the names a platform page's title gives it: the
// part before the colon, and a name in brackets there as another one
// ("X (Twitter): report …" → "X", "Twitter"; "فیس بک: …" → "فیس بک").
// A title without a colon names nothing.
func platformNames(title string) []string {
	head, _, ok := cut(title, ":")
	if !ok {
		return nil
	}
	var names []string
	if first, rest, ok := cut(head, "("); ok {
		names = append(names, first)
		head, _, _ = cut(rest, ")")
	}
	return append(names, head)
}

// cut is strings.Cut (see compareStrings).
func cut(s, sep string) (before, after string, found bool) {
	for i := 0; i+len(sep) <= len(s); i++ {
		if s[i:i+len(sep)] == sep {
			return s[:i], s[i+len(sep):], true
		}
	}
	return s, "", false
}

// Lang returns the language code of the index.
func (q *Index) Lang() string { return q.ix.Lang }

// Docs returns the number of pages in the index.
func (q *Index) Docs() int { return len(q.ix.Docs) }

// lookup returns the id of term t, or -1.
func (q *Index) lookup(t string) int {
	if i, ok := slices.BinarySearch(q.terms, t); ok {
		return i
	}
	return -1
}

// sharedRunes counts the runes at the start of a and b that are equal.
func sharedRunes(a, b string) int {
	n := 0
	for i := 0; i < len(a) && i < len(b); {
		ra, sa := utf8.DecodeRuneInString(a[i:])
		rb, sb := utf8.DecodeRuneInString(b[i:])
		if ra != rb || sa != sb {
			break
		}
		i += sa
		n++
	}
	return n
}

// hasPrefix reports whether term t starts with p.
func hasPrefix(t, p string) bool { return len(t) >= len(p) && t[:len(p)] == p }

// compareStrings is strings.Compare. The engine avoids package strings,
// whose import alone adds the Unicode tables' initialisation (4 KB brotli)
// to the browser module.
func compareStrings(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
