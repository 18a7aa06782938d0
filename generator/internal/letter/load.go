package letter

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

// YAML as written.
type (
	fieldsYAML struct {
		Fields []fieldYAML `yaml:"fields,required"`
	}
	fieldYAML struct {
		ID        string `yaml:"id,required"`
		Type      string `yaml:"type"`
		InputMode string `yaml:"inputmode"`
		Multiline bool   `yaml:"multiline"`
		Required  bool   `yaml:"required"`
		Pos       strictyaml.Positions
	}
	langYAML struct {
		Fields    map[string]labelYAML `yaml:"fields,required"`
		Templates []templateYAML       `yaml:"templates,required"`
		Pos       strictyaml.Positions
	}
	labelYAML struct {
		Label string `yaml:"label,required"`
		Hint  string `yaml:"hint"`
	}
	templateYAML struct {
		ID    string `yaml:"id,required"`
		Title string `yaml:"title,required"`
		Text  string `yaml:"text,required"`
		Pos   strictyaml.Positions
	}
)

// Load reads Dir of fsys: FieldsFile, and <lang>.yaml for each of langs.
// prefix is how fsys is named in diagnostics ("content"). A site without
// Dir has no letters and no errors. Facts are resolved in each language
// through facts. Letters with errors are still returned, with what could be
// read, so a layout can render while the errors are shown.
func Load(fsys fs.FS, prefix string, langs []string, facts Facts) (*Set, diag.List) {
	set := &Set{byLang: map[string]*Data{}}
	entries, err := fs.ReadDir(fsys, Dir)
	if errors.Is(err, fs.ErrNotExist) {
		return set, nil
	}
	l := &loader{fsys: fsys, prefix: prefix, langs: langs, facts: facts}
	if err != nil {
		l.diags.Add(diag.Errorf(diag.Pos{File: l.shown("")}, RuleTemplate, "cannot read: %v", err))
		return set, l.diags
	}
	l.checkEntries(entries)
	fields := l.fields()
	ids := map[string]*letterIDs{}
	var untranslated []string
	for i, lang := range langs {
		if i > 0 && !slices.ContainsFunc(entries, func(e fs.DirEntry) bool { return e.Name() == lang+".yaml" }) {
			untranslated = append(untranslated, lang)
			continue
		}
		d, list := l.lang(lang, fields)
		if d != nil {
			set.byLang[lang] = d
			ids[lang] = list
		}
	}
	// A language being added shows the source language's letters until its
	// own file is written: a warning (check --strict fails), not an error.
	for _, lang := range untranslated {
		if src := set.byLang[langs[0]]; src != nil {
			set.byLang[lang] = src
		}
		l.diags.Add(diag.Warnf(diag.Pos{File: l.shown(lang + ".yaml")}, RuleTemplate, "no %s letters yet: the %s letter page shows the %s letters", lang, lang, langs[0]).
			WithHint("write %s with the labels and letters of %s, translated", l.shown(lang+".yaml"), l.shown(langs[0]+".yaml")))
	}
	l.compare(ids)
	return set, l.diags
}

// loader holds what one Load call shares.
type loader struct {
	fsys   fs.FS
	prefix string
	langs  []string
	facts  Facts
	diags  diag.List
}

// shown is how a file of Dir is named in diagnostics.
func (l *loader) shown(name string) string { return path.Join(l.prefix, Dir, name) }

// read decodes one file of Dir into v; a missing file is reported with
// hint. ok is false when the file could not be read.
func (l *loader) read(name string, v any, missingHint string) (src []byte, ok bool) {
	shown := l.shown(name)
	src, err := fs.ReadFile(l.fsys, path.Join(Dir, name))
	if err != nil {
		e := diag.Errorf(diag.Pos{File: shown}, RuleTemplate, "cannot read: %v", err)
		if errors.Is(err, fs.ErrNotExist) {
			e = diag.Errorf(diag.Pos{File: shown}, RuleTemplate, "missing: %s has letters, so it needs %s", l.shown(""), name).
				WithHint("%s", missingHint)
		}
		l.diags.Add(e)
		return nil, false
	}
	l.diags.Append(strictyaml.Decode(strictyaml.Doc{File: shown, Data: src}, v))
	return src, true
}

// checkEntries reports files in Dir that nothing reads, such as en.yml or
// a language the site does not have.
func (l *loader) checkEntries(entries []fs.DirEntry) {
	known := []string{FieldsFile}
	for _, lang := range l.langs {
		known = append(known, lang+".yaml")
	}
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, ".") || slices.Contains(known, name) {
			continue
		}
		err := diag.Errorf(diag.Pos{File: l.shown(name)}, RuleTemplate, "%s is not read: %s holds only %s",
			l.shown(name), l.shown(""), strings.Join(known, ", "))
		if s := diag.Suggest(name, known); s != "" {
			err.WithHint("did you mean %s?", s)
		} else {
			err.WithHint("name it <language>.yaml for a language of site.yaml, or move it out of %s", l.shown(""))
		}
		l.diags.Add(err)
	}
}

// fields reads and checks FieldsFile.
func (l *loader) fields() []Field {
	var y fieldsYAML
	if _, ok := l.read(FieldsFile, &y, "list the form's fields there: fields: [{id: name, required: true}, …]"); !ok {
		return nil
	}
	file := l.shown(FieldsFile)
	var out []Field
	seen := map[string]bool{}
	for _, f := range y.Fields {
		at := func(key string) diag.Pos {
			if p := f.Pos.Value(key); p.Line > 0 {
				return p
			}
			return f.Pos.Value("")
		}
		switch {
		case f.ID == "":
			continue // strictyaml reported it
		case !fieldRE.MatchString(f.ID):
			l.diags.Add(diag.Errorf(at("id"), RuleField, "field id %q may use only lowercase letters a-z, digits, \"-\" and \"_\", starting with a letter", f.ID))
			continue
		case f.ID == "fact":
			l.diags.Add(diag.Errorf(at("id"), RuleField, `"fact" cannot be a field id: {fact:key} cites a fact`).
				WithHint("choose another id"))
			continue
		case seen[f.ID]:
			l.diags.Add(diag.Errorf(at("id"), RuleField, "field %q is declared twice in %s", f.ID, file).
				WithHint("remove one of them"))
			continue
		}
		seen[f.ID] = true
		typ := f.Type
		if typ == "" {
			typ = "text"
		}
		if !slices.Contains(inputTypes, typ) {
			e := diag.Errorf(at("type"), RuleField, "field %q: type %q is not one of %s", f.ID, typ, strings.Join(inputTypes, ", "))
			if s := diag.Suggest(typ, inputTypes); s != "" {
				e.WithHint("did you mean %q?", s)
			}
			l.diags.Add(e)
			typ = "text"
		}
		if f.Multiline && typ != "text" {
			l.diags.Add(diag.Errorf(at("multiline"), RuleField, "field %q: a multiline field is text, not %s", f.ID, typ).
				WithHint("remove type, or remove multiline"))
			typ = "text"
		}
		if f.InputMode != "" && !slices.Contains(inputModes, f.InputMode) {
			e := diag.Errorf(at("inputmode"), RuleField, "field %q: inputmode %q is not one of %s", f.ID, f.InputMode, strings.Join(inputModes, ", "))
			if s := diag.Suggest(f.InputMode, inputModes); s != "" {
				e.WithHint("did you mean %q?", s)
			}
			l.diags.Add(e)
			f.InputMode = ""
		}
		out = append(out, Field{ID: f.ID, Type: typ, InputMode: f.InputMode, Multiline: f.Multiline, Required: f.Required})
	}
	return out
}

// lang reads one language's labels and letters. It returns the template
// ids in file order for compare.
func (l *loader) lang(lang string, fields []Field) (*Data, *letterIDs) {
	name := lang + ".yaml"
	var y langYAML
	src, ok := l.read(name, &y, fmt.Sprintf("write its labels and letters, translated from %s", l.shown(l.langs[0]+".yaml")))
	if !ok {
		return nil, nil
	}
	file := l.shown(name)
	d := &Data{Lang: lang, Fields: slices.Clone(fields)}
	byID := map[string]*Field{}
	var ids []string
	for i := range d.Fields {
		f := &d.Fields[i]
		byID[f.ID] = f
		ids = append(ids, f.ID)
		t, found := y.Fields[f.ID]
		if !found && y.Pos.Has("fields") {
			l.diags.Add(diag.Errorf(y.Pos.Value("fields"), RuleField, "field %q has no label in %s", f.ID, file).
				WithHint(`add %s: {label: "…"} under fields`, f.ID))
		}
		f.Label, f.Hint = t.Label, t.Hint
	}
	for _, id := range slices.Sorted(maps.Keys(y.Fields)) {
		if byID[id] != nil {
			continue
		}
		e := diag.Errorf(y.Pos.Key("fields."+id), RuleField, "%q is not a field of %s", id, l.shown(FieldsFile))
		if s := diag.Suggest(id, ids); s != "" {
			e.WithHint("did you mean %q?", s)
		} else {
			e.WithHint("declare it in %s, or remove it here", l.shown(FieldsFile))
		}
		l.diags.Add(e)
	}

	order := &letterIDs{at: y.Pos.Key("templates"), pos: map[string]diag.Pos{}}
	seen := map[string]bool{}
	for _, ty := range y.Templates {
		at := ty.Pos.Value("")
		if ty.ID != "" {
			at = ty.Pos.Value("id")
			switch {
			case !fieldRE.MatchString(ty.ID):
				l.diags.Add(diag.Errorf(at, RuleTemplate, "letter id %q may use only lowercase letters a-z, digits, \"-\" and \"_\", starting with a letter", ty.ID))
			case seen[ty.ID]:
				l.diags.Add(diag.Errorf(at, RuleTemplate, "letter %q is written twice in %s", ty.ID, file).
					WithHint("give each letter its own id"))
				continue
			}
			seen[ty.ID] = true
			order.ids = append(order.ids, ty.ID)
			order.pos[ty.ID] = at
		}
		t := Template{ID: ty.ID, N: len(d.Templates) + 1}
		t.Title = l.title(lang, src, ty)
		t.Paragraphs, t.Uses = l.body(lang, src, ty, byID)
		if ty.Text != "" {
			for _, f := range d.Fields {
				if f.Required && !slices.Contains(t.Uses, f.ID) {
					l.diags.Add(diag.Errorf(ty.Pos.Value("text"), RuleTemplate, "letter %q does not use the required field {%s}", ty.ID, f.ID).
						WithHint("every letter needs {%s}; write it where the letter gives %s", f.ID, describeField(f)))
				}
			}
		}
		d.Templates = append(d.Templates, t)
	}
	return d, order
}

// describeField names a field for a hint.
func describeField(f Field) string {
	if f.Label != "" {
		return fmt.Sprintf("%q", f.Label)
	}
	return "it"
}

// title resolves the facts of a letter's title; a title cannot hold fields.
func (l *loader) title(lang string, src []byte, ty templateYAML) string {
	if ty.Title == "" {
		return ""
	}
	loc := locate(src, ty.Pos.Value("title"), ty.Title)
	var b strings.Builder
	for _, it := range lex(ty.Title) {
		switch it.typ {
		case itemText:
			b.WriteString(it.val)
		case itemFact:
			b.WriteString(l.fact(lang, it, ty.Title, loc))
		case itemField:
			l.diags.Add(diag.Errorf(loc.pos(ty.Title, it.pos), RulePlaceholder, "a letter's title cannot use {%s}", it.val).
				WithHint("titles may cite facts, as in {fact:nccia-short}, but not fields"))
		case itemError:
			l.diags.Add(diag.Errorf(loc.pos(ty.Title, it.pos), RulePlaceholder, "%s", it.val).WithHint("%s", it.hint))
		}
	}
	return strings.TrimSpace(b.String())
}

// body checks and resolves a letter's text and splits it into paragraphs.
func (l *loader) body(lang string, src []byte, ty templateYAML, byID map[string]*Field) ([]Paragraph, []string) {
	if ty.Text == "" {
		return nil, nil
	}
	text := ty.Text
	loc := locate(src, ty.Pos.Value("text"), text)
	var lines []Line
	var cur Line
	var uses []string
	addText := func(s string) {
		for {
			i := strings.IndexByte(s, '\n')
			if i < 0 {
				cur.add(Part{Text: s})
				return
			}
			cur.add(Part{Text: s[:i]})
			lines = append(lines, cur)
			cur = Line{}
			s = s[i+1:]
		}
	}
	var fieldIDs []string
	for id := range byID {
		fieldIDs = append(fieldIDs, id)
	}
	slices.Sort(fieldIDs)
	for _, it := range lex(text) {
		switch it.typ {
		case itemText:
			addText(it.val)
		case itemFact:
			addText(l.fact(lang, it, text, loc))
		case itemField:
			f := byID[it.val]
			if f == nil {
				l.unknownField(it, loc.pos(text, it.pos), fieldIDs)
				cur.add(Part{Text: text[it.pos:it.end]})
				continue
			}
			if !slices.Contains(uses, f.ID) {
				uses = append(uses, f.ID)
			}
			cur.Parts = append(cur.Parts, Part{Field: f})
		case itemError:
			l.diags.Add(diag.Errorf(loc.pos(text, it.pos), RulePlaceholder, "%s", it.val).WithHint("%s", it.hint))
		}
	}
	lines = append(lines, cur)
	return paragraphs(lines), uses
}

// add appends p, merging it into a text part before it.
func (ln *Line) add(p Part) {
	if p.Field == nil {
		if p.Text == "" {
			return
		}
		if n := len(ln.Parts); n > 0 && ln.Parts[n-1].Field == nil {
			ln.Parts[n-1].Text += p.Text
			return
		}
	}
	ln.Parts = append(ln.Parts, p)
}

// blank reports whether a line shows nothing.
func (ln Line) blank() bool {
	for _, p := range ln.Parts {
		if p.Field != nil || strings.TrimSpace(p.Text) != "" {
			return false
		}
	}
	return true
}

// paragraphs groups lines into paragraphs at blank lines, trimming the
// spaces at the end of each line.
func paragraphs(lines []Line) []Paragraph {
	var out []Paragraph
	var cur Paragraph
	for _, ln := range lines {
		if ln.blank() {
			if len(cur.Lines) > 0 {
				out = append(out, cur)
				cur = Paragraph{}
			}
			continue
		}
		if n := len(ln.Parts); ln.Parts[n-1].Field == nil {
			ln.Parts[n-1].Text = strings.TrimRight(ln.Parts[n-1].Text, " \t\r")
		}
		cur.Lines = append(cur.Lines, ln)
	}
	if len(cur.Lines) > 0 {
		out = append(out, cur)
	}
	return out
}

// unknownField reports a placeholder that names no field.
func (l *loader) unknownField(it item, at diag.Pos, fields []string) {
	e := diag.Errorf(at, RulePlaceholder, "{%s} is not a field of %s", it.val, l.shown(FieldsFile))
	switch {
	case diag.Suggest(it.val, fields) != "":
		e.WithHint("did you mean {%s}?", diag.Suggest(it.val, fields))
	case l.hasFact(it.val):
		e.WithHint("did you mean {fact:%s}? facts are cited with fact:", it.val)
	default:
		e.WithHint("fields are %s; declare new ones in %s", strings.Join(fields, ", "), l.shown(FieldsFile))
	}
	l.diags.Add(e)
}

// fact resolves a fact placeholder in lang, reporting an unknown key.
func (l *loader) fact(lang string, it item, text string, loc scalar) string {
	if l.facts != nil {
		if v, _, _, ok := l.facts.Fact(it.val, lang); ok {
			return v
		}
	}
	if l.hasFact(it.val) {
		return "" // the key exists without this language: facts.yaml reports it
	}
	e := diag.Errorf(loc.pos(text, it.pos), RulePlaceholder, "unknown fact %q", it.val)
	var keys []string
	if l.facts != nil {
		keys = l.facts.Keys()
	}
	if s := diag.Suggest(it.val, keys); s != "" {
		e.WithHint("did you mean {fact:%s}?", s)
	} else {
		e.WithHint("facts are listed in content/facts.yaml; add it there first")
	}
	l.diags.Add(e)
	return text[it.pos:it.end]
}

func (l *loader) hasFact(key string) bool {
	return l.facts != nil && slices.Contains(l.facts.Keys(), key)
}

// letterIDs are one language's letter ids, in file order, and where each
// is written.
type letterIDs struct {
	ids []string
	pos map[string]diag.Pos
	at  diag.Pos // the templates key
}

// compare reports letters that one language has and another lacks. The
// first language is the source the others translate.
func (l *loader) compare(ids map[string]*letterIDs) {
	if len(l.langs) == 0 {
		return
	}
	src := l.langs[0]
	ref, ok := ids[src]
	if !ok {
		return
	}
	for _, lang := range l.langs[1:] {
		got, ok := ids[lang]
		if !ok {
			continue
		}
		for _, id := range ref.ids {
			if !slices.Contains(got.ids, id) {
				l.diags.Add(diag.Errorf(got.at, RuleTemplate, "no letter %q, which %s has", id, l.shown(src+".yaml")).
					WithHint("translate it here, with the same id"))
			}
		}
		for _, id := range got.ids {
			if slices.Contains(ref.ids, id) {
				continue
			}
			e := diag.Errorf(got.pos[id], RuleTemplate, "letter %q is not in %s", id, l.shown(src+".yaml"))
			if s := diag.Suggest(id, ref.ids); s != "" {
				e.WithHint("did you mean %q?", s)
			} else {
				e.WithHint("every language has the same letters, with the same ids")
			}
			l.diags.Add(e)
		}
	}
}
