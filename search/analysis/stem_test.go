package analysis

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	upstream "github.com/blevesearch/snowballstem"
	upstreamEnglish "github.com/blevesearch/snowballstem/english"
)

// TestMatchesUpstream checks that the copy of the Snowball English stemmer
// in internal/snowball (trimmed so the browser module does not link fmt and
// log) stems every English word of the site's content, and a list of hard
// cases, as github.com/blevesearch/snowballstem does.
func TestMatchesUpstream(t *testing.T) {
	words := map[string]bool{}
	for _, w := range strings.Fields(`a at is as us bus gas cats ponies caresses sses ties ied cries
		generous generously communism arsenal gently early sky news howe atlas cosmos bias andes
		succeed proceed exceed canning inning outing herring earring dying lying tying
		consign consigned consigning consignment consist consisted consistency
		knack knackeries knapsack knave knaves knavish knead kneaded kneel kneeled
		threatening harassment blackmailing verification authenticator's don't o'clock`) {
		words[w] = true
	}
	filepath.WalkDir("../../content/en", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".md") {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			t.Error(err)
			return nil
		}
		for _, tok := range AppendWords(nil, string(src)) {
			if scriptOfWord(tok.Word) == scriptLatin {
				words[tok.Word] = true
			}
		}
		return nil
	})
	if len(words) < 1000 {
		t.Logf("only %d words: is ../../content/en missing?", len(words))
	}
	for w := range words {
		env := upstream.NewEnv(w)
		upstreamEnglish.Stem(env)
		if got, want := Stem(w), env.Current(); len(w) > 2 && got != want {
			t.Errorf("Stem(%q) = %q, upstream %q", w, got, want)
		}
	}
}
