package htmledit

import "testing"

func TestEmbed(t *testing.T) {
	src := []byte(`<h2 id=keep>K</h2><label for="q">Q</label><input id="q" aria-describedby="h1 h2">` +
		`<a href="#keep">k</a><a href="../x/">x</a><img src="a.png"><a href="https://x.org/#y">y</a><p>id="not a tag"</p>`)
	got := string(Embed(src, "g--", func(v string) (string, bool) {
		if v == "../x/" {
			return "../../x/", true
		}
		return "", false
	}))
	want := `<h2 id="g--keep">K</h2><label for="g--q">Q</label><input id="g--q" aria-describedby="g--h1 g--h2">` +
		`<a href="#g--keep">k</a><a href="../../x/">x</a><img src="a.png"><a href="https://x.org/#y">y</a><p>id="not a tag"</p>`
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}
