package output

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"os"
	"path"
	"path/filepath"

	"github.com/andybalholm/brotli"
	"github.com/klauspost/compress/gzip"
)

// precompress reports whether name gets .br and .gz siblings: the
// fingerprinted assets, module and indexes, which hosts serve for a year
// and nginx can send as they are. Pages are left to the host's on-the-fly
// compression (what Netlify, Cloudflare Pages and GitHub Pages do anyway;
// they ignore siblings): two more files per page tripled the files a
// build creates, and creating files is most of a build's cost on slow
// disks. Files under 1 KB gain nothing worth two more files.
func (w *Writer) precompress(name string, data []byte) bool {
	return w.compress && compressible[path.Ext(name)] && path.Ext(name) != ".html" && len(data) >= 1024
}

// pack compresses name's bytes and queues its .br and .gz siblings.
func (w *Writer) pack(enc *encoders, name string, data []byte) error {
	if w.cancelled.Load() {
		return nil
	}
	level := w.brLevel
	if maxBrotli[path.Ext(name)] && (len(data) <= 1<<20 || path.Ext(name) == ".wasm") {
		// Best level where it pays: the module (reused across builds) and
		// indexes up to 1 MB. A bigger index would cost seconds per MB.
		level = 11
	} else if maxBrotli[path.Ext(name)] {
		level = 9
	}
	cache := w.cacheFolder()
	br, gz, ok := cached(cache, data, level)
	if !ok {
		var err error
		if br, gz, err = enc.compress(data, level, level == w.brLevel); err != nil {
			return err
		}
		storeCached(cache, data, level, br, gz)
	}
	w.mu.Lock()
	w.brSizes[name] = len(br)
	w.mu.Unlock()
	full := filepath.Join(w.stage, filepath.FromSlash(name))
	w.writing.add(2) // before packing.done: Flush waits for packing first
	w.files <- file{full + ".br", br}
	w.files <- file{full + ".gz", gz}
	return nil
}

// The compression cache keeps the encodings made at brotli's slow levels
// (the search module and indexes) by content hash in the user's cache
// folder, so a build does not spend seconds compressing bytes an earlier
// build compressed, whether it writes into a fresh folder or not.
// Encoding is deterministic, so a cached copy equals a fresh one.
const cacheLevel = 9

func cachePath(dir string, data []byte, level int) string {
	if dir == "" || level < cacheLevel {
		return ""
	}
	sum := sha256.Sum256(data)
	return filepath.Join(dir, fmt.Sprintf("%x-%d", sum, level))
}

func cached(dir string, data []byte, level int) (br, gz []byte, ok bool) {
	p := cachePath(dir, data, level)
	if p == "" {
		return nil, nil, false
	}
	br, err1 := os.ReadFile(p + ".br")
	gz, err2 := os.ReadFile(p + ".gz")
	return br, gz, err1 == nil && err2 == nil
}

// storeCached writes the cache entry; failing to is not an error.
func storeCached(dir string, data []byte, level int, br, gz []byte) {
	p := cachePath(dir, data, level)
	if p == "" || os.MkdirAll(filepath.Dir(p), 0o755) != nil {
		return
	}
	// Write beside and rename, so a concurrent build never reads half a file.
	for ext, b := range map[string][]byte{".br": br, ".gz": gz} {
		tmp := fmt.Sprintf("%s%s.%d.tmp", p, ext, os.Getpid())
		if os.WriteFile(tmp, b, 0o644) == nil {
			os.Rename(tmp, p+ext)
		}
	}
}

// encoders are one compression worker's reusable brotli and gzip writers.
// A reset encoder gives the same bytes as a new one. The gzip header
// carries no name or time, so output is byte-identical across builds.
type encoders struct {
	br      *brotli.Writer
	brLevel int
	gz      *gzip.Writer
	gzFast  *gzip.Writer // for GzipFastSize
}

// compress encodes data in both encodings; keep says the brotli encoder
// at this level is worth keeping for the next file (the page level; the
// rare best-level files would hold tens of megabytes of tables).
func (e *encoders) compress(data []byte, brLevel int, keep bool) (br, gz []byte, err error) {
	if br, err = e.brotli(data, brLevel, keep); err != nil {
		return nil, nil, err
	}
	g := bytes.NewBuffer(make([]byte, 0, len(data)/3+64))
	if e.gz == nil {
		e.gz, _ = gzip.NewWriterLevel(g, gzip.DefaultCompression) // the fallback for old browsers; -9 saves ~1% for twice the time
	} else {
		e.gz.Reset(g)
	}
	if _, err := e.gz.Write(data); err != nil {
		return nil, nil, err
	}
	if err := e.gz.Close(); err != nil {
		return nil, nil, err
	}
	return br, g.Bytes(), nil
}

// gzipFast returns data's gzip size at the fastest level.
func (e *encoders) gzipFast(data []byte) (int, error) {
	var n countWriter
	if e.gzFast == nil {
		e.gzFast, _ = gzip.NewWriterLevel(&n, gzip.BestSpeed)
	} else {
		e.gzFast.Reset(&n)
	}
	if _, err := e.gzFast.Write(data); err != nil {
		return 0, err
	}
	err := e.gzFast.Close()
	return int(n), err
}

// countWriter counts the bytes written to it.
type countWriter int

func (c *countWriter) Write(p []byte) (int, error) {
	*c += countWriter(len(p))
	return len(p), nil
}

func (e *encoders) brotli(data []byte, level int, keep bool) ([]byte, error) {
	b := bytes.NewBuffer(make([]byte, 0, len(data)/3+64))
	bw := e.br
	if bw != nil && e.brLevel == level {
		bw.Reset(b)
	} else {
		bw = brotli.NewWriterLevel(b, level)
		if keep {
			e.br, e.brLevel = bw, level
		}
	}
	if _, err := bw.Write(data); err != nil {
		return nil, err
	}
	if err := bw.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
