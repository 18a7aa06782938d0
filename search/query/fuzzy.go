package query

import (
	"unicode/utf8"

	"mehfooz/search/internal/heapsort"
)

// maxTermRunes bounds the depth of the dictionary walk; analysis makes no
// longer terms (analysis.MaxWordRunes), and longer ones in a crafted index
// are skipped.
const maxTermRunes = 64

// match is a dictionary term within some edits of a query term.
type match struct {
	id, dist int
}

// fuzzy returns up to limit terms within k edits of t (optimal string
// alignment: insertions, deletions, substitutions and swaps of neighbours
// cost one), closest and then most frequent first, t itself excluded.
//
// It walks the sorted dictionary as a trie: term i shares lcp[i] runes with
// term i-1, so the edit-distance rows of that prefix are reused, and once a
// row's minimum exceeds k every term sharing that prefix is skipped.
//
// With leftover > 0 it instead matches terms that are within k edits of a
// start of t, at least 4 runes long, that leaves 1 to leftover runes of t
// over: stems whose word was mistyped in its ending, which the stemmer
// could not remove ("verificaton" → verif).
func (q *Index) fuzzy(t string, k, limit, leftover int) []match {
	qr := []rune(t)
	m := len(qr)
	if m == 0 || m > maxTermRunes || k <= 0 {
		return nil
	}
	w := m + 1
	rows := make([]int, (maxTermRunes+1)*w) // rows[d*w+j]: distance(term[:d], qr[:j])
	for j := 0; j <= m; j++ {
		rows[j] = j
	}
	var path [maxTermRunes]rune // runes of the current term
	var found []match
	pruned := -1 // depth whose row exceeded k, or -1
	for id, term := range q.terms {
		p := int(q.lcp[id])
		if p > maxTermRunes || pruned >= 0 && p >= pruned {
			continue // shares the prefix that was already too far
		}
		pruned = -1
		// Skip the p shared runes' bytes.
		off := 0
		for i := 0; i < p; i++ {
			_, size := utf8.DecodeRuneInString(term[off:])
			off += size
		}
		d := p
		for off < len(term) {
			if d == maxTermRunes {
				pruned = d
				break
			}
			r, size := utf8.DecodeRuneInString(term[off:])
			off += size
			path[d] = r
			d++
			cur, prev := rows[d*w:(d+1)*w], rows[(d-1)*w:d*w]
			cur[0] = d
			low := d
			for j := 1; j <= m; j++ {
				cost := 1
				if qr[j-1] == r {
					cost = 0
				}
				v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
				if d > 1 && j > 1 && r == qr[j-2] && path[d-2] == qr[j-1] {
					v = min(v, rows[(d-2)*w+j-2]+1)
				}
				cur[j] = v
				low = min(low, v)
			}
			if low > k {
				pruned = d
				break
			}
		}
		if pruned >= 0 {
			continue
		}
		if leftover == 0 {
			if dist := rows[d*w+m]; dist <= k && dist > 0 {
				found = append(found, match{id, dist})
			}
			continue
		}
		if d < 4 {
			continue
		}
		dist := k + 1
		for j := max(m-leftover, 4); j < m; j++ {
			dist = min(dist, rows[d*w+j])
		}
		if dist <= k {
			found = append(found, match{id, dist})
		}
	}
	heapsort.Func(found, func(a, b match) int {
		if a.dist != b.dist {
			return a.dist - b.dist
		}
		if da, db := q.ix.Terms[a.id].DF, q.ix.Terms[b.id].DF; da != db {
			return db - da
		}
		return a.id - b.id
	})
	return found[:min(len(found), limit)]
}

// editDistance returns the optimal-string-alignment distance between a and
// b, or k+1 if it is more than k.
func editDistance(a, b []rune, k int) int {
	if d := len(a) - len(b); d > k || -d > k {
		return k + 1
	}
	w := len(b) + 1
	rows := make([]int, 3*w)
	pp, prev, cur := rows[:w], rows[w:2*w], rows[2*w:]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		low := i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, pp[j-2]+1)
			}
			cur[j] = v
			low = min(low, v)
		}
		if low > k {
			return k + 1
		}
		pp, prev, cur = prev, cur, pp
	}
	return min(prev[len(b)], k+1)
}
