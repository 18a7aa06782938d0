package query

import (
	"math/bits"
	"slices"

	"mehfooz/search/index"
	"mehfooz/search/internal/heapsort"
)

// BM25F parameters: a title word counts three times a body word, a heading
// or topic word twice; k1 saturates repeated words.
var (
	fieldWeight = [index.NumFields]float64{index.FieldTitle: 3, index.FieldHeading: 2, index.FieldBody: 1, index.FieldTopic: 1.5}
	fieldB      = [index.NumFields]float64{index.FieldTitle: 0.5, index.FieldHeading: 0.5, index.FieldBody: 0.75, index.FieldTopic: 0.3}
)

// k1 = 1.6 rather than the usual 1.2: our pages are short and a page that
// comes back to a word is about it. Measured on the relevance sets (issue
// 20): 0.8 lost a query, 1.6 gained two and lost none, 2 and 3 gained and
// lost.
const k1 = 1.6

// bm25 saturates a weighted term frequency.
func bm25(idf float32, tf float64) float64 {
	return float64(idf) * tf * (k1 + 1) / (tf + k1)
}

// Search returns up to limit pages that match text (all of them if limit
// is 0 or less), best first. Pages that match more of the query's words
// come first; a word matched only through a guess (a completion of the word
// being typed, or a typo correction) does not count, though its score
// does. An empty or
// stop-word-only query finds nothing; Fallback says what to show then.
// Search never panics.
func (q *Index) Search(text string, limit int) []Result {
	return q.search(q.preferContext(q.plan(text)), limit)
}

// search ranks the pages that match clauses.
func (q *Index) search(clauses []clause, limit int) []Result {
	if len(clauses) == 0 || len(q.ix.Docs) == 0 {
		return nil
	}
	n := len(q.ix.Docs)
	score := make([]float64, n)
	mask := make([]uint32, n)
	best := make([]float64, n)  // this clause's best alternative, per page
	cover := make([]float64, n) // words matched, guesses counting guessCover
	sure := make([]bool, n)     // this clause matched other than by a guess
	var touched, docs []int
	var cnt []uint8
	var sum []float64
	for ci, c := range clauses {
		touched = touched[:0]
		for _, a := range c.alts {
			if len(a.terms) == 1 {
				q.eachDocScore(a.terms[0], func(doc int, s float64) {
					if v := a.weight * s; v > best[doc] {
						if best[doc] == 0 {
							touched = append(touched, doc)
						}
						best[doc] = v
					}
					sure[doc] = sure[doc] || !a.loose
				})
				continue
			}
			// A phrase: pages with all its terms, scored by their mean.
			if cnt == nil {
				cnt, sum = make([]uint8, n), make([]float64, n)
			}
			docs = docs[:0]
			for _, id := range a.terms {
				q.eachDocScore(id, func(doc int, s float64) {
					if cnt[doc] == 0 {
						docs = append(docs, doc)
					}
					cnt[doc]++
					sum[doc] += s
				})
			}
			for _, doc := range docs {
				if int(cnt[doc]) == len(a.terms) {
					if v := a.weight * sum[doc] / float64(len(a.terms)); v > best[doc] {
						if best[doc] == 0 {
							touched = append(touched, doc)
						}
						best[doc] = v
					}
					sure[doc] = sure[doc] || !a.loose
				}
				cnt[doc], sum[doc] = 0, 0
			}
		}
		for _, doc := range touched {
			score[doc] += best[doc]
			mask[doc] |= 1 << ci
			best[doc] = 0
			if sure[doc] {
				cover[doc]++
			} else {
				cover[doc] += guessCover
			}
			sure[doc] = false
		}
	}

	q.demoteUnnamedPlatforms(clauses, mask, cover)
	if q.meansDanger(clauses) {
		top := slices.Max(cover) + float64(len(q.dangerDocs))
		for i, doc := range q.dangerDocs {
			cover[doc] = top - float64(i)
		}
	}
	ranked := topDocs(mask, cover, score, limit)
	sections := q.bestSections(clauses, ranked)
	marks := q.markSet(clauses)
	results := make([]Result, len(ranked))
	for i, doc := range ranked {
		d := q.ix.Docs[doc]
		s := d.Sections[sections[i]]
		text := s.Text
		if text == "" {
			text = d.Sections[0].Text
		}
		results[i] = Result{
			URL: d.URL, Title: d.Title, Kind: d.Kind,
			Anchor: s.Anchor, Section: s.Heading,
			Score:   score[doc],
			Matched: bits.OnesCount32(mask[doc]), Words: len(clauses),
			Snippet: snippet(text, marks, snippetRunes),
		}
	}
	return results
}

// unnamedPlatform is how much a page about one platform loses from the
// words it matches when the query does not name that platform. Those
// pages cover every problem on their platform, so their titles and
// headings hold the words of every question ("fake accounts, shared
// images, hacking and harassment"); without the platform's name the
// reader asked about the problem, and the guide to it should come first.
// Half a word keeps such a page above pages that match fewer words.
const unnamedPlatform = 0.5

// demoteUnnamedPlatforms lowers the cover of the platform pages whose
// name the query does not spell out in full (see saysTerm).
func (q *Index) demoteUnnamedPlatforms(clauses []clause, mask []uint32, cover []float64) {
	for doc, names := range q.names {
		if mask[doc] != 0 && !namesOne(clauses, names) {
			cover[doc] -= unnamedPlatform
		}
	}
}

// namesOne reports whether the sure alternatives of clauses hold all the
// terms of one of names.
func namesOne(clauses []clause, names [][]int) bool {
	for _, name := range names {
		all := true
		for _, id := range name {
			if !saysTerm(clauses, id) {
				all = false
				break
			}
		}
		if all {
			return true
		}
	}
	return false
}

// saysTerm reports whether an alternative of clauses has term id: a sure
// one, or a guess at a word with no sure alternative ("facebok" said
// facebook; "face" being typed did not).
func saysTerm(clauses []clause, id int) bool {
	for _, c := range clauses {
		guess := !slices.ContainsFunc(c.alts, func(a alt) bool { return !a.loose })
		for _, a := range c.alts {
			if (!a.loose || guess) && slices.Contains(a.terms, id) {
				return true
			}
		}
	}
	return false
}

// meansDanger reports whether a clause has a sure alternative that is one
// of the danger terms.
func (q *Index) meansDanger(clauses []clause) bool {
	for _, c := range clauses {
		for _, a := range c.alts {
			if !a.loose && len(a.terms) == 1 && slices.Contains(q.dangerTerms, a.terms[0]) {
				return true
			}
		}
	}
	return false
}

// eachDocScore calls fn with the page-level BM25F score of term id in each
// page that has it.
func (q *Index) eachDocScore(id int, fn func(doc int, s float64)) {
	idf := q.idf[id]
	r := index.NewPostingsReader(q.ix.Terms[id].Postings)
	for r.Next() {
		doc := r.Doc()
		norm := q.norm[doc*index.NumFields : (doc+1)*index.NumFields]
		var tf [index.NumFields]float64
		for h, ok := r.NextHit(); ok; h, ok = r.NextHit() {
			tf[h.Field&3] += float64(h.TF)
		}
		s := 0.0
		for f, n := range tf {
			if n > 0 {
				s += fieldWeight[f] * bm25(idf, n*float64(norm[f]))
			}
		}
		fn(doc, s)
	}
}

// bestSections picks, for each ranked page, the section that matches the
// most clauses through its heading and text, and then scores best; the
// title and topics belong to the whole page and do not count. A page whose
// sections match nothing gets section 0, its top.
func (q *Index) bestSections(clauses []clause, ranked []int) []int {
	if len(ranked) == 0 {
		return nil
	}
	slot := make([]int32, len(q.ix.Docs)) // 1 + position in ranked, or 0
	for i, doc := range ranked {
		slot[doc] = int32(i + 1)
	}
	// scores[i][section*len(clauses)+c]: clause c's best alternative term
	// in that section of the i-th page.
	scores := make([][]float64, len(ranked))
	for i, doc := range ranked {
		scores[i] = make([]float64, len(q.ix.Docs[doc].Sections)*len(clauses))
	}
	nc := len(clauses)
	for ci, c := range clauses {
		for _, a := range c.alts {
			w := a.weight / float64(len(a.terms))
			for _, id := range a.terms {
				idf := q.idf[id]
				r := index.NewPostingsReader(q.ix.Terms[id].Postings)
				for r.Next() {
					i := int(slot[r.Doc()]) - 1
					if i < 0 {
						continue
					}
					sec := q.ix.Docs[r.Doc()].Sections
					row := scores[i]
					last, tf := -1, 0.0
					flush := func() {
						if last >= 0 && tf > 0 {
							if v := w * bm25(idf, tf); v > row[last*nc+ci] {
								row[last*nc+ci] = v
							}
						}
					}
					for h, ok := r.NextHit(); ok; h, ok = r.NextHit() {
						if h.Section != last {
							flush()
							last, tf = h.Section, 0
						}
						s := sec[h.Section]
						switch h.Field {
						case index.FieldHeading:
							tf += float64(h.TF) * fieldWeight[index.FieldHeading] /
								(1 - fieldB[index.FieldHeading] + fieldB[index.FieldHeading]*float64(s.HeadingLen)/q.avgHeading)
						case index.FieldBody:
							tf += float64(h.TF) * fieldWeight[index.FieldBody] /
								(1 - fieldB[index.FieldBody] + fieldB[index.FieldBody]*float64(s.BodyLen)/q.avgBody)
						}
					}
					flush()
				}
			}
		}
	}
	out := make([]int, len(ranked))
	for i, row := range scores {
		bestN, bestS := 0, 0.0
		for s := 0; s*nc < len(row); s++ {
			n, sum := 0, 0.0
			for _, v := range row[s*nc : (s+1)*nc] {
				if v > 0 {
					n++
					sum += v
				}
			}
			if n > bestN || n == bestN && sum > bestS {
				out[i], bestN, bestS = s, n, sum
			}
		}
	}
	return out
}

// guessCover is how much a word matched only through a guess counts
// towards the words a page matches. Nothing: Roman Urdu words are rarely in
// the index, and their corrections are often wrong, so a page that has the
// other words as typed must not lose to one that adds a guess; the guess's
// score still orders pages that match the same words. Measured on the
// relevance sets, 0 ranks better than 0.25 or 0.5.
const guessCover = 0.0

// better reports whether page a ranks before page b: more words matched
// (guesses counting guessCover), then a higher score, then the lower document
// number.
func better(cover, score []float64, a, b int) bool {
	if cover[a] != cover[b] {
		return cover[a] > cover[b]
	}
	if score[a] != score[b] {
		return score[a] > score[b]
	}
	return a < b
}

// topDocs returns the limit best pages with a match (all of them if limit
// is 0 or less), best first. It keeps a heap of the best so far, so a
// common word on a big site costs n log limit, not n log n.
func topDocs(mask []uint32, cover, score []float64, limit int) []int {
	worse := func(a, b int) bool { return better(cover, score, b, a) }
	var heap []int // the worst kept page at heap[0]
	down := func(i int) {
		for {
			c := 2*i + 1
			if c >= len(heap) {
				return
			}
			if c+1 < len(heap) && worse(heap[c+1], heap[c]) {
				c++
			}
			if !worse(heap[c], heap[i]) {
				return
			}
			heap[i], heap[c] = heap[c], heap[i]
			i = c
		}
	}
	for doc, m := range mask {
		if m == 0 && cover[doc] == 0 {
			continue
		}
		switch {
		case limit <= 0 || len(heap) < limit:
			heap = append(heap, doc)
			for i := len(heap) - 1; i > 0; {
				p := (i - 1) / 2
				if !worse(heap[i], heap[p]) {
					break
				}
				heap[i], heap[p] = heap[p], heap[i]
				i = p
			}
		case better(cover, score, doc, heap[0]):
			heap[0] = doc
			down(0)
		}
	}
	heapsort.Func(heap, func(a, b int) int {
		if better(cover, score, a, b) {
			return -1
		}
		return 1
	})
	return heap
}
