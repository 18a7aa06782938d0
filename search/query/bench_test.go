package query_test

import (
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"mehfooz/search/indexer"
	"mehfooz/search/query"
	"mehfooz/search/synonyms"
)

// Real words mixed into the synthetic pages, so that queries have
// realistic hits among the generated vocabulary.
var (
	realEnglish = strings.Fields(`threat threatening blackmail evidence screenshot password account hacked
		complaint police helpline family photos images fake profile loan app harassment stalking
		spyware fraud money deepfake history private browsing journalist transgender report block
		remove facebook instagram whatsapp tiktok youtube snapchat google verification code safety`)
	realUrdu = strings.Fields(`دھمکی بلیک میل ثبوت اسکرین شاٹ پاس ورڈ اکاؤنٹ ہیک شکایت پولیس ہیلپ لائن
		خاندان تصاویر جعلی پروفائل قرض ایپ ہراسانی پیچھا جاسوسی فراڈ پیسے ڈیپ فیک ہسٹری صحافی
		خواجہ سرا رپورٹ بلاک فیس بک انسٹاگرام واٹس ایپ ٹک ٹاک یوٹیوب گوگل تصدیق کوڈ حفاظت`)
	latinSyllables = strings.Fields("ka ri to men sa lo pe nu ve ta qui dor ba fen lis mo ar ex un pro con ter ing tion al")
	urduSyllables  = strings.Fields("کا ری تو من سا لو پے نو وی تا دور با فن لس مو ار ات ان پر کن تر گی شن ال")
)

// synthetic returns n deterministic pages of about 800 words in 8
// sections, with a Zipf-distributed vocabulary of generated words.
func synthetic(lang string, n int) []indexer.Document {
	rng := rand.New(rand.NewPCG(1, uint64(len(lang))))
	real, syl := realEnglish, latinSyllables
	if lang == "ur" {
		real, syl = realUrdu, urduSyllables
	}
	vocab := make([]string, 30000)
	for i := range vocab {
		var b strings.Builder
		for range 2 + rng.IntN(3) {
			b.WriteString(syl[rng.IntN(len(syl))])
		}
		vocab[i] = b.String()
	}
	zipf := rand.NewZipf(rng, 1.1, 2, uint64(len(vocab)-1))
	sentence := func(words int) string {
		var b strings.Builder
		for i := range words {
			if i > 0 {
				b.WriteByte(' ')
			}
			if rng.IntN(12) == 0 {
				b.WriteString(real[rng.IntN(len(real))])
			} else {
				b.WriteString(vocab[zipf.Uint64()])
			}
		}
		return b.String()
	}
	docs := make([]indexer.Document, n)
	for i := range docs {
		d := &docs[i]
		d.URL = "section-" + strconv.Itoa(i%7) + "/page-" + strconv.Itoa(i) + "/"
		d.Title = sentence(3 + rng.IntN(5))
		d.Kind = "guide"
		d.Topics = []string{real[rng.IntN(len(real))]}
		for s := range 8 {
			sec := indexer.Section{Text: sentence(100)}
			if s > 0 {
				sec.Heading = sentence(2 + rng.IntN(4))
				sec.Anchor = "h" + strconv.Itoa(s)
			}
			d.Sections = append(d.Sections, sec)
		}
	}
	return docs
}

var benchQueries = map[string][]string{
	"en": {"threat", "blackmail evidence", "password hacked account", "screensh", "pas", "dhamki", "shikayat fia",
		"thraet", "evidance screenshot", "private browsing", "qarz", "how do i report a fake profile on facebook",
		"kari", "tomen sa", "verificaton", "a", "google photos remove", "harasment"},
	"ur": {"دھمکی", "شكايت", "ثبوت محفوظ", "اسکری", "dhamki", "جعلي پروفائل", "قرض ایپ", "پاس ور", "بلیک میل ثبوت",
		"کاری", "ہیک اکاؤنٹ واپس", "ثبود", "فیس بک رپورٹ", "FIA"},
}

var benchIndex struct {
	sync.Once
	data map[string][]byte
	err  error
}

// bigIndexes builds the 5,000-page indexes once per test binary.
func bigIndexes(tb testing.TB) map[string][]byte {
	benchIndex.Do(func() {
		src, err := os.ReadFile("../../content/search/synonyms.yaml")
		if err != nil {
			benchIndex.err = err
			return
		}
		syn, err := synonyms.Parse("synonyms.yaml", src)
		if err != nil {
			benchIndex.err = err
			return
		}
		benchIndex.data = map[string][]byte{}
		for _, lang := range []string{"en", "ur"} {
			b, err := indexer.Build(lang, synthetic(lang, 5000), syn)
			if err != nil {
				benchIndex.err = err
				return
			}
			benchIndex.data[lang] = b
		}
	})
	if benchIndex.err != nil {
		tb.Fatal(benchIndex.err)
	}
	return benchIndex.data
}

// BenchmarkSearch5000 queries a 5,000-page index per language with a mix
// of common, rare, prefix, typo, Roman Urdu and Urdu queries, and reports
// the 50th and 95th percentile latency of single queries.
func BenchmarkSearch5000(b *testing.B) {
	for _, lang := range []string{"en", "ur"} {
		b.Run(lang, func(b *testing.B) {
			data := bigIndexes(b)[lang]
			ix, err := query.Open(data)
			if err != nil {
				b.Fatal(err)
			}
			qs := benchQueries[lang]
			var times []time.Duration
			b.ResetTimer()
			for i := 0; b.Loop(); i++ {
				start := time.Now()
				ix.Search(qs[i%len(qs)], 10)
				times = append(times, time.Since(start))
			}
			slices.Sort(times)
			pct := func(p int) float64 { return float64(times[len(times)*p/100].Microseconds()) / 1000 }
			b.ReportMetric(pct(50), "p50-ms")
			b.ReportMetric(pct(95), "p95-ms")
			b.ReportMetric(float64(len(data))/1e6, "index-MB")
		})
	}
}

// BenchmarkOpen5000 measures decoding a 5,000-page index, which the
// browser does once per language.
func BenchmarkOpen5000(b *testing.B) {
	data := bigIndexes(b)["en"]
	for b.Loop() {
		if _, err := query.Open(data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLatency measures the latency budget (p95 at most 5 ms natively
// on the 5,000-page indexes) as metrics, never as a pass/fail: a shared
// machine makes wall-clock assertions in go test flaky. Each query's time
// is its fastest run over every iteration (five runs each), so that other
// work on the machine does not count; p50-ms and p95-ms are over the
// queries, and over-budget counts the queries above 5 ms.
//
//	go test -run '^$' -bench Latency -benchtime 5x ./search/query
func BenchmarkLatency(b *testing.B) {
	for _, lang := range []string{"en", "ur"} {
		b.Run(lang, func(b *testing.B) {
			ix, err := query.Open(bigIndexes(b)[lang])
			if err != nil {
				b.Fatal(err)
			}
			qs := benchQueries[lang]
			best := make([]time.Duration, len(qs))
			for i := range best {
				best[i] = time.Hour
			}
			b.ResetTimer()
			for b.Loop() {
				for i, q := range qs {
					for range 5 {
						start := time.Now()
						ix.Search(q, 10)
						best[i] = min(best[i], time.Since(start))
					}
				}
			}
			slices.Sort(best)
			ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
			over := 0
			for _, d := range best {
				if d > latencyBudget {
					over++
				}
			}
			b.ReportMetric(ms(best[len(best)/2]), "p50-ms")
			b.ReportMetric(ms(best[len(best)*95/100]), "p95-ms")
			b.ReportMetric(float64(over), "over-budget")
		})
	}
}

// latencyBudget is the native p95 a query should stay under.
const latencyBudget = 5 * time.Millisecond
