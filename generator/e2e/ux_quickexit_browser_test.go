package e2e

// The quick exit's keyboard shortcut never fires while someone types: Shift
// held for a capital ("PTA", "CNIC", "FIA") is not a press of Shift alone.
// Typed text stays in the letter and the log, and the page stays.

import (
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"

	"mehfooz/internal/browsertest"
)

// shiftMod is Shift in the DevTools modifier bit field.
const shiftMod int64 = 8

// key sends one key event.
func key(tab *browsertest.Tab, typ input.DispatchKeyEventType, k, code, text string, vk int64, mods int64) error {
	p := input.DispatchKeyEventParams{Type: typ, Key: k, Code: code, WindowsVirtualKeyCode: vk, NativeVirtualKeyCode: vk, Modifiers: mods}
	if text != "" {
		p.Text, p.UnmodifiedText = text, strings.ToLower(text)
	}
	_, err := chromedp.Call(tab.Ctx, input.DispatchKeyEvent, p)
	return err
}

// shiftAlone presses and releases Shift with no other key.
func shiftAlone(tab *browsertest.Tab) error {
	if err := key(tab, input.DispatchKeyEventTypeRawKeyDown, "Shift", "ShiftLeft", "", 16, shiftMod); err != nil {
		return err
	}
	return key(tab, input.DispatchKeyEventTypeKeyUp, "Shift", "ShiftLeft", "", 16, 0)
}

// typeLikeAPerson types s into the focused field as a keyboard does: Shift
// goes down before a capital letter and comes up after it, one capital at a
// time, so "PTA" is three separate Shift presses.
func typeLikeAPerson(tab *browsertest.Tab, s string) error {
	for _, r := range s {
		ch := string(r)
		upper := unicode.IsUpper(r)
		var mods int64
		if upper {
			mods = shiftMod
			if err := key(tab, input.DispatchKeyEventTypeRawKeyDown, "Shift", "ShiftLeft", "", 16, mods); err != nil {
				return err
			}
		}
		var vk int64
		code := ""
		if r < 128 && unicode.IsLetter(r) {
			vk = int64(unicode.ToUpper(r))
			code = "Key" + strings.ToUpper(ch)
		}
		if err := key(tab, input.DispatchKeyEventTypeKeyDown, ch, code, ch, vk, mods); err != nil {
			return err
		}
		if err := key(tab, input.DispatchKeyEventTypeKeyUp, ch, code, "", vk, mods); err != nil {
			return err
		}
		if upper {
			if err := key(tab, input.DispatchKeyEventTypeKeyUp, "Shift", "ShiftLeft", "", 16, 0); err != nil {
				return err
			}
		}
	}
	return nil
}

// typedText has capitals one after another, as complaint letters do.
var typedText = map[string]string{
	"en": "Reported to PTA and FIA, CNIC 35202-1234567-8 ABC",
	"ur": "PTA اور FIA کو بتایا CNIC 35202-1234567-8 ABC",
}

func TestBrowserQuickExitNeverFiresWhileTyping(t *testing.T) {
	dir := bundledSite(t)
	origin := browsertest.Serve(t, dir)
	dest := quickExitTarget(t, dir)
	b := browsertest.New(t)
	for _, lang := range []string{"en", "ur"} {
		for _, page := range []string{"complaint/letter/", "complaint/incident-log/"} {
			path := "/" + lang + "/" + page
			t.Run(strings.TrimSuffix(strings.ReplaceAll(path[1:], "/", "_"), "_"), func(t *testing.T) {
				tab := keyboardTab(t, b)
				defer tab.Close()
				left := interceptQuickExit(t, tab, dest)
				if err := tab.Do(20*time.Second, chromedp.Navigate(origin+path)); err != nil {
					t.Fatal(err)
				}
				// Every field a reader can see; the letter shows those of
				// the letter chosen, so each letter is chosen in turn.
				kinds, err := browsertest.Eval[[]string](tab, `[...document.querySelectorAll(".letter-switch input")].map(r => r.id)`)
				if err != nil {
					t.Fatal(err)
				}
				if len(kinds) == 0 {
					kinds = []string{""}
				}
				typed := 0
				for _, kind := range kinds {
					if kind != "" {
						if err := tab.Do(5*time.Second, chromedp.Click(chromedp.ID(kind))); err != nil {
							t.Fatal(err)
						}
					}
					n, err := browsertest.Eval[int](tab, `(() => {
						document.querySelectorAll("[data-typing-test]").forEach(f => { f.removeAttribute("data-typing-test"); f.setAttribute("data-typed", ""); });
						const all = [...document.querySelectorAll("main input:not([type=radio]), main textarea")]
							.filter(f => f.offsetParent !== null && !f.closest("form.search") && !f.hasAttribute("data-typed"));
						all.forEach((f, i) => f.setAttribute("data-typing-test", i));
						return all.length;
					})()`)
					if err != nil {
						t.Fatal(err)
					}
					for i := 0; i < n; i++ {
						sel := `[data-typing-test="` + strconv.Itoa(i) + `"]`
						if err := tab.Do(5*time.Second, chromedp.Focus(chromedp.CSS(sel))); err != nil {
							t.Fatal(err)
						}
						want := typedText[lang]
						if err := typeLikeAPerson(tab, want); err != nil {
							t.Fatal(err)
						}
						got, err := browsertest.Eval[string](tab, `document.querySelector(`+jsString(sel)+`).value`)
						if err != nil {
							t.Fatalf("field %d: %v (the page left?)", i, err)
						}
						if got != want {
							t.Errorf("field %d: value %q after typing %q", i, got, want)
						}
						typed++
					}
				}
				if typed < 5 {
					t.Errorf("only %d fields typed in", typed)
				}
				select {
				case u := <-left:
					t.Fatalf("typing capitals fired the quick exit (went to %s)", u)
				case <-time.After(500 * time.Millisecond):
				}
				if u, _ := browsertest.Eval[string](tab, `location.pathname`); u != path {
					t.Errorf("the page is now %s, want %s", u, path)
				}

				// Shift alone, twice: the bar shows the count; another key
				// clears it; three alone leave.
				for i := 0; i < 2; i++ {
					if err := shiftAlone(tab); err != nil {
						t.Fatal(err)
					}
				}
				shown, err := browsertest.Eval[map[string]any](tab, `(() => { const s = document.getElementById("quick-exit-status");
					return {text: s.textContent, h: s.getBoundingClientRect().height}; })()`)
				if err != nil {
					t.Fatal(err)
				}
				if shown["text"] == "" || shown["h"].(float64) < 10 {
					t.Errorf("after two presses of Shift the count is not shown: %v", shown)
				}
				if err := typeLikeAPerson(tab, "x"); err != nil {
					t.Fatal(err)
				}
				if s, _ := browsertest.Eval[string](tab, `document.getElementById("quick-exit-status").textContent`); s != "" {
					t.Errorf("another key did not start the count again: %q", s)
				}
				for i := 0; i < 3; i++ {
					if err := shiftAlone(tab); err != nil {
						t.Fatal(err)
					}
				}
				select {
				case <-left:
				case <-time.After(10 * time.Second):
					t.Fatal("three presses of Shift alone did not leave")
				}
			})
		}
	}
}
