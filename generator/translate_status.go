package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"mehfooz/generator/internal/diag"
	"mehfooz/generator/internal/pipeline"
	"mehfooz/generator/internal/safefs"
	"mehfooz/generator/internal/translation"
)

type translateFlags struct {
	site   *siteFlags
	lang   string
	stamp  bool
	format string
}

var cmdTranslateStatus = &command{
	Name:  "translate-status",
	Usage: "translate-status [--lang ur] [--format text|json] [--content dir] [--stamp file.md…]",
	Short: "show which translations are missing or out of date",
	Long: `Translate-status prints, for every language but the source one, each page
and whether its translation is up to date, outdated (naming the sections of
the source page that changed since it was translated), not stamped, or
missing. The same table is published on the site at /<lang>/translations/.

A translation remembers what it was translated from in its front matter
(translated_from). After translating or updating a page, stamp it:

  mehfooz translate-status --stamp content/ur/guides/evidence.md

which records the source page's sections as they are now. It exits 1 when a
stamped file is not a translation.

--format json prints the same as one JSON object for dashboards:
{"translations": [{"lang", "page", "file", "status", "changed"}…],
 "counts": {"<lang>": {"up to date": n, "outdated": n, …}}}, where status
is "up to date", "outdated", "not stamped" or "missing" and changed lists
the anchors of the source sections that changed ("" for the intro).`,
	Flags: func(fs *flag.FlagSet) any {
		f := &translateFlags{site: addSiteFlags(fs)}
		fs.StringVar(&f.lang, "lang", "", "only this language")
		fs.BoolVar(&f.stamp, "stamp", false, "record the current source sections in the named translations")
		fs.StringVar(&f.format, "format", "text", "text, or json for dashboards")
		return f
	},
	Run: func(ctx context.Context, e *env, args []string) int {
		f := e.flags.(*translateFlags)
		if f.stamp != (len(args) > 0) {
			fmt.Fprintln(e.stderr, "mehfooz translate-status: --stamp needs the translation files to stamp, and files need --stamp")
			return 2
		}
		rep, diags, interrupted := translations(ctx, f.site.input())
		if interrupted {
			fmt.Fprintln(e.stderr, "mehfooz: interrupted; nothing stamped")
			return exitInterrupted
		}
		if rep == nil {
			printDiags(e.stderr, diags, "")
			fmt.Fprintf(e.stderr, "mehfooz: %s\n", summary(diags))
			return 1
		}
		if f.stamp {
			return stamp(e, f, rep, args)
		}
		switch f.format {
		case "json":
			return statusJSON(e, f, rep.Translations)
		case "text":
		default:
			fmt.Fprintf(e.stderr, "mehfooz translate-status: --format is text or json, not %q\n", f.format)
			return 2
		}
		tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
		counts := map[translation.Status]int{}
		lang := ""
		for _, t := range rep.Translations {
			if f.lang != "" && t.Lang != f.lang {
				continue
			}
			if t.Lang != lang {
				if lang != "" {
					fmt.Fprintln(tw)
				}
				lang = t.Lang
				fmt.Fprintf(tw, "%s\tSTATUS\tSECTIONS\n", strings.ToUpper(t.Lang))
			}
			counts[t.Status]++
			var secs []string
			for _, a := range t.Changed {
				if a == "" {
					a = "(intro)"
				} else {
					a = "#" + a
				}
				secs = append(secs, a)
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\n", t.Path, t.Status, strings.Join(secs, " "))
		}
		tw.Flush()
		fmt.Fprintf(e.stdout, "\n%d up to date, %d outdated, %d not stamped, %d missing\n",
			counts[translation.UpToDate], counts[translation.Outdated], counts[translation.Unstamped], counts[translation.Missing])
		return 0
	},
}

// translations runs pipeline.Translations, returning at once on Ctrl-C:
// it writes nothing, so there is nothing to undo.
func translations(ctx context.Context, in pipeline.Input) (rep *pipeline.Report, diags diag.List, interrupted bool) {
	done := make(chan struct{})
	go func() {
		rep, diags = pipeline.Translations(in)
		close(done)
	}()
	select {
	case <-done:
		return rep, diags, false
	case <-ctx.Done():
		return nil, nil, true
	}
}

func stamp(e *env, f *translateFlags, rep *pipeline.Report, files []string) int {
	contentDir := filepath.Clean(f.site.content)
	code := 0
	for _, file := range files {
		rel, err := filepath.Rel(contentDir, filepath.Clean(file))
		lang, pageRel, ok := strings.Cut(filepath.ToSlash(rel), "/")
		var state *pipeline.TranslationState
		for i, t := range rep.Translations {
			if ok && err == nil && t.Lang == lang && t.Rel == pageRel {
				state = &rep.Translations[i]
			}
		}
		if state == nil || state.Status == translation.Missing {
			fmt.Fprintf(e.stderr, "mehfooz translate-status: %s is not a translation of a page in %s\n", file, contentDir)
			code = 1
			continue
		}
		// Never through a link: the file could stand for one outside the repository.
		err = safefs.CheckWrite(contentDir, file)
		var src []byte
		if err == nil {
			src, err = os.ReadFile(file)
		}
		if err == nil {
			src, err = translation.SetStamp(src, rep.Stamps[pageRel])
		}
		if err == nil {
			err = os.WriteFile(file, src, 0o644)
		}
		if err != nil {
			fmt.Fprintf(e.stderr, "mehfooz translate-status: %s: %v\n", file, err)
			code = 1
			continue
		}
		fmt.Fprintf(e.stdout, "stamped %s\n", file)
	}
	return code
}

// statusJSON prints the translation table as JSON.
func statusJSON(e *env, f *translateFlags, states []pipeline.TranslationState) int {
	type row struct {
		Lang    string   `json:"lang"`
		Page    string   `json:"page"`
		File    string   `json:"file"`
		Status  string   `json:"status"`
		Changed []string `json:"changed"`
	}
	out := struct {
		Translations []row                     `json:"translations"`
		Counts       map[string]map[string]int `json:"counts"`
	}{Translations: []row{}, Counts: map[string]map[string]int{}}
	for _, t := range states {
		if f.lang != "" && t.Lang != f.lang {
			continue
		}
		if out.Counts[t.Lang] == nil {
			out.Counts[t.Lang] = map[string]int{}
			for _, s := range []translation.Status{translation.UpToDate, translation.Outdated, translation.Unstamped, translation.Missing} {
				out.Counts[t.Lang][s.String()] = 0
			}
		}
		out.Counts[t.Lang][t.Status.String()]++
		out.Translations = append(out.Translations, row{t.Lang, t.Rel, t.Path, t.Status.String(), append([]string{}, t.Changed...)})
	}
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		fmt.Fprintf(e.stderr, "mehfooz translate-status: %v\n", err)
		return 1
	}
	return 0
}
