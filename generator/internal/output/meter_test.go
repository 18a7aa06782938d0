package output

import (
	"path/filepath"
	"strings"
	"testing"
)

// A Meter keeps the bytes, names and weights a Writer would write.
func TestMeterWeighsAsWriter(t *testing.T) {
	w, err := New(filepath.Join(t.TempDir(), "public"), WithCacheDir("off"))
	if err != nil {
		t.Fatal(err)
	}
	defer w.Abort()
	m := NewMeter()
	page := []byte("<!doctype html><html><body>\n  <p>  " + strings.Repeat("Keep every message. ", 200) + "</p>\n</body></html>")
	css := []byte("body {  color : red ; }\n" + strings.Repeat("p { margin: 0 1em; }\n", 100))
	for _, s := range []Sink{w, m} {
		if _, err := s.Write("en/index.html", page); err != nil {
			t.Fatal(err)
		}
	}
	wa, _ := w.Asset("css/site.css", css)
	ma, _ := m.Asset("css/site.css", css)
	if wa != ma {
		t.Errorf("asset name %s, writer's %s", ma, wa)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"en/index.html", wa} {
		wb, _ := w.ReadFile(name)
		mb, _ := m.ReadFile(name)
		if string(wb) != string(mb) {
			t.Errorf("%s: bytes differ", name)
		}
		wbr, _ := w.BrotliSize(name)
		mbr, ok := m.BrotliSize(name)
		wgz, _ := w.GzipFastSize(name)
		mgz, _ := m.GzipFastSize(name)
		if !ok || wbr != mbr || wgz != mgz {
			t.Errorf("%s: brotli %d gzip %d, writer's %d %d", name, mbr, mgz, wbr, wgz)
		}
	}
	if _, err := m.Write("en/index.html", page); err == nil {
		t.Error("a second write of one path is not an error")
	}
}
