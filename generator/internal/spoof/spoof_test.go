package spoof

import "testing"

func TestPunycode(t *testing.T) {
	// Known encodings (RFC 3492 samples and a browser's address bar).
	for in, want := range map[string]string{
		"bücher":    "bcher-kva",
		"münchen":   "mnchen-3ya",
		"ünicode":   "nicode-2ya",
		"他们为什么不说中文": "ihqwcrb4cv8a8dqg056pqjye",
	} {
		if got := punycode(in); got != want {
			t.Errorf("punycode(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestMixedHost(t *testing.T) {
	for host, want := range map[string]struct {
		ascii string
		mixed bool
	}{
		"www.nccia.gov.pk":       {"www.nccia.gov.pk", false},
		"www.ncc\u0456a.gov.pk":  {"www.xn--ncca-n9d.gov.pk", true},
		"\u0430\u0440\u0440.com": {"xn--80a6aa.com", true}, // all-Cyrillic label beside a Latin one
		"bücher.example":         {"xn--bcher-kva.example", false},
		"مثال.پاکستان":           {ASCII("مثال.پاکستان"), false},
	} {
		ascii, mixed := MixedHost(host)
		if mixed != want.mixed || ascii != want.ascii {
			t.Errorf("MixedHost(%q) = %q, %v; want %q, %v", host, ascii, mixed, want.ascii, want.mixed)
		}
	}
}

func TestFind(t *testing.T) {
	if i, r := Find("call \u202e9971"); i != 5 || r != 0x202E {
		t.Errorf("Find = %d, %U", i, r)
	}
	if i, _ := Find("\u200fسلام\u200e"); i != -1 {
		t.Errorf("LRM/RLM marks must stay allowed, found at %d", i)
	}
}
