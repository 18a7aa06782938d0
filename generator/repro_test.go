package main

import (
	"os"
	"path/filepath"
	"testing"

	"mehfooz/generator/internal/output"
)

// TestBuildIsReproducible builds the bundled site from two copies of the
// sources in different folders and compares the output trees byte for
// byte: the same sources must give the same public/ wherever and whenever
// they are built.
func TestBuildIsReproducible(t *testing.T) {
	var sums []string
	for i := 0; i < 2; i++ {
		root := t.TempDir()
		if i == 1 {
			root = filepath.Join(root, "a", "deeper", "checkout")
		}
		for _, d := range []string{"content", "layouts", "static"} {
			if err := os.CopyFS(filepath.Join(root, d), os.DirFS(filepath.Join("..", d))); err != nil {
				t.Fatal(err)
			}
		}
		out := filepath.Join(root, "public")
		args := []string{"build", "-q", "--content", filepath.Join(root, "content"), "--layouts", filepath.Join(root, "layouts"),
			"--static", filepath.Join(root, "static"), "--out", out}
		if code, _, stderr := mehfooz(t, args...); code != 0 {
			t.Fatalf("build %d: exit %d\n%s", i, code, stderr)
		}
		sum, err := output.TreeHash(out)
		if err != nil {
			t.Fatal(err)
		}
		sums = append(sums, sum)
	}
	if sums[0] != sums[1] {
		t.Errorf("two builds of the same sources differ: %s vs %s", sums[0], sums[1])
	}
}
