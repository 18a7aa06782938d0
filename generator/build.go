package main

import (
	"context"
	"flag"
	"fmt"
	"path/filepath"
	"time"

	"mehfooz/generator/internal/diag"
	"mehfooz/generator/internal/output"
	"mehfooz/generator/internal/pipeline"
	"mehfooz/generator/internal/safefs"
)

// siteFlags are the source and output folders every building command takes.
type siteFlags struct {
	content, layouts, static, out string
	quiet, verbose                bool
	cacheDir                      string
	cacheSet                      bool
}

func addSiteFlags(fs *flag.FlagSet) *siteFlags {
	f := &siteFlags{}
	fs.StringVar(&f.content, "content", "content", "the content folder (site.yaml, facts.yaml, <lang>/…)")
	fs.StringVar(&f.layouts, "layouts", "layouts", "the layouts folder")
	fs.StringVar(&f.static, "static", "static", "the static files folder")
	fs.StringVar(&f.out, "out", "public", "the output folder, replaced as a whole when the build succeeds")
	fs.Func("cache-dir", "the compression cache folder, or off (default $"+output.CacheEnv+", else mehfooz/compress in the user cache folder)", func(v string) error {
		f.cacheDir, f.cacheSet = v, true
		return nil
	})
	return f
}

// outputOptions are the writer's options the flags set.
func (f *siteFlags) outputOptions() []output.Option {
	if f.cacheSet {
		return []output.Option{output.WithCacheDir(f.cacheDir)}
	}
	return nil
}

// runBuild runs pipeline.Run into w, and on Ctrl-C or SIGTERM removes the
// staged files and returns at once with interrupted set: a stage cannot
// be stopped halfway (goldmark parses a page in one call), so the build
// is left to end with the process.
func runBuild(ctx context.Context, in pipeline.Input, w *output.Writer) (rep *pipeline.Report, diags diag.List, interrupted bool) {
	return runBuildInto(ctx, in, w, func() { w.Cancel() })
}

// runBuildInto is runBuild for any sink; cancel drops what it holds.
func runBuildInto(ctx context.Context, in pipeline.Input, w output.Sink, cancel func()) (rep *pipeline.Report, diags diag.List, interrupted bool) {
	type result struct {
		rep   *pipeline.Report
		diags diag.List
	}
	done := make(chan result, 1)
	go func() {
		rep, d := pipeline.Run(in, w)
		done <- result{rep, d}
	}()
	select {
	case r := <-done:
		return r.rep, r.diags, false
	case <-ctx.Done():
		cancel()
		return nil, nil, true
	}
}

// exitInterrupted is the exit code after Ctrl-C, as shells report it.
const exitInterrupted = 130

func (f *siteFlags) input() pipeline.Input {
	return pipeline.Input{
		Content: safefs.New(f.content), ContentPrefix: filepath.ToSlash(filepath.Clean(f.content)),
		Layouts: f.layoutsFS(), LayoutsPrefix: filepath.ToSlash(filepath.Clean(f.layouts)),
		Static: f.staticFS(), StaticPrefix: filepath.ToSlash(filepath.Clean(f.static)),
		Search: true, Offline: true,
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
		w, err := output.New(f.out, f.outputOptions()...)
		if err != nil {
			fmt.Fprintf(e.stderr, "mehfooz: %v\n", err)
			return 1
		}
		rep, diags, interrupted := runBuild(ctx, f.input(), w)
		if interrupted {
			fmt.Fprintf(e.stderr, "mehfooz: interrupted; %s left unchanged\n", f.out)
			return exitInterrupted
		}
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

func printHeavy(w interface{ Write([]byte) (int, error) }, rep *pipeline.Report, out string) {
	n := min(5, len(rep.Heavy))
	if n == 0 {
		return
	}
	fmt.Fprintln(w, "heaviest pages by minified size (KB, brotli with the stylesheet / minified HTML):")
	for _, h := range rep.Heavy[:n] {
		fmt.Fprintf(w, "  %6.1f  %6.1f  /%s\n", float64(h.Brotli)/1024, float64(h.HTML)/1024, h.URL)
	}
}
