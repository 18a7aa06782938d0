package query

import (
	"strconv"
	"unicode/utf8"

	"mehfooz/search/analysis"
)

// AppendJSON appends results as a JSON array to dst, for the browser
// module; written by hand because encoding/json would double the module's
// size. Each result is
//
//	{"url":"guides/evidence/","title":"…","kind":"guide","anchor":"screenshots",
//	 "section":"Screenshots","score":3.1416,"matched":2,"words":2,
//	 "snippet":[{"text":"Save ","marked":false},{"text":"screenshots","marked":true}]}
func AppendJSON(dst []byte, rs []Result) []byte {
	dst = append(dst, '[')
	for i, r := range rs {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, `{"url":`...)
		dst = appendJSONString(dst, r.URL)
		dst = append(dst, `,"title":`...)
		dst = appendJSONString(dst, r.Title)
		dst = append(dst, `,"kind":`...)
		dst = appendJSONString(dst, r.Kind)
		dst = append(dst, `,"anchor":`...)
		dst = appendJSONString(dst, r.Anchor)
		dst = append(dst, `,"section":`...)
		dst = appendJSONString(dst, r.Section)
		dst = append(dst, `,"score":`...)
		dst = appendFixed4(dst, r.Score)
		dst = append(dst, `,"matched":`...)
		dst = strconv.AppendInt(dst, int64(r.Matched), 10)
		dst = append(dst, `,"words":`...)
		dst = strconv.AppendInt(dst, int64(r.Words), 10)
		dst = append(dst, `,"snippet":[`...)
		for j, s := range r.Snippet {
			if j > 0 {
				dst = append(dst, ',')
			}
			dst = append(dst, `{"text":`...)
			dst = appendJSONString(dst, s.Text)
			dst = append(dst, `,"marked":`...)
			if s.Marked {
				dst = append(dst, "true"...)
			} else {
				dst = append(dst, "false"...)
			}
			dst = append(dst, '}')
		}
		dst = append(dst, "]}"...)
	}
	return append(dst, ']')
}

// AppendTermsJSON appends the analysis of text as a JSON array of
// [word, term] pairs, term "" for a stop word. The browser module exposes
// it so that tests can compare analysis in the browser with Go's.
func AppendTermsJSON(dst []byte, text string) []byte {
	dst = append(dst, '[')
	for i, t := range analysis.Tokenize(text) {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, '[')
		dst = appendJSONString(dst, t.Word)
		dst = append(dst, ',')
		dst = appendJSONString(dst, t.Term)
		dst = append(dst, ']')
	}
	return append(dst, ']')
}

// appendFixed4 appends f with four decimals, as strconv.AppendFloat(dst,
// f, 'f', 4, 64) does for the finite scores Search returns; strconv's float
// formatting would add 10 KB to the browser module.
func appendFixed4(dst []byte, f float64) []byte {
	if f != f || f > 1e14 || f < -1e14 { // NaN or too big for int64 below
		return append(dst, '0')
	}
	if f < 0 {
		dst = append(dst, '-')
		f = -f
	}
	v := int64(f*10000 + 0.5)
	dst = strconv.AppendInt(dst, v/10000, 10)
	frac := v % 10000
	return append(dst, '.', byte('0'+frac/1000), byte('0'+frac/100%10), byte('0'+frac/10%10), byte('0'+frac%10))
}

const hexDigits = "0123456789abcdef"

// appendJSONString appends s as a JSON string. Invalid UTF-8 becomes
// U+FFFD; U+2028 and U+2029 are escaped so the output is also valid
// JavaScript.
func appendJSONString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				dst = append(dst, '\\', c)
			case c == '\n':
				dst = append(dst, '\\', 'n')
			case c == '\r':
				dst = append(dst, '\\', 'r')
			case c == '\t':
				dst = append(dst, '\\', 't')
			case c < 0x20 || c == '<' || c == '>' || c == '&':
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			default:
				dst = append(dst, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			dst = append(dst, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
		default:
			dst = append(dst, s[i:i+size]...)
		}
		i += size
	}
	return append(dst, '"')
}
