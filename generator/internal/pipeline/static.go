package pipeline

import (
	"io/fs"
	"path"
	"sort"
	"strings"

	"mehfooz/generator/internal/diag"
	"mehfooz/generator/internal/imagemeta"
	"mehfooz/generator/internal/output"
)

// copyStatic copies static/ into the output; CSS, JS and WASM get
// fingerprinted names, everything else keeps its path.
// The site's stylesheet, css/site.css, ends with each language's type
// (config.LanguageCSS).
func copyStatic(fsys fs.FS, prefix string, out output.Sink, imageKB int, languageCSS string) (map[string]string, diag.List) {
	var diags diag.List
	assets := map[string]string{}
	var names []string
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if strings.HasPrefix(d.Name(), ".") && p != "." {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if !d.IsDir() {
			names = append(names, p)
		}
		return nil
	})
	if err != nil {
		diags.Add(diag.Errorf(diag.Pos{File: prefix}, "static", "reading static files: %v", err))
		return assets, diags
	}
	sort.Strings(names)
	for _, n := range names {
		data, err := fs.ReadFile(fsys, n)
		if err != nil {
			diags.Add(diag.Errorf(diag.Pos{File: path.Join(prefix, n)}, "static", "%v", err))
			continue
		}
		data, e := cleanImage(n, path.Join(prefix, n), data)
		if e != nil {
			diags.Add(e)
			continue
		}
		if e := checkImage(n, path.Join(prefix, n), len(data), imageKB); e != nil {
			diags.Add(e)
		}
		if n == "css/site.css" {
			data = append(data, languageCSS...)
		}
		switch path.Ext(n) {
		case ".css", ".js", ".wasm", ".idx":
			name, err := out.Asset(n, data)
			if err != nil {
				diags.Add(diag.Errorf(diag.Pos{File: path.Join(prefix, n)}, "static", "%v", err))
				continue
			}
			assets[n] = name
		default:
			if _, err := out.Write(n, data); err != nil {
				diags.Add(diag.Errorf(diag.Pos{File: path.Join(prefix, n)}, "static", "%v", err))
				continue
			}
			assets[n] = n
		}
	}
	return assets, diags
}

// imageExts are the files the image budget applies to.
var imageExts = map[string]bool{".png": true, ".jpg": true, ".jpeg": true, ".webp": true, ".gif": true, ".svg": true}

func checkImage(name, file string, size, budgetKB int) *diag.Error {
	if !imageExts[strings.ToLower(path.Ext(name))] || budgetKB <= 0 || size <= budgetKB*1024 {
		return nil
	}
	return diag.Errorf(diag.Pos{File: file}, "image-size", "image is %d KB, over the %d KB budget", (size+1023)/1024, budgetKB).
		WithHint("resize it (a phone screen is about 400 px wide) or save it as WebP or PNG with fewer colours")
}

// metadataFormats are image formats that can carry a location but that we
// cannot clean; they must be converted first.
var metadataFormats = map[string]bool{".tif": true, ".tiff": true, ".heic": true, ".heif": true, ".avif": true}

// cleanImage strips camera, location and editing metadata from a JPEG,
// PNG or WebP, so a volunteer's screenshot never tells where it was taken.
func cleanImage(name, file string, data []byte) ([]byte, *diag.Error) {
	ext := strings.ToLower(path.Ext(name))
	if metadataFormats[ext] {
		return nil, diag.Errorf(diag.Pos{File: file}, "image-format", "%s images can carry the place they were taken and cannot be cleaned here", strings.TrimPrefix(ext, ".")).
			WithHint("save it as PNG, JPEG or WebP instead")
	}
	if !imageExts[ext] {
		return data, nil
	}
	out, err := imagemeta.Strip(name, data)
	if err != nil {
		return nil, diag.Errorf(diag.Pos{File: file}, "image", "%v", err)
	}
	return out, nil
}
