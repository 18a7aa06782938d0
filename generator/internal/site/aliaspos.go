package site

import (
	"fmt"
	"regexp"
	"strings"

	"mehfooz/generator/internal/diag"
)

// aliasPos is where the i-th alias of p is written: the decoder's own
// position of the value, so an alias written with escapes ("a\\b",
// "\u0000x") is found where PosOf's text search cannot; PosOf otherwise.
func aliasPos(s *Site, p *Page, i int, a string) diag.Pos {
	if pos := p.File.Meta.Pos.Value(fmt.Sprintf("aliases[%d]", i)); pos.Line > 0 {
		if pos.File == "" {
			pos.File = p.File.Path
		}
		return pos
	}
	return s.PosOf(p, a)
}

var listPage = regexp.MustCompile(`^page/[0-9]+/$`)

// generatedAt names the page the build itself writes at the output folder
// from (in lang), or "": the search and translation pages, a guide's print
// page and the further pages of a long list. An alias there would lose to
// that page, and the error would be blamed on the layout that makes it.
func generatedAt(lang, from string, urls map[string]*Page) string {
	switch from {
	case lang + "/search/":
		return "the search page"
	case lang + "/translations/":
		return "the translations page"
	}
	for u, p := range urls {
		rest, ok := strings.CutPrefix(from, u)
		if !ok || rest == "" {
			continue
		}
		if rest == "print/" {
			return "the print page of " + p.File.Path
		}
		if listPage.MatchString(rest) {
			return "a further page of the list " + p.File.Path
		}
	}
	return ""
}
