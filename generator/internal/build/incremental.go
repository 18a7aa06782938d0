package build

import "mehfooz/generator/internal/diag"

// Incremental is the builder behind serve.
type Incremental struct {
	in Input
}

// NewIncremental returns a builder for in.
func NewIncremental(in Input) *Incremental { return &Incremental{in: in} }

// Build builds into out.
func (inc *Incremental) Build(changed []string, out Sink) diag.List {
	_, d := Run(inc.in, out)
	return d
}
