// Package translation tracks whether a translated page still matches its
// source. A translation records, in its front matter, a short hash of each
// section of the source page as it was when translated:
//
//	translated_from: "_:3f9a0c1d screenshots:77b1e2aa links:0c4d9e21"
//
// ("_" is the text before the first heading). Comparing those hashes with
// the source page's sections now names the sections that changed since.
package translation

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
)

// Section is one section of the source page: its heading id ("" for the
// intro) and its text.
type Section struct {
	Anchor, Heading, Text string
}

// Status of one translation.
type Status int

const (
	UpToDate  Status = iota
	Outdated         // some sections changed since it was translated
	Unstamped        // no translated_from: nobody recorded what it was translated from
	Missing          // no translation at all
)

func (s Status) String() string {
	return [...]string{"up to date", "outdated", "not stamped", "missing"}[s]
}

// hash is the first 8 hex digits of SHA-256 of the section with spacing
// normalised, so re-wrapping a paragraph does not count as a change.
func hash(s Section) string {
	sum := sha256.Sum256([]byte(strings.Join(strings.Fields(s.Heading+"\n"+s.Text), " ")))
	return hex.EncodeToString(sum[:4])
}

func name(anchor string) string {
	if anchor == "" {
		return "_"
	}
	return anchor
}

// Stamp returns the translated_from value for a translation of a page
// whose sections are src.
func Stamp(src []Section) string {
	parts := make([]string, len(src))
	for i, s := range src {
		parts[i] = name(s.Anchor) + ":" + hash(s)
	}
	return strings.Join(parts, " ")
}

// Parse reads a translated_from value into anchor → hash.
func Parse(stamp string) (map[string]string, error) {
	m := map[string]string{}
	for _, f := range strings.Fields(stamp) {
		a, h, ok := strings.Cut(f, ":")
		if !ok || a == "" || len(h) != 8 {
			return nil, fmt.Errorf("%q is not section:hash (the value is written by `mehfooz translate-status --stamp`)", f)
		}
		if _, err := hex.DecodeString(h); err != nil {
			return nil, fmt.Errorf("%q: the hash is not 8 hex digits", f)
		}
		m[a] = h
	}
	return m, nil
}

// Changed compares a stamp with the source's sections now and returns the
// anchors of the sections that are new or changed ("" for the intro), in
// page order, followed by sections that were removed from the source.
func Changed(stamp map[string]string, src []Section) []string {
	var out []string
	seen := map[string]bool{}
	for _, s := range src {
		n := name(s.Anchor)
		seen[n] = true
		if stamp[n] != hash(s) {
			out = append(out, s.Anchor)
		}
	}
	var gone []string
	for a := range stamp {
		if !seen[a] {
			gone = append(gone, strings.TrimPrefix(a, "_"))
		}
	}
	slices.Sort(gone)
	return append(out, gone...)
}

// Check returns the status of a translation stamped with stamp (empty if
// none) against the source's sections, and the changed anchors.
func Check(stamp string, src []Section) (Status, []string, error) {
	if strings.TrimSpace(stamp) == "" {
		return Unstamped, nil, nil
	}
	m, err := Parse(stamp)
	if err != nil {
		return Unstamped, nil, err
	}
	if ch := Changed(m, src); len(ch) > 0 {
		return Outdated, ch, nil
	}
	return UpToDate, nil, nil
}

// SetStamp returns a page's source with translated_from set to stamp in
// its front matter: the line is replaced if present, else added before the
// closing ---. The front matter must start the file with ---.
func SetStamp(src []byte, stamp string) ([]byte, error) {
	text := string(src)
	nl := "\n"
	if strings.Contains(text, "\r\n") {
		nl = "\r\n"
	}
	if !strings.HasPrefix(text, "---"+nl) {
		return nil, fmt.Errorf("the page does not start with --- front matter")
	}
	lines := strings.SplitAfter(text, nl)
	line := "translated_from: \"" + stamp + "\"" + nl
	for i := 1; i < len(lines); i++ {
		l := strings.TrimRight(lines[i], "\r\n")
		if strings.HasPrefix(l, "translated_from:") {
			lines[i] = line
			return []byte(strings.Join(lines, "")), nil
		}
		if l == "---" {
			lines = slices.Insert(lines, i, line)
			return []byte(strings.Join(lines, "")), nil
		}
	}
	return nil, fmt.Errorf("the front matter has no closing ---")
}
