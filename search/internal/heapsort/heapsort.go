// Package heapsort sorts slices in a few hundred bytes of WebAssembly.
//
// The browser module is built with the Go toolchain, where slices.SortFunc
// compiles pdqsort once per element shape: six sorts of the query engine
// and analysis cost 117 KB of raw module (16 KB brotli). A heap sort
// is O(n log n) in the worst case, needs no extra memory and compiles to a
// tenth of that. It is not stable, so every comparison function given to it
// must be a total order (break ties on an index or id); then the result is
// the same as slices.SortFunc's.
package heapsort

// Func sorts s in ascending order as determined by cmp, which returns a
// negative number when a < b, a positive number when a > b and zero when
// they are equal.
func Func[E any](s []E, cmp func(a, b E) int) {
	n := len(s)
	for i := n/2 - 1; i >= 0; i-- {
		down(s, i, n, cmp)
	}
	for end := n - 1; end > 0; end-- {
		s[0], s[end] = s[end], s[0]
		down(s, 0, end, cmp)
	}
}

// down sifts s[i] down the max-heap s[:n].
func down[E any](s []E, i, n int, cmp func(a, b E) int) {
	for {
		c := 2*i + 1
		if c >= n {
			return
		}
		if c+1 < n && cmp(s[c+1], s[c]) > 0 {
			c++
		}
		if cmp(s[c], s[i]) <= 0 {
			return
		}
		s[i], s[c] = s[c], s[i]
		i = c
	}
}
