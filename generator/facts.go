package main

import (
	"context"
	"flag"
	"fmt"
	"path/filepath"
	"text/tabwriter"

	"mehfooz/generator/internal/config"
	"mehfooz/generator/internal/content"
	"mehfooz/generator/internal/safefs"
)

type factsFlags struct {
	content string
	check   bool
	missing string
}

var cmdFacts = &command{
	Name:  "facts",
	Usage: "facts [--content dir] [--check] [--missing lang]",
	Short: "list the facts register, or the facts still to verify",
	Long: `Facts lists every fact in content/facts.yaml with its source and the date it
was last verified. With --check it lists only the facts at level: reported,
which readers see flagged "please check": the list to work through when
confirming facts against their official sources. With --missing sd it lists
the facts that have no Sindhi text yet and show the source language's: the
list to work through when adding a language.`,
	Flags: func(fs *flag.FlagSet) any {
		f := &factsFlags{}
		fs.StringVar(&f.content, "content", "content", "the content folder")
		fs.BoolVar(&f.check, "check", false, "only the facts still to verify")
		fs.StringVar(&f.missing, "missing", "", "only the facts with no text in this language")
		return f
	},
	Run: func(ctx context.Context, e *env, args []string) int {
		f := e.flags.(*factsFlags)
		if len(args) > 0 {
			fmt.Fprintf(e.stderr, "mehfooz facts: unexpected argument %q\n", args[0])
			return 2
		}
		prefix := filepath.ToSlash(filepath.Clean(f.content))
		cfg, diags := config.LoadSite(safefs.New(f.content), "site.yaml", prefix)
		if cfg == nil || diags.Err() != nil {
			printDiags(e.stderr, diags, "")
			return 1
		}
		facts, diags := content.LoadFacts(safefs.New(f.content), "facts.yaml", prefix, cfg.LangCodes())
		if diags.Err() != nil {
			printDiags(e.stderr, diags, "")
			return 1
		}
		tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "KEY\tVERIFIED\tCHECK\tSOURCE")
		n := 0
		for _, fact := range facts.Entries() {
			if f.check && !fact.Check || f.missing != "" && !facts.FallsBack(fact.Key, f.missing) {
				continue
			}
			n++
			check := ""
			if fact.Check {
				check = "yes"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", fact.Key, fact.VerifiedOn.Format("2006-01-02"), check, fact.Source)
		}
		tw.Flush()
		fmt.Fprintf(e.stdout, "%d of %d facts\n", n, len(facts.Entries()))
		return 0
	},
}
