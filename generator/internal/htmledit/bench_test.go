package htmledit

import (
	"bytes"
	"os"
	"testing"
)

// BenchmarkScan scans a page the size of a built guide (four golden
// pages end to end, about 10 KB), as the offline copies do for every page
// of the site.
func BenchmarkScan(b *testing.B) {
	var src []byte
	for _, name := range []string{"en_guides_evidence", "ur_guides_evidence", "en_search", "en"} {
		page, err := os.ReadFile("../pipeline/testdata/golden/" + name + ".html")
		if err != nil {
			b.Skip("no golden page:", err)
		}
		src = append(src, page...)
	}
	if len(src) < 8<<10 || !bytes.Contains(src, []byte("<a ")) {
		b.Fatal("golden pages too small to be a fair sample")
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		Scan(src, func(t *Tag) bool {
			n += len(t.Attrs)
			return true
		})
	}
}
