package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"mehfooz/generator/internal/diag"
)

// ghAnnotationLimit is how many annotations of one level GitHub shows per
// step; it drops the rest without a word.
const ghAnnotationLimit = 10

// printGitHub prints diags as GitHub Actions annotations: errors first, at
// most ghAnnotationLimit of each level, so the problems that fail the
// check are the ones shown on the edited lines. The rest are printed as
// plain lines in the log, one ::notice:: says how many were not annotated,
// and the whole list goes to the job summary when $GITHUB_STEP_SUMMARY is
// set.
func printGitHub(w io.Writer, diags diag.List) {
	var errs, warns diag.List
	for _, d := range diags {
		if d.Severity == diag.SevError {
			errs = append(errs, d)
		} else {
			warns = append(warns, d)
		}
	}
	var rest diag.List
	for _, group := range []struct {
		level string
		list  diag.List
	}{{"error", errs}, {"warning", warns}} {
		for i, d := range group.list {
			if i >= ghAnnotationLimit {
				rest = append(rest, d)
				continue
			}
			msg := d.Msg
			if d.Hint != "" {
				msg += " (" + d.Hint + ")"
			}
			fmt.Fprintf(w, "::%s file=%s,line=%d,col=%d,title=%s::%s\n", group.level, ghProperty(d.Pos.File), max(d.Pos.Line, 1), max(d.Pos.Col, 1), ghProperty(d.Rule), ghEscape(msg))
		}
	}
	if len(rest) > 0 {
		fmt.Fprintf(w, "::group::%d more problems (GitHub shows %d annotations of each kind per step)\n", len(rest), ghAnnotationLimit)
		for _, d := range rest {
			fmt.Fprintln(w, d.Error())
		}
		fmt.Fprintln(w, "::endgroup::")
		fmt.Fprintf(w, "::notice title=more problems::%s; %d more are listed in the log and the job summary, not on the lines\n", summary(diags), len(rest))
	}
	if p := os.Getenv("GITHUB_STEP_SUMMARY"); p != "" {
		writeStepSummary(p, diags)
	}
}

// writeStepSummary appends every problem to the job summary, a Markdown
// file GitHub shows on the run's page.
func writeStepSummary(path string, diags diag.List) {
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return // the summary is a courtesy; the log has everything
	}
	defer f.Close()
	fmt.Fprintf(f, "### mehfooz check: %s\n\n| | where | problem |\n|---|---|---|\n", summary(diags))
	cell := strings.NewReplacer("|", `\|`, "\n", " ")
	for _, d := range diags {
		mark := "❌"
		if d.Severity == diag.SevWarning {
			mark = "⚠️"
		}
		msg := d.Msg
		if d.Hint != "" {
			msg += " — " + d.Hint
		}
		fmt.Fprintf(f, "| %s | `%s:%d:%d` | %s |\n", mark, d.Pos.File, d.Pos.Line, d.Pos.Col, cell.Replace(msg))
	}
}

// ghProperty escapes an annotation property value (file=…, title=…).
func ghProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
