package analysis

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestTerms(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"english_is_lowercased_and_stemmed", "Threatening THREATS threatened", []string{"threaten", "threat", "threaten"}},
		{"english_stop_words_are_dropped", "how do I report it to the police", []string{"report", "polic"}},
		{"contractions_are_stop_words", "don't, can’t and won't", nil},
		{"possessive_is_dropped", "Ali's phone", []string{"ali", "phone"}},
		{"latin_accents_fold_to_ascii", "Café naïve ÆSIR Straße", []string{"cafe", "naiv", "aesir", "strass"}},
		{"hyphens_and_dots_split_words", "loan-app nccia.gov.pk", []string{"loan", "app", "nccia", "gov", "pk"}},
		{"roman_urdu_stays_a_word", "mujhe dhamki mil rahi hai", []string{"dhamki", "mil"}},
		{"digits_stay", "call 1799 or 051-9106691", []string{"call", "1799", "051", "9106691"}},
		{"urdu_digits_become_ascii", "۱۷۹۹ ١٧٩٩", []string{"1799", "1799"}},
		{"fullwidth_letters_and_digits_fold", "ＦＩＡ１２", []string{"fia12"}},
		{"urdu_stop_words_are_dropped", "مجھے دھمکی مل رہی ہے", []string{"دہمکی", "مل"}},
		{"arabic_kaf_and_yeh_fold_to_urdu", "شكايت", []string{"شکایت"}},
		{"alef_maksura_folds_to_yeh", "شکاىت", []string{"شکایت"}},
		{"arabic_heh_and_do_chashmi_heh_fold_together", "دهمکی دھمکی", []string{"دہمکی", "دہمکی"}},
		{"teh_marbuta_folds_to_heh", "زکوة زکوۃ", []string{"زکوہ", "زکوہ"}},
		{"madda_and_hamza_on_alef_fold", "آگاہی لائن أمن إمداد", []string{"اگاہی", "لاین", "امن", "امداد"}},
		{"yeh_with_hamza_folds_to_yeh", "لئے لیے گئی", nil},
		{"yeh_barree_folds_to_yeh", "بچے بچی", []string{"بچی", "بچی"}},
		{"noon_ghunna_folds_to_noon", "ماں مان", []string{"مان", "مان"}},
		{"diacritics_are_removed", "شِکَایَت", []string{"شکایت"}},
		{"tatweel_is_removed", "شکـــایت", []string{"شکایت"}},
		{"presentation_forms_fold", "ﺷﻜﺎﻳﺖ ﻻﮨﻮﺭ", []string{"شکایت", "لاہور"}},
		{"zwnj_breaks_a_word", "ذمہ\u200cدار", []string{"ذمہ", "دار"}},
		{"zwj_and_bidi_marks_are_ignored", "شکا\u200dیت \u200fFIA\u200e", []string{"شکایت", "fia"}},
		{"urdu_punctuation_breaks_words", "شکایت،دھمکی۔ثبوت؟", []string{"شکایت", "دہمکی", "ثبوت"}},
		{"scripts_split_where_they_meet", "FIAکی شکایت", []string{"fia", "شکایت"}},
		{"emoji_break_words", "help😢me", []string{"help"}},
		{"overlong_words_are_dropped", strings.Repeat("a", MaxWordRunes+1) + " ok", []string{"ok"}},
		{"invalid_utf8_breaks_words", "abc\xffdef", []string{"abc", "def"}},
		{"empty_text", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Terms(tt.text)
			if !slices.Equal(got, tt.want) {
				t.Errorf("Terms(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestTokenOffsets(t *testing.T) {
	text := "Save the شِکایت, 2FA!"
	var words []string
	for _, tok := range Tokenize(text) {
		words = append(words, text[tok.Start:tok.End])
	}
	want := []string{"Save", "the", "شِکایت", "2FA"}
	if !slices.Equal(words, want) {
		t.Errorf("token texts = %q, want %q", words, want)
	}
}

func TestFoldKeepsPunctuation(t *testing.T) {
	if got, want := Fold("ك-ي"), "ک-ی"; got != want {
		t.Errorf("Fold = %q, want %q", got, want)
	}
}

func TestTermOfWordMatchesTokenize(t *testing.T) {
	for _, tok := range Tokenize("Threatening don't بچے ۱۲ x") {
		if got := Term(tok.Word); got != tok.Term {
			t.Errorf("Term(%q) = %q, token says %q", tok.Word, got, tok.Term)
		}
	}
}

func TestSynonymsMatchLongestFirst(t *testing.T) {
	s := NewSynonyms([]Synonym{
		{From: []string{"privat"}, To: [][]string{{"secret"}}},
		{From: []string{"privat", "brows"}, To: [][]string{{"incognito"}, {"privat", "brows"}}},
		{From: []string{"privat"}, To: [][]string{{"confidenti"}, {"secret"}}},
	})
	n, to := s.Match([]string{"privat", "brows", "histori"})
	if n != 2 || len(to) != 1 || to[0][0] != "incognito" {
		t.Errorf("Match = %d %q, want 2 [[incognito]] (self-reference dropped)", n, to)
	}
	n, to = s.Match([]string{"privat", "photo"})
	if n != 1 || len(to) != 2 {
		t.Errorf("Match = %d %q, want 1 and two merged phrases", n, to)
	}
	if n, _ := s.Match([]string{"photo"}); n != 0 {
		t.Errorf("Match(photo) = %d, want 0", n)
	}
	var none *Synonyms
	if n, _ := none.Match([]string{"x"}); n != 0 || none.Len() != 0 {
		t.Error("nil Synonyms should match nothing")
	}
}

// FuzzTokenize checks that any input tokenizes without panicking, that
// offsets are ordered and on rune boundaries, and that terms are valid
// UTF-8 without spaces.
func FuzzTokenize(f *testing.F) {
	for _, s := range []string{"", "don't", "شِکایت،دھمکی", "ﻻ\u200c'x'", "a'", "'a", "\xff\xfe", "aé́"} {
		f.Add(s)
	}
	var memo Memo // shared across inputs, as the index builder shares it across pages
	f.Fuzz(func(t *testing.T, text string) {
		prev := 0
		if got, want := memo.AppendTokens(nil, text), Tokenize(text); !slices.Equal(got, want) {
			t.Fatalf("Memo gave %+v, want %+v", got, want)
		}
		for _, tok := range Tokenize(text) {
			if tok.Start < prev || tok.End <= tok.Start || tok.End > len(text) {
				t.Fatalf("bad offsets %d..%d after %d in %q", tok.Start, tok.End, prev, text)
			}
			prev = tok.End
			if !utf8.ValidString(tok.Word) || strings.ContainsAny(tok.Word, " \t\n") || tok.Word == "" {
				t.Fatalf("bad word %q", tok.Word)
			}
			if !utf8.ValidString(tok.Term) {
				t.Fatalf("bad term %q", tok.Term)
			}
		}
	})
}

// A Memo must give the tokens AppendTokens gives, whatever it saw before:
// the same word in another script context, stop words, contractions.
func TestMemoMatchesAppendTokens(t *testing.T) {
	var memo Memo
	texts := []string{
		"Save the evidence. Saving evidences saved us; don't delete it.",
		"ثبوت محفوظ کریں۔ FIAکی شکایت، دھمکی اور شِکایت",
		"the The THE 2fa 2FA ١٢٣ 123 o'clock Ali's",
		"Save the evidence. ثبوت محفوظ کریں۔ the",
	}
	for _, text := range append(texts, texts...) {
		got := memo.AppendTokens(nil, text)
		if want := AppendTokens(nil, text); !slices.Equal(got, want) {
			t.Errorf("%q: Memo gave %+v, want %+v", text, got, want)
		}
	}
}

func BenchmarkTerms(b *testing.B) {
	text := strings.Repeat("If someone threatens to share your photos, save the evidence first. "+
		"اگر کوئی آپ کی تصویریں پھیلانے کی دھمکی دے تو پہلے ثبوت محفوظ کریں۔ ", 20)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Terms(text)
	}
}

// A reader typing Sindhi or Pashto on an Urdu (or Arabic) keyboard meets
// the page written with the language's own letters.
func TestFoldMeetsSindhiAndPashtoTypedOnAnUrduKeyboard(t *testing.T) {
	cases := []struct{ lang, page, typed string }{
		{"sd", "ڏاڍو", "ڈاڈہو"},        // ڏ ڍ: implosive and aspirate d
		{"sd", "ٻار", "بار"},           // ٻ implosive b
		{"sd", "ڀاءُ", "بھاء"},         // ڀ bh typed as بھ
		{"sd", "مدد ڪريو", "مدد کریو"}, // ڪ and Arabic yeh
		{"sd", "ڳالهه", "گالہہ"},       // ڳ and Arabic heh
		{"sd", "پاڻ", "پان"},           // ڻ
		{"sd", "ڦٽو", "پھٹو"},          // ڦ ph, ٽ ṭ
		{"ps", "ډېر", "ڈیر"},           // ډ and ې
		{"ps", "ګټه", "گٹہ"},           // ګ ټ
		{"ps", "ښځه", "شځہ"},           // ښ
		{"ps", "ړوند", "ڑوند"},         // ړ
		{"ps", "ږغ", "ژغ"},             // ږ
		{"ps", "ښۍ", "شی"},             // ۍ
		{"ps", "ګڼه", "گنہ"},           // ڼ
	}
	for _, c := range cases {
		if a, b := Fold(c.page), Fold(c.typed); a != b {
			t.Errorf("%s: %q folds to %q, typed %q to %q", c.lang, c.page, a, c.typed, b)
		}
	}
}
