package pipeline

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
// search index included, with the project's site.yaml, facts and layouts,
// under the memory settings of mehfooz build. It reports peak heap
// alongside time; `make bench` adds the side-by-side
// run against Hugo.
func BenchmarkBuildCorpus(b *testing.B) {
	defer TuneMemory(true, true)() // as mehfooz build runs
	for _, n := range []int{1000, 5000} {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			in, dir := corpus(b, n)
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

// corpus writes the generated corpus of n pages per language into a
// temporary folder, with the project's site.yaml, facts and synonyms.
func corpus(b *testing.B, n int) (Input, string) {
	gen := filepath.Join("..", "..", "..", "..", "shared", "bench", "gen-corpus.py")
	if _, err := os.Stat(gen); err != nil {
		b.Skip("no ../shared/bench/gen-corpus.py beside the project")
	}
	if _, err := exec.LookPath("python3"); err != nil {
		b.Skip("python3 not installed")
	}
	root := filepath.Join("..", "..", "..")
	dir := b.TempDir()
	cmd := exec.Command("python3", gen, "--n", strconv.Itoa(n), "--out", dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("gen-corpus: %v\n%s", err, out)
	}
	for _, f := range []string{"site.yaml", "facts.yaml", "search/synonyms.yaml"} {
		data, err := os.ReadFile(filepath.Join(root, "content", f))
		if err != nil {
			b.Fatal(err)
		}
		os.MkdirAll(filepath.Dir(filepath.Join(dir, "content", f)), 0o755)
		os.WriteFile(filepath.Join(dir, "content", f), data, 0o644)
	}
	return Input{
		Content: os.DirFS(filepath.Join(dir, "content")), ContentPrefix: filepath.ToSlash(filepath.Join(dir, "content")),
		Layouts: os.DirFS(filepath.Join(root, "layouts")), LayoutsPrefix: "layouts",
		Static: os.DirFS(filepath.Join(root, "static")), StaticPrefix: "static",
		Search: true, Offline: true,
	}, dir
}

// BenchmarkServeEdit is serve's one-page edit on the 2×1,000-page corpus:
// the time from the watcher reporting a changed English page to the new
// files being ready to serve (its translation re-rendered, anchors checked
// across the site). The goal is under 100 ms.
func BenchmarkServeEdit(b *testing.B) {
	in, dir := corpus(b, 1000)
	inc := NewIncremental(in)
	if _, diags := inc.Build(nil); diags.Err() != nil {
		b.Fatal(diags.Err())
	}
	matches, _ := filepath.Glob(filepath.Join(dir, "content", "en", "guides", "*.md"))
	if len(matches) < 2 {
		b.Fatal("corpus has no guides")
	}
	path := matches[1]
	orig, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		os.WriteFile(path, append(append([]byte{}, orig...), []byte("\nEdited "+strconv.Itoa(i)+".\n")...), 0o644)
		b.StartTimer()
		if _, diags := inc.Build([]string{path}); diags.Err() != nil {
			b.Fatal(diags.Err())
		}
	}
	b.StopTimer()
	if inc.Full != 1 {
		b.Fatalf("%d full builds; a body edit should need none", inc.Full-1)
	}
}
