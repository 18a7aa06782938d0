// Package synonyms reads the volunteer-edited synonyms file,
// content/search/synonyms.yaml, into analysis.Synonyms.
//
// The file is one YAML mapping. Each key is a word or short phrase people
// type — Roman Urdu, English, Urdu, a typo they often make — and its value
// is the words to look for as well, one or a list:
//
//	# Threats
//	dhamki: [threat, دھمکی]
//	jaan se maarne: [threat, kill, قتل]
//	FIA: [NCCIA, complaint, این سی سی آئی اے]
//
// Both sides are analysed as page text is (search/analysis), so case,
// Arabic letter forms, diacritics and English endings do not matter. The
// mapping is one way: "FIA" finds "NCCIA" pages, "NCCIA" does not find
// everything that mentions the FIA. A value that is a phrase ("fake
// profile") matches pages that have all its words.
//
// The reader is strict: anything else in the file is an error naming
// file:line:col and how to fix it. It lives apart from search/analysis so
// that the browser module does not link a YAML parser; the synonyms reach
// the browser inside each index file.
package synonyms

import (
	"errors"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"

	"mehfooz/search/analysis"
)

// Error is one problem in a synonyms file. Line and Col are 1-based; Col
// counts runes, as an editor does on an Urdu line.
type Error struct {
	File      string
	Line, Col int
	Msg       string
	Hint      string
}

// Error prints `file:line:col: msg`, then the hint indented on the next
// line, as the generator's diagnostics do.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		b.WriteString(":" + strconv.Itoa(e.Line))
		if e.Col > 0 {
			b.WriteString(":" + strconv.Itoa(e.Col))
		}
	}
	b.WriteString(": " + e.Msg)
	if e.Hint != "" {
		b.WriteString("\n\thint: " + e.Hint)
	}
	return b.String()
}

// List is every problem found in a file, in file order.
type List []*Error

func (l List) Error() string {
	s := make([]string, len(l))
	for i, e := range l {
		s[i] = e.Error()
	}
	return strings.Join(s, "\n")
}

// Parse reads a synonyms file; name is used in errors. On any problem it
// returns nil and a List of every problem found.
func Parse(name string, src []byte) (*analysis.Synonyms, error) {
	p := &reader{file: name}
	entries := p.read(src)
	if len(p.errs) > 0 {
		return nil, p.errs
	}
	return analysis.NewSynonyms(entries), nil
}

type reader struct {
	file string
	errs List
}

func (p *reader) errorf(tok *token.Token, msg, hint string) {
	e := &Error{File: p.file, Msg: msg, Hint: hint}
	if tok != nil && tok.Position != nil {
		e.Line, e.Col = tok.Position.Line, tok.Position.Column
	}
	p.errs = append(p.errs, e)
}

const (
	hintShape = `write one line per word, like: dhamki: [threat, دھمکی]`
)

func (p *reader) read(src []byte) []analysis.Synonym {
	f, err := parser.ParseBytes(src, 0)
	if err != nil {
		var se *yaml.SyntaxError
		if errors.As(err, &se) {
			hint := ""
			switch {
			case strings.Contains(se.Message, "already defined"):
				hint = "each word may appear once on the left; join the two lists into one"
			case strings.Contains(se.Message, "mapping value is not allowed"):
				hint = "start each line at the left edge, and put a word with a colon in quotes: \"a: b\""
			}
			p.errorf(se.Token, "invalid YAML: "+se.Message, hint)
		} else {
			p.errorf(nil, "invalid YAML: "+firstLine(err.Error()), "")
		}
		return nil
	}
	var body ast.Node
	for i, doc := range f.Docs {
		if doc == nil || doc.Body == nil {
			continue
		}
		if i > 0 || body != nil {
			p.errorf(doc.Body.GetToken(), "the file has more than one YAML document", "remove the --- line")
			return nil
		}
		body = doc.Body
	}
	if body == nil {
		return nil // an empty file: no synonyms
	}
	var pairs []*ast.MappingValueNode
	switch n := body.(type) {
	case *ast.MappingNode:
		pairs = n.Values
	case *ast.MappingValueNode:
		pairs = []*ast.MappingValueNode{n}
	default:
		p.errorf(body.GetToken(), "the file must be a list of `word: [other words]` lines", hintShape)
		return nil
	}
	var entries []analysis.Synonym
	for _, kv := range pairs {
		if e, ok := p.entry(kv); ok {
			entries = append(entries, e)
		}
	}
	return entries
}

func (p *reader) entry(kv *ast.MappingValueNode) (analysis.Synonym, bool) {
	var e analysis.Synonym
	key, ok := p.scalar(kv.Key, "the left side")
	if !ok {
		return e, false
	}
	keyTok := kv.Key.GetToken()
	e.From, ok = p.phrase(keyTok, key)
	if !ok {
		return e, false
	}
	var items []ast.Node
	switch v := kv.Value.(type) {
	case nil, *ast.NullNode:
		p.errorf(keyTok, strconv.Quote(key)+" has nothing to search for",
			"list the words after the colon, like: "+key+": [word, other word]")
		return e, false
	case *ast.SequenceNode:
		items = v.Values
	default:
		items = []ast.Node{v}
	}
	if len(items) == 0 {
		p.errorf(keyTok, strconv.Quote(key)+" has an empty list", "add words to the list or remove the line")
		return e, false
	}
	good := true
	for _, it := range items {
		text, ok := p.scalar(it, "a word on the right")
		if !ok {
			good = false
			continue
		}
		to, ok := p.phrase(it.GetToken(), text)
		if !ok {
			good = false
			continue
		}
		e.To = append(e.To, to)
	}
	return e, good
}

// scalar returns the text of a plain value: strings, and numbers and
// booleans as written (1799, yes).
func (p *reader) scalar(n ast.Node, what string) (string, bool) {
	switch v := n.(type) {
	case *ast.MappingKeyNode:
		p.errorf(v.GetToken(), what+" uses a YAML key marker (?)", hintShape)
		return "", false
	case *ast.StringNode:
		return v.Value, true
	case *ast.IntegerNode, *ast.FloatNode, *ast.BoolNode, *ast.InfinityNode, *ast.NanNode:
		return v.GetToken().Value, true
	case *ast.NullNode:
		p.errorf(v.GetToken(), what+" is empty", hintShape)
	case *ast.AnchorNode, *ast.AliasNode, *ast.TagNode:
		p.errorf(v.GetToken(), what+" uses a YAML anchor, alias or tag (&, *, !), which this file does not allow",
			"write the words out in full; a word that starts with &, * or ! needs quotes: \"&\"")
	case *ast.MappingNode, *ast.MappingValueNode:
		p.errorf(v.GetToken(), what+" is a mapping, but only words are allowed here",
			"a colon inside a word needs quotes: \"a: b\"; otherwise "+hintShape)
	case *ast.SequenceNode:
		p.errorf(v.GetToken(), what+" is a list inside a list", "write the words in one flat list: [a, b, c]")
	case nil:
		p.errorf(nil, what+" is missing", hintShape)
	default:
		p.errorf(n.GetToken(), what+" is not a word", `put it in quotes, like: "word"`)
	}
	return "", false
}

// phrase analyses text as page text is analysed and checks the result can
// match.
func (p *reader) phrase(tok *token.Token, text string) ([]string, bool) {
	terms := analysis.Terms(text)
	switch {
	case len(terms) == 0 && strings.TrimSpace(text) == "":
		p.errorf(tok, "an empty word", "remove it or write the word")
	case len(terms) == 0:
		p.errorf(tok, strconv.Quote(text)+" has only common words (like \"the\", \"ka\", \"کے\"), which search ignores",
			"use a word that says what the page is about")
	case len(terms) > analysis.MaxPhraseTerms:
		p.errorf(tok, strconv.Quote(text)+" is longer than "+strconv.Itoa(analysis.MaxPhraseTerms)+" words",
			"use a shorter phrase; search matches the words on their own anyway")
	default:
		return terms, true
	}
	return nil, false
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}
