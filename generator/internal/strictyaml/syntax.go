package strictyaml

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// syntaxMessages rewrites the parser's messages, matched by prefix, into
// what a volunteer can act on. Messages not listed are kept, tidied.
var syntaxMessages = []struct{ prefix, msg, hint string }{
	{"mapping value is not allowed in this context", `unexpected ":" after a value`,
		`put a value that contains ": " in double quotes, e.g. title: "Step 2: report it"; otherwise check the indentation`},
	{"could not find end character of double-quoted text", "quoted text is never closed",
		`add the closing " (write \" for a quote mark inside the text)`},
	{"could not find end character of single-quoted text", "quoted text is never closed",
		`add the closing ' (write '' for an apostrophe inside the text)`},
	{"sequence end token ']' not found", `list is never closed: "[" has no "]"`, `add "]" at the end of the list`},
	{"',' or ']' must be specified", `list is never closed: "[" has no "]"`, `separate items with "," and end the list with "]"`},
	{"could not find flow map content", `mapping is never closed: "{" has no "}"`, `add "}" at the end`},
	{"could not find flow mapping end token '}'", `mapping is never closed: "{" has no "}"`, `add "}" at the end`},
	{"',' or '}' must be specified", `mapping is never closed: "{" has no "}"`, `separate entries with "," and end with "}"`},
	{"could not find '[' character corresponding to ']'", `"]" without a "["`, `remove it, or put the value in double quotes`},
	{"could not find '{' character corresponding to '}'", `"}" without a "{"`, `remove it, or put the value in double quotes`},
	{"found a tab character", "a tab is used for indentation", "indent with spaces, not tabs"},
	{"found character '\t' that cannot start any token", "a tab is used for indentation", "indent with spaces, not tabs"},
	{"tab character cannot", "a tab is used for indentation", "indent with spaces, not tabs"},
	{"found unknown escape character", "unknown escape sequence in double-quoted text",
		`write \\ for a backslash, or use single quotes`},
	{"value is not allowed in this context. map key-value is pre-defined", "unexpected text after the value",
		`put a value that contains quote marks or brackets in double quotes, e.g. title: "it's"`},
	{"value is not allowed in this context", "unexpected indentation",
		"keys of one mapping start in the same column"},
	{"non-map value is specified", `this line is not a "key: value" pair`,
		"write the key, a colon and a space, then the value; or indent the line if it continues the value above"},
	{"found an invalid key for this map", "a key must be a plain word", "write a plain word before the colon"},
	{"unexpected key name", "unexpected key here",
		"check the indentation, and that the line above is complete"},
	{"could not find value for mapping key", "key has no value",
		`write a value after the colon, e.g. title: "…"`},
	{"found unexpected document separator", `unexpected "---" line`,
		`the YAML block ends at a line "---"; remove this one`},
	{"block sequence entries are not allowed in this context", `unexpected "- " list item`,
		`start the list on the line after its key, indented, e.g. "topics:" then "  - evidence"`},
}

// cleanSyntax returns a message and hint for a parser message.
func cleanSyntax(m string) (msg, hint string) {
	for _, s := range syntaxMessages {
		if strings.HasPrefix(m, s.prefix) {
			return s.msg, s.hint
		}
	}
	if c, ok := strings.CutSuffix(m, " is a reserved character"); ok {
		return "a value cannot start with " + c, "put the value in double quotes"
	}
	m = strings.TrimSuffix(strings.TrimSpace(m), ".")
	if r, size := utf8.DecodeRuneInString(m); unicode.IsUpper(r) && !strings.HasPrefix(m, "YAML") {
		m = string(unicode.ToLower(r)) + m[size:]
	}
	return m, "check the quotes, colons and indentation near here"
}
