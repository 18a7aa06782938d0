// Package staticfiles holds static/ to the contract content has: nothing a
// contributor adds reaches a reader unchecked. HTML pages and server
// configuration are refused (pages come from content/, headers from the
// build), JavaScript must be loaded by a layout, SVG may not script or
// fetch, CSS may not leave the site or close the <style> it is inlined
// into, pictures must fit a pixel budget, only known kinds of file are
// published, and no file may take a name the build writes. Every refusal
// names the static file (and line:col inside it where there is one).
package staticfiles

import (
	"bytes"
	"image"
	_ "image/gif" // DecodeConfig reads the header only
	_ "image/jpeg"
	_ "image/png"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"

	"mehfooz/generator/internal/diag"
)

// MaxPixels is the most pixels a picture may declare (4096×4096): a
// phone decodes every pixel, at four bytes each, whatever the file weighs.
const MaxPixels = 4096 * 4096

// MaxBytes is the most a static file may weigh before it is read at all.
const MaxBytes = 64 << 20

// kinds are the files static/ may publish, by extension.
var kinds = map[string]bool{
	".css": true, ".js": true, ".wasm": true, ".idx": true,
	".png": true, ".jpg": true, ".jpeg": true, ".webp": true, ".gif": true, ".svg": true, ".ico": true,
	".txt": true, ".pdf": true, ".woff": true, ".woff2": true, ".json": true,
	// Formats the image cleaner refuses with its own message.
	".tif": true, ".tiff": true, ".heic": true, ".heif": true, ".avif": true,
}

// serverConfig are files a host reads as configuration: each could weaken
// the headers the build writes or redirect readers.
var serverConfig = map[string]bool{"_headers": true, "_redirects": true, ".htaccess": true, ".htpasswd": true, "web.config": true, "netlify.toml": true, "vercel.json": true}

// Options say what the build owns.
type Options struct {
	// Prefix is how the folder is shown in diagnostics ("static").
	Prefix string
	// Langs are the site's languages: <lang>/ holds their pages.
	Langs []string
	// Layouts, when set, are read for the scripts they load.
	Layouts fs.FS
	// Owned are more names and folders (ending in /) that the build
	// writes, with what writes them: the caller knows their names
	// (site/paths.go), this package does not.
	Owned map[string]string
}

// owned are the names and folders the build writes itself, and what writes them.
func owned(opt Options) map[string]string {
	m := map[string]string{
		"index.html": "the language chooser", "404.html": "the not-found page", "_headers": "the build's headers",
		".htaccess": "the build's headers", "sitemap.xml": "the sitemap", "robots.txt": "the sitemap's robots.txt",
	}
	for _, l := range opt.Langs {
		m[l+"/"] = "the " + l + " pages"
	}
	for k, v := range opt.Owned {
		m[k] = v
	}
	return m
}

// Check checks every file under fsys and returns its refusals.
func Check(fsys fs.FS, opt Options) diag.List {
	var diags diag.List
	loaded := map[string]bool{}
	if opt.Layouts != nil {
		loaded = LoadedScripts(opt.Layouts, fsys)
	}
	own := owned(opt)
	file := func(p string) string { return path.Join(opt.Prefix, p) }
	errorf := func(p, format string, args ...any) *diag.Error {
		e := diag.Errorf(diag.Pos{File: file(p)}, "static", format, args...)
		diags.Add(e)
		return e
	}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			errorf(p, "%v", err)
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if p == "." {
			return nil
		}
		base := d.Name()
		if serverConfig[strings.ToLower(base)] {
			errorf(p, "%s is server configuration, which static/ may not carry", base).
				WithHint("the build writes _headers and .htaccess itself, with the site's security policy; remove this file")
			return nil
		}
		if strings.HasPrefix(base, ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil // not published (.gitkeep)
		}
		for o, what := range own {
			dir := strings.HasSuffix(o, "/")
			if !dir && p == o || dir && (p+"/" == o || strings.HasPrefix(p, o)) {
				errorf(p, "the build writes /%s itself (%s); a static file cannot go there", o, what).
					WithHint("move it to a folder of its own, such as static/files/")
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
		}
		if d.IsDir() {
			return nil
		}
		info, err := fs.Stat(fsys, p)
		if err != nil {
			errorf(p, "%v", err)
			return nil
		}
		if !info.Mode().IsRegular() {
			errorf(p, "is not a regular file (%v)", info.Mode().Type()).WithHint("static/ may hold only ordinary files")
			return nil
		}
		if info.Size() > MaxBytes {
			errorf(p, "is %d MB, over the %d MB any static file may weigh", info.Size()>>20, MaxBytes>>20)
			return nil
		}
		diags.Append(checkFile(fsys, p, file(p), loaded))
		return nil
	})
	if err != nil {
		errorf(".", "reading static files: %v", err)
	}
	diags.Sort()
	return diags
}

func checkFile(fsys fs.FS, name, file string, loaded map[string]bool) diag.List {
	var diags diag.List
	errorf := func(format string, args ...any) *diag.Error {
		e := diag.Errorf(diag.Pos{File: file}, "static", format, args...)
		diags.Add(e)
		return e
	}
	ext := strings.ToLower(path.Ext(name))
	switch {
	case ext == ".html" || ext == ".htm" || ext == ".xhtml" || ext == ".shtml" || ext == ".xht":
		errorf("HTML pages are not published from static/: they would carry none of the site's checks or its security policy").
			WithHint("write the page as Markdown under content/")
		return diags
	case !kinds[ext]:
		errorf("files of type %q are not published from static/", ext).
			WithHint("static/ publishes stylesheets, scripts the layouts load, pictures, fonts, text, JSON and PDF; convert the file or remove it")
		return diags
	case ext == ".js" && !loaded[name]:
		errorf("no layout loads this script, so it can only be loaded by something that should not be there").
			WithHint("load it from a layout with {{.Asset %q}}, or remove it", name)
		return diags
	}
	if ext != ".css" && ext != ".svg" && !imageExt(ext) {
		return nil
	}
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		errorf("%v", err)
		return diags
	}
	switch ext {
	case ".css":
		diags.Append(CheckCSS(file, data))
	case ".svg":
		diags.Append(CheckSVG(file, data))
	default:
		if w, h, ok := Dimensions(ext, data); ok && w*h > MaxPixels {
			errorf("the picture is %d×%d pixels (%.0f megapixels), over the %.1f megapixel budget", w, h, float64(w*h)/1e6, float64(MaxPixels)/1e6).
				WithHint("resize it: a phone screen is about 400 px wide, and a phone decodes every pixel whatever the file weighs")
		}
	}
	return diags
}

func imageExt(ext string) bool {
	switch ext {
	case ".png", ".jpg", ".jpeg", ".gif", ".webp":
		return true
	}
	return false
}

// Dimensions reads a picture's declared size from its header, without
// decoding its pixels.
func Dimensions(ext string, data []byte) (w, h int, ok bool) {
	if ext == ".webp" {
		return webpSize(data)
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return 0, 0, false
	}
	return cfg.Width, cfg.Height, true
}

// webpSize reads the canvas size of a lossy (VP8), lossless (VP8L) or
// extended (VP8X) WebP.
func webpSize(b []byte) (int, int, bool) {
	if len(b) < 30 || string(b[:4]) != "RIFF" || string(b[8:12]) != "WEBP" {
		return 0, 0, false
	}
	c := b[12:]
	switch string(c[:4]) {
	case "VP8 ":
		if len(c) < 18 {
			return 0, 0, false
		}
		return int(c[14]) | int(c[15]&0x3f)<<8, int(c[16]) | int(c[17]&0x3f)<<8, true
	case "VP8L":
		if len(c) < 13 {
			return 0, 0, false
		}
		v := uint32(c[9]) | uint32(c[10])<<8 | uint32(c[11])<<16 | uint32(c[12])<<24
		return int(v&0x3fff) + 1, int(v>>14&0x3fff) + 1, true
	case "VP8X":
		if len(c) < 18 {
			return 0, 0, false
		}
		return 1 + (int(c[12]) | int(c[13])<<8 | int(c[14])<<16), 1 + (int(c[15]) | int(c[16])<<8 | int(c[17])<<16), true
	}
	return 0, 0, false
}

// assetRef finds {{.Asset "js/x.js"}} and any other quoted static path.
var assetRef = regexp.MustCompile(`"([A-Za-z0-9_./-]+\.js)"`)

// attrRef finds the data attributes a loaded script reads its own
// scripts from: attr("wasm-exec-js") is search/wasm_exec.js, as the
// build's searchAttrs names it.
var attrRef = regexp.MustCompile(`attr\("([a-z0-9-]+-js)"\)`)

// LoadedScripts lists the static scripts the layouts load: quoted in a
// layout, or named by a data attribute a loaded script reads.
func LoadedScripts(layouts, static fs.FS) map[string]bool {
	// The Go toolchain's loader, which make wasm copies beside the search
	// module; search.js loads it through the data-wasm-exec-js attribute.
	loaded := map[string]bool{"search/wasm_exec.js": true}
	fs.WalkDir(layouts, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		if data, err := fs.ReadFile(layouts, p); err == nil {
			for _, m := range assetRef.FindAllSubmatch(data, -1) {
				loaded[string(m[1])] = true
			}
		}
		return nil
	})
	// Scripts under search/ are handed to search.js as data-<name>
	// attributes ("search/wasm_exec.js" → data-wasm-exec-js).
	byAttr := map[string]string{}
	fs.WalkDir(static, "search", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".js") {
			byAttr[strings.NewReplacer("search/", "", ".", "-", "_", "-").Replace(p)] = p
		}
		return nil
	})
	names := make([]string, 0, len(loaded))
	for n := range loaded {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		data, err := fs.ReadFile(static, n)
		if err != nil {
			continue
		}
		for _, m := range attrRef.FindAllSubmatch(data, -1) {
			if p, ok := byAttr[string(m[1])]; ok {
				loaded[p] = true
			}
		}
	}
	return loaded
}
