// Package spoof finds text that reads differently from what it is: bidi
// controls that reorder what a reader sees (a helpline that reads 1799 and
// dials 9971), invisible characters, and web addresses whose host mixes
// scripts (a Cyrillic і in nccia.gov.pk). The content and Markdown checks
// use it for titles, link text, addresses and fact values.
package spoof

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Bidi reports whether r is an explicit bidi embedding, override or
// isolate control (U+202A–U+202E, U+2066–U+2069). The marks U+200E and
// U+200F are not: they cannot reorder text, and RTL writing needs them.
func Bidi(r rune) bool {
	return r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069
}

// ZeroWidth reports whether r is an invisible character that can hide
// inside a word or an address.
func ZeroWidth(r rune) bool {
	switch r {
	case 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x180E:
		return true
	}
	return false
}

// Find returns the byte offset and rune of the first bidi control or
// zero-width character in s, or -1.
func Find(s string) (int, rune) {
	for i, r := range s {
		if Bidi(r) || ZeroWidth(r) {
			return i, r
		}
	}
	return -1, 0
}

// Describe names a character found by Find for a message: "U+202E (right-to-left override)".
func Describe(r rune) string {
	names := map[rune]string{
		0x202A: "left-to-right embedding", 0x202B: "right-to-left embedding", 0x202C: "pop directional formatting",
		0x202D: "left-to-right override", 0x202E: "right-to-left override",
		0x2066: "left-to-right isolate", 0x2067: "right-to-left isolate", 0x2068: "first strong isolate",
		0x2069: "pop directional isolate", 0x200B: "zero-width space", 0x200C: "zero-width non-joiner",
		0x200D: "zero-width joiner", 0x2060: "word joiner", 0xFEFF: "zero-width no-break space", 0x180E: "Mongolian vowel separator",
	}
	if n, ok := names[r]; ok {
		return fmt.Sprintf("U+%04X (%s)", r, n)
	}
	return fmt.Sprintf("U+%04X", r)
}

// Hint is the fix for a character found by Find.
const Hint = "delete it: such characters reorder or hide what the reader sees, so the text can read differently from what it is"

// MixedHost reports whether a host name has a label that mixes letters of
// more than one script, or a label that is not ASCII beside one that is in
// another script; it returns the host in ASCII (punycode) for the message.
func MixedHost(host string) (ascii string, mixed bool) {
	host = strings.ToLower(strings.TrimSuffix(host, "."))
	labels := strings.Split(host, ".")
	all := map[string]bool{}
	for _, l := range labels {
		s := scripts(l)
		if len(s) > 1 {
			mixed = true
		}
		for k := range s {
			all[k] = true
		}
	}
	// Every label in one script, but not all the same one
	// ("nссіа.gov.pk" written wholly in Cyrillic letters before .gov.pk).
	if len(all) > 1 {
		mixed = true
	}
	return ASCII(host), mixed
}

// scripts lists the scripts of the letters in s; digits, hyphens and other
// common characters belong to none.
func scripts(s string) map[string]bool {
	out := map[string]bool{}
	for _, r := range s {
		if !unicode.IsLetter(r) {
			continue
		}
		out[scriptOf(r)] = true
	}
	return out
}

var scriptTables = []struct {
	name string
	t    *unicode.RangeTable
}{
	{"Latin", unicode.Latin}, {"Cyrillic", unicode.Cyrillic}, {"Greek", unicode.Greek},
	{"Arabic", unicode.Arabic}, {"Armenian", unicode.Armenian}, {"Hebrew", unicode.Hebrew},
	{"Devanagari", unicode.Devanagari}, {"Han", unicode.Han}, {"Cherokee", unicode.Cherokee},
}

func scriptOf(r rune) string {
	for _, s := range scriptTables {
		if unicode.Is(s.t, r) {
			return s.name
		}
	}
	return "other"
}

// ASCII returns host with every non-ASCII label in punycode ("xn--…"), as
// a browser's address bar shows a suspicious host.
func ASCII(host string) string {
	labels := strings.Split(host, ".")
	for i, l := range labels {
		if !isASCII(l) {
			labels[i] = "xn--" + punycode(l)
		}
	}
	return strings.Join(labels, ".")
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// punycode encodes s by RFC 3492 (the label without its "xn--").
func punycode(s string) string {
	const (
		base, tmin, tmax, skew, damp = 36, 1, 26, 38, 700
		initialBias, initialN        = 72, 128
	)
	runes := []rune(s)
	var out []byte
	for _, r := range runes {
		if r < 0x80 {
			out = append(out, byte(r))
		}
	}
	b := len(out)
	h := b
	if b > 0 {
		out = append(out, '-')
	}
	digit := func(d int) byte {
		if d < 26 {
			return byte('a' + d)
		}
		return byte('0' + d - 26)
	}
	adapt := func(delta, numPoints int, first bool) int {
		if first {
			delta /= damp
		} else {
			delta /= 2
		}
		delta += delta / numPoints
		k := 0
		for delta > ((base-tmin)*tmax)/2 {
			delta /= base - tmin
			k += base
		}
		return k + (base-tmin+1)*delta/(delta+skew)
	}
	n, delta, bias := initialN, 0, initialBias
	for h < len(runes) {
		m := int(^uint(0) >> 1)
		for _, r := range runes {
			if int(r) >= n && int(r) < m {
				m = int(r)
			}
		}
		delta += (m - n) * (h + 1)
		n = m
		for _, r := range runes {
			if int(r) < n {
				delta++
			}
			if int(r) == n {
				q := delta
				for k := base; ; k += base {
					t := k - bias
					if t < tmin {
						t = tmin
					} else if t > tmax {
						t = tmax
					}
					if q < t {
						break
					}
					out = append(out, digit(t+(q-t)%(base-t)))
					q = (q - t) / (base - t)
				}
				out = append(out, digit(q))
				bias = adapt(delta, h+1, h == b)
				delta = 0
				h++
			}
		}
		delta++
		n++
	}
	return string(out)
}
