package site

import "strings"

// Output names that several stages share have their owner here, so the
// page that links to a file and the stage that writes it cannot disagree.

// OfflineDir is the output folder of the offline copies.
const OfflineDir = "offline/"

// ZipName is the output name of a language's zip copy:
// offline/<stem>-<lang>.zip, stem being site.yaml's downloads.
func ZipName(stem, lang string) string { return OfflineDir + stem + "-" + lang + ".zip" }

// PocketName is the output name of a language's pocket file.
func PocketName(stem, lang string) string { return OfflineDir + stem + "-" + lang + "-pocket.html" }

// ZipName is ZipName with this site's download stem.
func (s *Site) ZipName(lang string) string { return ZipName(s.Config.DownloadStem(), lang) }

// PocketName is PocketName with this site's download stem.
func (s *Site) PocketName(lang string) string { return PocketName(s.Config.DownloadStem(), lang) }

// PrintFile is the name of a guide's or workshop's print page, beside
// the page's own index.html.
const PrintFile = "print.html"

// PrintName is the output name of the print page of the page at url
// ("en/guides/x/" → "en/guides/x/print.html").
func PrintName(url string) string { return url + PrintFile }

// GoDir is the output folder of the guides' short addresses.
const GoDir = "go/"

// GoURL is the site-relative address of short code code ("go/1234/"),
// the one printed on paper.
func GoURL(code string) string { return GoDir + code + "/" }

// GoName is the output name of short code code's page.
func GoName(code string) string { return GoURL(code) + "index.html" }

// The search files, by logical (unfingerprinted) name. The build writes
// each under a fingerprinted name (output.Fingerprint); the pages' search
// form names them in data attributes (SearchAttr), and the search command
// finds the indexes again with SearchIndexLang.
const (
	// SearchDir is the output folder of the search module and indexes.
	SearchDir = "search/"
	// SearchModuleScript is the browser module as a classic script, for
	// file://.
	SearchModuleScript = SearchDir + "search-wasm.js"
)

// SearchIndexName is the logical name of lang's search index.
func SearchIndexName(lang string) string { return SearchDir + "index-" + lang + ".idx" }

// SearchIndexScript is the logical name of lang's index as a classic
// script, for file://.
func SearchIndexScript(lang string) string { return SearchDir + "index-" + lang + ".js" }

// SearchTextsName is the logical name of the section texts of lang's
// search index, fetched after the first results (index.SplitTexts).
func SearchTextsName(lang string) string { return SearchDir + "texts-" + lang + ".idx" }

// SearchIndexLang reports the language of an index file's base name as
// written: "index-<lang>.<fingerprint>.idx" (or unfingerprinted,
// "index-<lang>.idx").
func SearchIndexLang(base string) (lang string, ok bool) { return idxLang(base, "index-") }

// SearchTextsLang is SearchIndexLang for the texts files
// ("texts-<lang>.<fingerprint>.idx").
func SearchTextsLang(base string) (lang string, ok bool) { return idxLang(base, "texts-") }

func idxLang(base, prefix string) (string, bool) {
	rest, ok := strings.CutPrefix(base, prefix)
	if !ok || !strings.HasSuffix(rest, ".idx") {
		return "", false
	}
	lang, _, _ := strings.Cut(rest, ".")
	return lang, lang != ""
}

// SearchAttr is the data attribute by which the search form names the
// search file with logical name name: "search/index-en.idx" →
// "data-index-en-idx". static/js/search.js reads the same names.
func SearchAttr(name string) string {
	return "data-" + strings.NewReplacer(SearchDir, "", ".", "-", "_", "-").Replace(name)
}

// SearchIndexAttrs are the attributes that name lang's index files.
func SearchIndexAttrs(lang string) []string {
	return []string{SearchAttr(SearchIndexName(lang)), SearchAttr(SearchTextsName(lang)), SearchAttr(SearchIndexScript(lang))}
}
