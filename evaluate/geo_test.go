package evaluate_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/eventwire/eventwire"
	"github.com/eventwire/eventwire/evaluate"
)

// geoXML builds a one-article gold file; each location is name, start, end, lat, lon.
func geoXML(text string, locs ...string) string {
	var b strings.Builder
	b.WriteString("<articles><article><source>test</source><text>" + text + "</text><locations>")
	for _, l := range locs {
		b.WriteString("<location>" + l + "</location>")
	}
	b.WriteString("</locations></article></articles>")
	return b.String()
}

func loc(name string, start, end int, lat, lon float64, extra ...string) string {
	return fmt.Sprintf("<name>%s</name><start>%d</start><end>%d</end><lat>%g</lat><lon>%g</lon>%s",
		name, start, end, lat, lon, strings.Join(extra, ""))
}

func TestReadGeoVirus(t *testing.T) {
	// "Café in " is 8 characters but 9 bytes; "Zaïre" is 5 characters, 6 bytes.
	const text = "Café in Zaïre, Goma."
	tests := []struct {
		name    string
		xml     string
		shift   int
		want    []evaluate.GoldPlace
		wantErr string
	}{
		{
			name:  "shift 0, characters become bytes",
			xml:   geoXML(text, loc("Zaïre", 8, 13, -1.44, 15.55), loc("Goma", 15, 19, -1.68, 29.22)),
			shift: 0,
			want: []evaluate.GoldPlace{
				{Name: "Zaïre", Span: eventwire.Span{Start: 9, End: 15}, Lat: -1.44, Lon: 15.55},
				{Name: "Goma", Span: eventwire.Span{Start: 17, End: 21}, Lat: -1.68, Lon: 29.22},
			},
		},
		{
			name:  "shift 1 as in GeoVirus",
			xml:   geoXML(text, loc("Zaïre", 9, 14, -1.44, 15.55)),
			shift: 1,
			want:  []evaluate.GoldPlace{{Name: "Zaïre", Span: eventwire.Span{Start: 9, End: 15}, Lat: -1.44, Lon: 15.55}},
		},
		{
			name:  "altName, page and continent kept",
			xml:   geoXML("Aid to Africa and the US.", loc("Africa", 7, 13, 7.18, 21.09, "<page>p</page><continent/>"), loc("US", 22, 24, 40, -100, "<altName>United States</altName>")),
			shift: 0,
			want: []evaluate.GoldPlace{
				{Name: "Africa", Span: eventwire.Span{Start: 7, End: 13}, Lat: 7.18, Lon: 21.09, Page: "p", Continent: true},
				{Name: "US", AltName: "United States", Span: eventwire.Span{Start: 22, End: 24}, Lat: 40, Lon: -100},
			},
		},
		{
			name:  "entities count as the character they stand for",
			xml:   geoXML("AT&amp;T in Paris", loc("Paris", 8, 13, 48.85, 2.35)),
			shift: 0,
			want:  []evaluate.GoldPlace{{Name: "Paris", Span: eventwire.Span{Start: 8, End: 13}, Lat: 48.85, Lon: 2.35}},
		},
		{name: "no locations", xml: geoXML(text), want: nil},
		{name: "wrong shift", xml: geoXML(text, loc("Zaïre", 9, 14, 0, 0)), shift: 0, wantErr: "wrong shift"},
		{name: "past the end", xml: geoXML(text, loc("Goma", 16, 21, 0, 0)), shift: 0, wantErr: "outside a text of 20 characters"},
		{name: "before the start", xml: geoXML(text, loc("Café", 0, 4, 0, 0)), shift: 1, wantErr: "outside"},
		{name: "end before start", xml: geoXML(text, loc("Goma", 19, 15, 0, 0)), shift: 0, wantErr: "outside"},
		{name: "no such latitude", xml: geoXML(text, loc("Goma", 15, 19, 91, 0)), shift: 0, wantErr: "no such point"},
		{name: "no such longitude", xml: geoXML(text, loc("Goma", 15, 19, 0, -181)), shift: 0, wantErr: "no such point"},
		{name: "not XML", xml: "<articles><article>", wantErr: "read gold places"},
		{name: "bad number", xml: geoXML(text, "<name>Goma</name><start>x</start>"), wantErr: "read gold places"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			arts, err := evaluate.ReadGeoVirus(strings.NewReader(tt.xml), tt.shift)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !errors.Is(err, eventwire.ErrInvalid) {
					t.Fatalf("err = %v, want one wrapping ErrInvalid saying %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(arts) != 1 || arts[0].Source != "test" {
				t.Fatalf("articles = %+v", arts)
			}
			if got := arts[0].Places; !slices.Equal(got, tt.want) {
				t.Errorf("places\n got %+v\nwant %+v", got, tt.want)
			}
		})
	}
	arts, err := evaluate.ReadGeoVirus(strings.NewReader("<articles></articles>"), 1)
	if err != nil || len(arts) != 0 {
		t.Errorf("empty file: %v, %v", arts, err)
	}
}

func TestDistance(t *testing.T) {
	quarter := math.Pi / 2 * evaluate.EarthRadius
	tests := []struct {
		name                   string
		lat1, lon1, lat2, lon2 float64
		want, tol              float64
	}{
		{"same point", 35.93, 36.63, 35.93, 36.63, 0, 1e-9},
		{"a degree of the equator", 0, 0, 0, 1, 2 * math.Pi * evaluate.EarthRadius / 360, 1e-6},
		{"across the date line", 0, 179, 0, -179, 2 * 2 * math.Pi * evaluate.EarthRadius / 360, 1e-6},
		{"equator to pole", 0, 10, 90, 0, quarter, 1e-6},
		{"pole to pole", 90, 0, -90, 0, 2 * quarter, 1e-6},
		{"antipodes", 10, 20, -10, -160, 2 * quarter, 1e-6},
		{"Idlib to Saraqib", 35.931, 36.634, 35.864, 36.806, 17.1, 0.5},
		{"Paris to Paris, Texas", 48.857, 2.352, 33.661, -95.556, 7783, 10},
	}
	for _, tt := range tests {
		got := evaluate.Distance(tt.lat1, tt.lon1, tt.lat2, tt.lon2)
		if math.Abs(got-tt.want) > tt.tol {
			t.Errorf("%s: %.6f km, want %.6f ± %g", tt.name, got, tt.want, tt.tol)
		}
		if back := evaluate.Distance(tt.lat2, tt.lon2, tt.lat1, tt.lon1); math.Abs(back-got) > 1e-9 {
			t.Errorf("%s: not symmetric: %v and %v", tt.name, got, back)
		}
	}
}

func TestAUC(t *testing.T) {
	y := func(km float64) float64 { return math.Log(1+km) / math.Log(evaluate.MaxError) }
	tests := []struct {
		name   string
		errors []float64
		want   float64
	}{
		{"none", nil, 0},
		{"one", []float64{100}, y(100)},
		{"all exact", []float64{0, 0, 0}, 0},
		{"all at the far side", []float64{20038, 20038}, 1},
		{"two", []float64{0, 500}, y(500) / 2},
		// Sorted: 0, 500, 500: trapezoids y/2 and y over two steps.
		{"unsorted", []float64{500, 0, 500}, 0.75 * y(500)},
		{"four", []float64{1, 10, 100, 1000}, ((y(1)+y(10))/2 + (y(10)+y(100))/2 + (y(100)+y(1000))/2) / 3},
		{"clamped", []float64{1e9, 1e9}, 1},
		{"negative as zero", []float64{-5, 0}, 0},
	}
	for _, tt := range tests {
		if got := evaluate.AUC(tt.errors); math.Abs(got-tt.want) > 1e-12 {
			t.Errorf("%s: AUC = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func span(s, e int) eventwire.Span { return eventwire.Span{Start: s, End: e} }

func TestScorePlaces(t *testing.T) {
	gold := []evaluate.GoldPlace{
		{Name: "A", Span: span(0, 5), Lat: 0, Lon: 0},
		{Name: "B", Span: span(10, 20), Lat: 10, Lon: 10},
		{Name: "C", Span: span(30, 35), Lat: 20, Lon: 20},
	}
	found := []eventwire.Place{
		{Text: "a", Span: span(0, 5), Lat: 0, Lon: 1},
		{Text: "b-small", Span: span(12, 14), Lat: 10, Lon: 10},
		{Text: "b-large", Span: span(8, 25), Lat: 10, Lon: 10},
		{Text: "x", Span: span(40, 45)},
		{Text: "a-again", Span: span(3, 6)},
	}
	c := evaluate.ScorePlaces(gold, found)
	if c.Gold != 3 || c.Found != 5 || len(c.Matches) != 2 {
		t.Fatalf("counts %+v", c)
	}
	if m := c.Matches[0]; m.Gold.Name != "A" || m.Found.Text != "a" || math.Abs(m.Km-111.195) > 0.01 {
		t.Errorf("first match %+v", m)
	}
	if m := c.Matches[1]; m.Gold.Name != "B" || m.Found.Text != "b-large" || m.Km != 0 {
		t.Errorf("second match %+v: the largest overlap should win", m)
	}
	if len(c.Missed) != 1 || c.Missed[0].Name != "C" {
		t.Errorf("missed %+v", c.Missed)
	}
	var spurious []string
	for _, p := range c.Spurious {
		spurious = append(spurious, p.Text)
	}
	if !slices.Equal(spurious, []string{"b-small", "x", "a-again"}) {
		t.Errorf("spurious %v", spurious)
	}
	if e := evaluate.ScorePlaces(nil, nil); e.Gold != 0 || e.Found != 0 || e.Matches != nil {
		t.Errorf("empty: %+v", e)
	}
}

func matches(kms ...float64) evaluate.PlaceCounts {
	c := evaluate.PlaceCounts{Gold: len(kms) + 1, Found: len(kms) + 2}
	for _, km := range kms {
		c.Matches = append(c.Matches, evaluate.PlaceMatch{Km: km})
	}
	return c
}

func TestPlaceReport(t *testing.T) {
	var r evaluate.PlaceReport
	r.Add(matches(0, 10, 200))
	var o evaluate.PlaceReport
	o.Add(matches(1000))
	r.Merge(&o)
	s := r.Summary()
	want := evaluate.PlaceSummary{
		Articles: 2, Gold: 6, Found: 8, Matched: 4,
		Precision: 0.5, Recall: 4.0 / 6, F1: evaluate.Counts{TP: 4, FP: 4, FN: 2}.F1(),
		Acc161: 0.5, MeanKm: 302.5, MedianKm: 105, AUC: evaluate.AUC([]float64{0, 10, 200, 1000}),
	}
	if s != want {
		t.Errorf("summary\n got %+v\nwant %+v", s, want)
	}
	r.Add(matches(161))
	if got := r.MedianKm(); got != 161 {
		t.Errorf("odd median = %v, want 161", got)
	}
	if got := r.Acc161(); got != 0.6 {
		t.Errorf("acc161 = %v, want 0.6 (161 km counts as within)", got)
	}

	raw, err := json.Marshal(&r)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	wantKeys := []string{"acc161", "articles", "auc", "f1", "found", "gold", "matched", "mean_km", "median_km", "precision", "recall"}
	if !slices.Equal(keys, wantKeys) {
		t.Errorf("JSON keys %v, want %v", keys, wantKeys)
	}

	var empty evaluate.PlaceReport
	if s := empty.Summary(); s != (evaluate.PlaceSummary{}) {
		t.Errorf("empty report: %+v", s)
	}
	var b strings.Builder
	r.Print(&b)
	if !strings.Contains(b.String(), "acc@161km 0.600") || !strings.Contains(b.String(), "3 articles") {
		t.Errorf("Print:\n%s", b.String())
	}
}

func FuzzReadGeoVirus(f *testing.F) {
	const text = "Café in Zaïre, Goma."
	f.Add(geoXML(text, loc("Zaïre", 8, 13, -1.44, 15.55), loc("Goma", 15, 19, -1.68, 29.22)), 0)
	f.Add(geoXML(text, loc("Zaïre", 9, 14, -1.44, 15.55)), 1)
	f.Add(geoXML("AT&amp;T in Paris", loc("Paris", 8, 13, 48.85, 2.35, "<continent/>")), 0)
	f.Add("<articles><article><text>\xff\xfe</text><locations><location><name>\xfe</name><start>1</start><end>2</end></location></locations></article></articles>", 0)
	f.Add("<articles>", -3)
	f.Fuzz(func(t *testing.T, doc string, shift int) {
		arts, err := evaluate.ReadGeoVirus(strings.NewReader(doc), shift)
		if err != nil {
			if !errors.Is(err, eventwire.ErrInvalid) {
				t.Errorf("error %v does not wrap ErrInvalid", err)
			}
			return
		}
		for _, a := range arts {
			for _, p := range a.Places {
				if p.Span.Start < 0 || p.Span.End < p.Span.Start || p.Span.End > len(a.Text) {
					t.Fatalf("span %v outside a text of %d bytes", p.Span, len(a.Text))
				}
				if a.Text[p.Span.Start:p.Span.End] != p.Name {
					t.Fatalf("text at %v is %q, not %q", p.Span, a.Text[p.Span.Start:p.Span.End], p.Name)
				}
				if math.Abs(p.Lat) > 90 || math.Abs(p.Lon) > 180 {
					t.Fatalf("point %v, %v", p.Lat, p.Lon)
				}
			}
		}
	})
}
