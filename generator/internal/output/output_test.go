package output

import (
	"bytes"

	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
	"github.com/klauspost/compress/gzip"
)

func TestCheckNameRejectsEscapes(t *testing.T) {
	for _, bad := range []string{"", "/etc/passwd", "../x", "a/../../x", "a//b", "a/./b", `a\b`, "c:/x", "a\x00b", "a/.."} {
		if CheckName(bad) == nil {
			t.Errorf("CheckName(%q) = nil, want an error", bad)
		}
	}
	for _, good := range []string{"index.html", "en/guides/evidence/index.html", "css/site.abc.css"} {
		if err := CheckName(good); err != nil {
			t.Errorf("CheckName(%q) = %v", good, err)
		}
	}
}

func TestWriteMinifiesCompressesAndCommits(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	os.MkdirAll(dir, 0o755)
	os.WriteFile(filepath.Join(dir, "old.txt"), []byte("old"), 0o644)

	w, err := New(dir)
	if err != nil {
		t.Fatal(err)
	}
	page := "<!doctype html><html lang=\"ur\" dir=\"rtl\"><head><title>x</title></head><body>  <p>  محفوظ  </p>  " +
		strings.Repeat("<p>ثبوت محفوظ رکھیں۔</p>", 40) + "</body></html>" // over 1 KB: smaller files are not precompressed
	got, err := w.Write("ur/index.html", []byte(page))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) >= len(page) || !strings.Contains(string(got), `dir="rtl"`) {
		t.Errorf("minified page = %q", got)
	}
	name, err := w.Asset("css/site.css", []byte("body {  color : red ; }"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(name, "css/site.") || !strings.HasSuffix(name, ".css") || name == "css/site.css" {
		t.Errorf("asset name = %q", name)
	}
	jsName, err := w.Asset("js/app.js", []byte(strings.Repeat("function say(n){return 'محفوظ '+n;}\n", 60)))
	if err != nil {
		t.Fatal(err)
	}
	pageBr, ok := w.BrotliSize("ur/index.html")
	want, _, _ := freshCompress(got, 6)
	if !ok || pageBr != len(want) {
		t.Errorf("BrotliSize(page) = %d, %v; want %d", pageBr, ok, len(want))
	}
	var fast bytes.Buffer
	fw, _ := gzip.NewWriterLevel(&fast, gzip.BestSpeed)
	fw.Write(got)
	fw.Close()
	if n, ok := w.GzipFastSize("ur/index.html"); !ok || n != fast.Len() || n < pageBr {
		t.Errorf("GzipFastSize(page) = %d, %v; want %d, no less than brotli's %d", n, ok, fast.Len(), pageBr)
	}
	if _, ok := w.GzipFastSize("nowhere.html"); ok {
		t.Error("GzipFastSize of a file never written reports a size")
	}
	if _, err := w.Write("ur/index.html", nil); err == nil {
		t.Error("writing the same path twice must fail")
	}
	if _, err := os.Stat(filepath.Join(dir, "old.txt")); err != nil {
		t.Fatal("the old tree must stay until Commit")
	}
	if err := w.Commit(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "old.txt")); !os.IsNotExist(err) {
		t.Error("old files must be gone after Commit")
	}
	small, _ := New(filepath.Join(t.TempDir(), "p"))
	small.Write("r/app.js", []byte("var r=1;"))
	if _, err := os.Stat(filepath.Join(small.Dir(), "r", "app.js.br")); !os.IsNotExist(err) {
		t.Error("a file under 1 KB got a .br sibling")
	}
	small.Abort()
	if _, err := os.Stat(filepath.Join(dir, "ur/index.html.br")); !os.IsNotExist(err) {
		t.Error("a page got a .br sibling; pages are left to the host's compression")
	}
	js, err := os.ReadFile(filepath.Join(dir, jsName))
	if err != nil {
		t.Fatal(err)
	}
	br, _ := os.ReadFile(filepath.Join(dir, jsName+".br"))
	plain, _ := io.ReadAll(brotli.NewReader(bytes.NewReader(br)))
	if len(js) < 1024 || !bytes.Equal(plain, js) {
		t.Errorf(".br sibling of a %d-byte script does not decode to it", len(js))
	}
	gzf, _ := os.ReadFile(filepath.Join(dir, jsName+".gz"))
	zr, err := gzip.NewReader(bytes.NewReader(gzf))
	if err != nil {
		t.Fatal(err)
	}
	plain, _ = io.ReadAll(zr)
	if !bytes.Equal(plain, js) {
		t.Error(".gz sibling does not decode to the script")
	}
	left, _ := filepath.Glob(filepath.Join(filepath.Dir(dir), ".public.*"))
	if len(left) != 0 {
		t.Errorf("staging directories left behind: %v", left)
	}
}

func TestAbortLeavesOutputUntouched(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	os.MkdirAll(dir, 0o755)
	os.WriteFile(filepath.Join(dir, "keep.html"), []byte("keep"), 0o644)
	w, err := New(dir)
	if err != nil {
		t.Fatal(err)
	}
	w.Write("keep.html", []byte("new"))
	w.Abort()
	b, _ := os.ReadFile(filepath.Join(dir, "keep.html"))
	if string(b) != "keep" {
		t.Errorf("keep.html = %q after Abort", b)
	}
	if _, err := os.Stat(w.Dir()); !os.IsNotExist(err) {
		t.Error("staging directory must be removed by Abort")
	}
}

// A reused encoder must give the bytes a new one gives, whatever it
// compressed before: builds are byte-identical.
func TestReusedEncodersMatchNewOnes(t *testing.T) {
	var enc encoders
	for i, data := range [][]byte{
		bytes.Repeat([]byte("<p>ثبوت محفوظ رکھیں۔</p>"), 300),
		[]byte(strings.Repeat("a", 5000)),
		bytes.Repeat([]byte("keep the evidence "), 40),
	} {
		b1, g1, err := enc.compress(data, 6, true)
		if err != nil {
			t.Fatal(err)
		}
		b2, g2, _ := freshCompress(data, 6)
		if !bytes.Equal(b1, b2) || !bytes.Equal(g1, g2) {
			t.Errorf("input %d: a reused encoder gave other bytes than a new one", i)
		}
	}
}

func TestCompressIsDeterministic(t *testing.T) {
	data := bytes.Repeat([]byte("mehfooz محفوظ "), 100)
	b1, g1, _ := freshCompress(data, 6)
	b2, g2, _ := freshCompress(data, 6)
	if !bytes.Equal(b1, b2) || !bytes.Equal(g1, g2) {
		t.Error("compression is not deterministic")
	}
}

func TestCreateStreamsAFile(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	w, err := New(dir)
	if err != nil {
		t.Fatal(err)
	}
	f, err := w.Create("offline/copy.zip")
	if err != nil {
		t.Fatal(err)
	}
	for range 100 {
		f.Write([]byte(strings.Repeat("z", 10000)))
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := w.Create("offline/copy.zip"); err == nil {
		t.Error("creating the same path twice must fail")
	}
	if _, err := w.Write("offline/copy.zip", []byte("x")); err == nil {
		t.Error("writing a created path must fail")
	}
	if _, err := w.Create("../escape.zip"); err == nil {
		t.Error("Create must refuse a path outside the output")
	}
	if got := w.Sizes(); len(got) != 1 || got[0].Size != 1000000 {
		t.Errorf("Sizes() = %v, want the streamed million bytes", got)
	}
	if err := w.Commit(); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(filepath.Join(dir, "offline", "copy.zip")); err != nil || fi.Size() != 1000000 {
		t.Errorf("streamed file after Commit: %v, %v", fi, err)
	}
	if _, err := os.Stat(filepath.Join(dir, "offline", "copy.zip.gz")); !os.IsNotExist(err) {
		t.Error("a streamed file got a compressed sibling")
	}
}

// freshCompress compresses with new encoders, as the reference for reused ones.
func freshCompress(data []byte, brLevel int) (br, gz []byte, err error) {
	var enc encoders
	return enc.compress(data, brLevel, false)
}

// The caller, not the name, says a file is raw: a script under any name
// written with RawAsset keeps its bytes and gets no siblings, and the
// same bytes through Asset are minified and compressed.
func TestRawAssetIsStoredAsGiven(t *testing.T) {
	w, err := New(filepath.Join(t.TempDir(), "p"))
	if err != nil {
		t.Fatal(err)
	}
	defer w.Abort()
	src := []byte(strings.Repeat("function say(n) {  return 'محفوظ ' + n;  }\n", 60))
	raw, err := w.RawAsset("anywhere/data.js", src)
	if err != nil {
		t.Fatal(err)
	}
	if raw != Fingerprint("anywhere/data.js", src) {
		t.Errorf("RawAsset name = %q, want the fingerprint of the bytes as given", raw)
	}
	min, err := w.Asset("anywhere/code.js", bytes.Clone(src)) // the minifier may use its input as scratch space
	if err != nil {
		t.Fatal(err)
	}
	dir := w.Dir()
	if got, _ := os.ReadFile(filepath.Join(dir, raw)); !bytes.Equal(got, src) {
		t.Error("RawAsset changed the bytes")
	}
	if _, err := os.Stat(filepath.Join(dir, raw+".br")); !os.IsNotExist(err) {
		t.Error("RawAsset got a .br sibling")
	}
	if got, _ := os.ReadFile(filepath.Join(dir, min)); len(got) >= len(src) {
		t.Error("Asset did not minify the same script")
	}
	if _, err := os.Stat(filepath.Join(dir, min+".br")); err != nil {
		t.Error("Asset gave the same script no .br sibling")
	}
}
