package build

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"

	"mehfooz/generator/internal/output"
)

// BenchmarkBuildCorpus builds the generated bilingual benchmark corpus
// (../shared/bench/gen-corpus.py) at 1,000 and 5,000 pages per language,
// search index included, with the project's site.yaml, facts and layouts.
// It reports peak heap alongside time; `make bench` adds the side-by-side
// run against Hugo.
func BenchmarkBuildCorpus(b *testing.B) {
	gen := filepath.Join("..", "..", "..", "..", "shared", "bench", "gen-corpus.py")
	if _, err := os.Stat(gen); err != nil {
		b.Skip("no ../shared/bench/gen-corpus.py beside the project")
	}
	if _, err := exec.LookPath("python3"); err != nil {
		b.Skip("python3 not installed")
	}
	root := filepath.Join("..", "..", "..")
	for _, n := range []int{1000, 5000} {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			dir := b.TempDir()
			cmd := exec.Command("python3", gen, "--n", strconv.Itoa(n), "--out", dir)
			if out, err := cmd.CombinedOutput(); err != nil {
				b.Fatalf("gen-corpus: %v\n%s", err, out)
			}
			for _, f := range []string{"site.yaml", "facts.yaml"} {
				data, err := os.ReadFile(filepath.Join(root, "content", f))
				if err != nil {
					b.Fatal(err)
				}
				os.WriteFile(filepath.Join(dir, "content", f), data, 0o644)
			}
			os.MkdirAll(filepath.Join(dir, "content", "search"), 0o755)
			if data, err := os.ReadFile(filepath.Join(root, "content", "search", "synonyms.yaml")); err == nil {
				os.WriteFile(filepath.Join(dir, "content", "search", "synonyms.yaml"), data, 0o644)
			}
			in := Input{
				Content: os.DirFS(filepath.Join(dir, "content")), ContentPrefix: "content",
				Layouts: os.DirFS(filepath.Join(root, "layouts")), LayoutsPrefix: "layouts",
				Static: os.DirFS(filepath.Join(root, "static")), StaticPrefix: "static",
				Indexers: benchIndexers,
			}
			var peak uint64
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				w, err := output.New(filepath.Join(dir, "public"))
				if err != nil {
					b.Fatal(err)
				}
				_, diags := Run(in, w)
				if diags.Err() != nil {
					b.Fatalf("build: %v", diags.Err())
				}
				if err := w.Commit(); err != nil {
					b.Fatal(err)
				}
				var ms runtime.MemStats
				runtime.ReadMemStats(&ms)
				peak = max(peak, ms.HeapSys)
			}
			b.ReportMetric(float64(peak)/(1<<20), "heapsys-MiB")
			b.ReportMetric(float64(2*n)*float64(b.N)/b.Elapsed().Seconds(), "pages/s")
		})
	}
}

// benchIndexers is set by the search wiring so the benchmark includes the
// index; nil until then.
var benchIndexers []Indexer
