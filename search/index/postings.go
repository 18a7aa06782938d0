package index

import "strconv"

// PostingsReader walks encoded postings without allocating:
//
//	r := index.NewPostingsReader(t.Postings)
//	for r.Next() {
//		for h, ok := r.NextHit(); ok; h, ok = r.NextHit() { … r.Doc() … }
//	}
//
// On malformed postings it stops early; it never panics.
type PostingsReader struct {
	s       string
	off     int
	doc     int
	hits    int // hits of the current document not yet read
	section int
	first   bool
	bad     bool
}

// NewPostingsReader returns a reader positioned before the first document.
func NewPostingsReader(postings string) PostingsReader {
	return PostingsReader{s: postings, first: true}
}

// Next moves to the next document, skipping unread hits, and reports
// whether there is one.
func (r *PostingsReader) Next() bool {
	for r.hits > 0 {
		if _, ok := r.NextHit(); !ok {
			return false
		}
	}
	if r.off >= len(r.s) {
		return false
	}
	delta, ok := r.uvarint()
	if !ok || delta > maxCount || (!r.first && delta == 0) || uint64(r.doc)+delta > maxCount {
		r.stop()
		return false
	}
	r.first = false
	r.doc += int(delta)
	n, ok := r.uvarint()
	if !ok || n == 0 || n > maxCount {
		r.stop()
		return false
	}
	r.hits = int(n)
	r.section = 0
	return true
}

// Doc returns the current document.
func (r *PostingsReader) Doc() int { return r.doc }

// NextHit returns the next hit of the current document, if any.
func (r *PostingsReader) NextHit() (Hit, bool) {
	if r.hits == 0 {
		return Hit{}, false
	}
	head, ok := r.uvarint()
	if !ok || head>>3 > maxCount || uint64(r.section)+head>>3 > maxCount {
		r.stop()
		return Hit{}, false
	}
	r.hits--
	r.section += int(head >> 3)
	h := Hit{Section: r.section, Field: Field(head>>1) & 3, TF: 1}
	if head&1 != 0 {
		extra, ok := r.uvarint()
		if !ok || extra > maxCount-2 {
			r.stop()
			return Hit{}, false
		}
		h.TF = int(extra) + 2
	}
	return h, true
}

// Malformed reports whether the reader stopped on malformed data rather
// than at the end.
func (r *PostingsReader) Malformed() bool { return r.bad }

func (r *PostingsReader) stop() {
	r.hits, r.off, r.bad = 0, len(r.s), true
}

func (r *PostingsReader) uvarint() (uint64, bool) {
	var v uint64
	for shift := uint(0); shift < 64; shift += 7 {
		if r.off >= len(r.s) {
			return 0, false
		}
		c := r.s[r.off]
		r.off++
		v |= uint64(c&0x7F) << shift
		if c < 0x80 {
			return v, true
		}
	}
	return 0, false
}

// DecodePostings decodes and checks postings against the documents of an
// index: documents and hits in order, sections that exist, title and topic
// hits in section 0.
func DecodePostings(postings string, docs []Doc) ([]Posting, error) {
	var ps []Posting
	_, err := checkPostings(postings, docs, func(doc int, h Hit) {
		if len(ps) == 0 || ps[len(ps)-1].Doc != doc {
			ps = append(ps, Posting{Doc: doc})
		}
		p := &ps[len(ps)-1]
		p.Hits = append(p.Hits, h)
	})
	return ps, err
}

// checkPostings validates postings, calling fn (if not nil) for each hit,
// and returns the number of documents.
func checkPostings(postings string, docs []Doc, fn func(doc int, h Hit)) (int, error) {
	r := NewPostingsReader(postings)
	df, prevDoc := 0, -1
	for r.Next() {
		doc := r.Doc()
		if doc <= prevDoc || doc >= len(docs) {
			return 0, valueError("postings name document " + strconv.Itoa(doc) + " of " + strconv.Itoa(len(docs)))
		}
		df++
		prevDoc = doc
		prevSection, prevField := 0, -1
		for h, ok := r.NextHit(); ok; h, ok = r.NextHit() {
			switch {
			case h.Section >= len(docs[doc].Sections):
				return 0, valueError("postings name section " + strconv.Itoa(h.Section) +
					" of a document with " + strconv.Itoa(len(docs[doc].Sections)))
			case h.Section == prevSection && int(h.Field) <= prevField:
				return 0, valueError("postings hits are not sorted by section and field")
			case (h.Field == FieldTitle || h.Field == FieldTopic) && h.Section != 0:
				return 0, valueError("a title or topic hit is outside section 0")
			}
			prevSection, prevField = h.Section, int(h.Field)
			if fn != nil {
				fn(doc, h)
			}
		}
	}
	if r.Malformed() {
		return 0, valueError("postings are truncated or malformed")
	}
	return df, nil
}

func valueError(msg string) error { return &Error{-1, msg} }
