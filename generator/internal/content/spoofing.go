package content

import (
	"fmt"
	"net/url"

	"mehfooz/generator/internal/diag"
	"mehfooz/generator/internal/spoof"
	"mehfooz/generator/internal/strictyaml"
)

// Text that reads differently from what it is: bidi controls and
// invisible characters in what a reader sees (titles, descriptions,
// sources, fact values) and in addresses, and hosts that mix scripts.
// Each is an error at the value.

// spoofText reports a bidi control or zero-width character in s, the
// value at key.
func spoofText(pos diag.Pos, key, s string) *diag.Error {
	if i, r := spoof.Find(s); i >= 0 {
		return diag.Errorf(pos, "spoofing", "%s holds %s", key, spoof.Describe(r)).WithHint(spoof.Hint)
	}
	return nil
}

// spoofURL is spoofText for an address, which may not mix scripts in its host either.
func spoofURL(pos diag.Pos, key, s string) *diag.Error {
	if e := spoofText(pos, key, s); e != nil {
		return e
	}
	if u, err := url.Parse(s); err == nil && u.Host != "" {
		if ascii, mixed := spoof.MixedHost(u.Hostname()); mixed {
			return diag.Errorf(pos, "spoofing", "%s: the host %q mixes scripts; it is really %s", key, u.Hostname(), ascii).
				WithHint("type the address again by hand on an English keyboard: a letter from another alphabet makes it a different site that looks the same")
		}
	}
	return nil
}

// checkSpoofing checks the front matter's shown text and addresses.
func (fm *FrontMatter) checkSpoofing() diag.List {
	var diags diag.List
	add := func(e *diag.Error) {
		if e != nil {
			diags.Add(e)
		}
	}
	add(spoofText(fm.Pos.Value("title"), "title", fm.Title))
	add(spoofText(fm.Pos.Value("description"), "description", fm.Description))
	add(spoofText(fm.Pos.Value("duration"), "duration", fm.Duration))
	add(spoofText(fm.Pos.Value("audience"), "audience", fm.Audience))
	for i, s := range fm.Sources {
		k := fmt.Sprintf("sources[%d]", i)
		add(spoofText(fm.Pos.Value(k+".title"), k+".title", s.Title))
		add(spoofURL(fm.Pos.Value(k+".url"), k+".url", s.URL))
	}
	for i, a := range fm.Aliases {
		k := fmt.Sprintf("aliases[%d]", i)
		add(spoofText(fm.Pos.Value(k), k, a))
	}
	return diags
}

// checkFactSpoofing checks a fact's texts, link and source.
func checkFactSpoofing(f *Fact, pos strictyaml.Positions) diag.List {
	var diags diag.List
	add := func(e *diag.Error) {
		if e != nil {
			diags.Add(e)
		}
	}
	for l, t := range f.Text {
		p := pos.Value("value." + l)
		if p.Line == 0 {
			p = pos.Value("value")
		}
		add(spoofText(p, f.Key+".value."+l, t))
	}
	add(spoofURL(pos.Value("link"), f.Key+".link", f.Link))
	add(spoofText(pos.Value("source"), f.Key+".source", f.Source))
	add(spoofURL(pos.Value("source_url"), f.Key+".source_url", f.SourceURL))
	diags.Sort()
	return diags
}
