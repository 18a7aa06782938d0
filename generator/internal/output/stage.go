package output

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// The only writes a build makes outside the output folder are its staging
// folders beside it (.public.tmp-<pid>-*, the next tree, and
// .public.old-<pid>-*, the previous one while it is swapped out) and the
// compression cache. These helpers keep both in hand: a build that was
// killed leaves its staging folder behind, and the next build removes it;
// the cache can be moved or turned off.

// CacheEnv names the environment variable that moves the compression
// cache; set to "" or "off" it turns the cache off.
const CacheEnv = "MEHFOOZ_CACHE"

// DefaultCacheDir is where the compression cache lives unless told
// otherwise: $MEHFOOZ_CACHE when set ("" or "off": no cache), else
// mehfooz/compress in the user's cache folder ($XDG_CACHE_HOME or
// ~/.cache on Linux).
func DefaultCacheDir() string {
	if v, ok := os.LookupEnv(CacheEnv); ok {
		if v == "off" {
			return ""
		}
		return v
	}
	dir, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "mehfooz", "compress")
}

// WithCacheDir keeps the compression cache in dir; "" or "off" turns it off.
func WithCacheDir(dir string) Option {
	return func(w *Writer) {
		if dir == "off" {
			dir = ""
		}
		w.cacheDir, w.cacheSet = dir, true
	}
}

// cacheFolder is the writer's cache folder, "" for none.
func (w *Writer) cacheFolder() string {
	if w.cacheSet {
		return w.cacheDir
	}
	return DefaultCacheDir()
}

// errCancelled is what writes return once the build was interrupted.
var errCancelled = errors.New("build interrupted")

// Cancel stops the build at once: later writes and compressions do
// nothing, and the staging folder is removed without waiting for the
// compression in progress. The final folder is untouched. Abort is
// Cancel; Ctrl-C and SIGTERM call it while the build is still running.
func (w *Writer) Cancel() error {
	// Wait for files being created now, so none lands after the removal.
	w.live.Lock()
	w.cancelled.Store(true)
	w.live.Unlock()
	return os.RemoveAll(w.stage)
}

// stagePrefix is how staging folders of dir start: ".public.tmp-<pid>-".
func stagePrefix(dir, kind string) string {
	return "." + filepath.Base(dir) + "." + kind + "-" + strconv.Itoa(os.Getpid()) + "-"
}

// removeStale removes the staging folders of builds into dir that are no
// longer running: a build killed before it could clean up (SIGKILL, a
// crash, a power cut) leaves one behind, each the size of the site.
func removeStale(dir string) {
	parent := filepath.Dir(dir)
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	base := "." + filepath.Base(dir) + "."
	for _, e := range entries {
		name := e.Name()
		rest, ok := strings.CutPrefix(name, base+"tmp-")
		if !ok {
			rest, ok = strings.CutPrefix(name, base+"old-")
		}
		if !ok || !e.IsDir() {
			continue
		}
		full := filepath.Join(parent, name)
		pidText, _, hasPid := strings.Cut(rest, "-")
		pid, err := strconv.Atoi(pidText)
		switch {
		case hasPid && err == nil && pid > 0:
			if pid == os.Getpid() || alive(pid) {
				continue // a build running now, into the same folder
			}
		default:
			// Named before staging folders carried their process: remove
			// once nothing can still be writing into it.
			if info, err := e.Info(); err != nil || time.Since(info.ModTime()) < time.Hour {
				continue
			}
		}
		os.RemoveAll(full)
	}
}
