package main

// The release archive on its own: a test unpacks the linux/amd64 archive and
// runs its binary with a PATH that holds nothing (so no go, no make), as a
// volunteer would from a download: init, build, check and serve, then the
// built site's search in chromium.

import (
	"archive/tar"
	"bufio"
	"compress/gzip"
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"mehfooz/internal/browsertest"
)

func TestReleaseArchiveWorksWithoutAToolchain(t *testing.T) {
	if testing.Short() {
		t.Skip("cross-compiles a release")
	}
	if runtime.GOOS != "linux" || runtime.GOARCH != "amd64" {
		t.Skip("runs the linux/amd64 archive")
	}
	root, _ := filepath.Abs("../..")
	out1, out2 := t.TempDir(), t.TempDir()
	t.Chdir(root)
	for _, out := range []string{out1, out2} {
		if err := run("vtest", out, []string{"linux/amd64"}, "", 1767225600); err != nil {
			t.Fatal(err)
		}
	}
	sum1, _ := os.ReadFile(filepath.Join(out1, "SHA256SUMS"))
	sum2, _ := os.ReadFile(filepath.Join(out2, "SHA256SUMS"))
	if len(sum1) == 0 || string(sum1) != string(sum2) {
		t.Errorf("two builds of the same tree differ:\n%s\n%s", sum1, sum2)
	}

	work := t.TempDir()
	untar(t, filepath.Join(out1, "mehfooz-vtest-linux-amd64.tar.gz"), work)
	bin := filepath.Join(work, "mehfooz-vtest-linux-amd64", "mehfooz")
	for _, doc := range docs {
		if _, err := os.Stat(filepath.Join(filepath.Dir(bin), doc)); err != nil {
			t.Errorf("the archive lacks %s", doc)
		}
	}
	empty := t.TempDir()
	env := []string{"PATH=" + empty, "HOME=" + work}
	mz := func(dir string, args ...string) string {
		t.Helper()
		cmd := exec.Command(bin, args...)
		cmd.Dir, cmd.Env = dir, env
		b, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("mehfooz %s: %v\n%s", strings.Join(args, " "), err, b)
		}
		return string(b)
	}
	if v := mz(work, "version"); strings.TrimSpace(v) != "mehfooz vtest" {
		t.Errorf("version says %q", v)
	}
	mz(work, "init", "site")
	site := filepath.Join(work, "site")
	mz(site, "build", "-q")
	mz(site, "check", "--strict")
	if _, err := os.Stat(filepath.Join(site, "public", "en", "guides", "keep-evidence", "index.html")); err != nil {
		t.Fatal(err)
	}

	// serve: on a free port, until the test stops it.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	ctx, cancel := context.WithCancel(context.Background())
	srv := exec.CommandContext(ctx, bin, "serve", "--port", strconv.Itoa(port))
	srv.Dir, srv.Env = site, env
	stdout, _ := srv.StdoutPipe()
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cancel(); srv.Wait() })
	line, _ := bufio.NewReader(stdout).ReadString('\n')
	if !strings.HasPrefix(line, "serving on http://127.0.0.1:") {
		t.Fatalf("serve said %q", line)
	}
	resp, err := http.Get("http://127.0.0.1:" + strconv.Itoa(port) + "/en/guides/keep-evidence/")
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("serve answers %v, %v", resp, err)
	}
	resp.Body.Close()

	// The built site's search, in chromium, over a static server.
	origin := browsertest.Serve(t, filepath.Join(site, "public"))
	b := browsertest.New(t)
	tab := b.NewTab(t)
	if err := tab.Do(30*time.Second, chromedp.Navigate(origin+"/en/search/"), chromedp.WaitReady(chromedp.CSS("#q")),
		chromedp.SendKeys(chromedp.CSS("#q"), "evidence")); err != nil {
		t.Fatal(err)
	}
	href, err := browsertest.WaitFor[string](tab, 30*time.Second, `(document.querySelector("ol.search-results li a") || {href: ""}).href`)
	if err != nil || !strings.Contains(href, "/en/guides/keep-evidence/") {
		t.Errorf("searching the new site for evidence found %q (%v)", href, err)
	}
	if probs := tab.Rec.TakeProblems(); len(probs) > 0 {
		t.Errorf("search page problems: %v", probs)
	}
}

func untar(t *testing.T, archive, dir string) {
	t.Helper()
	f, err := os.Open(archive)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(gz)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, filepath.FromSlash(h.Name))
		if h.Typeflag == tar.TypeDir {
			os.MkdirAll(p, 0o755)
			continue
		}
		os.MkdirAll(filepath.Dir(p), 0o755)
		w, err := os.OpenFile(p, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, os.FileMode(h.Mode))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.Copy(w, tr); err != nil {
			t.Fatal(err)
		}
		w.Close()
	}
}
