package main

import (
	"testing"

	"github.com/eventwire/eventwire/geo/internal/gazfile"
)

func newBuilder() *builder {
	b := &builder{
		country:   map[string]int{},
		common:    map[string]bool{},
		seen:      map[string]map[int]bool{},
		countryFe: map[int]int{},
	}
	b.data.Countries = []gazfile.Country{{}}
	b.data.Keys = map[string][]gazfile.Posting{}
	b.data.KeyFlags = map[string]uint8{}
	return b
}

// TestTables checks the hand-written country and region tables: every row
// parses, codes are unique, and the names every story needs are there.
func TestTables(t *testing.T) {
	b := newBuilder()
	if err := b.readCountries("countries.tsv", countriesTSV); err != nil {
		t.Fatal(err)
	}
	if err := b.readRegions("regions.tsv", regionsTSV); err != nil {
		t.Fatal(err)
	}
	if n := len(b.data.Countries) - 1; n < 249 {
		t.Errorf("%d countries, want the 249 of ISO 3166-1 and Kosovo", n)
	}
	alpha3 := map[string]bool{}
	for _, c := range b.data.Countries[1:] {
		if alpha3[c.Alpha3] {
			t.Errorf("alpha-3 %s twice", c.Alpha3)
		}
		alpha3[c.Alpha3] = true
	}
	for _, k := range []string{"syria", "turkey", "russia", "libya", "united states", "us", "uk", "eastern ghouta", "africa"} {
		if len(b.data.Keys[k]) == 0 {
			t.Errorf("no entry for %q", k)
		}
	}
	if ps := b.data.Keys["syrian"]; len(ps) != 1 || ps[0].Flags != gazfile.Demonym {
		t.Errorf(`"syrian" = %v, want one demonym posting`, ps)
	}
}

func TestUsableAlternate(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"Ras el Ain", true},
		{"Râs el Aïn", true},
		{"Рас-эль-Айн", false},
		{"رأس العين", false},
		{"DAM", false},
		{"Ny", false},
		{"Idlib2", false},
		{"http://example.org", false},
		{"ALEPPO CITY", true},
	}
	for _, tt := range tests {
		if got := usableAlternate(tt.in); got != tt.want {
			t.Errorf("usableAlternate(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestExtentCentre(t *testing.T) {
	var e extent
	// Points on both sides of the antimeridian.
	for _, lon := range []float64{178, 179, -179, -178} {
		e.add(10, lon, 1)
	}
	lat, lon := e.centre()
	if lat != 10 || (lon < 179.9 && lon > -179.9) {
		t.Errorf("centre = %v,%v, want 10,±180", lat, lon)
	}
}
