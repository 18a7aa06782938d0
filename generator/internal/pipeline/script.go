package pipeline

import (
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
	count := func(s string) {
		for _, r := range s {
			if r < 0x80 { // ASCII: a letter is a Latin one
				if 'a' <= r|0x20 && r|0x20 <= 'z' {
					all++
					if table == unicode.Latin {
						in++
					}
				}
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
