//go:build race && !js

package e2e

// raceEnabled: this test binary was built with -race (make test does),
// which slows native timings several times.
const raceEnabled = true
