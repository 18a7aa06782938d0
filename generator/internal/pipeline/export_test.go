package pipeline

// BenchIndexers lets the external test package plug the search index into
// the build benchmark (searchindex imports build, so build cannot import it).
var BenchIndexers = &benchIndexers

// BenchFinishers does the same for the offline copies.
var BenchFinishers = &benchFinishers
