package offline

import (
	"fmt"
	"strings"
	"testing"
)

func TestScanTags(t *testing.T) {
	tests := []struct {
		name, src string
		want      string // tags as name[attr=val,…], end tags as /name
	}{
		{"quoted_and_unquoted", `<a href=../x/ class="a b" data-x='y'>t</a>`, `a[href=../x/,class=a b,data-x=y] /a`},
		{"no_value_and_self_closing", `<input disabled id=q/><br/>`, `input[disabled=,id=q/] br[]`},
		{"upper_case", `<A HREF="x">t</A>`, `a[href=x] /a`},
		{"references_decoded", `<a href="?a=1&amp;b=2">`, `a[href=?a=1&b=2]`},
		{"comment_hides_tags", `<!-- <a href="no"> --><p>`, `p[]`},
		{"doctype", `<!doctype html><html lang=en>`, `html[lang=en]`},
		{"script_is_text", `<script>if(a<b){x="<a href=no>"}</script><p>`, `script[] /script p[]`},
		{"style_is_text", `<style>a>b{}</style><i>`, `style[] /style i[]`},
		{"stray_less_than", `1 < 2 <p>`, `p[]`},
		{"spaces_around_equals", `<a href = "x" >`, `a[href=x]`},
		{"unterminated", `<a href="x`, ``},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			scanTags([]byte(tc.src), func(tg *tag) bool {
				if tg.end {
					got = append(got, "/"+tg.name)
					return true
				}
				var as []string
				for _, a := range tg.attrs {
					as = append(as, a.name+"="+a.value())
					if tc.src[a.start:a.stop] == "" {
						t.Errorf("attribute %s has an empty span", a.name)
					}
				}
				got = append(got, fmt.Sprintf("%s[%s]", tg.name, strings.Join(as, ",")))
				return true
			})
			if s := strings.Join(got, " "); s != tc.want {
				t.Errorf("got  %s\nwant %s", s, tc.want)
			}
		})
	}
}

func TestEdits(t *testing.T) {
	src := []byte(`<a href=../x/ class=c hreflang=ur>t</a><link rel=alternate href=../y/>`)
	var e edits
	scanTags(src, func(tg *tag) bool {
		for _, a := range tg.attrs {
			switch {
			case tg.name == "a" && a.name == "href":
				e.setAttr(a, "../x/index.html#a&b")
			case a.name == "hreflang":
				e.dropAttr(src, a)
			case tg.name == "link":
				e.replace(tg.start, tg.stop, "")
				return false
			}
		}
		if tg.name == "a" && !tg.end {
			e.addAttr(src, tg, "rel", "noopener")
		}
		return true
	})
	want := `<a href="../x/index.html#a&amp;b" class=c rel="noopener">t</a>`
	if got := string(e.apply(src)); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestElement(t *testing.T) {
	src := []byte(`<body><main id=main lang=en><p>x</p></main><footer>`)
	start, end := element(src, "main")
	if start == nil || string(src[start.stop:end]) != "<p>x</p>" {
		t.Fatalf("main = %v %d", start, end)
	}
	if l, _ := start.get("lang"); l != "en" {
		t.Errorf("lang = %q", l)
	}
}

func TestResolve(t *testing.T) {
	page := "en/guides/evidence/index.html"
	tests := []struct {
		name, url string
		kind      refKind
		file, fu  string // resolved file; URL that works from file://
	}{
		{"sibling_page", "../threats/", refLocal, "en/guides/threats/index.html", "../threats/index.html"},
		{"anchored", "../../complaint/file-online/#what-you-need", refLocal, "en/complaint/file-online/index.html", "../../complaint/file-online/index.html#what-you-need"},
		{"parent", "../", refLocal, "en/guides/index.html", "../index.html"},
		{"parent_no_slash", "..", refLocal, "en/guides/index.html", "../index.html"},
		{"this_page", "./", refLocal, "en/guides/evidence/index.html", "./index.html"},
		{"dot", ".", refLocal, "en/guides/evidence/index.html", "./index.html"},
		{"asset", "../../../css/site.1a2b3c4d5e.css", refLocal, "css/site.1a2b3c4d5e.css", "../../../css/site.1a2b3c4d5e.css"},
		{"explicit_index", "../threats/index.html", refLocal, "en/guides/threats/index.html", "../threats/index.html"},
		{"fragment", "#screenshots", refFragment, "", ""},
		{"https", "https://stopncii.org/", refExternal, "", ""},
		{"tel", "tel:1991", refExternal, "", ""},
		{"mailto", "mailto:help@example.org", refExternal, "", ""},
		{"protocol_relative", "//example.org/", refExternal, "", ""},
		{"root", "/en/", refRoot, "", ""},
		{"past_the_root", "../../../../x/", refOutside, "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := resolve(page, tc.url)
			if r.kind != tc.kind || r.file != tc.file {
				t.Fatalf("resolve(%q) = kind %d file %q, want %d %q", tc.url, r.kind, r.file, tc.kind, tc.file)
			}
			if r.kind == refLocal && r.fileURL() != tc.fu {
				t.Errorf("fileURL = %q, want %q", r.fileURL(), tc.fu)
			}
		})
	}
	if u := resolve(page, "../../complaint/#x").onlineURL("https://m.example/"); u != "https://m.example/en/complaint/#x" {
		t.Errorf("onlineURL = %q", u)
	}
}

func TestInteractive(t *testing.T) {
	for src, want := range map[string]bool{
		`<article><h1>x</h1><p>y</p></article>`:        false,
		`<article><form hidden><input id=a></form>`:    true,
		`<p>x</p><script src=../x.js></script>`:        true,
		`<p>a <code>&lt;form&gt;</code> in text</p>`:   false,
		`<!-- <button> --><p>commented out</p>`:        false,
		`<div><textarea>&lt;/div></textarea></div><p>`: true,
	} {
		if got := interactive([]byte(src)); got != want {
			t.Errorf("interactive(%s) = %v, want %v", src, got, want)
		}
	}
}

func TestMatchRule(t *testing.T) {
	for _, tc := range []struct {
		pattern, key string
		want         bool
	}{
		{"start/*", "start", true},
		{"start/*", "start/blackmail", true},
		{"start/*", "starting", false},
		{"guides", "guides", true},
		{"guides", "guides/evidence", false},
		{"guides/evidence", "guides/evidence", true},
	} {
		if got := matchRule(tc.pattern, tc.key); got != tc.want {
			t.Errorf("matchRule(%q, %q) = %v", tc.pattern, tc.key, got)
		}
	}
}

// FuzzScanTags checks that the scanner never panics and that every tag and
// attribute it reports lies inside the input, in order, with its value
// taken from its own span.
func FuzzScanTags(f *testing.F) {
	for _, s := range []string{`<a href=../x/ class="a b" data-x='y'>t</a>`, `<!-- <a> --><p>`,
		`<script>x="<a>"</script><P ID=Q>`, `<input disabled/><a href="x`, `</ a><a =x>`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		prev := 0
		scanTags([]byte(src), func(tg *tag) bool {
			if tg.start < prev || tg.stop <= tg.start || tg.stop > len(src) {
				t.Fatalf("tag %q at %d:%d after %d in %d bytes", tg.name, tg.start, tg.stop, prev, len(src))
			}
			if tg.name != strings.ToLower(tg.name) {
				t.Fatalf("tag name %q is not lower-case", tg.name)
			}
			for _, a := range tg.attrs {
				if a.start <= tg.start || a.stop > tg.stop || a.stop < a.start {
					t.Fatalf("attribute %q at %d:%d outside its tag %d:%d", a.name, a.start, a.stop, tg.start, tg.stop)
				}
				if a.raw != nil && !strings.Contains(src[a.start:a.stop], string(a.raw)) {
					t.Fatalf("attribute %q's value %q is not in its span %q", a.name, a.raw, src[a.start:a.stop])
				}
			}
			prev = tg.stop
			return true
		})
	})
}
