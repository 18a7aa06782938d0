package preview

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Watch rebuilds s whenever a file under one of dirs changes, gathering
// changes for a short quiet period so an editor's save (often several
// events) makes one rebuild. It returns when ctx is done.
func Watch(ctx context.Context, s *Server, dirs []string, quiet time.Duration) error {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return err
	}
	defer w.Close()
	for _, d := range dirs {
		if err := addTree(w, d); err != nil {
			return err
		}
	}
	pending := map[string]bool{}
	var timer <-chan time.Time
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-w.Events:
			if !ok {
				return nil
			}
			if skip(ev.Name) {
				continue
			}
			if ev.Op&fsnotify.Create != 0 {
				if st, err := os.Stat(ev.Name); err == nil && st.IsDir() {
					addTree(w, ev.Name)
				}
			}
			pending[ev.Name] = true
			timer = time.After(quiet)
		case <-timer:
			changed := make([]string, 0, len(pending))
			for p := range pending {
				changed = append(changed, p)
			}
			pending = map[string]bool{}
			timer = nil
			s.Rebuild(changed)
		case <-w.Errors:
		}
	}
}

// skip ignores editor scratch files.
func skip(name string) bool {
	b := filepath.Base(name)
	return strings.HasSuffix(b, "~") || strings.HasPrefix(b, ".#") || strings.HasSuffix(b, ".swp") || strings.HasSuffix(b, ".swx") || b == "4913"
}

func addTree(w *fsnotify.Watcher, root string) error {
	return filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() {
			return w.Add(p)
		}
		return nil
	})
}
