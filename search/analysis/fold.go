package analysis

// class says what the tokenizer does with a rune.
type class uint8

const (
	classBreak  class = iota // ends a word
	classIgnore              // dropped; a word goes on across it
	classApos                // an apostrophe: kept inside Latin words only
	classDigit               // a digit of any script, folded to ASCII
	classLatin               // a Latin letter, folded to lower-case ASCII
	classArabic              // an Arabic-script letter, folded to Urdu
	classOther               // a letter of another script, kept as is
)

// Letters of the folded Urdu alphabet that several forms map to.
const (
	alef     = 'ا' // U+0627
	waw      = 'و' // U+0648
	noon     = 'ن' // U+0646
	lam      = 'ل' // U+0644
	kehehKaf = 'ک' // U+06A9
	hehGoal  = 'ہ' // U+06C1
	farsiYeh = 'ی' // U+06CC
)

// classify returns the class of r and what it folds to: one rune, or two
// when the second is not zero (æ → a e, ﻻ → ل ا).
//
// The Urdu folding, which Fold documents, is the heart of it: it lets a
// query typed on an Arabic keyboard, or text copied from a PDF in
// presentation forms, meet the Urdu the pages are written in.
func classify(r rune) (c class, r1, r2 rune) {
	if r < 0x80 {
		switch {
		case 'a' <= r && r <= 'z', '0' <= r && r <= '9':
			if r <= '9' {
				return classDigit, r, 0
			}
			return classLatin, r, 0
		case 'A' <= r && r <= 'Z':
			return classLatin, r + ('a' - 'A'), 0
		case r == '\'':
			return classApos, r, 0
		}
		return classBreak, 0, 0
	}
	switch {
	case r < 0xC0:
		switch r {
		case 0xAA: // ª
			return classLatin, 'a', 0
		case 0xBA: // º
			return classLatin, 'o', 0
		case 0xAD: // soft hyphen
			return classIgnore, 0, 0
		}
		return classBreak, 0, 0
	case r < 0x180:
		return foldLatin(r)
	case r < 0x250:
		return classLatin, r, 0 // Latin Extended-B: kept, not folded
	case r < 0x300:
		return classOther, r, 0 // IPA, spacing modifiers
	case r < 0x370:
		return classIgnore, 0, 0 // combining diacritics (é written e + ◌́)
	case r < 0x600:
		if 0x591 <= r && r <= 0x5C7 { // Hebrew points
			return classIgnore, 0, 0
		}
		return classOther, r, 0 // Greek, Cyrillic, Armenian, Hebrew
	case r < 0x700:
		return foldArabic(r)
	case r < 0x750:
		return classOther, r, 0 // Syriac
	case r < 0x780:
		return classArabic, r, 0 // Arabic Supplement
	case r < 0x8A0:
		return classOther, r, 0
	case r < 0x900:
		if r >= 0x8CA { // Arabic Extended-A marks
			return classIgnore, 0, 0
		}
		return classArabic, r, 0
	case r < 0x2000:
		switch {
		case 0x1AB0 <= r && r < 0x1B00, 0x1DC0 <= r && r < 0x1E00:
			return classIgnore, 0, 0
		case 0x1E00 <= r && r < 0x1F00:
			return classLatin, r, 0 // Latin Extended Additional
		}
		return classOther, r, 0 // Indic and other scripts
	case r < 0x2070:
		switch {
		case r == 0x200C: // zero-width non-joiner: a word boundary in Urdu
			return classBreak, 0, 0
		case r == 0x2019, r == 0x2018:
			return classApos, '\'', 0
		case r == 0x200D, r == 0x200E, r == 0x200F, // ZWJ, LRM, RLM
			0x202A <= r && r <= 0x202E, // bidi embeddings
			0x2060 <= r && r <= 0x2064, // word joiner, invisible operators
			0x2066 <= r && r <= 0x2069: // bidi isolates
			return classIgnore, 0, 0
		}
		return classBreak, 0, 0 // spaces, dashes, quotes, general punctuation
	case r < 0x2C00:
		return classBreak, 0, 0 // symbols, arrows, box drawing, dingbats
	case r < 0x2E00:
		return classOther, r, 0
	case r < 0x3040:
		return classBreak, 0, 0 // supplemental and CJK punctuation
	case r < 0xD800:
		return classOther, r, 0
	case r < 0xF900:
		return classBreak, 0, 0 // surrogates, private use
	case r < 0xFB50:
		return classOther, r, 0 // CJK compatibility, Latin and Hebrew ligatures
	case r < 0xFE00:
		return foldPresentationA(r)
	case r < 0xFE10:
		return classIgnore, 0, 0 // variation selectors
	case r < 0xFE70:
		if 0xFE20 <= r && r < 0xFE30 { // combining half marks
			return classIgnore, 0, 0
		}
		return classBreak, 0, 0
	case r < 0xFF00:
		return foldPresentationB(r)
	case r < 0xFFF0:
		switch {
		case 0xFF10 <= r && r <= 0xFF19:
			return classDigit, r - 0xFF10 + '0', 0
		case 0xFF21 <= r && r <= 0xFF3A:
			return classLatin, r - 0xFF21 + 'a', 0
		case 0xFF41 <= r && r <= 0xFF5A:
			return classLatin, r - 0xFF41 + 'a', 0
		case 0xFF66 <= r && r <= 0xFFDC:
			return classOther, r, 0 // half-width kana and hangul
		}
		return classBreak, 0, 0
	case r < 0x10000:
		return classBreak, 0, 0
	case 0x1F000 <= r && r < 0x1FC00:
		return classBreak, 0, 0 // emoji and pictographs
	case 0xE0000 <= r && r < 0xE1000:
		return classIgnore, 0, 0 // tags, variation selectors supplement
	case r > 0x10FFFF, 0xF0000 <= r:
		return classBreak, 0, 0
	}
	return classOther, r, 0
}

// latinFold maps U+00C0–U+017F to lower-case ASCII; ' ' is not a letter
// (× ÷) and '*' is a letter that folds to two (Æ ß Þ Ĳ Œ).
const latinFold = "aaaaaa*ceeeeiiiidnooooo ouuuuy**aaaaaa*ceeeeiiiidnooooo ouuuuy*y" +
	"aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii**jjkkkllllllllllnnnnnnnnnoooooo**rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs"

func foldLatin(r rune) (class, rune, rune) {
	switch b := latinFold[r-0xC0]; b {
	case ' ':
		return classBreak, 0, 0
	case '*':
		switch r {
		case 0xC6, 0xE6: // Æ æ
			return classLatin, 'a', 'e'
		case 0xDE, 0xFE: // Þ þ
			return classLatin, 't', 'h'
		case 0xDF: // ß
			return classLatin, 's', 's'
		case 0x132, 0x133: // Ĳ ĳ
			return classLatin, 'i', 'j'
		}
		return classLatin, 'o', 'e' // Œ œ
	default:
		return classLatin, rune(b), 0
	}
}

// Fold returns word with every rune folded as the tokenizer folds it and
// ignorable runes removed; it does not split, stem or drop stop words.
//
// For Arabic script the folding is:
//
//	ي ى ې ۍ ئ ے ۓ ؠ → ی   (Arabic yeh, alef maksura, yeh barree, yeh with hamza)
//	ك ڪ             → ک   (Arabic kaf)
//	ه ھ ة ۃ ۀ ۂ ە   → ہ   (Arabic heh, do-chashmi heh, teh marbuta)
//	آ أ إ ٱ ٲ ٳ     → ا   (madda and hamza on alef)
//	ؤ ٶ             → و
//	ں               → ن   (noon ghunna)
//	Sindhi and Pashto letters → the Urdu letters typed for them (regional)
//	ء, harakat, ٰ, Quranic marks, tatweel → removed
//	presentation forms (ﻙ ﮐ ﻻ …) → their letters, then as above
//
// Arabic keyboards have only ه, and no rule can tell an aspirate from a
// heh in text typed with it (کہ "that" and کھ are both کە), so do-chashmi
// heh folds together with heh; likewise ے and ں, which Arabic keyboards
// lack, fold into ی and ن. Folding costs a little precision between words
// that differ only in those letters and buys recall for everyone who
// types Urdu on a phone.
func Fold(word string) string {
	buf := make([]byte, 0, len(word))
	for _, r := range word {
		c, r1, r2 := classify(r)
		switch c {
		case classIgnore:
			continue
		case classBreak:
			r1, r2 = r, 0
		}
		buf = appendRune(buf, r1)
		if r2 != 0 {
			buf = appendRune(buf, r2)
		}
	}
	return string(buf)
}

// foldArabic handles U+0600–U+06FF.
func foldArabic(r rune) (class, rune, rune) {
	switch {
	case r <= 0x605, r == 0x61C, r == 0x6DD: // number signs, ALM, end of ayah
		return classIgnore, 0, 0
	case r <= 0x60F, 0x61B <= r && r <= 0x61F && r != 0x61C:
		return classBreak, 0, 0 // ، ؛ ؟ and other signs
	case r <= 0x61A, 0x64B <= r && r <= 0x65F, r == 0x670,
		0x6D6 <= r && r <= 0x6DC, 0x6DF <= r && r <= 0x6E8, 0x6EA <= r && r <= 0x6ED:
		return classIgnore, 0, 0 // harakat, superscript alef, Quranic marks
	case r == 0x640: // tatweel
		return classIgnore, 0, 0
	case 0x660 <= r && r <= 0x669:
		return classDigit, r - 0x660 + '0', 0
	case 0x6F0 <= r && r <= 0x6F9:
		return classDigit, r - 0x6F0 + '0', 0
	case 0x66A <= r && r <= 0x66D, r == 0x6D4, r == 0x6DE, r == 0x6E9, r == 0x6FD, r == 0x6FE:
		return classBreak, 0, 0 // ٪ ٫ ٬ ٭ ۔ ۞ ۩ and signs
	}
	switch r {
	case 0x621: // ء standing alone
		return classIgnore, 0, 0
	case 0x622, 0x623, 0x625, 0x671, 0x672, 0x673:
		return classArabic, alef, 0
	case 0x624, 0x676:
		return classArabic, waw, 0
	case 0x626, 0x678, 0x649, 0x64A, 0x6D0, 0x6CD, 0x6D2, 0x6D3, 0x620:
		return classArabic, farsiYeh, 0
	case 0x643, 0x6AA:
		return classArabic, kehehKaf, 0
	case 0x647, 0x6BE, 0x629, 0x6C3, 0x6C0, 0x6C2, 0x6D5:
		return classArabic, hehGoal, 0
	case 0x6BA:
		return classArabic, noon, 0
	}
	if regionalFirst <= r && r < regionalFirst+rune(len(regional)) {
		if f := regional[r-regionalFirst]; f[0] != 0 {
			return classArabic, f[0], f[1]
		}
	}
	return classArabic, r, 0
}

// regional folds the letters Sindhi and Pashto add to the Arabic script
// into what a reader types for the same sound on an Urdu keyboard: the
// implosives and retroflexes into the plain Urdu letter, the aspirates into
// the letter and ہ (as do-chashmi heh folds), so "بھ" meets ڀ.
const regionalFirst = 0x67A

var regional = [0x6BD - regionalFirst][2]rune{
	// Sindhi
	0x67B - regionalFirst: {'ب', 0},   // ٻ implosive b
	0x680 - regionalFirst: {'ب', 'ہ'}, // ڀ bh
	0x67A - regionalFirst: {'ٹ', 'ہ'}, // ٺ ṭh
	0x67D - regionalFirst: {'ٹ', 0},   // ٽ ṭ
	0x67F - regionalFirst: {'ت', 'ہ'}, // ٿ th
	0x684 - regionalFirst: {'ج', 0},   // ڄ implosive j
	0x683 - regionalFirst: {'ن', 0},   // ڃ ny
	0x687 - regionalFirst: {'چ', 'ہ'}, // ڇ chh
	0x68A - regionalFirst: {'ڈ', 0},   // ڊ ḍ
	0x68C - regionalFirst: {'د', 'ہ'}, // ڌ dh
	0x68D - regionalFirst: {'ڈ', 'ہ'}, // ڍ ḍh
	0x68F - regionalFirst: {'ڈ', 0},   // ڏ implosive d
	0x699 - regionalFirst: {'ڑ', 0},   // ڙ ṛ
	0x6A6 - regionalFirst: {'پ', 'ہ'}, // ڦ ph
	0x6B1 - regionalFirst: {'ن', 'گ'}, // ڱ ng
	0x6B3 - regionalFirst: {'گ', 0},   // ڳ implosive g
	0x6BB - regionalFirst: {'ن', 0},   // ڻ ṇ
	// Pashto
	0x67C - regionalFirst: {'ٹ', 0},  // ټ
	0x689 - regionalFirst: {'ڈ', 0},  // ډ
	0x693 - regionalFirst: {'ڑ', 0},  // ړ
	0x696 - regionalFirst: {'ژ', 0},  // ږ
	0x69A - regionalFirst: {'ش', 0},  // ښ
	0x6AB - regionalFirst: {'گ', 0},  // ګ
	0x6BC - regionalFirst: {noon, 0}, // ڼ
}

// formRun says that n consecutive presentation forms from `from` are forms
// of the letter `to`.
type formRun struct {
	from rune
	to   rune
	n    uint8
}

// presentationA lists the Urdu and Persian letters in Arabic Presentation
// Forms-A (U+FB50–U+FDFF); other code points there are ligatures kept as is.
var presentationA = []formRun{
	{0xFB50, 0x671, 2}, {0xFB52, 0x67B, 4}, {0xFB56, 0x67E, 4}, {0xFB5A, 0x680, 4},
	{0xFB5E, 0x67A, 4}, {0xFB62, 0x67F, 4}, {0xFB66, 0x679, 4}, {0xFB6A, 0x6A4, 4},
	{0xFB6E, 0x6A6, 4}, {0xFB72, 0x684, 4}, {0xFB76, 0x683, 4}, {0xFB7A, 0x686, 4},
	{0xFB7E, 0x687, 4}, {0xFB82, 0x68D, 2}, {0xFB84, 0x68C, 2}, {0xFB86, 0x68E, 2},
	{0xFB88, 0x688, 2}, {0xFB8A, 0x698, 2}, {0xFB8C, 0x691, 2}, {0xFB8E, 0x6A9, 4},
	{0xFB92, 0x6AF, 4}, {0xFB96, 0x6B3, 4}, {0xFB9A, 0x6B1, 4}, {0xFB9E, 0x6BA, 2},
	{0xFBA0, 0x6BB, 4}, {0xFBA4, 0x6C0, 2}, {0xFBA6, 0x6C1, 4}, {0xFBAA, 0x6BE, 4},
	{0xFBAE, 0x6D2, 2}, {0xFBB0, 0x6D3, 2}, {0xFBD3, 0x6AD, 4}, {0xFBD7, 0x6C7, 2},
	{0xFBD9, 0x6C6, 2}, {0xFBDB, 0x6C8, 2}, {0xFBDD, 0x677, 1}, {0xFBDE, 0x6CB, 2},
	{0xFBE0, 0x6C5, 2}, {0xFBE2, 0x6C9, 2}, {0xFBE4, 0x6D0, 4}, {0xFBE8, 0x649, 2},
	{0xFBFC, 0x6CC, 4},
}

// presentationB lists Arabic Presentation Forms-B from U+FE81 to U+FEF4 in
// order: each letter has 2 forms (isolated, final) or 4 (and initial,
// medial).
var presentationB = []formRun{
	{0, 0x622, 2}, {0, 0x623, 2}, {0, 0x624, 2}, {0, 0x625, 2}, {0, 0x626, 4},
	{0, 0x627, 2}, {0, 0x628, 4}, {0, 0x629, 2}, {0, 0x62A, 4}, {0, 0x62B, 4},
	{0, 0x62C, 4}, {0, 0x62D, 4}, {0, 0x62E, 4}, {0, 0x62F, 2}, {0, 0x630, 2},
	{0, 0x631, 2}, {0, 0x632, 2}, {0, 0x633, 4}, {0, 0x634, 4}, {0, 0x635, 4},
	{0, 0x636, 4}, {0, 0x637, 4}, {0, 0x638, 4}, {0, 0x639, 4}, {0, 0x63A, 4},
	{0, 0x641, 4}, {0, 0x642, 4}, {0, 0x643, 4}, {0, 0x644, 4}, {0, 0x645, 4},
	{0, 0x646, 4}, {0, 0x647, 4}, {0, 0x648, 2}, {0, 0x649, 2}, {0, 0x64A, 4},
}

func foldPresentationA(r rune) (class, rune, rune) {
	for _, f := range presentationA {
		if f.from <= r && r < f.from+rune(f.n) {
			return foldArabic(f.to)
		}
	}
	switch r {
	case 0xFD3E, 0xFD3F, 0xFDFC, 0xFDFD:
		return classBreak, 0, 0 // ornate parentheses, rial sign, bismillah
	}
	if 0xFBB2 <= r && r <= 0xFBC2 { // Arabic symbols
		return classBreak, 0, 0
	}
	return classArabic, r, 0
}

func foldPresentationB(r rune) (class, rune, rune) {
	switch {
	case r < 0xFE80: // isolated and medial harakat
		return classIgnore, 0, 0
	case r == 0xFE80: // hamza
		return classIgnore, 0, 0
	case r >= 0xFEFF: // byte order mark
		return classIgnore, 0, 0
	case r >= 0xFEF5: // lam-alef ligatures
		if r >= 0xFEFD {
			return classBreak, 0, 0
		}
		return classArabic, lam, alef
	}
	at := r - 0xFE81
	for _, f := range presentationB {
		if at < rune(f.n) {
			return foldArabic(f.to)
		}
		at -= rune(f.n)
	}
	return classArabic, r, 0
}

// appendRune appends the UTF-8 encoding of r (a valid rune) to b.
func appendRune(b []byte, r rune) []byte {
	switch {
	case r < 0x80:
		return append(b, byte(r))
	case r < 0x800:
		return append(b, 0xC0|byte(r>>6), 0x80|byte(r)&0x3F)
	case r < 0x10000:
		return append(b, 0xE0|byte(r>>12), 0x80|byte(r>>6)&0x3F, 0x80|byte(r)&0x3F)
	}
	return append(b, 0xF0|byte(r>>18), 0x80|byte(r>>12)&0x3F, 0x80|byte(r>>6)&0x3F, 0x80|byte(r)&0x3F)
}
