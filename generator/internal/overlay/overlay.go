// Package overlay lays a site's own folder over the defaults built into the
// binary, file by file, the way a site overrides a Hugo theme: a file in the
// site's folder wins, every other file comes from the defaults, and a
// directory lists the files of both.
package overlay

import (
	"errors"
	"io"
	"io/fs"
	"slices"
	"strings"
)

// FS is Upper over Lower. Upper may be nil or a folder that does not exist.
type FS struct {
	Upper, Lower fs.FS
}

// New returns upper laid over lower.
func New(upper, lower fs.FS) *FS { return &FS{Upper: upper, Lower: lower} }

// Open opens name from Upper when it has it, from Lower otherwise. A
// directory lists the entries of both.
func (o *FS) Open(name string) (fs.File, error) {
	if o.Upper != nil {
		f, err := o.Upper.Open(name)
		if err == nil {
			if st, err := f.Stat(); err == nil && st.IsDir() {
				entries, err := o.ReadDir(name)
				if err != nil {
					f.Close()
					return nil, err
				}
				return &dir{File: f, entries: entries}, nil
			}
			return f, nil
		}
		if !errors.Is(err, fs.ErrNotExist) && !isNotDir(err) {
			return nil, err
		}
	}
	return o.Lower.Open(name)
}

// ReadDir lists name in both layers, an Upper entry hiding a Lower one of
// the same name, sorted by name as fs.ReadDir promises.
func (o *FS) ReadDir(name string) ([]fs.DirEntry, error) {
	var up, low []fs.DirEntry
	var upErr, lowErr error = fs.ErrNotExist, nil
	if o.Upper != nil {
		up, upErr = fs.ReadDir(o.Upper, name)
		if upErr != nil && !errors.Is(upErr, fs.ErrNotExist) && !isNotDir(upErr) {
			return nil, upErr
		}
	}
	low, lowErr = fs.ReadDir(o.Lower, name)
	if upErr != nil {
		return low, lowErr
	}
	if lowErr != nil {
		return up, nil
	}
	seen := make(map[string]bool, len(up))
	out := slices.Clone(up)
	for _, e := range up {
		seen[e.Name()] = true
	}
	for _, e := range low {
		if !seen[e.Name()] {
			out = append(out, e)
		}
	}
	slices.SortFunc(out, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return out, nil
}

// isNotDir reports an error from opening a path through a file ("a/b" where
// a is a file), which os.DirFS reports as ENOTDIR, not ErrNotExist.
func isNotDir(err error) bool {
	return err != nil && strings.Contains(err.Error(), "not a directory")
}

// dir is a directory of Upper whose listing includes Lower's entries.
type dir struct {
	fs.File
	entries []fs.DirEntry
	read    int
}

// ReadDir follows fs.ReadDirFile: n <= 0 returns the rest, n > 0 at most n
// entries and io.EOF at the end.
func (d *dir) ReadDir(n int) ([]fs.DirEntry, error) {
	rest := d.entries[d.read:]
	if n <= 0 {
		d.read = len(d.entries)
		return rest, nil
	}
	if len(rest) == 0 {
		return nil, io.EOF
	}
	n = min(n, len(rest))
	d.read += n
	return rest[:n], nil
}
