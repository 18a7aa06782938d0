package offline

import "testing"

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
