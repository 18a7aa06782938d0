package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"mehfooz/generator/internal/site"
	"mehfooz/search/query"
)

// searchFlags are the search command's flags.
type searchFlags struct {
	lang, out string
	json      bool
	limit     int
}

var cmdSearch = &command{
	Name:  "search",
	Usage: "search [--lang code] [--out dir] [--json] [-n count] <query…>",
	Short: "search the built site from the command line",
	Long: `Search runs a query against the search indexes of a built site, with the
same engine the site's search box runs in the browser, and prints the ranked
results (as in the box, the last word counts as still being typed unless
the query ends with a space): title, address (with the #section that matches) and the snippet,
matched words in [brackets]. Use it to check what a query finds, for example
after adding synonyms to content/search/synonyms.yaml (then run mehfooz build
first: the synonyms are compiled into the indexes).

Without --lang it searches every language's index and lists the results of
each. --json prints one JSON array of results with lang, url, anchor, title,
section, score, matched, words, snippet and fallback.

When a language's index finds nothing, search shows what the site's search
box shows instead, from that language's index: the helplines, the first
question of "What is happening to you?" and the closest topics, marked
"fallback" in JSON.

It reads the newest search/index-<lang>.*.idx in the output folder and
prints nothing else; the query is not stored anywhere.`,
	Flags: func(fs *flag.FlagSet) any {
		f := &searchFlags{}
		fs.StringVar(&f.lang, "lang", "", "search one language's index (en, ur, …); default every language")
		fs.StringVar(&f.out, "out", "public", "the built site")
		fs.BoolVar(&f.json, "json", false, "print JSON")
		fs.IntVar(&f.limit, "n", 10, "the most results per language")
		return f
	},
	Run: func(ctx context.Context, e *env, args []string) int {
		f := e.flags.(*searchFlags)
		// Untrimmed: as in the search box, the last word is being typed
		// unless a space follows it ("blackm" completes, "blackm " not).
		text := strings.TrimLeft(strings.Join(args, " "), " \t")
		if strings.TrimSpace(text) == "" {
			fmt.Fprintln(e.stderr, "mehfooz search: no query\nrun 'mehfooz help search' for usage")
			return 2
		}
		if f.limit < 1 {
			fmt.Fprintf(e.stderr, "mehfooz search: -n must be at least 1, not %d\n", f.limit)
			return 2
		}
		files, err := indexFiles(f.out, f.lang)
		if err != nil {
			fmt.Fprintf(e.stderr, "mehfooz search: %v\n", err)
			return 1
		}
		var all []langResult
		for _, file := range files {
			data, err := os.ReadFile(file.path)
			if err != nil {
				fmt.Fprintf(e.stderr, "mehfooz search: %v\n", err)
				return 1
			}
			ix, err := query.Open(data)
			if err != nil {
				fmt.Fprintf(e.stderr, "mehfooz search: %s: %v\n", file.path, err)
				return 1
			}
			if file.texts != "" { // snippets; without the file, results have none
				data, err := os.ReadFile(file.texts)
				if err == nil {
					err = ix.LoadTexts(data)
				}
				if err != nil {
					fmt.Fprintf(e.stderr, "mehfooz search: %s: %v\n\thint: build the site again: the index and its texts come from different builds\n", file.texts, err)
					return 1
				}
			}
			found := ix.Search(text, f.limit)
			fallback := len(found) == 0
			if fallback {
				found = ix.Fallback(text, min(f.limit, 3)).All()
			}
			for _, r := range found {
				all = append(all, langResult{Lang: file.lang, Result: r, Fallback: fallback})
			}
			if !f.json {
				printResults(e.stdout, file.lang, text, all)
				all = all[:0]
			}
		}
		if f.json {
			return printJSON(e, all)
		}
		return 0
	},
}

type langResult struct {
	Lang string
	query.Result
	// Fallback marks what is shown because the query found nothing.
	Fallback bool
}

type indexFile struct{ lang, path, texts string }

// indexFiles finds the index of lang ("" for every language) in the output
// folder out, with its section texts: the files site.SearchIndexLang and
// site.SearchTextsLang recognise in the search folder, the newest if a
// folder holds several.
func indexFiles(out, lang string) ([]indexFile, error) {
	dir := filepath.Join(out, filepath.FromSlash(site.SearchDir))
	entries, err := os.ReadDir(dir)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	indexes, texts := map[string]string{}, map[string]string{}
	var langs []string
	for _, e := range entries {
		newest := indexes
		l, isIndex := site.SearchIndexLang(e.Name())
		ok := isIndex
		if !isIndex {
			newest = texts
			l, ok = site.SearchTextsLang(e.Name())
		}
		if !ok || e.IsDir() || (lang != "" && l != lang) {
			continue
		}
		m := filepath.Join(dir, e.Name())
		old, seen := newest[l]
		if !seen || modTime(m) > modTime(old) {
			newest[l] = m
		}
		if !seen && isIndex {
			langs = append(langs, l)
		}
	}
	if len(langs) == 0 {
		what := "search indexes"
		if lang != "" {
			what = "search index for " + strconv.Quote(lang)
		}
		return nil, fmt.Errorf("no %s in %s\n\thint: build the site first (make site, or mehfooz build --out %s)", what, dir, out)
	}
	slices.Sort(langs)
	files := make([]indexFile, len(langs))
	for i, l := range langs {
		files[i] = indexFile{l, indexes[l], texts[l]}
	}
	return files, nil
}

func modTime(path string) int64 {
	fi, err := os.Stat(path)
	if err != nil {
		return 0
	}
	return fi.ModTime().UnixNano()
}

// printResults lists one language's results for people.
func printResults(w io.Writer, lang, text string, rs []langResult) {
	switch {
	case len(rs) == 0:
		fmt.Fprintf(w, "%s: nothing found for %q\n", lang, text)
		return
	case rs[0].Fallback:
		fmt.Fprintf(w, "%s: nothing found for %q; these pages may help:\n", lang, text)
	case len(rs) == 1:
		fmt.Fprintf(w, "%s: 1 result for %q\n", lang, text)
	default:
		fmt.Fprintf(w, "%s: %d results for %q\n", lang, len(rs), text)
	}
	for i, r := range rs {
		fmt.Fprintf(w, "%3d. %s\n", i+1, r.Title)
		addr := r.Lang + "/" + r.URL
		if r.Anchor != "" {
			addr += "#" + r.Anchor
		}
		if r.Fallback {
			fmt.Fprintf(w, "     %s\n", addr)
		} else {
			fmt.Fprintf(w, "     %s  (score %.2f, %d of %d words)\n", addr, r.Score, r.Matched, r.Words)
		}
		var b strings.Builder
		for _, s := range r.Snippet {
			if s.Marked {
				b.WriteString("[" + s.Text + "]")
			} else {
				b.WriteString(s.Text)
			}
		}
		if b.Len() > 0 {
			fmt.Fprintf(w, "     %s\n", b.String())
		}
	}
	fmt.Fprintln(w)
}

// printJSON writes every result as one JSON array.
func printJSON(e *env, all []langResult) int {
	type item struct {
		Lang    string  `json:"lang"`
		URL     string  `json:"url"`
		Anchor  string  `json:"anchor"`
		Title   string  `json:"title"`
		Section string  `json:"section"`
		Score   float64 `json:"score"`
		Matched int     `json:"matched"`
		Words   int     `json:"words"`
		Snippet string  `json:"snippet"`
		// Fallback is true for what is shown because nothing was found.
		Fallback bool `json:"fallback"`
	}
	items := make([]item, 0, len(all))
	for _, r := range all {
		var b strings.Builder
		for _, s := range r.Snippet {
			b.WriteString(s.Text)
		}
		items = append(items, item{Lang: r.Lang, URL: r.URL, Anchor: r.Anchor, Title: r.Title, Section: r.Section,
			Score: r.Score, Matched: r.Matched, Words: r.Words, Snippet: b.String(), Fallback: r.Fallback})
	}
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(items); err != nil {
		fmt.Fprintf(e.stderr, "mehfooz search: %v\n", err)
		return 1
	}
	return 0
}
