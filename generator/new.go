package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"mehfooz/generator/internal/config"
	"mehfooz/generator/internal/content"
	"mehfooz/generator/internal/diag"
	"mehfooz/generator/internal/safefs"
)

var slugPath = regexp.MustCompile(`^[a-z0-9-]+(/[a-z0-9-]+)*$`)

type newFlags struct {
	content string
	now     func() time.Time
}

var cmdNew = &command{
	Name:  "new",
	Usage: "new [--content dir] <kind> <section/slug>",
	Short: "start a page in every language",
	Long: `New writes content/<lang>/<section/slug>.md in every language of site.yaml,
with the front matter filled in (title to replace, kind, today's reviewed
date, an empty sources list) and draft: true, ready to write and translate.
A draft is left out of the built site, its search and its offline copies;
serve shows it with a "draft" band. Remove draft: true to publish it; check
warns while a published page still holds the scaffold's TODO. It never
overwrites a file. Kinds: guide, platform, complaint, workflow, workshop, page.

Example: mehfooz new guide guides/sim-swap`,
	Flags: func(fs *flag.FlagSet) any {
		f := &newFlags{now: time.Now}
		fs.StringVar(&f.content, "content", "content", "the content folder")
		return f
	},
	Run: func(ctx context.Context, e *env, args []string) int {
		f := e.flags.(*newFlags)
		if len(args) != 2 {
			fmt.Fprintln(e.stderr, "usage: mehfooz new <kind> <section/slug>\nrun 'mehfooz help new' for details")
			return 2
		}
		kind, slug := args[0], strings.TrimSuffix(strings.Trim(args[1], "/"), ".md")
		if !content.ValidKind(kind) {
			fmt.Fprintf(e.stderr, "mehfooz new: unknown kind %q", kind)
			if s := diag.Suggest(kind, content.Kinds); s != "" {
				fmt.Fprintf(e.stderr, " (did you mean %q?)", s)
			}
			fmt.Fprintf(e.stderr, "\nkinds: %s\n", strings.Join(content.Kinds, ", "))
			return 2
		}
		if !slugPath.MatchString(slug) {
			fmt.Fprintf(e.stderr, "mehfooz new: %q is not a section/slug path: use lowercase ASCII letters, digits and -, e.g. guides/sim-swap\n", args[1])
			return 2
		}
		cfg, diags := config.LoadSite(safefs.New(f.content), "site.yaml", filepath.ToSlash(f.content))
		if diags.Err() != nil || cfg == nil {
			printDiags(e.stderr, diags, "")
			return 1
		}
		today := f.now().Format("2006-01-02")
		var written []string
		for _, l := range cfg.Languages {
			p := filepath.Join(f.content, l.Code, filepath.FromSlash(slug)+".md")
			// Never through a link: content/en/x may lead out of the repository.
			if err := safefs.CheckWrite(f.content, p); err != nil {
				fmt.Fprintf(e.stderr, "mehfooz new: %v; nothing written\n", err)
				for _, w := range written {
					os.Remove(w)
				}
				return 1
			}
			if _, err := os.Stat(p); err == nil {
				fmt.Fprintf(e.stderr, "mehfooz new: %s already exists; nothing written\n", p)
				for _, w := range written {
					os.Remove(w)
				}
				return 1
			}
			title := "TODO: title in " + l.Name
			body := fmt.Sprintf("---\ntitle: %q\ndescription: \"TODO: one sentence on who this page helps and what it tells them\"\nkind: %s\ndraft: true\ntopics: []\nreviewed: %s\nsources: []\n---\n\n## What to do first\n\nTODO\n", title, kind, today)
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				fmt.Fprintf(e.stderr, "mehfooz new: %v\n", err)
				return 1
			}
			if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
				fmt.Fprintf(e.stderr, "mehfooz new: %v\n", err)
				return 1
			}
			written = append(written, p)
			fmt.Fprintf(e.stdout, "wrote %s\n", path.Clean(filepath.ToSlash(p)))
		}
		return 0
	},
}
