package index

// Block tags, in the order the blocks appear.
const (
	tagDocs     = 'D'
	tagTerms    = 'T'
	tagPostings = 'P'
	tagSynonyms = 'S'
	tagTexts    = 'X'
)

// Encode returns the bytes of ix, section texts included (SplitTexts
// separates them). The same Index always gives the same bytes. It fails if ix breaks a rule of the format (see Validate).
func Encode(ix *Index) ([]byte, error) {
	if err := ix.Validate(); err != nil {
		return nil, err
	}
	// Sized ahead: at 5,000 pages an index is 28 MB, and growing the
	// buffers by doubling allocated twice that again.
	docs, terms, postings := 10, 10, 0
	for _, d := range ix.Docs {
		docs += len(d.URL) + len(d.Title) + len(d.Kind) + 20
		for _, s := range d.Sections {
			docs += len(s.Anchor) + len(s.Heading) + len(s.Text) + 20
		}
	}
	for _, t := range ix.Terms {
		terms += len(t.Text) + 20
		postings += len(t.Postings)
	}
	out := make([]byte, 0, len(Magic)+len(ix.Lang)+docs+terms+postings+4096)
	out = append(out, Magic...)
	out = appendUvarint(out, Version)
	out = appendString(out, ix.Lang)

	b := make([]byte, 0, max(docs, terms, postings))
	b = appendUvarint(b, uint64(len(ix.Docs)))
	for _, d := range ix.Docs {
		b = appendString(b, d.URL)
		b = appendString(b, d.Title)
		b = appendString(b, d.Kind)
		b = appendUvarint(b, uint64(d.TitleLen))
		b = appendUvarint(b, uint64(d.TopicLen))
		b = appendUvarint(b, uint64(len(d.Sections)))
		for _, s := range d.Sections {
			b = appendString(b, s.Anchor)
			b = appendString(b, s.Heading)
			b = appendUvarint(b, uint64(s.HeadingLen))
			b = appendUvarint(b, uint64(s.BodyLen))
		}
	}
	out = appendBlock(out, tagDocs, b)

	b = appendUvarint(b[:0], uint64(len(ix.Terms)))
	prev := ""
	for _, t := range ix.Terms {
		shared := commonPrefix(prev, t.Text)
		b = appendUvarint(b, uint64(shared))
		b = appendString(b, t.Text[shared:])
		b = appendUvarint(b, uint64(t.DF))
		b = appendUvarint(b, uint64(len(t.Postings)))
		prev = t.Text
	}
	out = appendBlock(out, tagTerms, b)

	b = b[:0]
	for _, t := range ix.Terms {
		b = append(b, t.Postings...)
	}
	out = appendBlock(out, tagPostings, b)

	b = appendUvarint(b[:0], uint64(len(ix.Synonyms)))
	for _, s := range ix.Synonyms {
		b = appendPhrase(b, s.From)
		b = appendUvarint(b, uint64(len(s.To)))
		for _, p := range s.To {
			b = appendPhrase(b, p)
		}
	}
	out = appendBlock(out, tagSynonyms, b)

	// The section texts last, so that a browser can search before they
	// arrive (SplitTexts).
	b = b[:0]
	for _, d := range ix.Docs {
		for _, s := range d.Sections {
			b = appendString(b, s.Text)
		}
	}
	out = appendBlock(out, tagTexts, b)
	return out, nil
}

// AppendPostings appends the encoding of ps, which must be sorted by Doc
// with each Posting's Hits sorted by section and field, to dst.
func AppendPostings(dst []byte, ps []Posting) []byte {
	prevDoc := 0
	for _, p := range ps {
		dst = appendUvarint(dst, uint64(p.Doc-prevDoc))
		prevDoc = p.Doc
		dst = appendUvarint(dst, uint64(len(p.Hits)))
		prevSection := 0
		for _, h := range p.Hits {
			head := uint64(h.Section-prevSection)<<3 | uint64(h.Field)<<1
			prevSection = h.Section
			if h.TF > 1 {
				dst = appendUvarint(dst, head|1)
				dst = appendUvarint(dst, uint64(h.TF-2))
			} else {
				dst = appendUvarint(dst, head)
			}
		}
	}
	return dst
}

func appendBlock(dst []byte, tag byte, payload []byte) []byte {
	dst = append(dst, tag)
	dst = appendUvarint(dst, uint64(len(payload)))
	return append(dst, payload...)
}

func appendUvarint(b []byte, v uint64) []byte {
	for v >= 0x80 {
		b = append(b, byte(v)|0x80)
		v >>= 7
	}
	return append(b, byte(v))
}

func appendString(b []byte, s string) []byte {
	b = appendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

func appendPhrase(b []byte, p []string) []byte {
	b = appendUvarint(b, uint64(len(p)))
	for _, t := range p {
		b = appendString(b, t)
	}
	return b
}

// commonPrefix returns the length in bytes of the longest common prefix of
// a and b.
func commonPrefix(a, b string) int {
	n := min(len(a), len(b))
	for i := 0; i < n; i++ {
		if a[i] != b[i] {
			return i
		}
	}
	return n
}
