package query_test

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"mehfooz/search/index"
	"mehfooz/search/indexer"
	"mehfooz/search/query"
	"mehfooz/search/synonyms"
)

// testSynonyms is a small synonyms file in the site's format.
const testSynonyms = `
dhamki: [threat, دھمکی]
shikayat: [complaint, شکایت]
fia: [nccia, complaint, این سی سی آئی اے]
qarz: [loan, قرض]
jaali: [fake, جعلی]
saboot: [evidence, ثبوت]
private browsing: [incognito, history]
private mode: [incognito, private browsing]
`

var enDocs = []indexer.Document{
	{URL: "guides/threats/", Title: "Threats and intimidation", Kind: "guide", Topics: []string{"threats", "safety"},
		Sections: []indexer.Section{
			{Text: "If someone threatens to hurt you or your family, it is not your fault. Keep the evidence."},
			{Anchor: "danger", Heading: "If you are in danger now", Text: "Call 15 for the police. Go to a safe place first."},
			{Anchor: "save-threats", Heading: "Save the threatening messages", Text: "Take screenshots of every threat before you block the account."},
		}},
	{URL: "guides/evidence/", Title: "Keep evidence safe", Kind: "guide", Topics: []string{"evidence"},
		Sections: []indexer.Section{
			{Text: "Evidence helps the police, the NCCIA and the platforms act."},
			{Anchor: "screenshots", Heading: "Screenshots", Text: "A screenshot should show the date and time, the profile name and the link to the profile."},
			{Anchor: "chats", Heading: "Export chats", Text: "WhatsApp lets you export a whole chat with its dates."},
		}},
	{URL: "complaint/file-online/", Title: "File a complaint online", Kind: "complaint", Topics: []string{"complaint"},
		Sections: []indexer.Section{
			{Text: "The National Cyber Crime Investigation Agency (NCCIA) takes cybercrime complaints. Its helpline is 1799."},
			{Anchor: "documents", Heading: "Documents you need", Text: "A copy of your CNIC, screenshots and the links to the accounts."},
		}},
	{URL: "guides/loan-app-harassment/", Title: "Harassment by loan apps", Kind: "guide", Topics: []string{"loan-apps", "harassment"},
		Sections: []indexer.Section{
			{Text: "Some loan apps message your contacts and shame you when a payment is late."},
			{Anchor: "secp", Heading: "Complain to the SECP", Text: "The SECP licenses lenders. You can complain about an illegal loan app."},
		}},
	{URL: "guides/impersonation/", Title: "Fake profiles and impersonation", Kind: "guide", Topics: []string{"impersonation"},
		Sections: []indexer.Section{
			{Text: "Someone has made a fake profile with your name or photos."},
		}},
	{URL: "guides/hacked-account/", Title: "Recover a hacked account", Kind: "guide", Topics: []string{"hacked", "accounts"},
		Sections: []indexer.Section{
			{Text: "If you cannot log in, recover the account first."},
			{Anchor: "password", Heading: "Change your password", Text: "Choose a new password that you use nowhere else. A password manager helps."},
			{Anchor: "two-step", Heading: "Turn on two-step verification", Text: "Two-step verification asks for a code as well as your password."},
		}},
	{URL: "guides/cover-your-tracks/", Title: "Cover your tracks", Kind: "guide", Topics: []string{"safety"},
		Sections: []indexer.Section{
			{Text: "Someone who uses your phone may see what you read."},
			{Anchor: "incognito", Heading: "Private browsing", Text: "An incognito window keeps no history after you close it."},
		}},
	{URL: "guides/harassment/", Title: "Online harassment", Kind: "guide", Topics: []string{"harassment"},
		Sections: []indexer.Section{
			{Text: "Harassment can come as messages, comments or calls. A threat is a crime; so is sharing your password without consent."},
		}},
}

var urDocs = []indexer.Document{
	{URL: "guides/threats/", Title: "دھمکیاں", Kind: "guide",
		Sections: []indexer.Section{
			{Text: "اگر کوئی آپ کو دھمکی دے تو یہ آپ کا قصور نہیں۔ پہلے ثبوت محفوظ کریں۔"},
			{Anchor: "complaint", Heading: "شکایت درج کریں", Text: "این سی سی آئی اے کو آن لائن شکایت بھیجیں۔ ہیلپ لائن ۱۷۹۹ ہے۔"},
		}},
	{URL: "guides/loan-app-harassment/", Title: "قرض ایپس کی ہراسانی", Kind: "guide",
		Sections: []indexer.Section{
			{Text: "قرض دینے والی کچھ ایپس آپ کے رابطوں کو پیغام بھیجتی ہیں۔"},
		}},
	{URL: "guides/evidence/", Title: "ثبوت محفوظ رکھیں", Kind: "guide",
		Sections: []indexer.Section{
			{Text: "ثبوت سے پولیس اور پلیٹ فارم کارروائی کر سکتے ہیں۔"},
			{Anchor: "screenshots", Heading: "اسکرین شاٹ", Text: "اسکرین شاٹ میں تاریخ، وقت اور پروفائل کا لنک نظر آئے۔"},
		}},
	{URL: "guides/impersonation/", Title: "جعلی پروفائل", Kind: "guide",
		Sections: []indexer.Section{
			{Text: "کسی نے آپ کے نام یا تصویروں سے جعلی پروفائل بنایا ہے۔"},
		}},
}

func open(t testing.TB, lang string, docs []indexer.Document) *query.Index {
	t.Helper()
	syn, err := synonyms.Parse("test.yaml", []byte(testSynonyms))
	if err != nil {
		t.Fatal(err)
	}
	data, err := indexer.Build(lang, docs, syn)
	if err != nil {
		t.Fatal(err)
	}
	ix, err := query.Open(data)
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

// links returns the results as "url#anchor" ("url" for the top of a page).
func links(rs []query.Result) []string {
	var out []string
	for _, r := range rs {
		l := r.URL
		if r.Anchor != "" {
			l += "#" + r.Anchor
		}
		out = append(out, l)
	}
	return out
}

func TestQuery(t *testing.T) {
	ixs := map[string]*query.Index{"en": open(t, "en", enDocs), "ur": open(t, "ur", urDocs)}
	tests := []struct {
		name  string
		lang  string
		query string
		first string // the first result: its page, or page#anchor to check the section too
	}{
		{"arabic_kaf_finds_urdu_kaf", "ur", "شكايت", "guides/threats/#complaint"},
		{"arabic_yeh_finds_urdu_yeh", "ur", "جعلي", "guides/impersonation/"},
		{"arabic_heh_finds_do_chashmi_heh", "ur", "دهمكي", "guides/threats/"},
		{"diacritics_are_ignored", "ur", "ثُبُوت", "guides/evidence/"},
		{"urdu_digits_find_ascii_numbers", "en", "۱۷۹۹", "complaint/file-online/"},
		{"ascii_digits_find_urdu_numbers", "ur", "1799", "guides/threats/#complaint"},
		{"roman_urdu_dhamki_finds_threats", "en", "dhamki", "guides/threats/"},
		{"roman_urdu_dhamki_finds_urdu_threats", "ur", "dhamki", "guides/threats/"},
		{"roman_urdu_shikayat_finds_complaint", "en", "shikayat", "complaint/file-online/"},
		{"roman_urdu_qarz_finds_loan_apps", "en", "qarz", "guides/loan-app-harassment/"},
		{"roman_urdu_qarz_finds_urdu_loan_apps", "ur", "qarz", "guides/loan-app-harassment/"},
		{"fia_finds_nccia_in_urdu", "ur", "FIA", "guides/threats/#complaint"},
		{"synonym_phrase_private_mode_finds_incognito", "en", "private mode", "guides/cover-your-tracks/#incognito"},
		{"english_stemming_matches_inflections", "en", "threatening", "guides/threats/"},
		{"typo_tolerance", "en", "harasment", "guides/harassment/"},
		{"typo_tolerance_swapped_letters", "en", "thraet", "guides/threats/"},
		{"typo_tolerance_in_urdu", "ur", "ثبود", "guides/evidence/"},
		{"two_typos_in_long_words", "en", "scrrenshto", "guides/evidence/#screenshots"},
		{"typo_in_an_english_ending", "en", "verificaton", "guides/hacked-account/#two-step"},
		{"urdu_plural_finds_singular", "ur", "دھمکیوں", "guides/threats/"},
		{"typo_in_roman_urdu_synonym", "en", "dhamky", "guides/threats/"},
		{"prefix_on_last_word", "en", "scree", "guides/evidence/#screenshots"},
		{"prefix_on_last_word_in_urdu", "ur", "اسکری", "guides/evidence/#screenshots"},
		{"prefix_on_last_stop_word", "en", "incognito wh", "guides/cover-your-tracks/#incognito"},
		{"title_beats_body", "en", "evidence", "guides/evidence/"},
		{"best_section_anchor", "en", "two-step verification", "guides/hacked-account/#two-step"},
		{"heading_picks_the_section", "en", "change password", "guides/hacked-account/#password"},
		{"all_terms_before_any_term", "en", "threat password", "guides/harassment/"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rs := ixs[tt.lang].Search(tt.query, 5)
			got := links(rs)
			if len(got) == 0 || got[0] != tt.first && (strings.Contains(tt.first, "#") || rs[0].URL != tt.first) {
				t.Errorf("Search(%q) in %s = %q, want %q first", tt.query, tt.lang, got, tt.first)
			}
		})
	}
}

func TestQueryBehaviour(t *testing.T) {
	en := open(t, "en", enDocs)

	t.Run("empty_and_stop_word_queries_find_nothing", func(t *testing.T) {
		for _, q := range []string{"", "   ", "the ", "how do I ", "؟!", "کے "} {
			if rs := en.Search(q, 10); len(rs) != 0 {
				t.Errorf("Search(%q) = %q, want nothing", q, links(rs))
			}
		}
	})

	t.Run("prefix_only_while_typing", func(t *testing.T) {
		if rs := en.Search("incog", 5); len(rs) == 0 {
			t.Error(`"incog" finds nothing while typing`)
		}
		if rs := en.Search("incog ", 5); len(rs) != 0 {
			t.Errorf(`"incog " (finished) = %q, want nothing`, links(rs))
		}
	})

	t.Run("results_are_grouped_per_page", func(t *testing.T) {
		rs := en.Search("password", 10)
		seen := map[string]bool{}
		for _, r := range rs {
			if seen[r.URL] {
				t.Errorf("page %s appears twice", r.URL)
			}
			seen[r.URL] = true
		}
	})

	t.Run("all_terms_before_any_term", func(t *testing.T) {
		rs := en.Search("threat password", 10)
		if len(rs) < 3 {
			t.Fatalf("got %q", links(rs))
		}
		if rs[0].Matched != 2 || rs[0].Words != 2 {
			t.Errorf("first result matches %d of %d words", rs[0].Matched, rs[0].Words)
		}
		for i := 1; i < len(rs); i++ {
			if rs[i].Matched > rs[i-1].Matched {
				t.Errorf("result %d matches more words than result %d: %q", i, i-1, links(rs))
			}
		}
	})

	t.Run("limit_is_respected", func(t *testing.T) {
		if rs := en.Search("the password threat evidence account", 2); len(rs) != 2 {
			t.Errorf("got %d results, want 2", len(rs))
		}
	})

	t.Run("snippet_marks_matched_words", func(t *testing.T) {
		rs := en.Search("screenshot date", 1)
		if len(rs) == 0 {
			t.Fatal("no results")
		}
		var marked []string
		var all strings.Builder
		for _, s := range rs[0].Snippet {
			all.WriteString(s.Text)
			if s.Marked {
				marked = append(marked, s.Text)
			}
		}
		if strings.Join(marked, ",") != "screenshot,date" {
			t.Errorf("marked %q in %q", marked, all.String())
		}
		if all.String() != "A screenshot should show the date and time, the profile name and the link to the profile." {
			t.Errorf("snippet text %q", all.String())
		}
	})

	t.Run("snippet_marks_the_word_being_typed", func(t *testing.T) {
		rs := en.Search("incogn", 1)
		if len(rs) == 0 || !hasMarked(rs[0].Snippet, "incognito") {
			t.Errorf("got %+v", rs)
		}
	})

	t.Run("long_queries_are_cut_not_refused", func(t *testing.T) {
		rs := en.Search(strings.Repeat("evidence ", 500), 3)
		if len(rs) == 0 || rs[0].URL != "guides/evidence/" {
			t.Errorf("got %q", links(rs))
		}
	})
}

func hasMarked(segs []query.Segment, text string) bool {
	for _, s := range segs {
		if s.Marked && s.Text == text {
			return true
		}
	}
	return false
}

func TestOpenRejectsGarbage(t *testing.T) {
	if _, err := query.Open([]byte("not an index")); err == nil {
		t.Error("Open accepted garbage")
	}
}

func TestJSON(t *testing.T) {
	rs := []query.Result{{URL: "a/", Title: "Say \"hi\" <now>\n", Anchor: "x", Score: 1.5, Matched: 1, Words: 1,
		Snippet: []query.Segment{{Text: "ok "}, {Text: "ثبوت", Marked: true}, {Text: "\u2028\xff"}}}}
	got := string(query.AppendJSON(nil, rs))
	want := `[{"url":"a/","title":"Say \"hi\" \u003cnow\u003e\n","kind":"","anchor":"x","section":"","score":1.5000,"matched":1,"words":1,` +
		`"snippet":[{"text":"ok ","marked":false},{"text":"ثبوت","marked":true},{"text":"\u2028\ufffd","marked":false}]}]`
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// FuzzSearch checks that no query text makes Search panic or return a
// result without a page.
func FuzzSearch(f *testing.F) {
	en := open(f, "en", enDocs)
	ur := open(f, "ur", urDocs)
	for _, s := range []string{"dhamki", "شكايت", "scree", "private mode", "thraet", "a b c d e f g h i j k l m n o p q r", "\xff\u200c"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		for _, ix := range []*query.Index{en, ur} {
			for _, r := range ix.Search(q, 5) {
				if r.Title == "" || r.Matched == 0 {
					t.Fatalf("bad result %+v", r)
				}
			}
		}
	})
}

// TestPlatformPageNeedsItsName checks that a page about one platform,
// whose title lists every problem ("fake profiles, hacking and
// harassment"), ranks below the guide to the problem unless the query
// names the platform: by name, through a synonym, with a typo, or by the
// other name in the title's brackets.
func TestPlatformPageNeedsItsName(t *testing.T) {
	docs := []indexer.Document{
		{URL: "platforms/facebook/", Title: "Facebook: report fake profiles, hacking and harassment", Kind: "platform",
			Topics: []string{"facebook", "impersonation"},
			Sections: []indexer.Section{
				{Text: "How to report a fake profile on Facebook."},
				{Anchor: "fake-profile", Heading: "Fake profile", Text: "Report the fake profile from its page."},
			}},
		{URL: "platforms/x/", Title: "X (Twitter): report fake profiles, hacking and harassment", Kind: "platform",
			Sections: []indexer.Section{
				{Anchor: "fake-profile", Heading: "Fake profile", Text: "Report the fake profile on X."},
			}},
		{URL: "guides/impersonation/", Title: "Someone made a fake account of me", Kind: "guide",
			Sections: []indexer.Section{
				{Text: "Someone has made a fake profile with your name or photos. Save the link first."},
			}},
	}
	syn, err := synonyms.Parse("test.yaml", []byte("fb: [facebook]\n"))
	if err != nil {
		t.Fatal(err)
	}
	data, err := indexer.Build("en", docs, syn)
	if err != nil {
		t.Fatal(err)
	}
	ix, err := query.Open(data)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ query, first string }{
		{"fake profile", "guides/impersonation/"},
		{"facebook fake profile", "platforms/facebook/"},
		{"fb fake profile", "platforms/facebook/"},
		{"facebok fake profile", "platforms/facebook/"},
		{"fake profile on twitter", "platforms/x/"},
	} {
		rs := ix.Search(tt.query, 5)
		if len(rs) == 0 || rs[0].URL != tt.first {
			t.Errorf("%q: got %v, want %s first", tt.query, links(rs), tt.first)
		}
	}
}

// TestTextsLater opens an index without its section texts, as the browser
// does before they arrive: the same results in the same order, without
// snippets; after LoadTexts, the snippets of the whole file.
func TestTextsLater(t *testing.T) {
	syn, err := synonyms.Parse("test.yaml", []byte(testSynonyms))
	if err != nil {
		t.Fatal(err)
	}
	data, err := indexer.Build("en", enDocs, syn)
	if err != nil {
		t.Fatal(err)
	}
	whole, err := query.Open(data)
	if err != nil {
		t.Fatal(err)
	}
	core, texts, err := index.SplitTexts(data)
	if err != nil {
		t.Fatal(err)
	}
	ix, err := query.Open(core)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"blackmail", "fake profile", "dhamki", "screenshots"} {
		want := whole.Search(q, 10)
		got := ix.Search(q, 10)
		if len(want) == 0 || len(want[0].Snippet) == 0 || !slices.Equal(links(got), links(want)) {
			t.Fatalf("%q without texts: %v, want %v", q, links(got), links(want))
		}
		for _, r := range got {
			if len(r.Snippet) != 0 {
				t.Errorf("%q: a snippet before the texts came: %v", q, r.Snippet)
			}
		}
	}
	if err := ix.LoadTexts(texts[:len(texts)-1]); err == nil {
		t.Error("LoadTexts took a cut-short block")
	}
	if err := ix.LoadTexts(texts); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"blackmail", "fake profile"} {
		if got, want := ix.Search(q, 10), whole.Search(q, 10); !reflect.DeepEqual(got, want) {
			t.Errorf("%q after LoadTexts differs from the whole file", q)
		}
	}
}
