//go:build race

package geo_test

// raceEnabled reports a -race build, whose instrumentation makes timings meaningless.
const raceEnabled = true
