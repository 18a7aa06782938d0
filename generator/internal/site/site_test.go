package site

import (
	"strings"
	"testing"

	"mehfooz/generator/internal/config"
	"mehfooz/generator/internal/content"
	"mehfooz/generator/internal/diag"
)

var cfg = &config.Site{Languages: []config.Language{{Code: "en", Direction: "ltr"}, {Code: "ur", Direction: "rtl"}}}

func file(lang, rel, title string, weight int, aliases ...string) *content.File {
	src := []byte("---\ntitle: x\naliases: [a, b]\n---\n")
	return &content.File{Path: "content/" + lang + "/" + rel, Lang: lang, Rel: rel, Source: src, Offsets: diag.NewOffsets("content/"+lang+"/"+rel, src),
		Meta: content.FrontMatter{Title: title, Weight: weight, Aliases: aliases}}
}

func TestModel(t *testing.T) {
	s, diags := New(cfg, []*content.File{
		file("en", "_index.md", "Home", 0),
		file("en", "guides/_index.md", "Guides", 0),
		file("en", "guides/threats.md", "Threats", 20),
		file("en", "guides/evidence.md", "Evidence", 10, "/old-evidence/"),
		file("en", "start/_index.md", "Start", 0),
		file("ur", "_index.md", "سرورق", 0),
		file("ur", "guides/_index.md", "رہنما", 0),
		file("ur", "guides/evidence.md", "ثبوت", 10),
	})
	if len(diags) != 0 {
		t.Fatal(diags)
	}
	ev := s.Page("en", "guides/evidence.md")
	if ev.URL != "en/guides/evidence/" || ev.Kind != "guide" || ev.Parent.Rel != "guides/_index.md" || ev.Section != "guides" {
		t.Errorf("evidence page: %+v", ev)
	}
	g := s.Page("en", "guides/_index.md")
	if g.Kind != KindList || len(g.Children) != 2 || g.Children[0] != ev {
		t.Errorf("guides list children out of weight order: %v", g.Children)
	}
	if s.Page("en", "_index.md").Kind != KindHome || s.Page("en", "start/_index.md").Kind != KindList {
		t.Error("home or workflow kind wrong")
	}
	// Missing Urdu pages get stand-ins under the Urdu site.
	th := s.Page("ur", "guides/threats.md")
	if th == nil || th.Fallback != s.Page("en", "guides/threats.md") || th.URL != "ur/guides/threats/" || th.Parent != s.Page("ur", "guides/_index.md") {
		t.Fatalf("no Urdu stand-in for threats: %+v", th)
	}
	if len(s.Aliases) != 1 || s.Aliases[0].From != "en/old-evidence/" {
		t.Errorf("aliases: %+v", s.Aliases)
	}
	if q, ok := s.Resolve(ev, "../start/_index.md"); !ok || q.URL != "en/start/" {
		t.Error("Resolve ../start/_index.md failed")
	}
	if _, ok := s.Resolve(ev, "../../etc/passwd.md"); ok {
		t.Error("Resolve left the language tree")
	}
}

func TestModelErrors(t *testing.T) {
	_, diags := New(cfg, []*content.File{
		file("en", "guides/evidence.md", "Evidence", 0, "../../escape/"),
		file("en", "guides/evidence/_index.md", "Evidence again", 0),
		file("en", "guides/threats.md", "Threats", 0, "/guides/evidence/"),
	})
	var got []string
	for _, d := range diags {
		got = append(got, d.Rule)
	}
	joined := strings.Join(got, " ")
	for _, want := range []string{"duplicate-page", "alias"} {
		if !strings.Contains(joined, want) {
			t.Errorf("no %s error in %v", want, diags)
		}
	}
	if strings.Count(joined, "alias") != 2 {
		t.Errorf("want two alias errors (escape, collision): %v", diags)
	}
}

func TestRelURL(t *testing.T) {
	for _, c := range [][3]string{
		{"en/guides/evidence/", "en/guides/threats/", "../threats/"},
		{"en/guides/evidence/", "ur/guides/evidence/", "../../../ur/guides/evidence/"},
		{"en/", "en/guides/", "guides/"},
		{"en/", "en/", "./"},
		{"", "en/", "en/"},
		{"go/1234/", "en/guides/x/", "../../en/guides/x/"},
	} {
		if got := RelURL(c[0], c[1]); got != c[2] {
			t.Errorf("RelURL(%q, %q) = %q, want %q", c[0], c[1], got, c[2])
		}
	}
	if Root("en/guides/evidence/") != "../../../" || Root("") != "./" {
		t.Error("Root")
	}
}

func TestValidAliasKeepsAliasesInsideTheLanguage(t *testing.T) {
	for _, bad := range []string{"", "a//b", "./a", "a/..", "..", "a\\b", "c:/x", "a\x00b", "a\nb"} {
		if validAlias(bad) {
			t.Errorf("validAlias(%q) = true", bad)
		}
	}
	for _, good := range []string{"old-about", "guides/old-name", "2019/05/Some_Post.html"} {
		if !validAlias(good) {
			t.Errorf("validAlias(%q) = false", good)
		}
	}
}
