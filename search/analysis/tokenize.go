package analysis

import (
	"unicode/utf8"

	"mehfooz/search/analysis/internal/snowball"
	"mehfooz/search/analysis/internal/snowball/english"
)

// script is the writing system of a word; digits have none.
type script uint8

const (
	scriptNone script = iota
	scriptLatin
	scriptArabic
	scriptOther
)

func scriptOfClass(c class) script {
	switch c {
	case classLatin:
		return scriptLatin
	case classArabic:
		return scriptArabic
	case classOther:
		return scriptOther
	}
	return scriptNone
}

// scriptOfWord returns the script of a folded word: that of its first
// letter, or none for a word of digits.
func scriptOfWord(w string) script {
	for _, r := range w {
		if s := scriptOfClass(classOfFolded(r)); s != scriptNone {
			return s
		}
	}
	return scriptNone
}

// classOfFolded classifies a rune of a folded word.
func classOfFolded(r rune) class {
	if r == '\'' {
		return classApos
	}
	c, _, _ := classify(r)
	return c
}

// AppendTokens appends the tokens of text to dst and returns the extended
// slice. It never fails: invalid UTF-8 and unassigned code points break
// words like punctuation.
func AppendTokens(dst []Token, text string) []Token {
	return appendTokens(dst, text, true, nil)
}

// A Memo remembers the words it has seen with their terms, so a caller
// tokenizing a whole site stems each distinct word once and allocates it
// once (a site repeats its vocabulary; stemming was a third of indexing).
// Its tokens equal AppendTokens'. The zero Memo is ready; it is not safe
// for concurrent use.
type Memo struct {
	words map[string]memoWord
}

type memoWord struct{ word, term string }

// AppendTokens is AppendTokens remembering words in m.
func (m *Memo) AppendTokens(dst []Token, text string) []Token {
	if m.words == nil {
		m.words = make(map[string]memoWord)
	}
	return appendTokens(dst, text, true, m)
}

// AppendWords is AppendTokens without terms: it splits and folds words but
// leaves Term empty, for callers that need the terms of only a few words
// (snippets), which they get with Term.
func AppendWords(dst []Token, text string) []Token {
	return appendTokens(dst, text, false, nil)
}

func appendTokens(dst []Token, text string, terms bool, memo *Memo) []Token {
	var (
		buf    []byte // the folded word so far
		start  = -1   // byte offset of the word in text, or -1
		end    int
		runes  int
		inWord script // the word's script so far
	)
	flush := func() {
		if start >= 0 && runes <= MaxWordRunes && len(buf) > 0 {
			t := Token{Start: start, End: end}
			switch {
			case memo != nil:
				// A word's letters share one script, so its term depends
				// on the word alone.
				if mw, ok := memo.words[string(buf)]; ok {
					t.Word, t.Term = mw.word, mw.term
				} else {
					t.Word = string(buf)
					t.Term = termOf(t.Word, inWord)
					memo.words[t.Word] = memoWord{t.Word, t.Term}
				}
			case terms:
				t.Word = string(buf)
				t.Term = termOf(t.Word, inWord)
			default:
				t.Word = string(buf)
			}
			dst = append(dst, t)
		}
		buf, start, runes, inWord = buf[:0], -1, 0, scriptNone
	}
	for i := 0; i < len(text); {
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		c, r1, r2 := classify(r)
		switch c {
		case classBreak:
			flush()
		case classIgnore:
		case classApos:
			// Inside a Latin word and before a Latin letter: don't, Ali's.
			if inWord == scriptLatin && i+size < len(text) {
				n, _ := utf8.DecodeRuneInString(text[i+size:])
				if nc, _, _ := classify(n); nc == classLatin {
					buf = append(buf, '\'')
					runes++
					break
				}
			}
			flush()
		default:
			s := scriptOfClass(c)
			if s != scriptNone && inWord != scriptNone && s != inWord {
				flush() // FIAکی: a new word where the script changes
			}
			if start < 0 {
				start = i
			}
			buf = appendRune(buf, r1)
			runes++
			if r2 != 0 {
				buf = appendRune(buf, r2)
				runes++
			}
			end = i + size
			if s != scriptNone {
				inWord = s
			}
		}
		i += size
	}
	flush()
	return dst
}

// termOf returns the term for folded word w of script s.
func termOf(w string, s script) string {
	switch s {
	case scriptLatin:
		return latinTerm(w)
	case scriptArabic:
		if urduStop[w] {
			return ""
		}
	}
	return w
}

// latinTerm drops stop words and stems the rest. An apostrophe is kept only
// to recognise contractions ("don't"); a possessive 's goes, and other
// apostrophes are removed ("o'clock" is "oclock").
func latinTerm(w string) string {
	if englishStop[w] {
		return ""
	}
	if hasApostrophe(w) {
		if n := len(w); n >= 2 && w[n-2:] == "'s" {
			w = w[:n-2]
		}
		w = dropApostrophes(w)
		if w == "" || englishStop[w] {
			return ""
		}
	}
	return Stem(w)
}

func hasApostrophe(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] == '\'' {
			return true
		}
	}
	return false
}

// dropApostrophes removes every apostrophe from w.
func dropApostrophes(w string) string {
	b := make([]byte, 0, len(w))
	for i := 0; i < len(w); i++ {
		if w[i] != '\'' {
			b = append(b, w[i])
		}
	}
	return string(b)
}

// Stem returns the Snowball English stem of a lower-case word.
func Stem(w string) string {
	if len(w) <= 2 {
		return w
	}
	env := snowball.NewEnv(w)
	english.Stem(env)
	return env.Current()
}
