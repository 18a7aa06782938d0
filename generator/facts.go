package main

import (
	"cmp"
	"context"
	"flag"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"mehfooz/generator/internal/config"
	"mehfooz/generator/internal/content"
	"mehfooz/generator/internal/safefs"
)

type factsFlags struct {
	content   string
	level     string
	olderThan string
	check     bool
	missing   string
}

// factsNow is the day ages count from; tests set it.
var factsNow = time.Now

var cmdFacts = &command{
	Name:  "facts",
	Usage: "facts [--content dir] [--level confirmed|corroborated|reported] [--older-than 180d] [--check] [--missing lang]",
	Short: "list the facts register by level and age",
	Long: `Facts lists every fact in content/facts.yaml: its level of evidence, the day
it was last verified, its age in days, what readers rely on it for (use) and
its source. The weakest and oldest come first: reported before corroborated
before confirmed, and within a level the longest unread first. That is the
order to work through when re-reading facts against their sources.

--level shows one level; --older-than shows facts last verified more than
that many days ago (180d, or 180). --check is --level reported: the facts
readers see marked "(one source)". --missing sd lists the facts that have no
Sindhi text yet and show the source language's: the list to work through
when adding a language.`,
	Flags: func(fs *flag.FlagSet) any {
		f := &factsFlags{}
		fs.StringVar(&f.content, "content", "content", "the content folder")
		fs.StringVar(&f.level, "level", "", "only facts at this level: confirmed, corroborated or reported")
		fs.StringVar(&f.olderThan, "older-than", "", "only facts verified more than this many days ago, such as 180d")
		fs.BoolVar(&f.check, "check", false, "only the facts readers see marked (one source); same as --level reported")
		fs.StringVar(&f.missing, "missing", "", "only the facts with no text in this language")
		return f
	},
	Run: func(ctx context.Context, e *env, args []string) int {
		f := e.flags.(*factsFlags)
		if len(args) > 0 {
			fmt.Fprintf(e.stderr, "mehfooz facts: unexpected argument %q\n", args[0])
			return 2
		}
		level, minAge, msg := f.filters()
		if msg != "" {
			fmt.Fprintf(e.stderr, "mehfooz facts: %s\n", msg)
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
		y, m, d := factsNow().Date()
		today := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
		type row struct {
			f   *content.Fact
			age int // days since verified_on
		}
		var rows []row
		for _, fact := range facts.Entries() {
			r := row{f: fact, age: int(today.Sub(fact.VerifiedOn.Time).Hours() / 24)}
			if (level != "" && fact.Level != level) || (minAge >= 0 && r.age <= minAge) ||
				(f.missing != "" && !facts.FallsBack(fact.Key, f.missing)) {
				continue
			}
			rows = append(rows, r)
		}
		// Weakest level first, then the longest unread; file order breaks ties.
		strength := func(l content.Level) int { return slices.Index(content.Levels, l) }
		slices.SortStableFunc(rows, func(a, b row) int {
			return cmp.Or(cmp.Compare(strength(b.f.Level), strength(a.f.Level)), cmp.Compare(b.age, a.age))
		})
		tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "KEY\tLEVEL\tVERIFIED\tAGE\tUSE\tSOURCE")
		for _, r := range rows {
			use := make([]string, len(r.f.Use))
			for i, u := range r.f.Use {
				use[i] = string(u)
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%s\t%s\n", r.f.Key, r.f.Level, r.f.VerifiedOn.Format("2006-01-02"), r.age,
				cmp.Or(strings.Join(use, ","), "-"), r.f.Source)
		}
		tw.Flush()
		fmt.Fprintf(e.stdout, "%d of %d facts\n", len(rows), len(facts.Entries()))
		return 0
	},
}

// filters reads --level, --check and --older-than; minAge is -1 when
// there is no age limit, and msg says what is wrong.
func (f *factsFlags) filters() (level content.Level, minAge int, msg string) {
	level, minAge = content.Level(strings.ToLower(strings.TrimSpace(f.level))), -1
	if level != "" && !slices.Contains(content.Levels, level) {
		return "", 0, fmt.Sprintf("--level: want confirmed, corroborated or reported, found %q", f.level)
	}
	if f.check {
		if level != "" && level != content.Reported {
			return "", 0, fmt.Sprintf("--check lists reported facts; it cannot be used with --level %s", level)
		}
		level = content.Reported
	}
	if f.olderThan != "" {
		n, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(f.olderThan), "d"))
		if err != nil || n < 0 {
			return "", 0, fmt.Sprintf("--older-than: want a number of days such as 180d, found %q", f.olderThan)
		}
		minAge = n
	}
	return level, minAge, ""
}
