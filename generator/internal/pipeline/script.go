package pipeline

import (
	"sync"
	"unicode"

	"mehfooz/generator/internal/config"
	"mehfooz/generator/internal/diag"
	"mehfooz/generator/internal/markdown"
	"mehfooz/generator/internal/site"
)

// checkScript reports a page whose text is not mostly in its language's
// script (site.yaml: script and script_share): a paragraph left in the
// source language, or a page pasted in whole. It counts letters of what a
// reader sees, the title, description and sections with facts filled in, so
// link addresses and shortcodes never count.
func checkScript(lang config.Language, p *site.Page, sections []markdown.Section) *diag.Error {
	table := lang.ScriptTable()
	if table == nil || lang.ScriptShare == 0 || p.Fallback != nil {
		return nil
	}
	in, all := 0, 0
	low := lowRunes(table)
	count := func(s string) {
		for _, r := range s {
			if r < lowRuneCount { // Latin, Arabic and their neighbours: looked up
				k := low[r]
				all += int(k & isLetter)
				in += int(k&inScript) >> 1
				continue
			}
			if unicode.IsLetter(r) {
				all++
				if unicode.Is(table, r) {
					in++
				}
			}
		}
	}
	count(p.File.Meta.Title)
	count(p.File.Meta.Description)
	for _, s := range sections {
		count(s.Heading)
		count(s.Text)
	}
	if all == 0 || in*100 >= lang.ScriptShare*all {
		return nil
	}
	return diag.Warnf(diag.Pos{File: p.File.Path, Line: 1, Col: 1}, "script-share",
		"only %d%% of this page's %d letters are in %s script; a %s page needs at least %d%%",
		in*100/all, all, lang.Script, lang.Code, lang.ScriptShare).
		WithHint("translate what is still in another script, or write the words a reader of %s would use", lang.Name)
}

// lowRuneCount runes (Latin, Greek, Cyrillic, Hebrew, Arabic, …) are
// classed once per script table, not once per letter: unicode.IsLetter
// and unicode.Is search tables, and most of a page's letters are here.
const lowRuneCount = 0x800

const (
	isLetter = 1 << iota // unicode.IsLetter
	inScript             // and in the script's table
)

var lowRuneTables sync.Map // *unicode.RangeTable → *[lowRuneCount]uint8

// lowRunes returns the classes of the low runes for table.
func lowRunes(table *unicode.RangeTable) *[lowRuneCount]uint8 {
	if t, ok := lowRuneTables.Load(table); ok {
		return t.(*[lowRuneCount]uint8)
	}
	t := new([lowRuneCount]uint8)
	for r := rune(0); r < lowRuneCount; r++ {
		if unicode.IsLetter(r) {
			t[r] = isLetter
			if unicode.Is(table, r) {
				t[r] |= inScript
			}
		}
	}
	v, _ := lowRuneTables.LoadOrStore(table, t)
	return v.(*[lowRuneCount]uint8)
}
