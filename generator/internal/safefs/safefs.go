// Package safefs reads a source folder (content, layouts, static) without
// following a symbolic link out of it, and without ever opening a device,
// pipe or socket: os.DirFS follows links anywhere, so a link in static/
// could publish /etc/passwd, and one to /dev/zero could read until the
// build runs out of memory. It also checks a path before a command writes
// to it, so no link can carry the write outside the repository.
package safefs

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
)

// LinkError is a symbolic link that leads out of its root, or a link a
// command refused to write through. Link is shown as the user wrote the
// folder ("static/notes.txt").
type LinkError struct {
	Link, Target, Root string
	Write              bool
}

func (e *LinkError) Error() string {
	if e.Write {
		return fmt.Sprintf("%s is a symbolic link (to %s): refusing to write through it", e.Link, e.Target)
	}
	return fmt.Sprintf("%s is a symbolic link to %s, outside %s", e.Link, e.Target, e.Root)
}

// SpecialError is a device, pipe or socket where a file was expected.
type SpecialError struct {
	Name string
	Mode fs.FileMode
}

func (e *SpecialError) Error() string {
	return fmt.Sprintf("%s is not a regular file but a %s", e.Name, kind(e.Mode))
}

func kind(m fs.FileMode) string {
	switch {
	case m&fs.ModeCharDevice != 0:
		return "character device"
	case m&fs.ModeDevice != 0:
		return "device"
	case m&fs.ModeNamedPipe != 0:
		return "named pipe"
	case m&fs.ModeSocket != 0:
		return "socket"
	}
	return "special file"
}

// FS is a folder read as an fs.FS that no link leaves.
type FS struct {
	dir  string // as given, for messages
	real string // with every link resolved
	ok   sync.Map
}

// New returns the folder dir as an FS. A folder that does not exist is
// read as os.DirFS would (every Open fails), so callers report it as before.
func New(dir string) *FS {
	real, err := filepath.EvalSymlinks(dir)
	if err != nil {
		real, _ = filepath.Abs(dir)
	}
	return &FS{dir: filepath.Clean(dir), real: real}
}

// check resolves name, component by component, and refuses a link whose
// target is outside the root, and anything but a file or a folder.
func (f *FS) check(op, name string) (string, error) {
	if !fs.ValidPath(name) {
		return "", &fs.PathError{Op: op, Path: name, Err: fs.ErrInvalid}
	}
	full := filepath.Join(f.dir, filepath.FromSlash(name))
	if name == "." {
		return full, nil
	}
	parts := strings.Split(name, "/")
	for i := range parts {
		sub := path.Join(parts[:i+1]...)
		if _, done := f.ok.Load(sub); done && i < len(parts)-1 {
			continue
		}
		p := filepath.Join(f.dir, filepath.FromSlash(sub))
		info, err := os.Lstat(p)
		if err != nil {
			return "", &fs.PathError{Op: op, Path: name, Err: unwrap(err)}
		}
		if info.Mode()&fs.ModeSymlink != 0 {
			target, err := filepath.EvalSymlinks(p)
			if err != nil {
				return "", &fs.PathError{Op: op, Path: name, Err: unwrap(err)}
			}
			if !within(f.real, target) {
				dest, _ := os.Readlink(p)
				return "", &LinkError{Link: filepath.ToSlash(p), Target: dest, Root: filepath.ToSlash(f.dir)}
			}
			if info, err = os.Stat(p); err != nil {
				return "", &fs.PathError{Op: op, Path: name, Err: unwrap(err)}
			}
		}
		if !info.Mode().IsRegular() && !info.IsDir() {
			return "", &SpecialError{Name: filepath.ToSlash(p), Mode: info.Mode()}
		}
		if info.IsDir() {
			f.ok.Store(sub, true)
		}
	}
	return full, nil
}

func unwrap(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}

// within reports whether path p is root or below it.
func within(root, p string) bool {
	rel, err := filepath.Rel(root, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// Open opens name, refusing links out of the root and special files.
func (f *FS) Open(name string) (fs.File, error) {
	full, err := f.check("open", name)
	if err != nil {
		return nil, err
	}
	return os.Open(full)
}

// ReadFile reads name, as Open does.
func (f *FS) ReadFile(name string) ([]byte, error) {
	full, err := f.check("read", name)
	if err != nil {
		return nil, err
	}
	return os.ReadFile(full)
}

// ReadDir lists the folder name.
func (f *FS) ReadDir(name string) ([]fs.DirEntry, error) {
	full, err := f.check("readdir", name)
	if err != nil {
		return nil, err
	}
	return os.ReadDir(full)
}

// Stat describes name, following a link that stays inside the root.
func (f *FS) Stat(name string) (fs.FileInfo, error) {
	full, err := f.check("stat", name)
	if err != nil {
		return nil, err
	}
	return os.Stat(full)
}

// CheckWrite refuses a write to file when any folder on its way below
// root, or the file itself, is a symbolic link, or the file exists and is
// not a regular file: a command writes into the repository, never through
// a link to somewhere else. Folders that do not exist yet are fine.
func CheckWrite(root, file string) error {
	root = filepath.Clean(root)
	rel, err := filepath.Rel(root, filepath.Clean(file))
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return fmt.Errorf("%s is not inside %s", file, root)
	}
	p := root
	for _, part := range strings.Split(rel, string(filepath.Separator)) {
		p = filepath.Join(p, part)
		info, err := os.Lstat(p)
		if os.IsNotExist(err) {
			return nil
		}
		if err != nil {
			return err
		}
		if info.Mode()&fs.ModeSymlink != 0 {
			dest, _ := os.Readlink(p)
			return &LinkError{Link: filepath.ToSlash(p), Target: dest, Write: true}
		}
		if p != filepath.Clean(file) && !info.IsDir() {
			return fmt.Errorf("%s is not a folder", p)
		}
		if p == filepath.Clean(file) && !info.Mode().IsRegular() {
			return &SpecialError{Name: filepath.ToSlash(p), Mode: info.Mode()}
		}
	}
	return nil
}
