// Package indexer turns one language's pages into a search index file. It
// takes its own Document type, never the generator's pages, so the search
// packages stand alone and the generator only has to fill in a few fields.
//
//	docs := []indexer.Document{{URL: "guides/evidence/", Title: "Keep evidence", Kind: "guide",
//		Sections: []indexer.Section{{Text: "Save it first."}, {Anchor: "screenshots", Heading: "Screenshots", Text: "…"}}}}
//	idx, err := indexer.Build("en", docs, syn)
//
// The bytes are those of search/index (FORMAT.md); the same documents and
// synonyms give the same bytes in any order.
package indexer

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"mehfooz/search/analysis"
	"mehfooz/search/index"
)

// Document is one page to index.
type Document struct {
	// URL is relative to the language's root: "guides/evidence/", or "" for
	// the language's home page. Results link to URL + "#" + anchor.
	URL string
	// Title is the page title, the strongest field.
	Title string
	// Kind is the page kind ("guide", "platform", …), passed to results.
	Kind string
	// Topics are the page's topics; they are indexed, not shown.
	Topics []string
	// Keywords are indexed as if they were part of the title, but not
	// shown: words that name the page as well as its title does, such as
	// its slug ("intimate images" for "My intimate pictures were shared").
	Keywords []string
	// Sections are the page in order: the intro (Anchor "") before the
	// first heading, then one per heading that has an id.
	Sections []Section
}

// Section is a part of a page under one heading.
type Section struct {
	// Anchor is the heading id, or "" for the intro.
	Anchor string
	// Heading is the heading as plain text.
	Heading string
	// Text is the section's plain text: paragraphs, list items, table
	// cells, separated by spaces or newlines; no markup.
	Text string
}

// DefaultSnippetRunes is how much of each section's text the index keeps
// for snippets, unless WithSnippetRunes says otherwise.
const DefaultSnippetRunes = 240

type config struct {
	snippetRunes int
}

// Option configures Build.
type Option func(*config)

// WithSnippetRunes keeps about n runes of each section's text for
// snippets (at least 40). More makes better snippets and a bigger index.
func WithSnippetRunes(n int) Option {
	return func(c *config) { c.snippetRunes = max(n, 40) }
}

// Build returns the index file for the pages of one language. syn may be
// nil. Documents are sorted by URL; duplicate URLs are an error.
func Build(lang string, docs []Document, syn *analysis.Synonyms, opts ...Option) ([]byte, error) {
	ix, err := Index(lang, docs, syn, opts...)
	if err != nil {
		return nil, err
	}
	return index.Encode(ix)
}

// Index is Build without the encoding: it returns the index value.
func Index(lang string, docs []Document, syn *analysis.Synonyms, opts ...Option) (*index.Index, error) {
	cfg := config{snippetRunes: DefaultSnippetRunes}
	for _, o := range opts {
		o(&cfg)
	}
	if lang == "" {
		return nil, errors.New("search build: no language code")
	}
	docs = slices.Clone(docs)
	slices.SortStableFunc(docs, func(a, b Document) int { return strings.Compare(a.URL, b.URL) })
	for i := 1; i < len(docs); i++ {
		if docs[i].URL == docs[i-1].URL {
			return nil, errors.New("search build: two documents have the URL " + strconv.Quote(docs[i].URL))
		}
	}

	ix := &index.Index{Lang: lang, Docs: make([]index.Doc, len(docs))}
	// Postings are encoded as each document is read (documents come in
	// order, so each term's list only grows at its end): a few bytes per
	// posting instead of a struct and a slice, which at 5,000 pages is the
	// difference between tens and hundreds of megabytes.
	postings := make(map[string]*termList)
	hits := make(map[string][]index.Hit) // this document's, by term
	var memo analysis.Memo
	var toks []analysis.Token
	for n, d := range docs {
		clear(hits)
		add := func(text string, section int, f index.Field) int {
			terms := 0
			toks = memo.AppendTokens(toks[:0], text)
			for _, tok := range toks {
				if tok.Term == "" {
					continue
				}
				// Within one call section and field stay the same, so a
				// repeated term counts on its last hit.
				hs := hits[tok.Term]
				if k := len(hs) - 1; k >= 0 && hs[k].Section == section && hs[k].Field == f {
					hs[k].TF++
				} else {
					hits[tok.Term] = append(hs, index.Hit{Section: section, Field: f, TF: 1})
				}
				terms++
			}
			return terms
		}
		out := &ix.Docs[n]
		out.URL, out.Title, out.Kind = clean(d.URL), clean(d.Title), clean(d.Kind)
		out.TitleLen = add(d.Title, 0, index.FieldTitle) + add(strings.Join(d.Keywords, " "), 0, index.FieldTitle)
		out.TopicLen = add(strings.Join(d.Topics, " "), 0, index.FieldTopic)
		sections := d.Sections
		if len(sections) == 0 {
			sections = []Section{{}}
		}
		out.Sections = make([]index.Section, len(sections))
		for i, s := range sections {
			out.Sections[i] = index.Section{
				Anchor:     clean(s.Anchor),
				Heading:    clean(collapseSpace(s.Heading)),
				Text:       snippet(clean(s.Text), cfg.snippetRunes),
				HeadingLen: add(s.Heading, i, index.FieldHeading),
				BodyLen:    add(s.Text, i, index.FieldBody),
			}
		}
		// Each term's list is encoded apart, so terms may come in any order.
		for term, hs := range hits {
			sortHits(hs)
			tl := postings[term]
			if tl == nil {
				tl = &termList{}
				postings[term] = tl
			}
			// AppendPostings deltas from 0: give it the gap from the last document.
			tl.buf = index.AppendPostings(tl.buf, []index.Posting{{Doc: n - tl.last, Hits: hs}})
			tl.last, tl.df = n, tl.df+1
		}
	}

	ix.Terms = make([]index.Term, 0, len(postings))
	for t, tl := range postings {
		ix.Terms = append(ix.Terms, index.Term{Text: t, DF: tl.df, Postings: string(tl.buf)})
		tl.buf = nil // copied: at 5,000 pages a language's postings are 28 MB
	}
	slices.SortFunc(ix.Terms, func(a, b index.Term) int { return strings.Compare(a.Text, b.Text) })
	ix.Synonyms = prune(syn, postings)
	return ix, nil
}

// termList is one term's postings, encoded so far.
type termList struct {
	buf  []byte
	last int // the last document added
	df   int
}

// sortHits puts one term's hits in section and field order. They come
// nearly sorted (only the topics, read right after the title, are out of
// place), so an insertion sort does it in a pass.
func sortHits(hs []index.Hit) {
	for i := 1; i < len(hs); i++ {
		for j := i; j > 0 && hitLess(hs[j], hs[j-1]); j-- {
			hs[j], hs[j-1] = hs[j-1], hs[j]
		}
	}
}

func hitLess(a, b index.Hit) bool {
	if a.Section != b.Section {
		return a.Section < b.Section
	}
	return a.Field < b.Field
}

// prune keeps the synonym alternatives whose terms are all in the index:
// the others can never match here.
func prune(syn *analysis.Synonyms, postings map[string]*termList) []index.Synonym {
	var out []index.Synonym
	for _, e := range syn.Entries() {
		var to [][]string
		for _, p := range e.To {
			if !slices.ContainsFunc(p, func(t string) bool { return postings[t] == nil }) {
				to = append(to, p)
			}
		}
		if len(to) > 0 {
			out = append(out, index.Synonym{From: e.From, To: to})
		}
	}
	return out
}

// clean replaces invalid UTF-8, which the index format forbids.
func clean(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}

func collapseSpace(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// collapsePrefix returns the start of collapseSpace(s), at least limit
// runes of it when it has that many: a snippet needs the start of a
// section, not all of it collapsed.
func collapsePrefix(s string, limit int) string {
	var b strings.Builder
	runes := 0
	space := false // whitespace since the last word
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			space = b.Len() > 0
			i += size
			continue
		}
		if runes >= limit {
			break
		}
		if space {
			b.WriteByte(' ')
			runes++
			space = false
		}
		b.WriteString(s[i : i+size]) // as written, even an invalid byte
		runes++
		i += size
	}
	return b.String()
}

// snippet returns about n runes of text from its start, whitespace
// collapsed, cut after a word and ended with "…" when shortened.
func snippet(text string, n int) string {
	return cutSnippet(collapsePrefix(text, n+1), n)
}

// cutSnippet cuts collapsed text to about n runes.
func cutSnippet(text string, n int) string {
	if utf8.RuneCountInString(text) <= n {
		return text
	}
	cut := 0
	for i := range text {
		if n == 0 {
			cut = i
			break
		}
		n--
	}
	if sp := strings.LastIndexByte(text[:cut], ' '); sp > cut*3/4 {
		cut = sp
	}
	return strings.TrimRight(text[:cut], " ,;:-–—،؛") + "…"
}
