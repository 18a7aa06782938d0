package searchindex_test

import (
	"flag"
	"fmt"
	"maps"
	"os"
	"path"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/blevesearch/bleve/v2"
	_ "github.com/blevesearch/bleve/v2/analysis/analyzer/standard"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/en"
	bquery "github.com/blevesearch/bleve/v2/search/query"
	"github.com/goccy/go-yaml"

	"mehfooz/generator/internal/pipeline"
	"mehfooz/generator/internal/searchindex"
	"mehfooz/search/indexer"
	"mehfooz/search/query"
	"mehfooz/search/synonyms"
)

// The project's own site, relative to this package.
const (
	projectRoot = "../../.."
	queriesFile = projectRoot + "/search/testdata/queries.yaml"
)

var (
	showQueries = flag.Bool("queries", false, "print every relevance query with its top results")
	oneQuery    = flag.String("q", "", "TestQuery: print what this lang:query finds (en:dhamki)")
)

// TestQuery prints what -q finds, with each result's words matched and
// score, and the fallback: go test -run TestQuery$ -q 'ur:بلیک مل'.
func TestQuery(t *testing.T) {
	if *oneQuery == "" {
		t.Skip("no -q")
	}
	_, ixs := projectIndexes(t)
	lang, text, _ := strings.Cut(*oneQuery, ":")
	ix := ixs[lang]
	if ix == nil {
		t.Fatalf("no index for %q", lang)
	}
	for i, r := range ix.Search(text, 10) {
		t.Logf("%2d. %-40s %d/%d words, score %.3f", i+1, r.URL+"#"+r.Anchor, r.Matched, r.Words, r.Score)
	}
	f := ix.Fallback(text, 3)
	for _, r := range f.All() {
		t.Logf("fallback: %s", r.URL)
	}
}

var project struct {
	once sync.Once
	docs map[string][]indexer.Document
	ix   map[string]*query.Index
	err  error
}

// projectIndexes builds the project's content as `mehfooz build` does and
// returns each language's documents and opened index.
func projectIndexes(t testing.TB) (map[string][]indexer.Document, map[string]*query.Index) {
	t.Helper()
	project.once.Do(func() {
		in := pipeline.Input{
			Content: os.DirFS(projectRoot + "/content"), ContentPrefix: "content",
			Layouts: os.DirFS(projectRoot + "/layouts"), LayoutsPrefix: "layouts",
			Static: os.DirFS(projectRoot + "/static"), StaticPrefix: "static",
		}
		all, diags := pipeline.SearchDocuments(in)
		if diags.Err() != nil {
			project.err = diags.Err()
			return
		}
		src, err := os.ReadFile(projectRoot + "/content/" + searchindex.SynonymsPath)
		if err != nil {
			project.err = err
			return
		}
		syn, err := synonyms.Parse("content/"+searchindex.SynonymsPath, src)
		if err != nil {
			project.err = err
			return
		}
		project.docs, project.ix = all, map[string]*query.Index{}
		for lang, docs := range all {
			data, err := indexer.Build(lang, docs, syn)
			if err == nil {
				project.ix[lang], err = query.Open(data)
			}
			if err != nil {
				project.err = err
				return
			}
		}
	})
	if project.err != nil {
		t.Fatalf("building the project's site: %v", project.err)
	}
	return project.docs, project.ix
}

// relevanceQuery is one line of search/testdata/queries.yaml or
// phone-queries.yaml.
type relevanceQuery struct {
	Lang string   `yaml:"lang"`
	Q    string   `yaml:"q"`
	Kind string   `yaml:"kind"`
	Want []string `yaml:"want"`
	Note string   `yaml:"note"`
	// Set names a held-out group (written before a ranking change, never
	// tuned to), reported as its own row besides its kind and file.
	Set string `yaml:"set"`

	file string
}

// queryKinds are the kinds a query may have, for the per-kind figures: the
// project's own set, then the phone set of issue 20.
var queryKinds = []string{"english", "urdu", "arabic-letters", "roman-urdu", "typo", "prefix", "sentence",
	"phone-english", "phone-urdu", "phone-roman", "phone-mixed", "danger"}

// queryFiles are the relevance sets: the project's own queries, and
// queries written as people type on a phone before anyone ran them.
var queryFiles = []string{queriesFile, phoneQueriesFile}

const phoneQueriesFile = projectRoot + "/search/testdata/phone-queries.yaml"

func loadQueries(t testing.TB) []relevanceQuery {
	t.Helper()
	var all []relevanceQuery
	for _, file := range queryFiles {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var qs []relevanceQuery
		if err := yaml.UnmarshalWithOptions(src, &qs, yaml.Strict()); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		for i := range qs {
			qs[i].file = file
		}
		all = append(all, qs...)
	}
	return all
}

// rankOf returns the 1-based rank of the first of want among urls, or 0.
func rankOf(urls, want []string) int {
	for i, u := range urls {
		if slices.Contains(want, u) {
			return i + 1
		}
	}
	return 0
}

// hitAt3 reports whether one of want is among the first three urls.
func hitAt3(urls, want []string) bool {
	r := rankOf(urls, want)
	return r > 0 && r <= 3
}

// scores adds up success@1, success@3 and reciprocal ranks (over the first
// rrDepth results) for one ranker.
type scores struct {
	at1, at3, empty int
	rr              float64
}

const rrDepth = 10

func (s *scores) add(urls, want []string) {
	r := rankOf(urls, want)
	if r == 1 {
		s.at1++
	}
	if r > 0 && r <= 3 {
		s.at3++
	}
	if r > 0 {
		s.rr += 1 / float64(r)
	}
	if len(urls) == 0 {
		s.empty++
	}
}

type tally struct {
	n           int
	ours, bleve scores
}

// TestRelevance runs the relevance sets against the indexes of the
// project's own content. For the project's own set (queries.yaml) at least
// 90% of the queries must have an expected page in the top three, more
// than bleve's; it builds a bleve index over the same documents as a
// reference ranker. For every kind it reports success@1, success@3 and MRR
// for both rankers, and how many queries found nothing. The phone set
// (phone-queries.yaml, issue 20) is a benchmark: its goals (success@3 of
// 95% overall and 90% on danger queries) are reported, not asserted, but
// no query of any set may find nothing once the fallback is counted. Run
// with -v -queries to see every query's results.
func TestRelevance(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the whole site")
	}
	docs, ixs := projectIndexes(t)
	qs := loadQueries(t)
	ref := newBleveRanker(t, docs)

	byKind := map[string]*tally{}
	byFile := map[string]*tally{}
	bySet := map[string]*tally{}
	var all tally
	agree, agreeN := 0.0, 0
	for i, q := range qs {
		if !slices.Contains(queryKinds, q.Kind) {
			t.Errorf("%s: query %d %q: kind %q is not one of %q", q.file, i+1, q.Q, q.Kind, queryKinds)
		}
		ix := ixs[q.Lang]
		if ix == nil || q.Q == "" || len(q.Want) == 0 {
			t.Errorf("%s: query %d %q: needs lang (en or ur), q and want", q.file, i+1, q.Q)
			continue
		}
		for _, w := range q.Want {
			if !slices.ContainsFunc(docs[q.Lang], func(d indexer.Document) bool { return d.URL == w }) {
				t.Errorf("%s: query %d %q: want %q is not a %s page", q.file, i+1, q.Q, w, q.Lang)
			}
		}
		var ours []string
		for _, r := range ix.Search(q.Q, rrDepth) {
			ours = append(ours, r.URL)
		}
		if len(ours) == 0 {
			// What the reader sees instead of nothing (query.Fallback).
			if ix.Fallback(q.Q, 3).Empty() {
				t.Errorf("%s: %s %q finds nothing, and the fallback shows nothing either", q.file, q.Lang, q.Q)
			}
		}
		theirs := ref.search(t, q.Lang, q.Q, rrDepth)
		tls := []*tally{&all, kindTally(byKind, q.Kind), kindTally(byFile, q.file)}
		if q.Set != "" {
			tls = append(tls, kindTally(bySet, q.Set))
		}
		for _, tl := range tls {
			tl.n++
			tl.ours.add(ours, q.Want)
			tl.bleve.add(theirs, q.Want)
		}
		if q.Lang == "en" && q.Kind == "english" {
			agree += overlap(ours[:min(3, len(ours))], theirs[:min(3, len(theirs))])
			agreeN++
		}
		hit := hitAt3(ours, q.Want)
		if !hit || *showQueries {
			mark := "ok  "
			if !hit {
				mark = "MISS"
			}
			t.Logf("%s %s %-14s %-40q want %v\n\t\tours  %v\n\t\tbleve %v", mark, q.Lang, q.Kind, q.Q, q.Want, ours[:min(3, len(ours))], theirs[:min(3, len(theirs))])
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "relevance, %d queries (success@1, success@3, MRR@%d; empty = found nothing before the fallback):\n", all.n, rrDepth)
	fmt.Fprintf(&b, "  %-15s %4s | %6s %6s %5s %5s | %6s %6s %5s %5s\n", "kind", "n", "ours@1", "@3", "MRR", "empty", "bleve@1", "@3", "MRR", "empty")
	row := func(name string, k *tally) {
		fmt.Fprintf(&b, "  %-15s %4d | %5.1f%% %5.1f%% %5.3f %5d | %6.1f%% %5.1f%% %5.3f %5d\n", name, k.n,
			pct(k.ours.at1, k.n), pct(k.ours.at3, k.n), k.ours.rr/float64(max(k.n, 1)), k.ours.empty,
			pct(k.bleve.at1, k.n), pct(k.bleve.at3, k.n), k.bleve.rr/float64(max(k.n, 1)), k.bleve.empty)
	}
	for _, kind := range queryKinds {
		if k := byKind[kind]; k != nil {
			row(kind, k)
		}
	}
	for _, f := range queryFiles {
		if k := byFile[f]; k != nil {
			row(strings.TrimSuffix(path.Base(f), ".yaml"), k)
		}
	}
	for _, set := range slices.Sorted(maps.Keys(bySet)) {
		row("set "+set, bySet[set])
	}
	row("all", &all)
	fmt.Fprintf(&b, "top-3 overlap with bleve on %d plain English queries: %.1f%%", agreeN, 100*agree/float64(max(agreeN, 1)))
	t.Log(b.String())

	own := byFile[queriesFile]
	if own == nil || own.n < 80 {
		t.Fatalf("%s needs at least 80 queries", queriesFile)
	}
	if got := pct(own.ours.at3, own.n); got < 90 {
		t.Errorf("an expected page is in the top 3 for %.1f%% of the project's queries; the floor is 90%%", got)
	}
	if own.ours.at3 <= own.bleve.at3 {
		t.Errorf("ours finds %d, bleve %d: the reference ranker should not do as well", own.ours.at3, own.bleve.at3)
	}
	if phone := byFile[phoneQueriesFile]; phone == nil || phone.n < 150 {
		t.Errorf("%s needs at least 150 queries", phoneQueriesFile)
	}
	if got := 100 * agree / float64(max(agreeN, 1)); got < minBleveOverlap {
		t.Errorf("top-3 overlap with bleve on plain English queries is %.1f%%, below the floor of %.0f%%", got, minBleveOverlap)
	}
}

func pct(a, n int) float64 { return 100 * float64(a) / float64(max(n, 1)) }

func kindTally(m map[string]*tally, k string) *tally {
	if m[k] == nil {
		m[k] = &tally{}
	}
	return m[k]
}

// minBleveOverlap is the least top-3 overlap with bleve, in percent, on
// plain English queries, where both rankers see the same words: a little
// under what was measured, so a ranking change that drifts far from plain
// BM25 is noticed.
const minBleveOverlap = 70.0

// overlap is the share of the longer list that both lists hold.
func overlap(a, b []string) float64 {
	n := max(len(a), len(b))
	if n == 0 {
		return 1
	}
	both := 0
	for _, u := range a {
		if slices.Contains(b, u) {
			both++
		}
	}
	return float64(both) / float64(n)
}

// bleveRanker is the reference: bleve's BM25-family scoring over the same
// fields with the same weights as ours (title 3, headings 2, topics 1.5,
// text 1), its English analyzer (Porter stemming, stop words) for English
// and its standard analyzer (Unicode words, lower case) for Urdu, which
// bleve has no analyzer for. No synonyms, no typo or prefix matching.
type bleveRanker struct {
	ix map[string]bleve.Index
}

func newBleveRanker(t testing.TB, docs map[string][]indexer.Document) *bleveRanker {
	t.Helper()
	r := &bleveRanker{ix: map[string]bleve.Index{}}
	for lang, ds := range docs {
		analyzer := "standard"
		if lang == "en" {
			analyzer = "en"
		}
		m := bleve.NewIndexMapping()
		m.DefaultAnalyzer = analyzer
		m.ScoringModel = "bm25" // index.BM25Scoring
		ix, err := bleve.NewMemOnly(m)
		if err != nil {
			t.Fatal(err)
		}
		batch := ix.NewBatch()
		for _, d := range ds {
			var heads, text []string
			for _, s := range d.Sections {
				heads = append(heads, s.Heading)
				text = append(text, s.Text)
			}
			err := batch.Index("/"+d.URL, map[string]any{ // bleve wants no empty id
				"title": strings.Join(append([]string{d.Title}, d.Keywords...), " "), "topics": strings.Join(d.Topics, " "),
				"headings": strings.Join(heads, "\n"), "text": strings.Join(text, "\n"),
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		if err := ix.Batch(batch); err != nil {
			t.Fatal(err)
		}
		r.ix[lang] = ix
	}
	return r
}

func (r *bleveRanker) search(t testing.TB, lang, text string, n int) []string {
	var qs []bquery.Query
	for field, boost := range map[string]float64{"title": 3, "headings": 2, "topics": 1.5, "text": 1} {
		mq := bleve.NewMatchQuery(text)
		mq.SetField(field)
		mq.SetBoost(boost)
		qs = append(qs, mq)
	}
	req := bleve.NewSearchRequestOptions(bleve.NewDisjunctionQuery(qs...), n, 0, false)
	res, err := r.ix[lang].Search(req)
	if err != nil {
		t.Fatal(err)
	}
	var urls []string
	for _, h := range res.Hits {
		urls = append(urls, h.ID[1:])
	}
	return urls
}
