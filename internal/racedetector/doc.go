// Package racedetector tells tests whether they were built with -race (make
// test's first native run is), which makes them several times slower: a
// test then skips what it cannot afford, or says why its timings are slow.
package racedetector
