package searchindex_test

import (
	"bytes"
	"compress/gzip"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/andybalholm/brotli"

	"mehfooz/generator/internal/searchindex"
	"mehfooz/search/indexer"
	"mehfooz/search/synonyms"
)

// BenchmarkProjectQueries runs the queries of search/testdata/queries.yaml
// against the project's own indexes, natively, and reports the median and
// 95th percentile time of one query.
func BenchmarkProjectQueries(b *testing.B) {
	_, ixs := projectIndexes(b)
	qs := loadQueries(b)
	var times []time.Duration
	for i := 0; b.Loop(); i++ {
		q := qs[i%len(qs)]
		start := time.Now()
		ixs[q.Lang].Search(q.Q, 10)
		times = append(times, time.Since(start))
	}
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)/2].Nanoseconds())/1e3, "p50-µs")
	b.ReportMetric(float64(times[len(times)*95/100].Nanoseconds())/1e3, "p95-µs")
}

// BenchmarkProjectIndexBuild times the index stage alone on the project's
// content: both languages' indexes and offline scripts.
func BenchmarkProjectIndexBuild(b *testing.B) {
	docs, _ := projectIndexes(b)
	syn, _ := synonyms.Parse("synonyms.yaml", mustRead(b, projectRoot+"/content/"+searchindex.SynonymsPath))
	for b.Loop() {
		for lang, ds := range docs {
			idx, err := indexer.Build(lang, ds, syn)
			if err != nil {
				b.Fatal(err)
			}
			indexer.IndexScript(lang, idx)
		}
	}
}

// TestProjectIndexSizes reports each language's index size for the
// project's content: raw, gzip -9 and brotli -11, as served.
func TestProjectIndexSizes(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the whole site")
	}
	docs, _ := projectIndexes(t)
	syn, err := synonyms.Parse("synonyms.yaml", mustRead(t, projectRoot+"/content/"+searchindex.SynonymsPath))
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"en", "ur"} {
		idx, err := indexer.Build(lang, docs[lang], syn)
		if err != nil {
			t.Fatal(err)
		}
		var g, br bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&g, gzip.BestCompression)
		zw.Write(idx)
		zw.Close()
		bw := brotli.NewWriterLevel(&br, brotli.BestCompression)
		bw.Write(idx)
		bw.Close()
		t.Logf("%s: %d pages, index %d KB raw, %d KB gzip, %d KB brotli", lang, len(docs[lang]), len(idx)/1024, g.Len()/1024, br.Len()/1024)
	}
}

func mustRead(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
