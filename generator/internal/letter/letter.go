// Package letter loads the complaint letters a reader fills in on the page:
// the form's fields (letters/fields.yaml) and, for each language, the label
// of every field and the letters themselves (letters/<lang>.yaml), written as
// text with {field} and {fact:key} placeholders. It checks every
// placeholder, resolves facts in each language, and hands layouts each
// letter split into paragraphs, lines and parts, so a page can print a
// blank letter without JavaScript and a small script can fill it in.
//
// Nothing here is about one country: the fields, their labels and the
// letters are all content.
package letter

import (
	"strings"
)

// Rules of the diagnostics Load reports, besides strictyaml's.
const (
	RuleField       = "letter-field"       // a field badly declared, or without a label
	RulePlaceholder = "letter-placeholder" // a placeholder that is malformed or names nothing
	RuleTemplate    = "letter-template"    // a letter missing, repeated or lacking a required field
)

// Dir is the directory of fsys that holds the letters.
const Dir = "letters"

// FieldsFile is the file, in Dir, that declares the fields.
const FieldsFile = "fields.yaml"

// Input types a field may have; multiline fields are text. There is no
// date: Chromium draws its date picker's icon from a data: URL, which the
// browser suite rightly counts as a request the page made.
var inputTypes = []string{"text", "tel", "email", "url"}

// Keyboards a field may ask phones for (the inputmode attribute).
var inputModes = []string{"text", "numeric", "decimal", "tel", "email", "url"}

// Facts is the facts registry as letters see it. *content.Facts has these
// methods.
type Facts interface {
	Fact(key, lang string) (text, link string, check, ok bool)
	Keys() []string
}

// Set is the letters of every language.
type Set struct {
	byLang map[string]*Data
}

// For returns the letters in lang, or nil when the site has none.
func (s *Set) For(lang string) *Data {
	if s == nil {
		return nil
	}
	return s.byLang[lang]
}

// Data is what a letter layout needs in one language.
type Data struct {
	Lang      string
	Fields    []Field    // in the order the form shows them
	Templates []Template // in file order; the first is the default
}

// Field is one box of the form.
type Field struct {
	ID        string // "cnic": written {cnic} in a letter
	Label     string // in the page's language
	Hint      string // optional advice under the label
	Type      string // the input type: text, tel, email or url
	InputMode string // optional inputmode attribute
	Multiline bool   // a box for several lines (a textarea)
	Required  bool   // every letter uses it
}

// Template is one letter in one language.
type Template struct {
	ID         string // "nccia": the same in every language
	N          int    // 1-based position among the language's letters
	Title      string // facts resolved
	Paragraphs []Paragraph
	Uses       []string // ids of the fields it uses, in order of first use
}

// Paragraph is a block of the letter, separated from the next by a blank line.
type Paragraph struct {
	Lines []Line
}

// Line is one line of a paragraph.
type Line struct {
	Parts []Part
}

// Part is literal text, or a field to fill in when Field is set.
type Part struct {
	Text  string
	Field *Field
}

// Blank is what Text writes for a field left empty.
const Blank = "__________"

// Text writes the letter as plain text with values filled in; a field
// without a value is written as Blank.
func (t *Template) Text(values map[string]string) string {
	var b strings.Builder
	for i, p := range t.Paragraphs {
		if i > 0 {
			b.WriteString("\n\n")
		}
		for j, l := range p.Lines {
			if j > 0 {
				b.WriteByte('\n')
			}
			for _, part := range l.Parts {
				switch {
				case part.Field == nil:
					b.WriteString(part.Text)
				case values[part.Field.ID] != "":
					b.WriteString(values[part.Field.ID])
				default:
					b.WriteString(Blank)
				}
			}
		}
	}
	return b.String()
}
