//go:build race

package search

// raceEnabled: this test binary was built with -race (make test's first
// native run), which makes indexing a large base ten times slower.
const raceEnabled = true
