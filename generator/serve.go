package main

import (
	"context"
	"flag"
	"fmt"
	"time"

	"mehfooz/generator/internal/diag"
	"mehfooz/generator/internal/pipeline"
	"mehfooz/generator/internal/preview"
)

type serveFlags struct {
	site *siteFlags
	port int
}

var cmdServe = &command{
	Name:  "serve",
	Usage: "serve [--port 1313] [--content dir] [--layouts dir] [--static dir]",
	Short: "preview the site on 127.0.0.1 with live reload",
	Long: `Serve builds the site in memory and serves it on 127.0.0.1 only (never on
other interfaces). When a file under the content, layouts or static folders
changes, it rebuilds what changed and open tabs reload by themselves. If the
build fails, pages show the errors with file:line:col while the last good
build stays served; fix the file and the page comes back. Ctrl-C stops it.`,
	Flags: func(fs *flag.FlagSet) any {
		f := &serveFlags{site: addSiteFlags(fs)}
		fs.IntVar(&f.port, "port", 1313, "the port to listen on (127.0.0.1 only)")
		return f
	},
	Run: func(ctx context.Context, e *env, args []string) int {
		f := e.flags.(*serveFlags)
		if len(args) > 0 {
			fmt.Fprintf(e.stderr, "mehfooz serve: unexpected argument %q\n", args[0])
			return 2
		}
		in := f.site.input()
		in.Offline = false // offline copies are for published sites, not previews
		in.Drafts = true   // shown with a band, so writers see them as they write
		b := pipeline.NewIncremental(in)
		var srv *preview.Server
		var refresh *time.Timer
		srv = preview.New(builderFunc(func(changed []string) (preview.Files, diag.List) {
			files, d := b.Build(changed)
			if b.Stale() {
				// Refresh the search index once edits pause; pages first.
				if refresh != nil {
					refresh.Stop()
				}
				refresh = time.AfterFunc(500*time.Millisecond, func() {
					if files, d := b.RefreshIndex(); d.Err() == nil && srv != nil {
						srv.Swap(preview.Files(files))
					}
				})
			}
			return preview.Files(files), d
		}))
		srv.Log = func(format string, a ...any) {
			fmt.Fprintf(e.stderr, "mehfooz: "+format+"\n", a...)
		}
		ctx, cancel := context.WithCancel(ctx)
		defer cancel()
		go preview.Watch(ctx, srv, existingDirs(f.site.content, f.site.layouts, f.site.static), 20*time.Millisecond)
		err := srv.ListenAndServe(ctx, f.port, func(addr string) {
			fmt.Fprintf(e.stdout, "serving on http://%s/ (Ctrl-C to stop)\n", addr)
		})
		if err != nil {
			fmt.Fprintf(e.stderr, "mehfooz serve: %v\n", err)
			return 1
		}
		fmt.Fprintln(e.stdout, "stopped")
		return 0
	},
}

type builderFunc func(changed []string) (preview.Files, diag.List)

func (f builderFunc) Build(changed []string) (preview.Files, diag.List) { return f(changed) }
