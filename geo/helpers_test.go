package geo_test

import (
	"testing"

	"github.com/eventwire/eventwire/geo"
)

// gazetteer returns the embedded gazetteer or fails the test with the
// command that builds it.
func gazetteer(t testing.TB) *geo.Gazetteer {
	t.Helper()
	g, err := geo.Default()
	if err != nil {
		t.Fatalf("%v (npm ci --prefix scripts/gazetteer && go run ./geo/internal/gazgen)", err)
	}
	return g
}
