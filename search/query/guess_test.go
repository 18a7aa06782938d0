package query_test

import (
	"slices"
	"testing"

	"mehfooz/search/indexer"
)

// A stop word at the end of a query is a word, not the start of one: "me"
// does not complete to "message".
func TestStopWordIsNeverCompleted(t *testing.T) {
	ix := open(t, "en", enDocs)
	if got, want := links(ix.Search("harassment me", 3)), links(ix.Search("harassment", 3)); !slices.Equal(got, want) {
		t.Errorf(`"harassment me" found %v, "harassment" %v: the stop word changed the results`, got, want)
	}
}

// The last word is a prefix only while nothing follows it.
func TestTrailingSpaceEndsTheWord(t *testing.T) {
	ix := open(t, "en", enDocs)
	if rs := ix.Search("passw", 3); len(rs) == 0 {
		t.Fatal(`"passw" finds nothing while being typed`)
	}
	if rs := ix.Search("passw ", 3); len(rs) != 0 {
		t.Errorf(`"passw " (typed and left) found %v, want nothing: it is a whole word now`, links(rs))
	}
}

// A common word that the index does not have is not a typo of a word it
// has: "cant" is not "want", nor "save" a "safe".
func TestCommonWordsAreNotCorrected(t *testing.T) {
	docs := append(slices.Clone(enDocs), indexer.Document{URL: "want/", Title: "What you want", Kind: "page",
		Sections: []indexer.Section{{Text: "Want to know more"}}})
	ix := open(t, "en", docs)
	if rs := ix.Search("cant ", 3); len(rs) != 0 {
		t.Errorf(`"cant " found %v; a common word must not be corrected`, links(rs))
	}
	if rs := ix.Search("pasword ", 3); len(rs) == 0 || rs[0].URL != "guides/hacked-account/" {
		t.Errorf(`"pasword " found %v; a typo must still be corrected`, links(rs))
	}
}

// A page that has every word as typed ranks above a page that matches as
// many words only through a completion or a correction.
func TestGuessesCountLessThanWords(t *testing.T) {
	docs := []indexer.Document{
		{URL: "guess/", Title: "Messages and threats", Kind: "guide", Sections: []indexer.Section{{Text: "Messages messages messages threats."}}},
		{URL: "exact/", Title: "Mess", Kind: "guide", Sections: []indexer.Section{{Text: "Threats about the mess."}}},
	}
	ix := open(t, "en", docs)
	rs := ix.Search("threats mess", 2)
	if len(rs) < 2 || rs[0].URL != "exact/" {
		t.Errorf(`"threats mess" ranked %v; want exact/ first: "mess" is a word there and only a completion in guess/`, links(rs))
	}
}

// A query that finds nothing still shows the helplines, the first
// question of the decision tree and the closest topics.
func TestFallbackShowsHelpAndNearTopics(t *testing.T) {
	docs := append(slices.Clone(enDocs),
		indexer.Document{URL: "helplines/", Title: "Helplines", Kind: "page", Sections: []indexer.Section{{Text: "Call 15 in an emergency."}}},
		indexer.Document{URL: "start/", Title: "What is happening to you?", Kind: "workflow", Sections: []indexer.Section{{Text: "Choose the closest answer."}}})
	ix := open(t, "en", docs)
	q := "harry xyzzy "
	if rs := ix.Search(q, 3); len(rs) != 0 {
		t.Fatalf("%q found %v; the test wants a query that finds nothing", q, links(rs))
	}
	f := ix.Fallback(q, 3)
	if got := links(f.Pages); !slices.Equal(got, []string{"helplines/", "start/"}) {
		t.Errorf("fallback pages %v, want the helplines and the first question", got)
	}
	if len(f.Topics) == 0 || !slices.Contains([]string{"guides/harassment/", "guides/loan-app-harassment/"}, f.Topics[0].URL) {
		t.Errorf("closest topics %v, want a harassment page first", links(f.Topics))
	}
	if got := ix.Fallback("", 3); len(got.Pages) != 2 || len(got.Topics) != 0 {
		t.Errorf("empty query: fallback %v + %v, want the two pages only", links(got.Pages), links(got.Topics))
	}
}

// Two words a typo away from a phrase key find what the phrase finds, even
// when one of them is a word of its own ("بلیک مل" for "بلیک میل").
func TestTwoWordsNearAPhraseKey(t *testing.T) {
	ix := open(t, "en", enDocs)
	if rs := ix.Search("private mde ", 3); len(rs) == 0 || rs[0].URL != "guides/cover-your-tracks/" {
		t.Errorf(`"private mde " found %v, want guides/cover-your-tracks/ first, as for "private mode"`, links(rs))
	}
}

// A query that says danger puts the "in danger now" page and the
// helplines first, whatever else matches better; a guess does not.
func TestDangerPagesComeFirst(t *testing.T) {
	docs := append(slices.Clone(enDocs),
		indexer.Document{URL: "helplines/", Title: "Helplines", Kind: "page", Sections: []indexer.Section{{Text: "Who to call."}}},
		indexer.Document{URL: "start/danger-now/", Title: "You are in danger right now", Kind: "workflow", Sections: []indexer.Section{{Text: "Call 15."}}})
	ix := open(t, "en", docs)
	rs := ix.Search("threats danger ", 5)
	if got := links(rs); len(got) < 3 || got[0] != "start/danger-now/" || got[1] != "helplines/" {
		t.Errorf(`"threats danger " ranked %v; want start/danger-now/, helplines/ first`, got)
	}
	if rs := ix.Search("threat", 1); len(rs) == 0 || rs[0].URL != "guides/threats/" {
		t.Errorf(`"threat" ranked %v first; only danger pins the danger pages`, links(rs))
	}
}

// Of a word's typo corrections, those on pages with the query's other
// words are kept: "chst" beside "complaint" is "chat", not "cost".
func TestCorrectionsStayInTheQuerysField(t *testing.T) {
	docs := []indexer.Document{
		{URL: "complaint/", Title: "File a complaint", Kind: "guide", Sections: []indexer.Section{{Text: "Keep the chat with the complaint."}}},
		{URL: "costs/", Title: "What it costs", Kind: "guide", Sections: []indexer.Section{{Text: "A cost."}}},
	}
	ix := open(t, "en", docs)
	if got := links(ix.Search("complaint chst ", 5)); !slices.Equal(got, []string{"complaint/"}) {
		t.Errorf(`"complaint chst " found %v, want only complaint/: "cost" shares no page with "complaint"`, got)
	}
	if got := links(ix.Search("chst ", 5)); len(got) != 2 {
		t.Errorf(`"chst " alone found %v, want both corrections' pages`, got)
	}
}
