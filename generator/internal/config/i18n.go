package config

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"

	"mehfooz/generator/internal/diag"
	"mehfooz/generator/internal/strictyaml"
)

// LoadI18n reads the interface strings <dir>/<lang>.yaml of fsys for each
// language: a flat mapping of key to text. prefix is how fsys is named in
// diagnostics ("layouts"). Every file must have the same keys; a key one
// file lacks is reported at that file, naming a file that has it. The result
// maps language, then key, to text.
func LoadI18n(fsys fs.FS, dir, prefix string, langs []string) (map[string]map[string]string, diag.List) {
	var diags diag.List
	strs := map[string]map[string]string{}
	files := map[string]string{} // language → file as shown
	var complete []string        // languages whose file decoded without errors
	absent := map[string]bool{}  // languages with no file yet
	for _, lang := range langs {
		name := path.Join(dir, lang+".yaml")
		shown := path.Join(prefix, name)
		files[lang] = shown
		strs[lang] = map[string]string{}
		src, err := fs.ReadFile(fsys, name)
		if errors.Is(err, fs.ErrNotExist) {
			if lang != langs[0] {
				// A language being added: its interface falls back to the
				// source language's strings (compareKeys fills and reports them).
				complete = append(complete, lang)
				absent[lang] = true
				continue
			}
			diags.Add(diag.Errorf(diag.Pos{File: shown}, ruleConfig, "no interface strings for language %q", lang).
				WithHint("create it: one line key: \"text\" for every string the layouts use"))
			continue
		}
		if err != nil {
			diags.Add(diag.Errorf(diag.Pos{File: shown}, ruleConfig, "cannot read: %v", err))
			continue
		}
		m := strs[lang]
		d := strictyaml.Decode(strictyaml.Doc{File: shown, Data: src}, &m)
		diags.Append(d)
		if m != nil {
			strs[lang] = m
		}
		if len(d) == 0 {
			complete = append(complete, lang)
		}
	}
	diags.Append(compareKeys(strs, files, complete, langs[0], absent))
	return strs, diags
}

// compareKeys reports, for each language in langs, the keys that another
// of them has and it lacks. The source language (langs[0]) must have every
// key; another language that lacks some shows the source language's text
// for them, with one warning for the file.
func compareKeys(strs map[string]map[string]string, files map[string]string, langs []string, source string, absent map[string]bool) diag.List {
	var diags diag.List
	all := map[string]bool{}
	for _, l := range langs {
		for k := range strs[l] {
			all[k] = true
		}
	}
	if !slices.Contains(langs, source) {
		source = "" // its file has errors: nothing to fall back on
	}
	for _, l := range langs {
		var untranslated []string
		for _, k := range slices.Sorted(maps.Keys(all)) {
			if _, ok := strs[l][k]; ok {
				continue
			}
			if l != source && source != "" {
				if v, ok := strs[source][k]; ok {
					strs[l][k] = v
					untranslated = append(untranslated, k)
					continue
				}
			}
			has := langs[slices.IndexFunc(langs, func(o string) bool { _, ok := strs[o][k]; return ok })]
			diags.Add(diag.Errorf(diag.Pos{File: files[l]}, ruleConfig, "missing key %q, which %s has", k, files[has]).
				WithHint(`add %s: "…" in this language`, k))
		}
		if len(untranslated) == 0 {
			continue
		}
		if absent[l] {
			diags.Add(diag.Warnf(diag.Pos{File: files[l]}, ruleConfig, "no interface strings for %s yet: its pages show the %s interface", l, source).
				WithHint("copy %s to %s and translate it", files[source], files[l]))
			continue
		}
		what := fmt.Sprintf("%d interface strings are", len(untranslated))
		if len(untranslated) == 1 {
			what = "1 interface string is"
		}
		shown := untranslated
		more := ""
		if len(shown) > 8 {
			shown, more = shown[:8], fmt.Sprintf(" and %d more", len(untranslated)-8)
		}
		diags.Add(diag.Warnf(diag.Pos{File: files[l]}, ruleConfig, "%s not translated into %s yet and show the %s text: %s%s",
			what, l, source, strings.Join(shown, ", "), more).
			WithHint("copy those keys from %s into %s and translate them", files[source], files[l]))
	}
	return diags
}
