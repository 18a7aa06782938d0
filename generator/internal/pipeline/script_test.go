package pipeline

import (
	"strings"
	"testing"

	"mehfooz/generator/internal/config"
	"mehfooz/generator/internal/content"
	"mehfooz/generator/internal/markdown"
	"mehfooz/generator/internal/site"
)

func TestCheckScriptReportsAPageMostlyInAnotherScript(t *testing.T) {
	ur := config.Language{Code: "ur", Name: "اردو", Script: "Arab", ScriptShare: 90}
	page := func(title, text string) *site.Page {
		return &site.Page{File: &content.File{Path: "content/ur/a.md", Meta: content.FrontMatter{Title: title, Description: "مدد"}}}
	}
	urdu := []markdown.Section{{Heading: "ثبوت", Text: "اسکرین شاٹ لیں، تاریخ اور وقت لکھ لیں، اور پھر NCCIA کو 1799 پر فون کریں۔ جو کچھ ہوا اس میں آپ کا کوئی قصور نہیں۔"}}
	if e := checkScript(ur, page("ثبوت", ""), urdu); e != nil {
		t.Errorf("an Urdu page with an English acronym: %v", e)
	}
	english := append(urdu, markdown.Section{Heading: "Keep evidence", Text: "Take screenshots that show the date, the time and the name of the account."})
	e := checkScript(ur, page("ثبوت", ""), english)
	if e == nil || e.Rule != "script-share" || !strings.Contains(e.Msg, "are in Arab script; a ur page needs at least 90%") || e.Pos.String() != "content/ur/a.md:1:1" {
		t.Errorf("a page with an English section: %v", e)
	}
	if e := checkScript(config.Language{Code: "en"}, page("x", ""), english); e != nil {
		t.Errorf("a language without a script setting is not checked: %v", e)
	}
}
