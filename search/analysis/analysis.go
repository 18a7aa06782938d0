// Package analysis turns text into search terms. It is the only normaliser of
// Mehfooz search: the index builder (search/indexer) and the browser module
// (search/wasm, through search/query) both link it, so a query is analysed
// exactly as the pages were.
//
// One analyser serves every language, because pages and queries mix scripts:
// an Urdu page names "Facebook" and "PECA", an English reader types
// "shikayat". Each word is handled by its script:
//
//   - Latin words are lower-cased and folded to ASCII (é → e, ß → ss), English
//     and Roman Urdu stop words are dropped, and the rest are stemmed with the
//     Snowball English stemmer. Roman Urdu words ("dhamki") stay words; they
//     find English and Urdu pages through the synonyms file.
//   - Arabic-script words are folded to one spelling per Urdu letter (see
//     Fold), lose their diacritics and tatweel, and Urdu stop words are
//     dropped. There is no Urdu stemmer; prefix and typo matching at query
//     time cover most inflection.
//   - Urdu (۰–۹), Arabic-Indic (٠–٩) and full-width digits become ASCII.
//
// Words break at spaces, punctuation, symbols and the zero-width non-joiner
// (which Urdu writers put where a compound could be written with a space),
// and where Latin letters meet Arabic letters. The zero-width joiner, bidi
// controls, soft hyphens and variation selectors are ignored.
//
// Everything here is a pure function of its input and uses only the standard
// library and the Snowball stemmer, so the package compiles small for
// js/wasm: no unicode tables, no fmt, no regexp.
package analysis

// MaxWordRunes is the longest word, in runes after folding, that becomes a
// token. Longer runs of letters are link addresses, hashes or noise.
const MaxWordRunes = 40

// Token is one word of a text.
type Token struct {
	// Start and End are the byte offsets of the word in the analysed text,
	// End exclusive; text[Start:End] is the word as written.
	Start, End int
	// Word is the folded word: lower-case, Urdu letters folded, digits ASCII,
	// marks removed, not stemmed.
	Word string
	// Term is what the index stores for the word: Word stemmed, or "" for a
	// stop word.
	Term string
}

// Tokenize splits text into tokens, stop words included (their Term is "").
func Tokenize(text string) []Token {
	return AppendTokens(nil, text)
}

// Terms returns the index terms of text in order, without stop words.
func Terms(text string) []string {
	var terms []string
	for _, t := range Tokenize(text) {
		if t.Term != "" {
			terms = append(terms, t.Term)
		}
	}
	return terms
}

// Term returns the index term for one already-folded word (a Token's Word),
// or "" if it is a stop word.
func Term(word string) string {
	return termOf(word, scriptOfWord(word))
}
