package index

import (
	"strconv"
	"unicode/utf8"
)

// Error is a problem with the bytes of an index or with an Index value.
type Error struct {
	// Offset is the byte offset where the problem was found, or -1 for a
	// problem with an Index value.
	Offset int
	Msg    string
}

func (e *Error) Error() string {
	if e.Offset < 0 {
		return "search index: " + e.Msg
	}
	return "search index: byte " + strconv.Itoa(e.Offset) + ": " + e.Msg
}

// VersionError is returned by Decode for an index of another layout version.
type VersionError struct {
	Got uint64
}

func (e *VersionError) Error() string {
	return "search index: layout version " + strconv.FormatUint(e.Got, 10) +
		" is not supported (this reader reads version " + strconv.Itoa(Version) +
		"); rebuild the site and its search module together"
}

// maxCount bounds every length and count in a file, so that arithmetic on
// them cannot overflow an int on any platform.
const maxCount = 1<<31 - 1

// Decode parses and validates an index file, with or without its section
// texts (SplitTexts; without them every Section.Text is ""). It never
// panics: any bytes
// either decode to an Index that satisfies Validate or give an error. The
// strings of the Index share one copy of b, which the caller may reuse.
func Decode(b []byte) (*Index, error) {
	src := string(b)
	if len(src) < len(Magic) || src[:len(Magic)] != Magic {
		return nil, &Error{0, "not a search index of this format (it does not start with \"" + Magic + "\")"}
	}
	d := &decoder{s: src, off: len(Magic)}
	if v := d.uvarint(); d.err == nil && v != Version {
		return nil, &VersionError{Got: v}
	}
	ix := &Index{Lang: d.str()}
	sub := d.block(tagDocs)
	ix.Docs = sub.docs()
	d.end(sub)
	sub = d.block(tagTerms)
	lens := sub.terms(ix)
	d.end(sub)
	sub = d.block(tagPostings)
	for i, n := range lens {
		ix.Terms[i].Postings = sub.bytes(n)
	}
	d.end(sub)
	sub = d.block(tagSynonyms)
	ix.Synonyms = sub.synonyms()
	d.end(sub)
	if d.err == nil && d.left() != 0 {
		texts := d.texts(ix.Docs)
		if d.err == nil && d.left() != 0 {
			d.fail("unexpected bytes after the last block")
		}
		if d.err == nil {
			setTexts(ix.Docs, texts)
		}
	}
	if d.err != nil {
		return nil, d.err
	}
	if err := ix.validate(false); err != nil { // the decoder checked UTF-8
		return nil, err
	}
	return ix, nil
}

// Smallest encodings, to bound counts by the bytes left before allocating.
const (
	minDocBytes     = 10 // 3 empty strings, 2 lengths, a section count, a section
	minSectionBytes = 4  // 2 empty strings, 2 lengths
	minTermBytes    = 4  // shared, suffix length, df, postings length
	minPhraseBytes  = 1  // a term count
)

func (d *decoder) docs() []Doc {
	docs := make([]Doc, d.count(d.left()/minDocBytes, "document count"))
	for i := range docs {
		if d.err != nil {
			return nil
		}
		doc := &docs[i]
		doc.URL = d.str()
		doc.Title = d.str()
		doc.Kind = d.str()
		doc.TitleLen = d.count(maxCount, "title length")
		doc.TopicLen = d.count(maxCount, "topic length")
		doc.Sections = make([]Section, d.count(d.left()/minSectionBytes, "section count"))
		for j := range doc.Sections {
			s := &doc.Sections[j]
			s.Anchor = d.str()
			s.Heading = d.str()
			s.HeadingLen = d.count(maxCount, "heading length")
			s.BodyLen = d.count(maxCount, "body length")
		}
	}
	return docs
}

// terms reads the dictionary into ix.Terms and returns the length of each
// term's postings.
func (d *decoder) terms(ix *Index) []int {
	n := d.count(d.left()/minTermBytes, "term count")
	ends := make([]int, n)
	lens := make([]int, n)
	ix.Terms = make([]Term, n)
	var buf []byte
	prev := 0 // start of the previous term in buf
	for i := 0; i < n && d.err == nil; i++ {
		shared := d.count(len(buf)-prev, "shared prefix length")
		at := d.off
		suffix := d.bytes(d.count(d.left(), "suffix length"))
		start := len(buf)
		buf = append(buf, buf[prev:prev+shared]...)
		buf = append(buf, suffix...)
		if d.err == nil && !utf8.Valid(buf[start:]) {
			d.off = at
			d.fail("term is not valid UTF-8")
		}
		prev = start
		ends[i] = len(buf)
		ix.Terms[i].DF = d.count(maxCount, "document frequency")
		lens[i] = d.count(maxCount, "postings length")
	}
	if d.err != nil {
		ix.Terms = nil
		return nil
	}
	all := string(buf)
	start := 0
	for i := range ix.Terms {
		ix.Terms[i].Text = all[start:ends[i]]
		start = ends[i]
	}
	return lens
}

func (d *decoder) synonyms() []Synonym {
	syn := make([]Synonym, d.count(d.left()/(2*minPhraseBytes), "synonym count"))
	for i := range syn {
		if d.err != nil {
			return nil
		}
		syn[i].From = d.phrase()
		syn[i].To = make([][]string, d.count(d.left()/minPhraseBytes, "phrase count"))
		for j := range syn[i].To {
			syn[i].To[j] = d.phrase()
		}
	}
	return syn
}

func (d *decoder) phrase() []string {
	p := make([]string, d.count(d.left(), "phrase length"))
	for i := range p {
		p[i] = d.str()
	}
	return p
}

// decoder reads varints and strings from s, remembering the first error.
type decoder struct {
	s   string
	off int
	err error
}

func (d *decoder) fail(msg string) {
	if d.err == nil {
		d.err = &Error{d.off, msg}
	}
}

func (d *decoder) uvarint() uint64 {
	var v uint64
	for shift := uint(0); ; shift += 7 {
		if d.err != nil {
			return 0
		}
		if d.off >= len(d.s) {
			d.fail("unexpected end of data")
			return 0
		}
		c := d.s[d.off]
		d.off++
		if shift == 63 && c > 1 {
			d.fail("varint overflows 64 bits")
			return 0
		}
		v |= uint64(c&0x7F) << shift
		if c < 0x80 {
			return v
		}
	}
}

// count reads a uvarint that must be at most limit.
func (d *decoder) count(limit int, what string) int {
	at := d.off
	v := d.uvarint()
	if d.err == nil && v > uint64(limit) {
		d.off = at
		d.fail(what + " " + strconv.FormatUint(v, 10) + " is too large")
		return 0
	}
	return int(v)
}

// left returns the number of unread bytes.
func (d *decoder) left() int { return len(d.s) - d.off }

func (d *decoder) bytes(n int) string {
	if d.err != nil {
		return ""
	}
	if n > d.left() {
		d.fail("unexpected end of data")
		return ""
	}
	s := d.s[d.off : d.off+n]
	d.off += n
	return s
}

func (d *decoder) str() string {
	n := d.count(d.left(), "string length")
	at := d.off
	s := d.bytes(n)
	if d.err == nil && !utf8.ValidString(s) {
		d.off = at
		d.fail("string is not valid UTF-8")
	}
	return s
}

// block reads a block header with the given tag and returns a decoder over
// its payload, which starts at the same offset in the file.
func (d *decoder) block(tag byte) *decoder {
	if d.err == nil {
		if d.left() == 0 || d.s[d.off] != tag {
			d.fail("missing block '" + string(rune(tag)) + "'")
		} else {
			d.off++
		}
	}
	n := d.count(maxCount, "block length")
	if d.err == nil && n > d.left() {
		d.fail("block '" + string(rune(tag)) + "' is cut short: " + strconv.Itoa(n) +
			" bytes declared, " + strconv.Itoa(d.left()) + " left (an incomplete download?)")
	}
	if d.err != nil {
		return &decoder{s: d.s, off: len(d.s), err: d.err}
	}
	start := d.off
	d.off += n
	return &decoder{s: d.s[:start+n], off: start}
}

// end checks that sub consumed its block and passes its error on.
func (d *decoder) end(sub *decoder) {
	if sub.err == nil && sub.left() != 0 {
		sub.fail("block has " + strconv.Itoa(sub.left()) + " unread bytes")
	}
	if d.err == nil {
		d.err = sub.err
	}
}

// SplitTexts splits an index file as Encode writes it into the index a
// query needs and its section texts, which only snippets need: a browser
// fetches the first, answers, and fetches the second after (DecodeTexts).
// Decode reads the two joined again as one file. texts is empty for a file
// without them.
func SplitTexts(b []byte) (core, texts []byte, err error) {
	src := string(b)
	if len(src) < len(Magic) || src[:len(Magic)] != Magic {
		return nil, nil, &Error{0, "not a search index of this format (it does not start with \"" + Magic + "\")"}
	}
	d := &decoder{s: src, off: len(Magic)}
	if v := d.uvarint(); d.err == nil && v != Version {
		return nil, nil, &VersionError{Got: v}
	}
	d.str()
	for _, tag := range []byte{tagDocs, tagTerms, tagPostings, tagSynonyms} {
		sub := d.block(tag)
		sub.off = len(sub.s)
		d.end(sub)
	}
	if d.err != nil {
		return nil, nil, d.err
	}
	return b[:d.off], b[d.off:], nil
}

// DecodeTexts reads the section texts SplitTexts cut from ix's file into
// ix. They must be of the same file: one text for each section of each
// document. On an error ix is unchanged.
func DecodeTexts(ix *Index, b []byte) error {
	d := &decoder{s: string(b)}
	texts := d.texts(ix.Docs)
	if d.err == nil && d.left() != 0 {
		d.fail("unexpected bytes after the section texts")
	}
	if d.err != nil {
		return d.err
	}
	setTexts(ix.Docs, texts)
	return nil
}

// texts reads an X block: one string per section of docs, in order.
func (d *decoder) texts(docs []Doc) []string {
	sub := d.block(tagTexts)
	n := 0
	for _, doc := range docs {
		n += len(doc.Sections)
	}
	var texts []string
	if n > sub.left() { // every string takes at least a byte
		sub.fail("fewer section texts than sections")
	} else {
		texts = make([]string, n)
		for i := range texts {
			texts[i] = sub.str()
		}
		if sub.err == nil && sub.left() != 0 {
			sub.fail("more section texts than sections")
		}
	}
	d.end(sub)
	if d.err != nil {
		return nil
	}
	return texts
}

func setTexts(docs []Doc, texts []string) {
	for i := range docs {
		for j := range docs[i].Sections {
			docs[i].Sections[j].Text, texts = texts[0], texts[1:]
		}
	}
}
