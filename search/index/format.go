// Package index defines the search index file of one language: its types,
// Encode and Decode. FORMAT.md beside this file specifies the bytes; the
// builder (search/indexer) writes them and the query engine (search/query)
// reads them, in Go natively and in the browser's WebAssembly module.
//
// The package knows nothing about analysis or ranking: terms are opaque
// strings and a Term's postings are bytes written by AppendPostings and
// read with a PostingsReader.
package index

// Magic opens every index file.
const Magic = "MHFZ"

// Version is the layout version this package reads and writes. A layout
// change bumps it together with FORMAT.md and testdata/tiny.idx.
const Version = 2

// Field is the part of a page a term occurs in.
type Field uint8

// The fields, in the order they sort within a section.
const (
	FieldTitle   Field = iota // the page title; always section 0
	FieldHeading              // a section heading
	FieldBody                 // a section's text
	FieldTopic                // the page's topics; always section 0
	NumFields    = 4
)

// Index is one language's index, decoded.
type Index struct {
	// Lang is the language code of the pages ("en", "ur").
	Lang string
	// Docs are the pages; postings refer to them by position.
	Docs []Doc
	// Terms are sorted by Text in byte order, without repeats.
	Terms []Term
	// Synonyms are sorted by From, without repeats.
	Synonyms []Synonym
}

// Doc is one page.
type Doc struct {
	// URL is relative to the language's root, like "guides/evidence/".
	URL   string
	Title string
	// Kind is the page kind ("guide", "platform", …).
	Kind string
	// TitleLen and TopicLen count the terms in the title (with the
	// keywords indexed as title words, see search/indexer) and topics.
	TitleLen, TopicLen int
	// Sections has at least one entry; title and topic hits belong to
	// section 0, which is the intro before the first heading.
	Sections []Section
}

// Section is a part of a page under one heading.
type Section struct {
	// Anchor is the heading's id, or "" for the intro.
	Anchor string
	// Heading is the heading's text ("" for the intro).
	Heading string
	// Text is the start of the section's text, for snippets.
	Text string
	// HeadingLen and BodyLen count the terms in the heading and the whole
	// section text (not only Text).
	HeadingLen, BodyLen int
}

// Term is one entry of the term dictionary.
type Term struct {
	Text string
	// DF is the number of documents in Postings.
	DF int
	// Postings is the encoded list of documents and hits (AppendPostings).
	Postings string
}

// Synonym is one analysed entry of the synonyms file: a query containing
// the terms From also looks for each phrase in To.
type Synonym struct {
	From []string
	To   [][]string
}

// Hit says that a term occurs TF times in one field of one section.
type Hit struct {
	Section int
	Field   Field
	TF      int
}

// Posting is one document in a term's postings, with its hits sorted by
// section, then field.
type Posting struct {
	Doc  int
	Hits []Hit
}
