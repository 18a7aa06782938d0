package heapsort

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"testing"
)

func TestFuncSortsLikeSlices(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{0, 1, 2, 3, 7, 64, 1000} {
		for _, span := range []int{2, 10, 1 << 20} {
			s := make([]int, n)
			for i := range s {
				s[i] = rng.IntN(span)
			}
			want := slices.Clone(s)
			slices.Sort(want)
			Func(s, cmp.Compare[int])
			if !slices.Equal(s, want) {
				t.Fatalf("n=%d span=%d: got %v, want %v", n, span, s, want)
			}
		}
	}
}

func TestFuncWithTieBreakIsDeterministic(t *testing.T) {
	type item struct{ key, id int }
	s := []item{{2, 0}, {1, 1}, {2, 2}, {1, 3}, {0, 4}, {2, 5}}
	byKey := func(a, b item) int {
		if a.key != b.key {
			return a.key - b.key
		}
		return a.id - b.id
	}
	want := slices.Clone(s)
	slices.SortStableFunc(want, func(a, b item) int { return a.key - b.key })
	Func(s, byKey)
	if !slices.Equal(s, want) {
		t.Errorf("got %v, want %v", s, want)
	}
}
