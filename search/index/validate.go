package index

import (
	"slices"
	"strconv"
	"unicode/utf8"
)

// Validate checks the rules of the format that the bytes alone do not
// enforce: a language, at least one section per document, lengths that are
// not negative, terms sorted and unique with postings that match DF and the
// documents, synonyms sorted and unique with no empty phrase, and valid
// UTF-8 everywhere. Encode and Decode both call it, so every Index a query
// engine sees satisfies it.
func (ix *Index) Validate() error { return ix.validate(true) }

// validate is Validate; Decode passes utf8 false, because its decoder has
// checked every string as it read it, and checking again cost a slow
// phone's CPU a tenth of a second in the browser (issue 19).
func (ix *Index) validate(utf8 bool) error {
	validStrings := validStrings
	if !utf8 {
		validStrings = func(...string) bool { return true }
	}
	if ix.Lang == "" || !validStrings(ix.Lang) {
		return valueError("the language code is empty or not UTF-8")
	}
	if len(ix.Docs) > maxCount || len(ix.Terms) > maxCount {
		return valueError("too many documents or terms")
	}
	for i, d := range ix.Docs {
		at := func() string { return "document " + strconv.Itoa(i) + ": " }
		if len(d.Sections) == 0 {
			return valueError(at() + "it has no sections")
		}
		if !validStrings(d.URL, d.Title, d.Kind) || !validLens(d.TitleLen, d.TopicLen) {
			return valueError(at() + "a string is not UTF-8 or a length is out of range")
		}
		for _, s := range d.Sections {
			if !validStrings(s.Anchor, s.Heading, s.Text) || !validLens(s.HeadingLen, s.BodyLen) {
				return valueError(at() + "a section string is not UTF-8 or a length is out of range")
			}
		}
	}
	for i, t := range ix.Terms {
		if t.Text == "" || !validStrings(t.Text) {
			return valueError("term " + strconv.Itoa(i) + " is empty or not UTF-8")
		}
		at := func() string { return "term \"" + t.Text + "\": " } // only on error
		if i > 0 && ix.Terms[i-1].Text >= t.Text {
			return valueError(at() + "terms are not sorted or repeat")
		}
		df, err := checkPostings(t.Postings, ix.Docs, nil)
		if err != nil {
			return valueError(at() + err.(*Error).Msg)
		}
		if df != t.DF || df == 0 {
			return valueError(at() + "document frequency " + strconv.Itoa(t.DF) +
				" but the postings list " + strconv.Itoa(df) + " documents")
		}
	}
	for i, s := range ix.Synonyms {
		at := func() string { return "synonym " + strconv.Itoa(i) + ": " }
		if !validPhrase(s.From, validStrings) || len(s.To) == 0 {
			return valueError(at() + "an empty phrase, term or list")
		}
		for _, p := range s.To {
			if !validPhrase(p, validStrings) {
				return valueError(at() + "an empty phrase or term")
			}
		}
		if i > 0 && slices.Compare(ix.Synonyms[i-1].From, s.From) >= 0 {
			return valueError(at() + "synonyms are not sorted or repeat")
		}
	}
	return nil
}

func validStrings(ss ...string) bool {
	for _, s := range ss {
		if !utf8.ValidString(s) {
			return false
		}
	}
	return true
}

func validLens(ns ...int) bool {
	for _, n := range ns {
		if n < 0 || n > maxCount {
			return false
		}
	}
	return true
}

func validPhrase(p []string, valid func(...string) bool) bool {
	if len(p) == 0 {
		return false
	}
	for _, t := range p {
		if t == "" || !valid(t) {
			return false
		}
	}
	return true
}
