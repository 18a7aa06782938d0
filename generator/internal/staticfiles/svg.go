package staticfiles

import (
	"bytes"
	"encoding/xml"
	"io"
	"strings"

	"mehfooz/generator/internal/diag"
)

// svgForbidden are the SVG elements that run script, embed other
// documents or play media; a picture needs none of them.
var svgForbidden = map[string]bool{
	"script": true, "foreignobject": true, "iframe": true, "embed": true, "object": true,
	"handler": true, "listener": true, "audio": true, "video": true, "discard": false,
}

// svgAnimations can change an attribute (an href into javascript:) after
// the picture is checked.
var svgAnimations = map[string]bool{"set": true, "animate": true, "animatemotion": true, "animatetransform": true}

// CheckSVG refuses an SVG that can run script or make a request when
// opened on its own (a browser runs an SVG's script on the site's origin
// wherever no CSP header is sent): script and embedding elements, event
// handler attributes, javascript: anywhere, references that are not
// "#fragment" or an embedded raster picture, entity declarations,
// stylesheet instructions, and CSS that leaves the site. Each is an error
// at file:line:col.
func CheckSVG(file string, data []byte) diag.List {
	offs := diag.NewOffsets(file, data)
	var diags diag.List
	errorf := func(off int64, format string, args ...any) {
		diags.Add(diag.Errorf(offs.Pos(int(off)), "static-svg", format, args...).
			WithHint("export the picture again as plain shapes (an editor's \"optimised SVG\"), or save it as PNG"))
	}
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = true
	var style *bytes.Buffer // the text of an open <style>
	var styleAt int64
	for {
		at := dec.InputOffset()
		tok, err := dec.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			line, col := dec.InputPos()
			diags.Add(diag.Errorf(diag.Pos{File: file, Line: line, Col: col}, "static-svg", "not well-formed SVG: %v", err).
				WithHint("open it in an editor and save it again; the build checks only SVG it can read"))
			break
		}
		switch t := tok.(type) {
		case xml.ProcInst:
			if !strings.EqualFold(t.Target, "xml") {
				errorf(at, "the processing instruction <?%s …?> is not allowed in an SVG", t.Target)
			}
		case xml.Directive:
			if bytes.Contains(bytes.ToUpper(t), []byte("ENTITY")) {
				errorf(at, "entity declarations are not allowed in an SVG")
			}
		case xml.StartElement:
			name := strings.ToLower(t.Name.Local)
			if svgForbidden[name] {
				errorf(at, "<%s> is not allowed in an SVG", t.Name.Local)
			}
			if name == "style" {
				style, styleAt = &bytes.Buffer{}, at
			}
			for _, a := range t.Attr {
				svgAttr(errorf, at, name, a)
			}
		case xml.CharData:
			if style != nil {
				style.Write(t)
			}
		case xml.EndElement:
			if strings.EqualFold(t.Name.Local, "style") && style != nil {
				for _, e := range CheckCSS(file, style.Bytes()) {
					// Positions inside the element's text are not the file's:
					// point at the <style> element.
					e.Pos = offs.Pos(int(styleAt))
					diags.Add(e)
				}
				style = nil
			}
		}
	}
	return diags
}

func svgAttr(errorf func(int64, string, ...any), at int64, elem string, a xml.Attr) {
	name := strings.ToLower(a.Name.Local)
	v := strings.Map(func(r rune) rune {
		if r <= ' ' || r == 0x7f {
			return -1
		}
		return r
	}, strings.ToLower(a.Value))
	switch {
	case strings.HasPrefix(name, "on"):
		errorf(at, "the event handler %s= is not allowed in an SVG", a.Name.Local)
	case strings.Contains(v, "javascript:") || strings.Contains(v, "vbscript:"):
		errorf(at, "%s= holds a script address", a.Name.Local)
	case name == "href" || name == "src":
		if !strings.HasPrefix(v, "#") && !rasterData(v) {
			errorf(at, "%s=%q refers outside the picture: only #fragments and embedded PNG, JPEG, GIF or WebP pictures are allowed", a.Name.Local, a.Value)
		}
	case svgAnimations[elem] && name == "attributename" && (v == "href" || strings.HasSuffix(v, ":href")):
		errorf(at, "<%s> may not change %s", elem, a.Value)
	case name == "style" || strings.Contains(v, "url("):
		for _, e := range CheckCSS("", []byte(a.Value)) {
			errorf(at, "%s=: %s", a.Name.Local, e.Msg)
		}
	}
}

func rasterData(v string) bool {
	for _, t := range []string{"data:image/png", "data:image/jpeg", "data:image/gif", "data:image/webp"} {
		if strings.HasPrefix(v, t+";") || strings.HasPrefix(v, t+",") {
			return true
		}
	}
	return false
}
