package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"

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
		// A real writer into a throwaway folder, so the page-weight budget
		// is measured on the minified, compressed pages as served.
		tmp, err := os.MkdirTemp("", "mehfooz-check-")
		if err != nil {
			fmt.Fprintf(e.stderr, "mehfooz: %v\n", err)
			return 1
		}
		defer os.RemoveAll(tmp)
		w, err := output.New(filepath.Join(tmp, "public"), f.site.outputOptions()...)
		if err != nil {
			fmt.Fprintf(e.stderr, "mehfooz: %v\n", err)
			return 1
		}
		_, diags, interrupted := runBuild(ctx, f.site.input(), w)
		if interrupted {
			fmt.Fprintln(e.stderr, "mehfooz: interrupted")
			return exitInterrupted
		}
		w.Abort()
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
