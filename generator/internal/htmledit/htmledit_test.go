package htmledit

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
			Scan([]byte(tc.src), func(tg *Tag) bool {
				if tg.End {
					got = append(got, "/"+tg.Name)
					return true
				}
				var as []string
				for _, a := range tg.Attrs {
					as = append(as, a.Name+"="+a.Value())
					if tc.src[a.Start:a.Stop] == "" {
						t.Errorf("attribute %s has an empty span", a.Name)
					}
				}
				got = append(got, fmt.Sprintf("%s[%s]", tg.Name, strings.Join(as, ",")))
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
	var e Edits
	Scan(src, func(tg *Tag) bool {
		for _, a := range tg.Attrs {
			switch {
			case tg.Name == "a" && a.Name == "href":
				e.SetAttr(a, "../x/index.html#a&b")
			case a.Name == "hreflang":
				e.DropAttr(src, a)
			case tg.Name == "link":
				e.Replace(tg.Start, tg.Stop, "")
				return false
			}
		}
		if tg.Name == "a" && !tg.End {
			e.AddAttr(src, tg, "rel", "noopener")
		}
		return true
	})
	want := `<a href="../x/index.html#a&amp;b" class=c rel="noopener">t</a>`
	if got := string(e.Apply(src)); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestElement(t *testing.T) {
	src := []byte(`<body><main id=main lang=en><p>x</p></main><footer>`)
	start, end := Element(src, "main")
	if start == nil || string(src[start.Stop:end]) != "<p>x</p>" {
		t.Fatalf("main = %v %d", start, end)
	}
	if l, _ := start.Get("lang"); l != "en" {
		t.Errorf("lang = %q", l)
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
		Scan([]byte(src), func(tg *Tag) bool {
			if tg.Start < prev || tg.Stop <= tg.Start || tg.Stop > len(src) {
				t.Fatalf("tag %q at %d:%d after %d in %d bytes", tg.Name, tg.Start, tg.Stop, prev, len(src))
			}
			if tg.Name != strings.ToLower(tg.Name) {
				t.Fatalf("tag name %q is not lower-case", tg.Name)
			}
			for _, a := range tg.Attrs {
				if a.Start <= tg.Start || a.Stop > tg.Stop || a.Stop < a.Start {
					t.Fatalf("attribute %q at %d:%d outside its tag %d:%d", a.Name, a.Start, a.Stop, tg.Start, tg.Stop)
				}
				if a.Raw != nil && !strings.Contains(src[a.Start:a.Stop], string(a.Raw)) {
					t.Fatalf("attribute %q's value %q is not in its span %q", a.Name, a.Raw, src[a.Start:a.Stop])
				}
			}
			prev = tg.Stop
			return true
		})
	})
}

// Scan reuses its blocks: nothing of one scan may show in the next, and
// what Element returns must outlive both.
func TestScansShareNothing(t *testing.T) {
	start, _ := Element([]byte(`<body><main id="m" class="x">text</main>`), "main")
	for range 3 {
		Scan([]byte(`</a></b></c><d e=1 f=2>`), func(*Tag) bool { return true })
		var got []string
		Scan([]byte(`<p><q r=1><s>`), func(tag *Tag) bool {
			if tag.End {
				t.Errorf("<%s> of the second page came back as an end tag", tag.Name)
			}
			for _, a := range tag.Attrs {
				got = append(got, tag.Name+"."+a.Name)
			}
			return true
		})
		if strings.Join(got, " ") != "q.r" {
			t.Errorf("attributes %v, want only q.r", got)
		}
	}
	if start.Name != "main" || len(start.Attrs) != 2 || start.Attrs[0].Name != "id" || start.Attrs[1].Name != "class" {
		t.Errorf("Element's tag changed after later scans: %+v", start)
	}
}
