package output

import (
	"path"
	"sort"
)

// BrotliSize returns the brotli size of a written file at the page level:
// its sibling's size when it has one, or else the file compressed now (the
// page-weight budget asks for a few pages, not all). ok is false for a
// name that was not written or is not text.
func (w *Writer) BrotliSize(name string) (int, bool) {
	w.mu.Lock()
	n, ok := w.brSizes[name]
	w.mu.Unlock()
	if ok {
		return n, true
	}
	n, ok = w.weigh(name, func(e *encoders, data []byte) (int, error) {
		br, err := e.brotli(data, w.brLevel, true)
		return len(br), err
	})
	if ok {
		w.mu.Lock()
		w.brSizes[name] = n
		w.mu.Unlock()
	}
	return n, ok
}

// weigh reads a written text file back and measures it with a spare set
// of encoders; ok is false for a name that was not written or is not text.
func (w *Writer) weigh(name string, measure func(e *encoders, data []byte) (int, error)) (int, bool) {
	w.mu.Lock()
	_, written := w.written[name]
	w.mu.Unlock()
	if !written || !compressible[path.Ext(name)] {
		return 0, false
	}
	// ReadFile waits for the files to be on disk, not for the compressing
	// pool, which may be busy with the search indexes at brotli's best level.
	data, err := w.ReadFile(name)
	if err != nil {
		return 0, false
	}
	enc, _ := w.spare.Get().(*encoders)
	if enc == nil {
		enc = &encoders{}
	}
	n, err := measure(enc, data)
	w.spare.Put(enc)
	return n, err == nil
}

// GzipFastSize returns the gzip size of a written file at gzip's fastest
// level, the default of a server that compresses as it sends (nginx's
// gzip_comp_level 1). It takes about a quarter of BrotliSize's time and is
// larger than the brotli size for any page, so a page that fits a budget
// by it needs no brotli. ok is false for a name that was not written or is
// not text.
func (w *Writer) GzipFastSize(name string) (int, bool) {
	return w.weigh(name, (*encoders).gzipFast)
}

// Sizes returns every written name with its size, sorted by name.
func (w *Writer) Sizes() []File {
	w.mu.Lock()
	defer w.mu.Unlock()
	out := make([]File, 0, len(w.written))
	for n, s := range w.written {
		out = append(out, File{Name: n, Size: s})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// File is one written output.
type File struct {
	Name string
	Size int
}
