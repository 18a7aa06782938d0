// Command dist makes the release archives: the search module first (as
// `make wasm` does, so the binaries embed it), then mehfooz cross-compiled
// for every platform with -trimpath and the version stamped in, each packed
// with the licences and README as a .tar.gz (a .zip for Windows), and a
// SHA256SUMS file. The archives are reproducible: entries are sorted, owned
// by nobody and dated at the last commit (or -date), so the same commit
// gives the same bytes on any machine.
//
//	go run ./tools/dist -version v0.1.0 -out dist
package main

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"mehfooz/search/wasmstrip"
)

// Platforms are the release targets.
var Platforms = []string{"linux/amd64", "linux/arm64", "darwin/amd64", "darwin/arm64", "windows/amd64", "windows/arm64"}

// docs go into every archive beside the binary.
var docs = []string{"LICENSE", "NOTICE", "README.md", "CHANGELOG.md"}

func main() {
	version := flag.String("version", "", "the version to stamp (default: git describe --tags --always --dirty)")
	out := flag.String("out", "dist", "the folder to write the archives into (replaced)")
	only := flag.String("platforms", strings.Join(Platforms, ","), "comma-separated os/arch list")
	releases := flag.String("releases", "", "where the archives will be published, written into workflows made by mehfooz init")
	date := flag.Int64("date", 0, "archive entry time, Unix seconds (default: the last commit's time)")
	flag.Parse()
	if err := run(*version, *out, strings.Split(*only, ","), *releases, *date); err != nil {
		fmt.Fprintf(os.Stderr, "dist: %v\n", err)
		os.Exit(1)
	}
}

func run(version, out string, platforms []string, releases string, date int64) error {
	if version == "" {
		v, err := git("describe", "--tags", "--always", "--dirty")
		if err != nil {
			return fmt.Errorf("no -version and git describe failed: %v", err)
		}
		version = v
	}
	if date == 0 {
		t, err := git("log", "-1", "--format=%ct")
		if err == nil {
			date, _ = strconv.ParseInt(t, 10, 64)
		}
	}
	mtime := time.Unix(date, 0).UTC()
	if err := buildWasm(); err != nil {
		return err
	}
	if err := os.RemoveAll(out); err != nil {
		return err
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	ldflags := "-s -w -X main.version=" + version
	if releases != "" {
		ldflags += " -X main.releasesURL=" + releases
	}
	var sums []string
	for _, p := range platforms {
		goos, goarch, ok := strings.Cut(p, "/")
		if !ok {
			return fmt.Errorf("platform %q: want os/arch", p)
		}
		name := "mehfooz-" + version + "-" + goos + "-" + goarch
		exe := "mehfooz"
		if goos == "windows" {
			exe += ".exe"
		}
		bin := filepath.Join(out, name+"."+exe)
		cmd := exec.Command("go", "build", "-trimpath", "-ldflags", ldflags, "-o", bin, "./generator")
		cmd.Env = append(os.Environ(), "GOOS="+goos, "GOARCH="+goarch, "CGO_ENABLED=0")
		cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("building %s: %v", p, err)
		}
		files := map[string]string{name + "/" + exe: bin}
		for _, d := range docs {
			files[name+"/"+d] = d
		}
		archive := name + ".tar.gz"
		var data []byte
		var err error
		if goos == "windows" {
			archive = name + ".zip"
			data, err = zipOf(files, mtime)
		} else {
			data, err = tarGzOf(files, mtime)
		}
		os.Remove(bin)
		if err != nil {
			return fmt.Errorf("packing %s: %v", archive, err)
		}
		if err := os.WriteFile(filepath.Join(out, archive), data, 0o644); err != nil {
			return err
		}
		sums = append(sums, fmt.Sprintf("%x  %s\n", sha256.Sum256(data), archive))
		fmt.Printf("%s\t%d bytes\n", filepath.Join(out, archive), len(data))
	}
	slices.Sort(sums)
	return os.WriteFile(filepath.Join(out, "SHA256SUMS"), []byte(strings.Join(sums, "")), 0o644)
}

// buildWasm is `make wasm`: the search module (built and stripped by
// wasmstrip) and Go's wasm_exec.js into static/search/, where the binary's
// embedded defaults pick them up. Each file is written beside and renamed
// into place, so a reader never sees half.
func buildWasm() error {
	if err := os.MkdirAll("static/search", 0o755); err != nil {
		return err
	}
	if _, err := wasmstrip.Build("", wasmstrip.Module, "static/search/search.wasm"); err != nil {
		return fmt.Errorf("building the search module: %v", err)
	}
	js, err := os.ReadFile(filepath.Join(runtime.GOROOT(), "lib", "wasm", "wasm_exec.js"))
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join("static/search", ".wasm_exec.js.tmp"), js, 0o644); err != nil {
		return err
	}
	return os.Rename(filepath.Join("static/search", ".wasm_exec.js.tmp"), "static/search/wasm_exec.js")
}

func git(args ...string) (string, error) {
	b, err := exec.Command("git", args...).Output()
	return strings.TrimSpace(string(b)), err
}

// entries returns the archive names in order, with their bytes and mode.
func entries(files map[string]string) ([]string, map[string][]byte, error) {
	names := make([]string, 0, len(files))
	data := map[string][]byte{}
	for n, src := range files {
		b, err := os.ReadFile(src)
		if err != nil {
			return nil, nil, err
		}
		names = append(names, n)
		data[n] = b
	}
	slices.Sort(names)
	return names, data, nil
}

func mode(name string) int64 {
	if base := filepath.Base(name); base == "mehfooz" || base == "mehfooz.exe" {
		return 0o755
	}
	return 0o644
}

func tarGzOf(files map[string]string, mtime time.Time) ([]byte, error) {
	names, data, err := entries(files)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	gz, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	gz.ModTime = mtime // the header holds a time too
	tw := tar.NewWriter(gz)
	dir := strings.SplitN(names[0], "/", 2)[0] + "/"
	if err := tw.WriteHeader(&tar.Header{Name: dir, Typeflag: tar.TypeDir, Mode: 0o755, ModTime: mtime, Format: tar.FormatPAX}); err != nil {
		return nil, err
	}
	for _, n := range names {
		h := &tar.Header{Name: n, Typeflag: tar.TypeReg, Mode: mode(n), Size: int64(len(data[n])), ModTime: mtime, Format: tar.FormatPAX}
		if err := tw.WriteHeader(h); err != nil {
			return nil, err
		}
		if _, err := tw.Write(data[n]); err != nil {
			return nil, err
		}
	}
	if err := tw.Close(); err != nil {
		return nil, err
	}
	if err := gz.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func zipOf(files map[string]string, mtime time.Time) ([]byte, error) {
	names, data, err := entries(files)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, n := range names {
		h := &zip.FileHeader{Name: n, Method: zip.Deflate, Modified: mtime}
		h.SetMode(os.FileMode(mode(n)))
		w, err := zw.CreateHeader(h)
		if err != nil {
			return nil, err
		}
		if _, err := io.Copy(w, bytes.NewReader(data[n])); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
