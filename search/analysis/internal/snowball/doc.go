// Package snowball is the runtime of the Snowball stemmers, copied from
// github.com/blevesearch/snowballstem v0.9.0 (BSD licence, see COPYING)
// with these changes: Among.String and Env.Debug are gone, because they were
// the module's only users of fmt and log, which cost the browser module
// about 70 KB brotli (fmt, log, os, reflect and time), and hasPrefix
// replaces strings.HasPrefix, which linked the Unicode tables; the helpers the
// English stemmer never calls (Env.SetCurrent, SliceTo, Clone, AssignTo,
// RuneCountInString) are gone too. english/ is that
// module's generated English stemmer with its import path changed.
//
// Do not edit the stemmer by hand. TestMatchesUpstream in search/analysis
// checks that the copy stems like the original.
package snowball
