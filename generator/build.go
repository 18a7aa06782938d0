package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"mehfooz/generator/internal/build"
	"mehfooz/generator/internal/output"
)

// siteFlags are the source and output folders every building command takes.
type siteFlags struct {
	content, layouts, static, out string
	quiet, verbose                bool
}

func addSiteFlags(fs *flag.FlagSet) *siteFlags {
	f := &siteFlags{}
	fs.StringVar(&f.content, "content", "content", "the content folder (site.yaml, facts.yaml, <lang>/…)")
	fs.StringVar(&f.layouts, "layouts", "layouts", "the layouts folder")
	fs.StringVar(&f.static, "static", "static", "the static files folder")
	fs.StringVar(&f.out, "out", "public", "the output folder, replaced as a whole when the build succeeds")
	return f
}

func (f *siteFlags) input() build.Input {
	return build.Input{
		Content: os.DirFS(f.content), ContentPrefix: filepath.ToSlash(filepath.Clean(f.content)),
		Layouts: f.layoutsFS(), LayoutsPrefix: filepath.ToSlash(filepath.Clean(f.layouts)),
		Static: f.staticFS(), StaticPrefix: filepath.ToSlash(filepath.Clean(f.static)),
		Indexers:  indexers(f),
		Finishers: finishers(f),
	}
}

var cmdBuild = &command{
	Name:  "build",
	Usage: "build [--content dir] [--layouts dir] [--static dir] [--out dir] [-q]",
	Short: "build the site into public/",
	Long: `Build turns the content, layouts and static folders into a complete site in
the output folder: every page in every language, the search indexes, the
language chooser, redirects for aliases, header files and, when base_url is
set, a sitemap.

The site is built in a temporary folder beside the output folder and swapped
in only when there is no error, so a failed build leaves the previous output
as it was. Errors are printed as file:line:col: message, one per line.`,
	Flags: func(fs *flag.FlagSet) any {
		f := addSiteFlags(fs)
		fs.BoolVar(&f.quiet, "q", false, "print errors only")
		fs.BoolVar(&f.verbose, "v", false, "also print how long each stage took")
		return f
	},
	Run: func(ctx context.Context, e *env, args []string) int {
		f := e.flags.(*siteFlags)
		if len(args) > 0 {
			fmt.Fprintf(e.stderr, "mehfooz build: unexpected argument %q\nrun 'mehfooz help build' for usage\n", args[0])
			return 2
		}
		start := time.Now()
		w, err := output.New(f.out)
		if err != nil {
			fmt.Fprintf(e.stderr, "mehfooz: %v\n", err)
			return 1
		}
		rep, diags := build.Run(f.input(), w)
		printDiags(e.stderr, diags, "")
		if diags.Err() != nil {
			w.Abort()
			fmt.Fprintf(e.stderr, "mehfooz: %s; %s left unchanged\n", summary(diags), f.out)
			return 1
		}
		if err := w.Commit(); err != nil {
			w.Abort()
			fmt.Fprintf(e.stderr, "mehfooz: %v; %s left unchanged\n", err, f.out)
			return 1
		}
		if !f.quiet {
			files := w.Sizes()
			fmt.Fprintf(e.stdout, "built %d pages, %d files into %s in %v\n", rep.Pages, len(files), f.out, time.Since(start).Round(time.Millisecond))
			if sum, err := output.TreeHash(f.out); err == nil {
				fmt.Fprintf(e.stdout, "tree sha256 %s\n", sum)
			}
			printHeavy(e.stdout, rep, f.out)
		}
		if f.verbose {
			for _, t := range rep.Timings {
				fmt.Fprintf(e.stdout, "  %-13s %v\n", t.Stage, t.Took.Round(time.Millisecond))
			}
		}
		return 0
	},
}

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
		w, err := output.New(filepath.Join(tmp, "public"))
		if err != nil {
			fmt.Fprintf(e.stderr, "mehfooz: %v\n", err)
			return 1
		}
		_, diags := build.Run(f.site.input(), w)
		w.Abort()
		diags.Escalate(build.CheckErrors...)
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

func printHeavy(w interface{ Write([]byte) (int, error) }, rep *build.Report, out string) {
	n := min(5, len(rep.Heavy))
	if n == 0 {
		return
	}
	fmt.Fprintln(w, "heaviest pages by minified size (KB, brotli with the stylesheet / minified HTML):")
	for _, h := range rep.Heavy[:n] {
		fmt.Fprintf(w, "  %6.1f  %6.1f  /%s\n", float64(h.Brotli)/1024, float64(h.HTML)/1024, h.URL)
	}
}
