package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// loadSeconds is how long each server is loaded: a few seconds in `make
// test` (no errors allowed), 30 in `make bench`, which records the rates.
func loadSeconds() time.Duration {
	if s, err := strconv.Atoi(os.Getenv("MEHFOOZ_LOAD_SECONDS")); err == nil && s > 0 {
		return time.Duration(s) * time.Second
	}
	return 3 * time.Second
}

// load runs 200 clients against base for d, each fetching pages in turn.
func load(t *testing.T, base string, pages []string, d time.Duration) (reqs int64, rate float64) {
	t.Helper()
	const clients = 200
	tr := &http.Transport{MaxIdleConns: clients, MaxIdleConnsPerHost: clients, MaxConnsPerHost: clients}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, Timeout: 10 * time.Second}
	var ok, bad atomic.Int64
	var firstErr atomic.Value
	deadline := time.Now().Add(d)
	var wg sync.WaitGroup
	for c := 0; c < clients; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			for i := c; time.Now().Before(deadline); i++ {
				resp, err := client.Get(base + pages[i%len(pages)])
				if err == nil {
					_, err = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if err == nil && resp.StatusCode != http.StatusOK {
						err = fmt.Errorf("%s: status %d", pages[i%len(pages)], resp.StatusCode)
					}
				}
				if err != nil {
					bad.Add(1)
					firstErr.CompareAndSwap(nil, err.Error())
					continue
				}
				ok.Add(1)
			}
		}(c)
	}
	wg.Wait()
	if n := bad.Load(); n > 0 {
		t.Errorf("%d failed requests of %d; first: %v", n, n+ok.Load(), firstErr.Load())
	}
	return ok.Load(), float64(ok.Load()) / d.Seconds()
}

// TestLoad200Clients loads `mehfooz serve` and a plain net/http file
// server of the same public/ with 200 concurrent clients on 127.0.0.1.
func TestLoad200Clients(t *testing.T) {
	if testing.Short() {
		t.Skip("load test skipped in -short mode")
	}
	dir := filepath.Join(t.TempDir(), "public")
	if code, _, stderr := mehfooz(t, append([]string{"build", "-q"}, siteArgs("../content", dir)...)...); code != 0 {
		t.Fatalf("build: exit %d\n%s", code, stderr)
	}
	pages := pageURLs(t, dir)
	d := loadSeconds()

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: http.FileServer(http.Dir(dir)), ReadHeaderTimeout: 5 * time.Second}
	go srv.Serve(ln)
	defer srv.Close()
	n, rate := load(t, "http://"+ln.Addr().String(), pages, d)
	t.Logf("net/http file server: %d requests in %v, %.0f requests/s", n, d, rate)

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--port", "0", "--content", "../content", "--layouts", "../layouts", "--static", "../static"}, pw, io.Discard)
		pw.Close()
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	go io.Copy(io.Discard, pr)
	i := strings.Index(line, "http://")
	base := strings.TrimSuffix(strings.Fields(line[i:])[0], "/")
	n, rate = load(t, base, pages, d)
	t.Logf("mehfooz serve: %d requests in %v, %.0f requests/s", n, d, rate)
	cancel()
	<-done
}

// pageURLs lists the URL of every index.html under dir that is not an
// alias redirect. (generator/e2e has the same for the browser suites.)
func pageURLs(t *testing.T, dir string) []string {
	t.Helper()
	var pages []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() != "index.html" {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil || strings.Contains(string(b), `http-equiv="refresh"`) {
			return err
		}
		rel, _ := filepath.Rel(dir, filepath.Dir(p))
		u := "/" + filepath.ToSlash(rel) + "/"
		if rel == "." {
			u = "/"
		}
		pages = append(pages, u)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return pages
}
