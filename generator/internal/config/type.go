package config

import (
	"fmt"
	"regexp"
	"strings"

	"mehfooz/generator/internal/diag"
)

// Each language's type is a setting (font, font_size, line_height,
// heading_line_height in site.yaml), not CSS written for one language:
// LanguageCSS turns them into the rules the stylesheet ends with, so a
// third language gets its own fonts without touching static/.

var (
	// fontRE allows font-family lists: names (quoted or not), commas,
	// spaces and hyphens, and nothing that could end the declaration or
	// the <style> element a pocket file inlines the stylesheet in.
	fontRE   = regexp.MustCompile(`^[\p{L}\p{N} ,"'_-]+$`)
	lengthRE = regexp.MustCompile(`^\d+(\.\d+)?(rem|em|px|pt|%)$`)
	numberRE = regexp.MustCompile(`^\d+(\.\d+)?$`)
)

// checkType checks each language's type settings.
func (s *Site) checkType() diag.List {
	var diags diag.List
	for i, l := range s.Languages {
		at := func(key string) diag.Pos { return s.Pos.Value(fmt.Sprintf("languages[%d].%s", i, key)) }
		if l.Font != "" && (!fontRE.MatchString(l.Font) || strings.Count(l.Font, `"`)%2 == 1 || strings.Count(l.Font, "'")%2 == 1) {
			diags.Add(diag.Errorf(at("font"), ruleConfig, "languages[%d].font: %q is not a list of font names", i, l.Font).
				WithHint(`write names separated by commas, quoted when they have spaces, ending with a generic family: '"Noto Naskh Arabic", Tahoma, sans-serif'`))
		}
		if l.FontSize != "" && !lengthRE.MatchString(l.FontSize) {
			diags.Add(diag.Errorf(at("font_size"), ruleConfig, "languages[%d].font_size: %q is not a CSS length", i, l.FontSize).
				WithHint("write a size such as 1.1875rem or 19px"))
		}
		for _, k := range []struct{ key, v string }{{"line_height", l.LineHeight}, {"heading_line_height", l.HeadingLineHeight}} {
			if k.v != "" && !numberRE.MatchString(k.v) {
				diags.Add(diag.Errorf(at(k.key), ruleConfig, "languages[%d].%s: %q is not a number", i, k.key, k.v).
					WithHint("write a multiple of the font size, such as 2 or 1.8"))
			}
		}
	}
	return diags
}

// LanguageCSS is the stylesheet's rules for each language's type. A
// language in Latin script without a font takes the stylesheet's --latin. Scripts that put
// dots under the baseline (Arabic script) get their link underline lower.
func (s *Site) LanguageCSS() string {
	var b strings.Builder
	b.WriteString("\n/* Each language's type, from content/site.yaml (languages: font, font_size, line_height, heading_line_height). */\n")
	for _, l := range s.Languages {
		if l.Code == "" {
			continue
		}
		if l.Font != "" {
			// Every element in the language, form fields included, which
			// do not inherit fonts.
			fmt.Fprintf(&b, ":lang(%s) { font-family: %s; }\n", l.Code, l.Font)
		} else if l.Script == "" || l.Script == "Latn" {
			// The element that says so, such as an English passage on an
			// Urdu page; code and the like keep their own fonts. Another
			// script without a font is left to the phone's own choice.
			fmt.Fprintf(&b, "[lang=\"%s\"] { font-family: var(--latin); }\n", l.Code)
		}
		if l.FontSize != "" || l.LineHeight != "" {
			fmt.Fprintf(&b, "html[lang=\"%s\"] body {", l.Code)
			if l.LineHeight != "" {
				fmt.Fprintf(&b, " line-height: %s;", l.LineHeight)
			}
			if l.FontSize != "" {
				fmt.Fprintf(&b, " font-size: %s;", l.FontSize)
			}
			b.WriteString(" }\n")
		}
		if h := l.HeadingLineHeight; h != "" {
			fmt.Fprintf(&b, "html[lang=\"%[1]s\"] h1, html[lang=\"%[1]s\"] h2, html[lang=\"%[1]s\"] h3 { line-height: %[2]s; }\n", l.Code, h)
		}
		if l.LineHeight != "" {
			// The chooser shows every language on one page, each a little looser.
			fmt.Fprintf(&b, ".chooser section[lang=\"%s\"] { line-height: calc(%s * 1.1); }\n", l.Code, l.LineHeight)
		}
		if l.Script == "Arab" {
			fmt.Fprintf(&b, ":lang(%s) a { text-underline-offset: 0.4em; text-decoration-thickness: 1px; }\n", l.Code)
		}
	}
	return b.String()
}
