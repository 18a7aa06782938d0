package synonyms

import (
	"os"
	"slices"
	"strings"
	"testing"

	"mehfooz/search/analysis"
)

func TestParse(t *testing.T) {
	src := `# a comment
dhamki: [threat, دھمکی]
Shikayat: complaint
fake profile: [impersonation, "جعلی پروفائل"]
1799: [NCCIA]
`
	syn, err := Parse("synonyms.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		query string
		n     int
		want  []string
	}{
		{"dhamki", 1, []string{"threat", "دہمکی"}},
		{"SHIKAYAT", 1, []string{"complaint"}},
		{"fake profiles", 2, []string{"imperson", "جعلی پروفایل"}},
		{"1799", 1, []string{"nccia"}},
	}
	for _, tt := range tests {
		n, to := syn.Match(analysis.Terms(tt.query))
		var got []string
		for _, p := range to {
			got = append(got, strings.Join(p, " "))
		}
		if n != tt.n || !slices.Equal(got, tt.want) {
			t.Errorf("Match(%q) = %d %q, want %d %q", tt.query, n, got, tt.n, tt.want)
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want string // the whole message of the first error, hint excluded
	}{
		{"value_is_missing", "dhamki:\n", `s.yaml:1:1: "dhamki" has nothing to search for`},
		{"list_is_empty", "dhamki: []\n", `s.yaml:1:1: "dhamki" has an empty list`},
		{"key_is_only_stop_words", "the: [x]\n", `s.yaml:1:1: "the" has only common words`},
		{"urdu_word_is_only_stop_words", "dhamki: [threat, کے]\n", `s.yaml:1:18: "کے" has only common words`},
		{"nested_list", "dhamki: [threat, [x]]\n", `s.yaml:1:18: a word on the right is a list inside a list`},
		{"mapping_value", "dhamki: {threat: x}\n", `s.yaml:1:9: a word on the right is a mapping`},
		{"alias", "dhamki: &t threat\nshikayat: *t\n", `s.yaml:1:9: a word on the right uses a YAML anchor`},
		{"phrase_too_long", "dhamki: [one two three four five six seven]\n", `s.yaml:1:10: "one two three four five six seven" is longer than 6 words`},
		{"duplicate_key", "dhamki: threat\nqarz: loan\ndhamki: danger\n", `s.yaml:3:1: invalid YAML: mapping key "dhamki" already defined at [1:1]`},
		{"top_level_list", "- dhamki\n", "s.yaml:1:1: the file must be a list of `word: [other words]` lines"},
		{"two_documents", "dhamki: threat\n---\nqarz: loan\n", `s.yaml:3:5: the file has more than one YAML document`},
		{"bad_indentation", "dhamki: threat\n  qarz: loan\n", `s.yaml:1:9: invalid YAML: mapping value is not allowed in this context`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			syn, err := Parse("s.yaml", []byte(tt.src))
			if err == nil {
				t.Fatalf("no error; %d entries", syn.Len())
			}
			list, ok := err.(List)
			if !ok || len(list) == 0 {
				t.Fatalf("error is %T, want a List", err)
			}
			first := list[0]
			first.Hint = ""
			if got := first.Error(); !strings.HasPrefix(got, tt.want) {
				t.Errorf("got  %s\nwant %s…", got, tt.want)
			}
		})
	}
}

func TestParseReportsEveryError(t *testing.T) {
	_, err := Parse("s.yaml", []byte("a1: the\nb2:\nc3: [ok, the]\n"))
	if list, _ := err.(List); len(list) != 3 {
		t.Errorf("got %d errors, want 3:\n%v", len(list), err)
	}
}

func TestParseEmptyFile(t *testing.T) {
	for _, src := range []string{"", "# only comments\n"} {
		syn, err := Parse("s.yaml", []byte(src))
		if err != nil || syn.Len() != 0 {
			t.Errorf("Parse(%q) = %d entries, %v; want 0, nil", src, syn.Len(), err)
		}
	}
}

// TestSiteSynonyms checks content/search/synonyms.yaml: it parses, is big
// enough, and covers the words the issue promised and every topic of the
// site.
func TestSiteSynonyms(t *testing.T) {
	const path = "../../content/search/synonyms.yaml"
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	syn, err := Parse(path, src)
	if err != nil {
		t.Fatal(err)
	}
	if syn.Len() < 150 {
		t.Errorf("%d entries, want at least 150", syn.Len())
	}
	must := map[string][]string{
		"shikayat": {"complaint", "شکایت"},
		"dhamki":   {"threat", "دھمکی"},
		"qarz":     {"loan", "قرض"},
		"jaali":    {"fake", "جعلی"},
		"saboot":   {"evidence", "ثبوت"},
		"FIA":      {"NCCIA", "complaint"},
		// one word per topic of the site
		"blackmail": {"بلیک میل"}, "sextortion": {"blackmail"}, "nangi": {"intimate"},
		"hacker": {"hacked"}, "fake profile": {"impersonation"}, "loan app": {"SECP"},
		"nafrat": {"hate"}, "khwaja sira": {"transgender"}, "peecha": {"stalking"},
		"screenshot": {"اسکرین شاٹ"}, "2fa": {"two-step verification"}, "pasword": {"password"},
		"jasoosi": {"spyware"}, "dhoka": {"fraud"}, "easy paisa": {"Easypaisa"},
		"jazz cash": {"JazzCash"}, "deep fake": {"deepfake"}, "incognito": {"history"},
		"ghar wale": {"family"}, "khudkushi": {"helpline"}, "sahafi": {"journalist"},
		"PTA": {"content removal"}, "SECP": {"loan app"}, "PECA": {"law"},
		"fb": {"Facebook"}, "فیس بک": {"Facebook"}, "insta": {"Instagram"}, "انسٹاگرام": {"Instagram"},
		"watsapp": {"WhatsApp"}, "واٹس ایپ": {"WhatsApp"}, "tik tok": {"TikTok"}, "ٹک ٹاک": {"TikTok"},
		"utube": {"YouTube"}, "یوٹیوب": {"YouTube"}, "twitter": {"X"}, "ٹوئٹر": {"X"},
		"snap chat": {"Snapchat"}, "اسنیپ چیٹ": {"Snapchat"}, "gugal": {"Google"}, "گوگل": {"Google"},
	}
	for from, wants := range must {
		terms := analysis.Terms(from)
		n, to := syn.Match(terms)
		if n != len(terms) {
			t.Errorf("no entry for %q", from)
			continue
		}
		for _, w := range wants {
			if !slices.ContainsFunc(to, func(p []string) bool { return slices.Equal(p, analysis.Terms(w)) }) {
				t.Errorf("%q does not lead to %q", from, w)
			}
		}
	}
}

func FuzzParse(f *testing.F) {
	if src, err := os.ReadFile("../../content/search/synonyms.yaml"); err == nil {
		f.Add(src)
	}
	f.Add([]byte("a: [b, c]\n"))
	f.Add([]byte("? x\n: y\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		syn, err := Parse("f.yaml", src)
		if err == nil && syn == nil {
			t.Fatal("nil synonyms without an error")
		}
	})
}
