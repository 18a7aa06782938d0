package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"

	"mehfooz/generator/internal/config"
	"mehfooz/generator/internal/content"
	"mehfooz/generator/internal/diag"
	"mehfooz/generator/internal/pipeline"
	"mehfooz/generator/internal/po"
	"mehfooz/generator/internal/safefs"
	"mehfooz/generator/internal/translation"
)

type translatePOFlags struct {
	site *siteFlags
	lang string
	dir  string
	fs   *flag.FlagSet // to read flags written after export|import
}

var cmdTranslate = &command{
	Name:  "translate",
	Usage: "translate export|import [--lang ur] [--dir translations] [--content dir]",
	Short: "exchange translations with translators' tools as gettext PO files",
	Long: `Translate exchanges translations with the tools volunteer translators use
(Weblate, Crowdin, Transifex, Poedit), which all speak gettext PO.

  mehfooz translate export --lang ur    writes translations/ur/<page>.po
  mehfooz translate import --lang ur    writes them back into content/ur/

There is one PO file per page and language, at the page's path with .po in
place of .md (translations/ur/guides/evidence.po). Its entries are the
page's title, its description and each section (the intro and each
top-level heading with its text), with msgctxt "title", "description" and
"section <anchor>". The source text is the msgid, the current translation
the msgstr. A section whose source changed since the translation was
stamped is marked fuzzy, as translate-status reports it.

Link addresses, shortcodes ({{< fact … >}}), autolinks and heading
attributes appear as placeholders {1}, {2}, …: move them with the words, but
keep them as they are. Import refuses a damaged or unknown placeholder,
naming the PO file and line.

Import writes a page only when it changes; fuzzy and empty entries leave the
page's text as it is. A page whose sections are then all translated is
stamped (translated_from), as translate-status --stamp does. Exporting and
importing with no edits leaves every page byte for byte as it was. Import
exits 1 on any error and then writes nothing.`,
	Flags: func(fs *flag.FlagSet) any {
		f := &translatePOFlags{site: addSiteFlags(fs), fs: fs}
		fs.StringVar(&f.lang, "lang", "", "only this language (default: every language but the source one)")
		fs.StringVar(&f.dir, "dir", "translations", "the folder of PO files")
		return f
	},
	Run: func(ctx context.Context, e *env, args []string) int {
		f := e.flags.(*translatePOFlags)
		if len(args) > 1 {
			if err := f.fs.Parse(args[1:]); err != nil {
				return 2
			}
			args = append(args[:1], f.fs.Args()...)
		}
		if len(args) != 1 || (args[0] != "export" && args[0] != "import") {
			fmt.Fprintln(e.stderr, "usage: mehfooz translate export|import [--lang ur] [--dir translations]")
			return 2
		}
		pages, diags := translationPages(f)
		if pages == nil {
			printDiags(e.stderr, diags, "")
			fmt.Fprintf(e.stderr, "mehfooz: %s\n", summary(diags))
			return 1
		}
		if args[0] == "export" {
			return exportPO(e, f, pages)
		}
		return importPO(e, f, pages)
	},
}

// translationPages converts the source pages, for their sections as they
// are now (pipeline.Translations), and reads every translation (or where
// one would be) of the languages asked for.
func translationPages(f *translatePOFlags) ([]*translation.Page, diag.List) {
	contentFS := safefs.New(f.site.content)
	prefix := filepath.ToSlash(filepath.Clean(f.site.content))
	cfg, diags := config.LoadSite(contentFS, "site.yaml", prefix)
	if diags.Errors() > 0 {
		return nil, diags
	}
	codes := cfg.LangCodes()
	if f.lang != "" && (f.lang == codes[0] || !contains(codes[1:], f.lang)) {
		diags.Add(diag.Errorf(diag.Pos{File: prefix + "/site.yaml"}, "translate", "%q is not a translated language of this site (%s)", f.lang, strings.Join(codes[1:], ", ")))
		return nil, diags
	}
	rep, d := pipeline.Translations(f.site.input())
	diags.Append(d)
	if rep == nil {
		return nil, diags
	}
	pages := []*translation.Page{}
	for _, t := range rep.Translations {
		if f.lang != "" && t.Lang != f.lang {
			continue
		}
		src, d := content.ReadPage(contentFS, prefix, codes[0], t.Rel)
		diags.Append(d)
		if src == nil {
			continue
		}
		p := &translation.Page{Rel: t.Rel, SourceLang: codes[0], Lang: t.Lang,
			SourcePath: src.Path, TargetPath: path.Join(prefix, t.Lang, t.Rel),
			Source: src.Source, SourceBody: src.BodyOffset, SourceMeta: metaOf(src), Stamp: rep.Stamps[t.Rel]}
		if t.Status != translation.Missing {
			tgt, d := content.ReadPage(contentFS, prefix, t.Lang, t.Rel)
			diags.Append(d)
			if tgt == nil {
				continue
			}
			p.Target, p.TargetBody, p.TargetMeta = tgt.Source, tgt.BodyOffset, metaOf(tgt)
		}
		pages = append(pages, p)
	}
	if diags.Errors() > 0 {
		return nil, diags
	}
	return pages, diags
}

func metaOf(f *content.File) translation.Meta {
	return translation.Meta{Title: f.Meta.Title, Description: f.Meta.Description, TranslatedFrom: f.Meta.TranslatedFrom}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func poPath(dir string, p *translation.Page) string {
	return filepath.Join(dir, p.Lang, filepath.FromSlash(strings.TrimSuffix(p.Rel, ".md")+".po"))
}

func exportPO(e *env, f *translatePOFlags, pages []*translation.Page) int {
	n := 0
	for _, p := range pages {
		cat, err := translation.Export(p)
		if err == nil {
			name := poPath(f.dir, p)
			if err = os.MkdirAll(filepath.Dir(name), 0o755); err == nil {
				var w *os.File
				if w, err = createIn(f.dir, name); err == nil {
					err = po.Write(w, cat)
					if cerr := w.Close(); err == nil {
						err = cerr
					}
				}
			}
		}
		if err != nil {
			fmt.Fprintf(e.stderr, "mehfooz translate: %v\n", err)
			return 1
		}
		n++
	}
	fmt.Fprintf(e.stdout, "wrote %d catalogues under %s\n", n, f.dir)
	return 0
}

// createIn creates or truncates file below root, refusing to write through
// a symbolic link on the way (safefs.CheckWrite).
func createIn(root, file string) (*os.File, error) {
	if err := safefs.CheckWrite(root, file); err != nil {
		return nil, err
	}
	return os.Create(file)
}

func importPO(e *env, f *translatePOFlags, pages []*translation.Page) int {
	type write struct {
		name    string
		data    []byte
		stamped bool
	}
	var writes []write
	var diags diag.List
	read := 0
	for _, p := range pages {
		name := poPath(f.dir, p)
		data, err := os.ReadFile(name)
		if os.IsNotExist(err) {
			continue
		}
		if err != nil {
			fmt.Fprintf(e.stderr, "mehfooz translate: %v\n", err)
			return 1
		}
		read++
		shown := filepath.ToSlash(name)
		cat, d := po.Parse(shown, data)
		diags.Append(d)
		if d.Errors() > 0 {
			continue
		}
		out, stamped, d := translation.Import(p, cat, shown)
		diags.Append(d)
		if out != nil && string(out) != string(p.Target) {
			writes = append(writes, write{filepath.Join(f.site.content, p.Lang, filepath.FromSlash(p.Rel)), out, stamped})
		}
	}
	printDiags(e.stderr, diags, "")
	if diags.Errors() > 0 {
		fmt.Fprintf(e.stderr, "mehfooz: %s; nothing written\n", summary(diags))
		return 1
	}
	for _, w := range writes {
		if err := os.MkdirAll(filepath.Dir(w.name), 0o755); err != nil {
			fmt.Fprintf(e.stderr, "mehfooz translate: %v\n", err)
			return 1
		}
		fh, err := createIn(f.site.content, w.name)
		if err == nil {
			_, err = fh.Write(w.data)
			if cerr := fh.Close(); err == nil {
				err = cerr
			}
		}
		if err != nil {
			fmt.Fprintf(e.stderr, "mehfooz translate: %v\n", err)
			return 1
		}
		what := "updated"
		if w.stamped {
			what = "updated and stamped"
		}
		fmt.Fprintf(e.stdout, "%s %s\n", what, filepath.ToSlash(w.name))
	}
	fmt.Fprintf(e.stdout, "read %d catalogues, changed %d pages\n", read, len(writes))
	return 0
}
