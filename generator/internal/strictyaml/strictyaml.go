// Package strictyaml decodes YAML into Go values strictly and reports every
// problem as a positioned diagnostic: an unknown key (with the nearest
// allowed key), a value of the wrong type, a missing required key, a repeated
// key, or malformed YAML. Positions are in the whole file the YAML came from,
// so a block of front matter reports the lines an editor shows.
//
// Struct fields are named by their `yaml:"name"` tag (lower-cased field name
// when untagged; "-" skips a field). The tag option "required" makes a key
// mandatory and non-empty: `yaml:"title,required"`. A field of type
// Positions is filled with where each key and value was found.
//
// Supported Go types are strings, booleans, integers, floats, Date, slices,
// maps with string keys, structs and empty interfaces; an interface receives
// text, []any or map[string]any. A scalar decoded as text keeps its written
// form, so an unquoted 0800-39393 or 010 stays as written. Anchors, aliases,
// tags and merge keys are rejected: they are never needed in a content file.
package strictyaml

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"

	"mehfooz/generator/internal/diag"
)

// Rules of the diagnostics Decode reports.
const (
	RuleSyntax    = "yaml"          // malformed YAML or an unsupported feature
	RuleUnknown   = "unknown-key"   // a key the struct does not have
	RuleType      = "wrong-type"    // a value of the wrong type
	RuleRequired  = "missing-key"   // a required key absent or empty
	RuleDuplicate = "duplicate-key" // a key given twice in one mapping
)

// Doc is YAML text and where it sits in its file.
type Doc struct {
	File string // path shown in diagnostics, e.g. "content/site.yaml"
	Line int    // line of File on which Data starts; 0 means 1
	Data []byte // the YAML; a leading byte order mark is skipped
}

// Decode decodes doc into the value v points to and returns every problem
// found. It never panics on any input; a value that could not be decoded is
// left as it was.
func Decode(doc Doc, v any) diag.List {
	d := newDecoder(doc)
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		d.errorf(d.start(), RuleType, "", "cannot decode into %T: want a non-nil pointer", v)
		return d.diags
	}
	if i := diag.InvalidUTF8(d.data); i >= 0 {
		d.errorf(d.offsetPos(i), RuleSyntax, "save the file with the UTF-8 encoding",
			"invalid UTF-8: byte %#x is not part of a character", d.data[i])
		return d.diags
	}
	if i := tooDeep(d.data); i >= 0 {
		d.errorf(d.offsetPos(i), RuleSyntax, `no content file needs so many levels; look for a "[" or "{" that is never closed`,
			"lists and mappings nest more than %d levels deep here", maxDepth)
		return d.diags
	}
	f, err := parse(d.data)
	if err != nil {
		d.syntax(err)
		return d.diags
	}
	var body ast.Node
	if len(f.Docs) > 0 {
		body = f.Docs[0].Body
	}
	if dir, ok := body.(*ast.DirectiveNode); ok {
		d.errorf(d.nodePos(dir), RuleSyntax, "remove the line", "YAML directives such as %%YAML are not supported")
		return d.diags
	}
	if len(f.Docs) > 1 {
		d.errorf(d.nodePos(f.Docs[1]), RuleSyntax, `remove the "---" line: this file holds one document`,
			"a second YAML document starts here")
	}
	d.value(body, rv.Elem(), "", diag.Pos{})
	return d.diags
}

// parse runs the YAML parser, turning a panic inside it into an error: no
// input may stop the build with a crash.
func parse(data []byte) (f *ast.File, err error) {
	defer func() {
		if r := recover(); r != nil {
			f, err = nil, fmt.Errorf("the YAML parser failed (%v)", r)
		}
	}()
	return parser.ParseBytes(data, 0, parser.AllowDuplicateMapKey())
}

// maxDepth bounds how deeply lists and mappings may nest. The parser's time
// and memory grow quickly with depth (100,000 nested "[" exhaust memory),
// and no content file needs more than a few levels.
const maxDepth = 100

// tooDeep returns the offset where flow brackets, or "- " items opened on
// one line, nest deeper than maxDepth, or -1. It ignores quoting, so a
// bracket inside quoted text counts too; only an absurd file reaches the
// limit either way.
func tooDeep(data []byte) int {
	flow := 0
	for i := 0; i < len(data); {
		j := i + len(data[i:]) - len(bytes.TrimLeft(data[i:], " "))
		items := 0
		for j+1 < len(data) && data[j] == '-' && data[j+1] == ' ' {
			items++
			j += 2
			for j < len(data) && data[j] == ' ' {
				j++
			}
		}
		if items > maxDepth {
			return i
		}
		end := len(data)
		if k := bytes.IndexByte(data[j:], '\n'); k >= 0 {
			end = j + k + 1
		}
		for k := j; k < end; k++ {
			switch data[k] {
			case '[', '{':
				if flow++; flow > maxDepth {
					return k
				}
			case ']', '}':
				flow = max(flow-1, 0)
			}
		}
		i = end
	}
	return -1
}

type decoder struct {
	file  string
	first int    // line of the file on which data starts
	data  []byte // the YAML, without a byte order mark
	lines []int  // byte offset where each line of data starts
	diags diag.List
	recs  []recorder // Positions being filled, outermost first
}

func newDecoder(doc Doc) *decoder {
	d := &decoder{file: doc.File, first: max(doc.Line, 1), data: bytes.TrimPrefix(doc.Data, []byte("\uFEFF"))}
	d.lines = append(d.lines, 0)
	for i, c := range d.data {
		if c == '\n' {
			d.lines = append(d.lines, i+1)
		}
	}
	return d
}

func (d *decoder) errorf(pos diag.Pos, rule, hint, format string, args ...any) {
	e := diag.Errorf(pos, rule, format, args...)
	e.Hint = hint
	d.diags.Add(e)
}

// start is the position where the YAML begins.
func (d *decoder) start() diag.Pos { return diag.Pos{File: d.file, Line: d.first, Col: 1} }

// linePos converts a 1-based line and rune column in data into a file
// position, clamped to the text so that a parser's end-of-input position
// still names a real place.
func (d *decoder) linePos(line, col int) diag.Pos {
	line = min(max(line, 1), len(d.lines))
	start, end := d.lines[line-1], len(d.data)
	if line < len(d.lines) {
		end = d.lines[line] - 1
	}
	text := bytes.TrimSuffix(d.data[start:end], []byte("\r"))
	col = min(max(col, 1), utf8.RuneCount(text)+1)
	return diag.Pos{File: d.file, Line: d.first + line - 1, Col: col}
}

// offsetPos converts a byte offset in data into a file position.
func (d *decoder) offsetPos(off int) diag.Pos {
	line := 1
	for line < len(d.lines) && d.lines[line] <= off {
		line++
	}
	return d.linePos(line, utf8.RuneCount(d.data[d.lines[line-1]:off])+1)
}

func (d *decoder) tokenPos(tk *token.Token) diag.Pos {
	if tk == nil || tk.Position == nil {
		return d.start()
	}
	return d.linePos(tk.Position.Line, tk.Position.Column)
}

// nodePos is where a node starts: a block mapping at its first key, not at
// the colon the parser keeps as its token.
func (d *decoder) nodePos(n ast.Node) diag.Pos {
	switch n := n.(type) {
	case nil:
		return d.start()
	case *ast.DocumentNode:
		if n.Start != nil {
			return d.tokenPos(n.Start)
		}
		return d.nodePos(n.Body)
	case *ast.MappingNode:
		if !n.IsFlowStyle && len(n.Values) > 0 {
			return d.nodePos(n.Values[0])
		}
	case *ast.MappingValueNode:
		return d.nodePos(n.Key)
	}
	return d.tokenPos(n.GetToken())
}

// value decodes n into v, first recording its position for every Positions
// being filled and starting a new one when v is a struct that has one.
func (d *decoder) value(n ast.Node, v reflect.Value, path string, keyPos diag.Pos) {
	pushed := false
	if v.Kind() == reflect.Struct && v.Type() != dateType {
		if i := structOf(v.Type()).positions; i >= 0 {
			p := Positions{keys: map[string]diag.Pos{}, values: map[string]diag.Pos{}}
			v.Field(i).Set(reflect.ValueOf(p))
			d.recs = append(d.recs, recorder{base: path, pos: p})
			pushed = true
		}
	}
	valuePos := d.nodePos(n)
	for _, r := range d.recs {
		r.record(path, keyPos, valuePos)
	}
	d.decode(n, v, path)
	if pushed {
		d.recs = d.recs[:len(d.recs)-1]
	}
}

var (
	dateType      = reflect.TypeFor[Date]()
	positionsType = reflect.TypeFor[Positions]()
	anyMapType    = reflect.TypeFor[map[string]any]()
	anySliceType  = reflect.TypeFor[[]any]()
)

func (d *decoder) decode(n ast.Node, v reflect.Value, path string) {
	switch n := n.(type) {
	case nil, *ast.NullNode:
		if v.Kind() == reflect.Struct && v.Type() != dateType {
			d.structure(n, v, path) // an empty mapping: report its required keys
		}
		return // otherwise absent: keep the zero value
	case *ast.AnchorNode, *ast.AliasNode:
		d.errorf(d.nodePos(n), RuleSyntax, "write the value out in full",
			"anchors and aliases (&name, *name) are not supported")
		return
	case *ast.TagNode:
		tag := "!!str"
		if n.Start != nil {
			tag = n.Start.Value
		}
		d.errorf(d.nodePos(n), RuleSyntax, "remove the tag; to keep a value as text, put it in double quotes",
			"tags such as %q are not supported", tag)
		return
	}
	t := v.Type()
	if t == dateType {
		s, ok := scalar(n)
		date, err := ParseDate(s)
		if !ok || err != nil {
			d.wrongType(n, path, t, "")
			return
		}
		v.Set(reflect.ValueOf(date))
		return
	}
	switch t.Kind() {
	case reflect.String:
		s, ok := scalar(n)
		if !ok {
			d.wrongType(n, path, t, "")
			return
		}
		v.SetString(s)
	case reflect.Bool:
		s, _ := scalar(n)
		switch s {
		case "true", "True", "TRUE":
			v.SetBool(true)
		case "false", "False", "FALSE":
			v.SetBool(false)
		default:
			d.wrongType(n, path, t, "")
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		s, ok := scalar(n)
		i, err := strconv.ParseInt(s, 10, t.Bits())
		if !ok || err != nil {
			d.wrongType(n, path, t, "")
			return
		}
		v.SetInt(i)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		s, ok := scalar(n)
		u, err := strconv.ParseUint(s, 10, t.Bits())
		if !ok || err != nil {
			d.wrongType(n, path, t, "")
			return
		}
		v.SetUint(u)
	case reflect.Float32, reflect.Float64:
		s, ok := scalar(n)
		f, err := strconv.ParseFloat(s, t.Bits())
		if !ok || err != nil {
			d.wrongType(n, path, t, "")
			return
		}
		v.SetFloat(f)
	case reflect.Slice:
		d.list(n, v, path)
	case reflect.Map:
		d.mapping(n, v, path)
	case reflect.Struct:
		d.structure(n, v, path)
	case reflect.Interface:
		d.anything(n, v, path)
	default:
		d.errorf(d.nodePos(n), RuleType, "", "%scannot decode into Go type %s", prefix(path), t)
	}
}

func (d *decoder) list(n ast.Node, v reflect.Value, path string) {
	seq, ok := n.(*ast.SequenceNode)
	if !ok {
		d.wrongType(n, path, v.Type(), `write a list as [a, b], or as one "- item" line per item`)
		return
	}
	s := reflect.MakeSlice(v.Type(), len(seq.Values), len(seq.Values))
	for i, item := range seq.Values {
		d.value(item, s.Index(i), fmt.Sprintf("%s[%d]", path, i), diag.Pos{})
	}
	v.Set(s)
}

func (d *decoder) mapping(n ast.Node, v reflect.Value, path string) {
	t := v.Type()
	if t.Key().Kind() != reflect.String {
		d.errorf(d.nodePos(n), RuleType, "", "%scannot decode into Go type %s", prefix(path), t)
		return
	}
	pairs, ok := pairsOf(n)
	if !ok {
		d.wrongType(n, path, t, "")
		return
	}
	if v.IsNil() {
		v.Set(reflect.MakeMapWithSize(t, len(pairs)))
	}
	seen := map[string]diag.Pos{}
	for _, p := range pairs {
		key, keyPos, ok := d.key(p, seen)
		if !ok {
			continue
		}
		e := reflect.New(t.Elem()).Elem()
		d.value(p.Value, e, join(path, key), keyPos)
		v.SetMapIndex(reflect.ValueOf(key).Convert(t.Key()), e)
	}
}

func (d *decoder) structure(n ast.Node, v reflect.Value, path string) {
	info := structOf(v.Type())
	pairs, ok := pairsOf(n)
	if !ok {
		hint := `write one "key: value" per line`
		if len(info.names) > 0 {
			hint += "; allowed keys: " + strings.Join(info.names, ", ")
		}
		d.wrongType(n, path, v.Type(), hint)
		return
	}
	seen := map[string]diag.Pos{}
	suggested := map[string]bool{} // keys an unknown key was probably meant to be
	for _, p := range pairs {
		key, keyPos, ok := d.key(p, seen)
		if !ok {
			continue
		}
		i, known := info.byName[key]
		if !known {
			suggested[d.unknownKey(key, keyPos, path, info.names)] = true
			continue
		}
		f := info.fields[i]
		before := len(d.diags)
		fv := v.Field(f.index)
		d.value(p.Value, fv, join(path, key), keyPos)
		if f.required && len(d.diags) == before && (isNull(p.Value) || isEmpty(fv)) {
			d.errorf(d.nodePos(p.Value), RuleRequired, fmt.Sprintf("write a value after %q", key+":"),
				"required key %q is empty", key)
		}
	}
	for _, f := range info.fields {
		// A misspelt required key is reported once, as unknown.
		if _, ok := seen[f.name]; f.required && !ok && !suggested[f.name] {
			d.errorf(d.nodePos(n), RuleRequired, fmt.Sprintf(`add a line "%s: …"`, f.name),
				"missing required key %q%s", f.name, in(path))
		}
	}
}

// anything decodes into an empty interface: text, []any or map[string]any.
func (d *decoder) anything(n ast.Node, v reflect.Value, path string) {
	if v.NumMethod() != 0 {
		d.errorf(d.nodePos(n), RuleType, "", "%scannot decode into Go type %s", prefix(path), v.Type())
		return
	}
	var c reflect.Value
	switch n.(type) {
	case *ast.MappingNode, *ast.MappingValueNode:
		c = reflect.New(anyMapType).Elem()
		d.mapping(n, c, path)
	case *ast.SequenceNode:
		c = reflect.New(anySliceType).Elem()
		d.list(n, c, path)
	default:
		s, ok := scalar(n)
		if !ok {
			d.wrongType(n, path, v.Type(), "")
			return
		}
		c = reflect.ValueOf(s)
	}
	v.Set(c)
}

// key reads the key of p, reporting keys that are not plain scalars and keys
// already in seen (which it then fills).
func (d *decoder) key(p *ast.MappingValueNode, seen map[string]diag.Pos) (string, diag.Pos, bool) {
	k := ast.Node(p.Key)
	if mk, ok := k.(*ast.MappingKeyNode); ok {
		k = mk.Value
	}
	pos := d.nodePos(p.Key)
	var key string
	switch k := k.(type) {
	case *ast.MergeKeyNode:
		d.errorf(pos, RuleSyntax, "write the keys out in full", "merge keys (<<) are not supported")
		return "", pos, false
	case *ast.NullNode:
		key = k.GetToken().Value
	default:
		s, ok := scalar(k)
		if !ok {
			d.errorf(pos, RuleSyntax, "write a plain word before the colon", "a key must be a plain word")
			return "", pos, false
		}
		key = s
	}
	if first, dup := seen[key]; dup {
		d.errorf(pos, RuleDuplicate, fmt.Sprintf("it is already set on line %d; keep one of them", first.Line),
			"duplicate key %q", key)
		return "", pos, false
	}
	seen[key] = pos
	return key, pos, true
}

// unknownKey reports key and returns the allowed key it suggested, if any.
func (d *decoder) unknownKey(key string, pos diag.Pos, path string, names []string) string {
	s := diag.Suggest(key, names)
	if s == "" {
		s = completes(key, names)
	}
	hint := "no keys are allowed here"
	if s != "" {
		hint = fmt.Sprintf("did you mean %q?", s)
	} else if len(names) > 0 {
		hint = "allowed keys: " + strings.Join(names, ", ")
	}
	d.errorf(pos, RuleUnknown, hint, "unknown key %q%s", key, in(path))
	return s
}

// completes returns the one name that key is the start of ("verified" for
// "verified_on"), or "".
func completes(key string, names []string) string {
	found := ""
	for _, n := range names {
		if len(key) >= 4 && strings.HasPrefix(n, key) {
			if found != "" {
				return ""
			}
			found = n
		}
	}
	return found
}

func (d *decoder) wrongType(n ast.Node, path string, t reflect.Type, hint string) {
	d.errorf(d.nodePos(n), RuleType, hint, "%swant %s, found %s", prefix(path), want(t), found(n))
}

// pairsOf returns the key-value pairs of a mapping node.
func pairsOf(n ast.Node) ([]*ast.MappingValueNode, bool) {
	switch n := n.(type) {
	case nil, *ast.NullNode:
		return nil, true
	case *ast.MappingNode:
		return n.Values, true
	case *ast.MappingValueNode:
		return []*ast.MappingValueNode{n}, true
	}
	return nil, false
}

// scalar returns the text of a scalar node: decoded for quoted and block
// text, as written for numbers and booleans.
func scalar(n ast.Node) (string, bool) {
	switch n := n.(type) {
	case *ast.StringNode:
		return n.Value, true
	case *ast.LiteralNode:
		if n.Value == nil {
			return "", true
		}
		return n.Value.Value, true
	case *ast.IntegerNode, *ast.FloatNode, *ast.BoolNode, *ast.InfinityNode, *ast.NanNode:
		if tk := n.GetToken(); tk != nil {
			return tk.Value, true
		}
	}
	return "", false
}

func isNull(n ast.Node) bool {
	_, null := n.(*ast.NullNode)
	return n == nil || null
}

func isEmpty(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.String, reflect.Slice, reflect.Map:
		return v.Len() == 0
	case reflect.Interface:
		return v.IsNil() || isEmpty(v.Elem())
	case reflect.Struct:
		return v.Type() == dateType && v.IsZero()
	}
	return false
}

// found describes a node for "want X, found Y".
func found(n ast.Node) string {
	switch n.(type) {
	case nil, *ast.NullNode:
		return "nothing"
	case *ast.MappingNode, *ast.MappingValueNode:
		return "a mapping"
	case *ast.SequenceNode:
		return "a list"
	}
	if s, ok := scalar(n); ok {
		if r := []rune(s); len(r) > 40 {
			s = string(r[:39]) + "…"
		}
		return strconv.Quote(s)
	}
	return "a " + strings.ToLower(n.Type().String())
}

// want describes a Go type for "want X, found Y".
func want(t reflect.Type) string {
	if t == dateType {
		return "a date like 2026-11-24"
	}
	switch t.Kind() {
	case reflect.String:
		return "text"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return "a whole number"
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number, 0 or more"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Slice:
		return "a list"
	case reflect.Map, reflect.Struct:
		return "a mapping"
	}
	return "a value"
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// prefix starts a message about the value at path.
func prefix(path string) string {
	if path == "" {
		return ""
	}
	return path + ": "
}

// in ends a message about a key inside the mapping at path.
func in(path string) string {
	if path == "" {
		return ""
	}
	return " in " + path
}

type field struct {
	name     string
	index    int
	required bool
}

type structInfo struct {
	fields    []field
	byName    map[string]int // key → index in fields
	names     []string       // keys in field order, for hints
	positions int            // index of the Positions field, or -1
}

var structCache sync.Map // reflect.Type → *structInfo

func structOf(t reflect.Type) *structInfo {
	if info, ok := structCache.Load(t); ok {
		return info.(*structInfo)
	}
	info := &structInfo{byName: map[string]int{}, positions: -1}
	for i := range t.NumField() {
		sf := t.Field(i)
		if !sf.IsExported() {
			continue
		}
		if sf.Type == positionsType {
			info.positions = i
			continue
		}
		name, opts, _ := strings.Cut(sf.Tag.Get("yaml"), ",")
		if name == "-" {
			continue
		}
		if name == "" {
			name = strings.ToLower(sf.Name)
		}
		f := field{name: name, index: i}
		for _, o := range strings.Split(opts, ",") {
			f.required = f.required || o == "required"
		}
		info.byName[name] = len(info.fields)
		info.fields = append(info.fields, f)
		info.names = append(info.names, name)
	}
	actual, _ := structCache.LoadOrStore(t, info)
	return actual.(*structInfo)
}

// syntax reports a parser error at the position the parser gives, in words a
// volunteer can act on.
func (d *decoder) syntax(err error) {
	var pe interface {
		GetMessage() string
		GetToken() *token.Token
	}
	if !errors.As(err, &pe) {
		d.errorf(d.start(), RuleSyntax, "check the YAML near the start of this block", "%s", err)
		return
	}
	msg, hint := cleanSyntax(pe.GetMessage())
	d.errorf(d.tokenPos(pe.GetToken()), RuleSyntax, hint, "%s", msg)
}
