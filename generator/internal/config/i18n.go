package config

import (
	"errors"
	"io/fs"
	"maps"
	"path"
	"slices"

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
	for _, lang := range langs {
		name := path.Join(dir, lang+".yaml")
		shown := path.Join(prefix, name)
		files[lang] = shown
		strs[lang] = map[string]string{}
		src, err := fs.ReadFile(fsys, name)
		if errors.Is(err, fs.ErrNotExist) {
			e := diag.Errorf(diag.Pos{File: shown}, ruleConfig, "no interface strings for language %q", lang)
			if len(langs) > 1 && lang != langs[0] {
				e.WithHint("create it with the keys of %s, translated", path.Join(prefix, dir, langs[0]+".yaml"))
			}
			diags.Add(e)
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
	diags.Append(compareKeys(strs, files, complete))
	return strs, diags
}

// compareKeys reports, for each language in langs, the keys that another
// of them has and it lacks.
func compareKeys(strs map[string]map[string]string, files map[string]string, langs []string) diag.List {
	var diags diag.List
	all := map[string]bool{}
	for _, l := range langs {
		for k := range strs[l] {
			all[k] = true
		}
	}
	for _, l := range langs {
		for _, k := range slices.Sorted(maps.Keys(all)) {
			if _, ok := strs[l][k]; ok {
				continue
			}
			has := langs[slices.IndexFunc(langs, func(o string) bool { _, ok := strs[o][k]; return ok })]
			diags.Add(diag.Errorf(diag.Pos{File: files[l]}, ruleConfig, "missing key %q, which %s has", k, files[has]).
				WithHint(`add %s: "…" in this language`, k))
		}
	}
	return diags
}
