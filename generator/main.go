// Command mehfooz builds the Mehfooz site: bilingual Markdown in content/,
// layouts in layouts/ and static files in static/ become a tracker-free
// static site in public/.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"mehfooz/generator/internal/diag"
	"mehfooz/generator/internal/pipeline"
)

// command is one subcommand, in the shape of cmd/go's base.Command.
type command struct {
	Name  string
	Usage string // after "mehfooz "
	Short string
	Long  string
	Flags func(fs *flag.FlagSet) any
	Run   func(ctx context.Context, env *env, args []string) int
}

// env carries the streams a command writes to, so tests can use buffers.
type env struct {
	stdout, stderr io.Writer
	flags          any
}

// commands is the ordered command table; help and the README list it.
var commands []*command

func init() {
	commands = []*command{cmdInit, cmdBuild, cmdCheck, cmdServe, cmdNew, cmdTranslateStatus, cmdTranslate, cmdFacts, cmdSearch, cmdVersion, cmdHelp}
}

func main() {
	// GOMEMLIMIT and GOGC override the build's own settings.
	pipeline.TuneMemory(os.Getenv("GOMEMLIMIT") == "", os.Getenv("GOGC") == "")
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run is main without the process: exit 0 success, 1 content or build
// errors, 2 usage.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stderr)
		return 2
	}
	name := args[0]
	if name == "-h" || name == "--help" || name == "-help" {
		usage(stdout)
		return 0
	}
	cmd := lookup(name)
	if cmd == nil {
		fmt.Fprintf(stderr, "mehfooz: unknown command %q\n", name)
		names := make([]string, len(commands))
		for i, c := range commands {
			names[i] = c.Name
		}
		if s := diag.Suggest(name, names); s != "" {
			fmt.Fprintf(stderr, "\tdid you mean %q?\n", s)
		}
		fmt.Fprintln(stderr, "run 'mehfooz help' for usage")
		return 2
	}
	fs := flag.NewFlagSet(cmd.Name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: mehfooz %s\n\n%s\n", cmd.Usage, strings.TrimSpace(cmd.Long))
		if hasFlags(fs) {
			fmt.Fprintln(stderr, "\nflags:")
			fs.PrintDefaults()
		}
	}
	e := &env{stdout: stdout, stderr: stderr}
	if cmd.Flags != nil {
		e.flags = cmd.Flags(fs)
	}
	if err := fs.Parse(args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	return cmd.Run(ctx, e, fs.Args())
}

func hasFlags(fs *flag.FlagSet) bool {
	n := 0
	fs.VisitAll(func(*flag.Flag) { n++ })
	return n > 0
}

func lookup(name string) *command {
	for _, c := range commands {
		if c.Name == name {
			return c
		}
	}
	return nil
}

func usage(w io.Writer) {
	fmt.Fprint(w, "mehfooz builds a bilingual, tracker-free safety site from Markdown.\n\nusage: mehfooz <command> [flags]\n\ncommands:\n")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-10s %s\n", c.Name, c.Short)
	}
	fmt.Fprint(w, "\nRun 'mehfooz help <command>' or 'mehfooz <command> -h' for details.\n")
}

var cmdHelp = &command{
	Name:  "help",
	Usage: "help [command]",
	Short: "show help for a command",
	Long:  "Help prints the list of commands, or the full help of one.",
	Run: func(ctx context.Context, e *env, args []string) int {
		if len(args) == 0 {
			usage(e.stdout)
			return 0
		}
		c := lookup(args[0])
		if c == nil {
			fmt.Fprintf(e.stderr, "mehfooz help: unknown command %q\n", args[0])
			return 2
		}
		fmt.Fprintf(e.stdout, "usage: mehfooz %s\n\n%s\n", c.Usage, strings.TrimSpace(c.Long))
		if c.Flags != nil {
			fs := flag.NewFlagSet(c.Name, flag.ContinueOnError)
			c.Flags(fs)
			if hasFlags(fs) {
				fs.SetOutput(e.stdout)
				fmt.Fprintln(e.stdout, "\nflags:")
				fs.PrintDefaults()
			}
		}
		return 0
	},
}

// version is set with -ldflags "-X main.version=…"; builds from a checkout
// say "devel".
var version = "devel"

var cmdVersion = &command{
	Name:  "version",
	Usage: "version",
	Short: "print the version",
	Long:  "Version prints the version of mehfooz.",
	Run: func(ctx context.Context, e *env, args []string) int {
		fmt.Fprintf(e.stdout, "mehfooz %s\n", version)
		return 0
	},
}

// printDiags writes every diagnostic, one per line, then a summary.
func printDiags(w io.Writer, diags diag.List, format string) {
	if format == "github" {
		printGitHub(w, diags)
		return
	}
	for _, d := range diags {
		fmt.Fprintln(w, d.Error())
	}
}

func ghEscape(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// summary is the closing line: "3 errors and 1 warning in 2 files".
func summary(diags diag.List) string {
	plural := func(n int, w string) string {
		if n == 1 {
			return fmt.Sprintf("1 %s", w)
		}
		return fmt.Sprintf("%d %ss", n, w)
	}
	parts := []string{}
	if n := diags.Errors(); n > 0 {
		parts = append(parts, plural(n, "error"))
	}
	if n := diags.Warnings(); n > 0 {
		parts = append(parts, plural(n, "warning"))
	}
	return strings.Join(parts, " and ") + " in " + plural(diags.Files(), "file")
}
