package letter

import (
	"strings"
	"testing"
)

// items writes a token stream as text, one item per line, for comparing.
func items(input string) string {
	var b strings.Builder
	for _, it := range lex(input) {
		b.WriteString(it.String())
		b.WriteByte('\n')
	}
	return b.String()
}

func TestLex(t *testing.T) {
	tests := []struct {
		name, input, want string
	}{
		{"empty", "", ""},
		{"text", "Dear Sir", `0:text "Dear Sir"` + "\n"},
		{"field", "I, {name}, ask", `0:text "I, "` + "\n" + `3:field "name"` + "\n" + `9:text ", ask"` + "\n"},
		{"fact", "To the {fact:nccia-name}", `0:text "To the "` + "\n" + `7:fact "nccia-name"` + "\n"},
		{"fields_side_by_side", "{address}, {city}", `0:field "address"` + "\n" + `9:text ", "` + "\n" + `11:field "city"` + "\n"},
		{"doubled_braces_are_literal", "a {{b}} c", `0:text "a {b} c"` + "\n"},
		{"doubled_brace_before_field", "{{{name}", `0:text "{"` + "\n" + `2:field "name"` + "\n"},
		{"urdu_offsets_are_bytes", "نام: {name}", `0:text "نام: "` + "\n" + `8:field "name"` + "\n"},
		{"lone_close", "a } b", `0:text "a "` + "\n" + `2:error "\"}\" with no \"{\" before it"` + "\n" + `3:text " b"` + "\n"},
		{"unclosed", "a {name\nb", `0:text "a "` + "\n" + `2:error "placeholder \"{name\" is not closed"` + "\n" + `7:text "\nb"` + "\n"},
		{"unclosed_at_end", "{na", `0:error "placeholder \"{na\" is not closed"` + "\n"},
		{"open_inside_placeholder", "{na{me}", `0:error "placeholder \"{na\" is not closed"` + "\n" + `3:field "me"` + "\n"},
		{"empty_placeholder", "{}", `0:error "empty placeholder {}"` + "\n"},
		{"capitals", "{Name}", `0:error "{Name} is not a placeholder"` + "\n"},
		{"spaces", "{ name }", `0:error "{ name } is not a placeholder"` + "\n"},
		{"bad_fact_key", "{fact:Nccia}", `0:error "fact key \"Nccia\" in {fact:Nccia} is not a valid key"` + "\n"},
		{"every_error_reported", "} {X} {", `0:error "\"}\" with no \"{\" before it"` + "\n" + `1:text " "` + "\n" +
			`2:error "{X} is not a placeholder"` + "\n" + `5:text " "` + "\n" + `6:error "placeholder \"{\" is not closed"` + "\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := items(tc.input); got != tc.want {
				t.Errorf("lex(%q):\n%s\nwant:\n%s", tc.input, got, tc.want)
			}
		})
	}
}

func TestLexHints(t *testing.T) {
	for _, tc := range []struct{ input, hint string }{
		{"{ name }", "did you mean {name}?"},
		{"{Name}", "did you mean {name}?"},
		{"}", `to print a brace, write "}}"; a placeholder is written {name}`},
	} {
		its := lex(tc.input)
		if len(its) == 0 || its[0].typ != itemError || its[0].hint != tc.hint {
			t.Errorf("lex(%q) = %v; want an error with hint %q", tc.input, its, tc.hint)
		}
	}
}

func TestFormatRoundTrips(t *testing.T) {
	for _, s := range []string{"", "a {{b}} c", "{name}{fact:x-1}", "}} {{", "نام: {name}\n\n{what}"} {
		if got := format(lex(s)); got != s {
			t.Errorf("format(lex(%q)) = %q", s, got)
		}
	}
}
