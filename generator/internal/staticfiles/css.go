package staticfiles

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"

	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/css"

	"mehfooz/generator/internal/diag"
)

// urlFunctions are the CSS functions whose string arguments are addresses.
var urlFunctions = map[string]bool{"url": true, "src": true, "image-set": true, "-webkit-image-set": true, "image": true, "cross-fade": true}

// CheckCSS lexes a stylesheet with the minifier's CSS lexer and reports,
// at file:line:col, every @import or url() that leaves the site, and any
// "</" or "<!--" that would close or comment out a <style> element the
// stylesheet is inlined into (the pocket files inline site.css).
func CheckCSS(file string, data []byte) diag.List {
	c := &cssCheck{offsets: diag.NewOffsets(file, data)}
	c.raw(data, 0)
	c.tokens(data, 0)
	return c.diags
}

type cssCheck struct {
	offsets *diag.Offsets
	diags   diag.List
}

func (c *cssCheck) errorf(off int, format string, args ...any) *diag.Error {
	e := diag.Errorf(c.offsets.Pos(off), "static-css", format, args...)
	c.diags.Add(e)
	return e
}

// raw finds markup in the bytes themselves, wherever it is (a string, a
// comment or a rule): an HTML parser sees "</style" before any CSS parser.
func (c *cssCheck) raw(data []byte, base int) {
	lower := bytes.ToLower(data)
	for _, m := range [][]byte{[]byte("</"), []byte("<!--"), []byte("-->")} {
		for from := 0; ; {
			i := bytes.Index(lower[from:], m)
			if i < 0 {
				break
			}
			c.errorf(base+from+i, "the stylesheet holds %q, which would end or hide the <style> element it is inlined into", m).
				WithHint(`write it as \3c / in a CSS string, or leave it out`)
			from += i + len(m)
		}
	}
}

// tokens walks the token stream; base is the offset of data in the file.
func (c *cssCheck) tokens(data []byte, base int) {
	// The lexer may write a NUL past the end of its input: give it a copy.
	l := css.NewLexer(parse.NewInputBytes(append([]byte(nil), data...)))
	off := base
	var funcs []string // open functions, innermost last ("" for a plain bracket)
	importing := false
	for {
		tt, text := l.Next()
		if tt == css.ErrorToken {
			return
		}
		at := off
		off += len(text)
		switch tt {
		case css.AtKeywordToken:
			if strings.EqualFold(unescape(string(text[1:])), "import") {
				importing = true
			}
		case css.SemicolonToken, css.LeftBraceToken:
			importing = false
		case css.FunctionToken:
			name := strings.ToLower(unescape(string(text[:len(text)-1])))
			if name == "url" && !bytes.EqualFold(text, []byte("url(")) {
				c.errorf(at, "url( is written with escapes (%s)", text).WithHint("write url( plainly")
			}
			funcs = append(funcs, name)
		case css.LeftParenthesisToken:
			funcs = append(funcs, "")
		case css.RightParenthesisToken:
			if len(funcs) > 0 {
				funcs = funcs[:len(funcs)-1]
			}
		case css.URLToken:
			c.address(at, urlArg(text))
		case css.BadURLToken:
			c.errorf(at, "malformed url(): %s", short(text)).WithHint("quote the address: url(\"/images/x.png\")")
		case css.StringToken, css.BadStringToken:
			if importing || len(funcs) > 0 && urlFunctions[funcs[len(funcs)-1]] {
				c.address(at, unquote(text))
			}
		case css.CustomPropertyValueToken:
			// A custom property's value is kept raw: check it as CSS too.
			c.tokens(text, at)
		}
	}
}

// address reports a URL that leaves the site: one with a scheme other
// than data:, or one that starts with two slashes or backslashes (a host).
func (c *cssCheck) address(off int, u string) {
	if Remote(u) {
		c.errorf(off, "the stylesheet loads %q from another site", short([]byte(u))).
			WithHint("save the file under static/ and refer to it by its path, such as url(/images/bg.png); a request to another site tells it who is reading")
	}
}

var schemeRE = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9+.\-]*:`)

// Remote reports whether the address u (as a browser reads it: spaces and
// control characters dropped, backslashes as slashes) leaves the site.
func Remote(u string) bool {
	u = strings.Map(func(r rune) rune {
		if r <= ' ' || r == 0x7f {
			return -1
		}
		if r == '\\' {
			return '/'
		}
		return r
	}, u)
	if strings.HasPrefix(u, "//") {
		return true
	}
	if m := schemeRE.FindString(u); m != "" {
		return !strings.EqualFold(m, "data:")
	}
	return false
}

// urlArg returns the address inside a url(…) token, unescaped.
func urlArg(tok []byte) string {
	s := string(tok)
	if i := strings.IndexByte(s, '('); i >= 0 {
		s = s[i+1:]
	}
	s = strings.TrimSuffix(s, ")")
	s = strings.TrimSpace(s)
	if len(s) > 0 && (s[0] == '"' || s[0] == '\'') {
		return unquote([]byte(s))
	}
	return unescape(s)
}

func unquote(tok []byte) string {
	s := string(tok)
	if len(s) > 0 && (s[0] == '"' || s[0] == '\'') {
		s = strings.TrimSuffix(s[1:], s[:1])
	}
	return unescape(s)
}

// unescape resolves CSS escapes: \68 ttp is "http", \: is ":", and a
// backslash before a newline is nothing.
func unescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 >= len(s) {
			b.WriteByte(s[i])
			continue
		}
		i++
		j := i
		for j < len(s) && j-i < 6 && isHex(s[j]) {
			j++
		}
		if j > i {
			n, _ := strconv.ParseUint(s[i:j], 16, 32)
			if n == 0 || n > 0x10FFFF || n >= 0xD800 && n <= 0xDFFF {
				n = 0xFFFD
			}
			b.WriteRune(rune(n))
			if j < len(s) && (s[j] == ' ' || s[j] == '\t' || s[j] == '\n') {
				j++
			}
			i = j - 1
			continue
		}
		if s[i] == '\n' {
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func short(b []byte) string {
	if len(b) > 80 {
		return string(b[:77]) + "..."
	}
	return string(b)
}
