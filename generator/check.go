package main

import (
	"context"
	"flag"
	"fmt"

	"mehfooz/generator/internal/offline"
	"mehfooz/generator/internal/output"
	"mehfooz/generator/internal/pipeline"
)

var cmdCheck = &command{
	Name:  "check",
	Usage: "check [--content dir] [--layouts dir] [--static dir] [--format text|github] [--strict]",
	Short: "check the content without writing anything",
	Long: `Check runs every stage of a build, writes nothing, and reports every
problem once as file:line:col: message with the fix in words. It exits 1 when
there is an error, 0 when there are only warnings (unless --strict).
--format=github prints GitHub Actions annotations.`,
	Flags: func(fs *flag.FlagSet) any {
		f := &checkFlags{site: addSiteFlags(fs)}
		fs.StringVar(&f.format, "format", "text", "text or github")
		fs.BoolVar(&f.strict, "strict", false, "fail on warnings too")
		return f
	},
	Run: func(ctx context.Context, e *env, args []string) int {
		f := e.flags.(*checkFlags)
		if f.format != "text" && f.format != "github" {
			fmt.Fprintf(e.stderr, "mehfooz check: --format must be text or github, not %q\n", f.format)
			return 2
		}
		// Nothing is written: the meter keeps the minified site in memory,
		// so the page-weight budget is measured on the pages as served.
		// The offline copies are read for their diagnostics, not zipped.
		in := f.site.input()
		in.OfflineOptions = append(in.OfflineOptions, offline.WithoutZips())
		_, diags, interrupted := runBuildInto(ctx, in, output.NewMeter(), func() {})
		if interrupted {
			fmt.Fprintln(e.stderr, "mehfooz: interrupted")
			return exitInterrupted
		}
		diags.Escalate(pipeline.CheckErrors...)
		printDiags(e.stderr, diags, f.format)
		if len(diags) == 0 {
			fmt.Fprintln(e.stdout, "mehfooz: no problems found")
			return 0
		}
		fmt.Fprintf(e.stderr, "mehfooz: %s\n", summary(diags))
		if diags.Errors() > 0 || f.strict {
			return 1
		}
		return 0
	},
}

type checkFlags struct {
	site   *siteFlags
	format string
	strict bool
}
