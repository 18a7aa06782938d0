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

// BenchmarkProjectIndexSizes reports each language's index size for the
// project's content: raw, gzip -9 and brotli -11 (as served), in KB. The
// time is building and compressing both indexes.
func BenchmarkProjectIndexSizes(b *testing.B) {
	docs, _ := projectIndexes(b)
	syn, err := synonyms.Parse("synonyms.yaml", mustRead(b, projectRoot+"/content/"+searchindex.SynonymsPath))
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		for _, lang := range []string{"en", "ur"} {
			idx, err := indexer.Build(lang, docs[lang], syn)
			if err != nil {
				b.Fatal(err)
			}
			var g, br bytes.Buffer
			zw, _ := gzip.NewWriterLevel(&g, gzip.BestCompression)
			zw.Write(idx)
			zw.Close()
			bw := brotli.NewWriterLevel(&br, brotli.BestCompression)
			bw.Write(idx)
			bw.Close()
			b.ReportMetric(float64(len(docs[lang])), lang+"-pages")
			b.ReportMetric(float64(len(idx))/1024, lang+"-raw-KB")
			b.ReportMetric(float64(g.Len())/1024, lang+"-gzip-KB")
			b.ReportMetric(float64(br.Len())/1024, lang+"-brotli-KB")
		}
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
