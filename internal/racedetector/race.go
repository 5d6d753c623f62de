//go:build race

package racedetector

// Enabled says whether this binary was built with the race detector.
const Enabled = true
