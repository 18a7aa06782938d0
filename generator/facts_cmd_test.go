package main

import (
	"strings"
	"testing"
	"time"
)

const factsFixture = `police-emergency: {value: "15", link: "tel:15", source: Police, verified_on: 2026-06-01, level: corroborated, use: [emergency]}
pta-name: {value: PTA, source: Gazette, verified_on: 2026-12-01, level: confirmed}
pta-sms: {value: "8866", source: One report, verified_on: 2026-12-01, level: reported}
nccia-email-new: {value: a@b.pk, source: One blog, verified_on: 2026-03-01, level: reported}
secp-cap: {value: cap, source: Two papers, verified_on: 2026-11-06, level: corroborated, use: [money]}
`

func TestFactsCommand(t *testing.T) {
	factsNow = func() time.Time { return time.Date(2026, 12, 6, 15, 0, 0, 0, time.UTC) }
	defer func() { factsNow = time.Now }()
	dir := smallContent(t, map[string]string{"facts.yaml": factsFixture})
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"every fact, weakest and oldest first", nil, `KEY               LEVEL         VERIFIED    AGE  USE        SOURCE
nccia-email-new   reported      2026-03-01  280  -          One blog
pta-sms           reported      2026-12-01  5    -          One report
police-emergency  corroborated  2026-06-01  188  emergency  Police
secp-cap          corroborated  2026-11-06  30   money      Two papers
pta-name          confirmed     2026-12-01  5    -          Gazette
5 of 5 facts
`},
		{"one level", []string{"--level", "reported"}, `KEY              LEVEL     VERIFIED    AGE  USE  SOURCE
nccia-email-new  reported  2026-03-01  280  -    One blog
pta-sms          reported  2026-12-01  5    -    One report
2 of 5 facts
`},
		{"--check is --level reported", []string{"--check"}, `KEY              LEVEL     VERIFIED    AGE  USE  SOURCE
nccia-email-new  reported  2026-03-01  280  -    One blog
pta-sms          reported  2026-12-01  5    -    One report
2 of 5 facts
`},
		{"older than", []string{"--older-than", "180d"}, `KEY               LEVEL         VERIFIED    AGE  USE        SOURCE
nccia-email-new   reported      2026-03-01  280  -          One blog
police-emergency  corroborated  2026-06-01  188  emergency  Police
2 of 5 facts
`},
		{"both", []string{"--level", "corroborated", "--older-than", "30"}, `KEY               LEVEL         VERIFIED    AGE  USE        SOURCE
police-emergency  corroborated  2026-06-01  188  emergency  Police
1 of 5 facts
`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := mehfooz(t, append([]string{"facts", "--content", dir}, tc.args...)...)
			if code != 0 || stdout != tc.want {
				t.Errorf("exit %d, stderr %q, stdout\n%s\nwant\n%s", code, stderr, stdout, tc.want)
			}
		})
	}
	for _, args := range [][]string{{"--level", "official"}, {"--older-than", "six months"}, {"--check", "--level", "confirmed"}, {"extra"}} {
		if code, _, stderr := mehfooz(t, append([]string{"facts", "--content", dir}, args...)...); code != 2 || !strings.HasPrefix(stderr, "mehfooz facts: ") {
			t.Errorf("facts %v: exit %d, stderr %q; want a usage error", args, code, stderr)
		}
	}
}
