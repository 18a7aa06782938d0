package content

import (
	"io/fs"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
)

func file(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }

var good = page("")

func TestLoad(t *testing.T) {
	fsys := fstest.MapFS{
		"site.yaml":                   file("title: {}\n"),
		"facts.yaml":                  file(""),
		".facts/platforms.yaml":       file(""),
		"search/synonyms.yaml":        file(""),
		"en/_index.md":                file(good),
		"en/about.md":                 file(good),
		"en/guides/evidence.md":       file(good),
		"en/guides/_index.md":         file(good),
		"en/guides/a-b/x.md":          file(good),
		"en/guides/a/x.md":            file(good),
		"en/guides/evidence.png":      file("png"),
		"en/.DS_Store":                file(""),
		"en/.drafts/Not A Slug.md":    file(""),
		"ur/guides/evidence.md":       file(good),
		"ur/_index.md":                file(good),
		"ur/guides/images/photo.webp": file("webp"),
	}
	tree, diags := Load(fsys, "content", []string{"ur", "en"})
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	var got []string
	for _, f := range tree.Files {
		got = append(got, f.Path+" "+f.Lang+" "+f.Rel)
		if f.Meta.Title != "x" || string(f.Source[f.BodyOffset:]) != "Body.\n" || string(f.Body) != "Body.\n" {
			t.Errorf("%s: title %q, body %q at %d", f.Path, f.Meta.Title, f.Body, f.BodyOffset)
		}
		if p := f.Offsets.Pos(f.BodyOffset); p.File != f.Path || p.Line != 6 {
			t.Errorf("%s: body starts at %v", f.Path, p)
		}
	}
	want := []string{
		"content/ur/_index.md ur _index.md",
		"content/ur/guides/evidence.md ur guides/evidence.md",
		"content/en/_index.md en _index.md",
		"content/en/about.md en about.md",
		"content/en/guides/_index.md en guides/_index.md",
		"content/en/guides/a-b/x.md en guides/a-b/x.md",
		"content/en/guides/a/x.md en guides/a/x.md",
		"content/en/guides/evidence.md en guides/evidence.md",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("files\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	wantAssets := []Asset{
		{Path: "content/ur/guides/images/photo.webp", Lang: "ur", Rel: "guides/images/photo.webp"},
		{Path: "content/en/guides/evidence.png", Lang: "en", Rel: "guides/evidence.png"},
	}
	if !reflect.DeepEqual(tree.Assets, wantAssets) {
		t.Errorf("assets %+v\nwant %+v", tree.Assets, wantAssets)
	}
}

func TestLoadErrors(t *testing.T) {
	for _, tc := range []struct {
		name  string
		fsys  fstest.MapFS
		files int // pages still returned
		want  string
	}{
		{"file name not a slug", fstest.MapFS{
			"en/guides/Evidence File.md": file(good),
			"ur/guides/ثبوت.md":          file(good),
			"en/guides/evidence.MD":      file(good),
			"ur/guides/_index.md":        file(good),
			"en/guides/_index.md":        file(good),
		}, 2, `content/en/guides/Evidence File.md: file name "Evidence File.md" is not a slug | hint: slugs are ASCII and identical in every language: lowercase letters a-z, digits and "-"; rename it "evidence-file.md"` + "\n" +
			`content/en/guides/evidence.MD: file name "evidence.MD" is not a slug | hint: slugs are ASCII and identical in every language: lowercase letters a-z, digits and "-"; rename it "evidence.md"` + "\n" +
			`content/ur/guides/ثبوت.md: file name "ثبوت.md" is not a slug | hint: slugs are ASCII and identical in every language: lowercase letters a-z, digits and "-"; use the name the page has in the other languages`},
		{"directory name not a slug", fstest.MapFS{
			"en/Guides/evidence.md": file(good),
			"en/how_to/x.md":        file(good),
			"ur/_index.md":          file(good),
		}, 1, `content/en/Guides: directory name "Guides" is not a slug | hint: slugs are ASCII and identical in every language: lowercase letters a-z, digits and "-"; rename it "guides"` + "\n" +
			`content/en/how_to: directory name "how_to" is not a slug | hint: slugs are ASCII and identical in every language: lowercase letters a-z, digits and "-"; rename it "how-to"`},
		{"directory that is not a language", fstest.MapFS{
			"en/_index.md":        file(good),
			"ur/_index.md":        file(good),
			"urd/_index.md":       file(good),
			"fr/guides/a.md":      file(good),
			"search/synonyms.yml": file(""),
		}, 2, `content/fr: directory content/fr holds pages but is not a language of the site (en, ur) | hint: move its pages into a language directory, or add "fr" to languages in site.yaml` + "\n" +
			`content/urd: directory content/urd holds pages but is not a language of the site (en, ur) | hint: did you mean "ur"? move its pages into a language directory, or add "urd" to languages in site.yaml`},
		{"page outside the languages", fstest.MapFS{
			"en/_index.md": file(good),
			"ur/_index.md": file(good),
			"about.md":     file(good),
		}, 2, `content/about.md: page content/about.md is outside every language directory | hint: move it into each language directory, e.g. content/en/about.md`},
		{"translation without a directory", fstest.MapFS{
			"en/_index.md": file(good),
		}, 1, ``},
		{"source language without a directory", fstest.MapFS{
			"ur/_index.md": file(good),
		}, 1, `content/en: no directory for language "en" | hint: create content/en/ with the pages, or remove "en" from languages in site.yaml`},
		{"errors in several pages", fstest.MapFS{
			"en/a.md": file("---\ntitel: x\ndescription: y\nreviewed: 2026-11-24\n---\n"),
			"en/b.md": file("no front matter\n"),
			"ur/a.md": file(page("weight: 1\nweight: 2\n")),
			"ur/b.md": file(""),
		}, 2, `content/en/a.md:2:1: unknown key "titel" | hint: did you mean "title"?` + "\n" +
			"content/en/b.md:1:1: missing front matter: the file must start with a line `---` | " +
			`hint: add a line "---", the front matter (title: "…" and so on) and another "---" line at the top` + "\n" +
			`content/ur/a.md:6:1: duplicate key "weight" | hint: it is already set on line 5; keep one of them` + "\n" +
			`content/ur/b.md:1:1: the file is empty | hint: start it with a line "---", the front matter (title: "…" and so on), another "---" line, then the text`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tree, diags := Load(tc.fsys, "content", []string{"en", "ur"})
			diags.Sort()
			if got := messages(diags); got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
			if len(tree.Files) != tc.files {
				t.Errorf("%d pages returned, want %d", len(tree.Files), tc.files)
			}
		})
	}
}

func TestLoadWithoutPrefix(t *testing.T) {
	tree, diags := Load(fstest.MapFS{"en/a.md": file(good)}, "", []string{"en"})
	if len(diags) > 0 || len(tree.Files) != 1 || tree.Files[0].Path != "en/a.md" {
		t.Errorf("files %v, diags %v", tree.Files, diags)
	}
}

func TestLoadIsDeterministic(t *testing.T) {
	fsys := fstest.MapFS{}
	for _, name := range []string{"a", "b", "c", "d", "e", "f", "g", "h"} {
		fsys["en/"+name+".md"] = file("---\ntitle: " + name + "\n---\n")
		fsys["ur/"+name+".md"] = file(good)
	}
	first, d1 := Load(fsys, "content", []string{"en", "ur"})
	for range 20 {
		again, d2 := Load(fsys, "content", []string{"en", "ur"})
		if messages(d1) != messages(d2) || len(first.Files) != len(again.Files) {
			t.Fatal("two loads differ")
		}
		for i := range first.Files {
			if first.Files[i].Path != again.Files[i].Path {
				t.Fatal("two loads differ in order")
			}
		}
	}
}

// unreadable fails to open one file.
type unreadable struct{ fstest.MapFS }

func (u unreadable) Open(name string) (fs.File, error) {
	if name == "en/b.md" {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return u.MapFS.Open(name)
}

func (u unreadable) ReadFile(name string) ([]byte, error) { return fs.ReadFile(fsOnly{u}, name) }

// fsOnly hides every method but Open.
type fsOnly struct{ fs.FS }

func TestLoadUnreadableFile(t *testing.T) {
	tree, diags := Load(unreadable{fstest.MapFS{"en/a.md": file(good), "en/b.md": file(good)}}, "content", []string{"en"})
	if got, want := messages(diags), "content/en/b.md: cannot read: open en/b.md: permission denied"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if len(tree.Files) != 1 {
		t.Errorf("%d files", len(tree.Files))
	}
}
