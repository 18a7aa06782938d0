package main

import (
	"context"
	"embed"
	"flag"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"

	embedded "mehfooz"
)

type initFlags struct {
	languages string
	name      string
	now       func() time.Time
}

var cmdInit = &command{
	Name:  "init",
	Usage: `init [--languages en,ur] [--name "…"] <dir>`,
	Short: "start a new site that builds at once",
	Long: `Init writes a new site into dir (which must not exist or be empty):
content/site.yaml, a facts register with one example fact, one example page
of every kind in every language, a GitHub Actions workflow that checks pull
requests and publishes to GitHub Pages, and netlify.toml. The layouts, static
files and search module are built into mehfooz; put a file of the same name
under dir/layouts/ or dir/static/ to change one. The first language is the
one the others are translated from.

Example: mehfooz init --languages en,ur --name "Our Helpline" our-site`,
	Flags: func(fs *flag.FlagSet) any {
		f := &initFlags{now: time.Now}
		fs.StringVar(&f.languages, "languages", "en,ur", "language codes, the source language first")
		fs.StringVar(&f.name, "name", "", "the site's name, shown in every language (default: from dir, \"our-site\" gives \"Our site\")")
		return f
	},
	Run: func(ctx context.Context, e *env, args []string) int {
		f := e.flags.(*initFlags)
		if len(args) != 1 {
			fmt.Fprintln(e.stderr, "usage: mehfooz init [--languages en,ur] [--name \"…\"] <dir>\nrun 'mehfooz help init' for details")
			return 2
		}
		dir := args[0]
		if f.name == "" {
			f.name = nameFromDir(dir)
		}
		codes, err := parseLanguages(f.languages)
		if err != nil {
			fmt.Fprintf(e.stderr, "mehfooz init: --languages: %v\n", err)
			return 2
		}
		if strings.TrimSpace(f.name) == "" || strings.ContainsAny(f.name, "\"\\\n") {
			fmt.Fprintln(e.stderr, `mehfooz init: --name must be non-empty text without quotes, backslashes or line breaks`)
			return 2
		}
		if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
			fmt.Fprintf(e.stderr, "mehfooz init: %s is not empty; nothing written\n", dir)
			return 1
		}
		files, err := scaffold(codes, strings.TrimSpace(f.name), f.now().Format("2006-01-02"))
		if err != nil {
			fmt.Fprintf(e.stderr, "mehfooz init: %v\n", err)
			return 1
		}
		names := slices.Sorted(maps.Keys(files))
		for _, name := range names {
			p := filepath.Join(dir, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err == nil {
				err = os.WriteFile(p, []byte(files[name]), 0o644)
			}
			if err != nil {
				fmt.Fprintf(e.stderr, "mehfooz init: %v\n", err)
				return 1
			}
		}
		fmt.Fprintf(e.stdout, "wrote a new site into %s (%d files)\n\nnext:\n  cd %s\n  mehfooz serve     # preview on http://127.0.0.1:1313/ while you edit\n  mehfooz build     # the finished site in public/, ready to upload\n",
			dir, len(names), shellQuote(dir))
		if version == "devel" || strings.Contains(releasesURL, "/OWNER/") {
			// A development build knows no published release to pin.
			fmt.Fprintf(e.stdout, "\nnote: this mehfooz (%s) is not a published release, so set MEHFOOZ_VERSION and\nMEHFOOZ_RELEASES in .github/workflows/site.yml and netlify.toml to one before you push.\n", version)
		}
		return 0
	},
}

var initLangRE = regexp.MustCompile(`^[a-z]+$`)

func parseLanguages(s string) ([]string, error) {
	var codes []string
	seen := map[string]bool{}
	for _, c := range strings.Split(s, ",") {
		c = strings.TrimSpace(c)
		if !initLangRE.MatchString(c) {
			return nil, fmt.Errorf("%q is not a language code of lowercase letters, like en or ur", c)
		}
		if seen[c] {
			return nil, fmt.Errorf("%q is listed twice", c)
		}
		seen[c] = true
		codes = append(codes, c)
	}
	return codes, nil
}

func shellQuote(s string) string {
	if regexp.MustCompile(`^[A-Za-z0-9_./-]+$`).MatchString(s) {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// knownLanguages names a few languages in themselves, with their direction.
// Any other code gets its code as name and ltr, with a comment to fix it.
var knownLanguages = map[string][2]string{
	"en": {"English", "ltr"}, "ur": {"اردو", "rtl"}, "sd": {"سنڌي", "rtl"}, "ps": {"پښتو", "rtl"},
	"ar": {"العربية", "rtl"}, "fa": {"فارسی", "rtl"}, "hi": {"हिन्दी", "ltr"}, "bn": {"বাংলা", "ltr"},
	"fr": {"Français", "ltr"}, "es": {"Español", "ltr"},
}

// scaffold returns the new site's files by path.
func scaffold(codes []string, name, today string) (map[string]string, error) {
	files := map[string]string{}
	var sb strings.Builder
	sb.WriteString("# Site settings. The first language is the one the others are translated from.\n")
	sb.WriteString("# Everything here is checked when the site builds.\ntitle:\n")
	for _, c := range codes {
		fmt.Fprintf(&sb, "  %s: %q\n", c, name)
	}
	sb.WriteString("# Set base_url (https://…/, with the final slash) to get canonical links, a sitemap and\n")
	sb.WriteString("# QR codes; on GitHub Pages that is https://<owner>.github.io/<repository>/.\n# Leave it empty for a site that works at any address.\nbase_url: \"\"\nlanguages:\n")
	for _, c := range codes {
		l, known := knownLanguages[c]
		if !known {
			l = [2]string{c, "ltr"}
		}
		fmt.Fprintf(&sb, "  - code: %s\n    name: %q\n    direction: %s", c, l[0], l[1])
		if !known {
			sb.WriteString("  # write the language's name in itself, and rtl for a right-to-left script")
		}
		sb.WriteString("\n")
	}
	sb.WriteString("# Where the quick-exit button goes: a neutral page that says nothing about this one.\n")
	sb.WriteString("quick_exit: \"https://www.google.com/search?q=weather\"\n")
	sb.WriteString(`# The pocket file (offline/<name>-<lang>-pocket.html): one page to keep on a phone.
pocket:
  budget_kb: 400
  required: ["start/*", "guides"]
  optional: ["guides/*", "platforms/*"]
`)
	files["content/site.yaml"] = sb.String()
	files["content/facts.yaml"] = fmt.Sprintf(scaffoldFacts, today)
	files[".gitignore"] = "/public/\n"
	for k, v := range deployFiles() {
		files[k] = v
	}

	builtin, _ := fs.Glob(embedded.Layouts(), "i18n/*.yaml")
	has := map[string]bool{}
	for _, p := range builtin {
		has[strings.TrimSuffix(filepath.Base(p), ".yaml")] = true
	}
	en, err := fs.ReadFile(embedded.Layouts(), "i18n/en.yaml")
	if err != nil {
		return nil, fmt.Errorf("the built-in interface strings are missing: %v", err)
	}
	for _, c := range codes {
		pages := scaffoldPages["en"]
		if p, ok := scaffoldPages[c]; ok {
			pages = p
		}
		for rel, body := range pages {
			files["content/"+c+"/"+rel] = strings.NewReplacer("{{name}}", name, "{{today}}", today).Replace(body)
		}
		if !has[c] {
			files["layouts/i18n/"+c+".yaml"] = "# Interface strings for " + c + ", copied from English: translate each value.\n" + string(en)
		}
	}
	return files, nil
}

// scaffoldFS holds the hosting files of a new site: the same workflow
// shape as this repository's .github/workflows, and netlify.toml.
//
//go:embed scaffold/site.yml scaffold/netlify.toml
var scaffoldFS embed.FS

// releasesURL is where release archives are published, as
// <releasesURL>/<version>/mehfooz-<version>-<os>-<arch>.tar.gz next to
// SHA256SUMS; make dist sets it with -ldflags "-X main.releasesURL=…".
var releasesURL = "https://github.com/OWNER/mehfooz/releases/download"

// deployFiles are the continuous-integration and hosting files of a new
// site, pinned to this binary's version.
func deployFiles() map[string]string {
	fill := strings.NewReplacer("__MEHFOOZ_VERSION__", version, "__MEHFOOZ_RELEASES__", releasesURL)
	out := map[string]string{}
	for name, file := range map[string]string{".github/workflows/site.yml": "scaffold/site.yml", "netlify.toml": "scaffold/netlify.toml"} {
		b, _ := scaffoldFS.ReadFile(file) // embedded above
		out[name] = fill.Replace(string(b))
	}
	return out
}

// pageNames lists a scaffold's pages, for tests.
func pageNames(lang string) []string {
	pages := scaffoldPages["en"]
	if p, ok := scaffoldPages[lang]; ok {
		pages = p
	}
	var out []string
	for k := range pages {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

const scaffoldFacts = `# The facts register: every phone number, address, agency name, law section and penalty
# a page shows. Pages never type these; they write {{< fact "key" >}}, which shows the
# value in the page's language (as a link when the fact has one).
#
#   some-key:                  lowercase ASCII letters, digits and "-"
#     value: "..."             the same text in every language, or a map: {en: "...", ur: "..."}
#     link: "tel:..."          optional; https://, tel: or mailto:
#     source: "..."            where the fact comes from, in words
#     source_url: "https://…"  optional
#     verified_on: 2026-01-01  when the fact was last confirmed against its source
#     level: reported          how well it is verified: confirmed (an official or primary
#                              source says it), corroborated (two or more independent sources
#                              agree) or reported (one source; readers see "(one source)")
#     use: [emergency]         optional: emergency or money; check warns when such a fact is
#                              only reported

example-helpline:
  value: "0800-00000"
  link: "tel:080000000"
  source: "An example: replace with a real helpline and where you confirmed its number"
  verified_on: %s
  level: reported
`

// nameFromDir makes a site name from the folder's: "our-site" gives
// "Our site". A new site starts with its own name, never this project's.
func nameFromDir(dir string) string {
	base := strings.NewReplacer("-", " ", "_", " ").Replace(filepath.Base(filepath.Clean(dir)))
	base = strings.Join(strings.Fields(base), " ")
	if base == "" || base == "." || base == string(filepath.Separator) {
		return "Our site"
	}
	r := []rune(base)
	return strings.ToUpper(string(r[0])) + string(r[1:])
}
