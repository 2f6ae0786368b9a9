package export_test

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/eventwire/eventwire/internal/repo"

	"github.com/eventwire/eventwire"
	"github.com/eventwire/eventwire/export"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// root is the module root, where the golden events of the example story live.
func root(t testing.TB) string { return repo.Root(t) }

// storyEvents reads the golden events of the example story.
func storyEvents(t testing.TB) []eventwire.Event {
	t.Helper()
	f, err := os.Open(filepath.Join(root(t), "testdata", "tass-2020-02-21-idlib.events.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var evs []eventwire.Event
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var ev eventwire.Event
		if err := json.Unmarshal(sc.Bytes(), &ev); err != nil {
			t.Fatalf("example events: %v", err)
		}
		evs = append(evs, ev)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(evs) == 0 {
		t.Fatal("no example events")
	}
	return evs
}

// oddEvents are events that push at the formats' edges: no target, no
// location, a month-precision date, US places, text with tabs, quotes and
// line breaks, a country without a FIPS code.
func oddEvents() []eventwire.Event {
	return []eventwire.Event{
		{
			Article: "https://example.org/news/1", ID: "odd-no-target", Date: "2020-03", DatePrecision: eventwire.PrecisionMonth,
			Source: &eventwire.Participant{Code: "USAGOV", Country: "USA", Sector: "GOV", Text: "the \"White\"\tHouse", Start: 0, End: 19},
			CAMEO:  "0251", Name: "Appeal for easing of administrative sanctions", Root: "02", Quad: 1, Goldstein: 3,
			Plover:   eventwire.Plover{Type: "REQUEST", Mode: "yield", Context: []string{"economic", "legal"}},
			Location: &eventwire.Location{Name: "Austin", Country: "USA", ADM1: "USTX", Lat: 30.26715, Lon: -97.74306, GeonameID: 4671654, Precision: "city"},
			Evidence: eventwire.Evidence{Sentence: "The \"White\"\tHouse\nappealed, again.", Start: 0, End: 35, Trigger: eventwire.Span{Start: 20, End: 28}},
			Sentence: 5, Confidence: 0.5,
		},
		{
			Article: "no-place", ID: "odd-no-location", Date: "", DatePrecision: eventwire.PrecisionNone,
			Source: &eventwire.Participant{Code: "IGOUNO", Text: "the UN", Name: "United Nations", Start: 4, End: 10},
			Target: &eventwire.Participant{Code: "SYRREB", Country: "SYR", Sector: "REB", Text: "rebels", Start: 20, End: 26, Resolved: "coref"},
			CAMEO:  "190", Name: "Use conventional military force", Root: "19", Quad: 4, Goldstein: -10,
			Plover:   eventwire.Plover{Type: "ASSAULT"},
			Evidence: eventwire.Evidence{Sentence: "Then the UN, it said, fought rebels, a, b", Start: 100, End: 141, Trigger: eventwire.Span{Start: 121, End: 127}},
			Sentence: 9, Confidence: 0.7,
		},
		{
			Article: "states", ID: "odd-state", Date: "2021-W07", DatePrecision: eventwire.PrecisionWeek,
			CAMEO: "14", Name: "Protest", Root: "14", Quad: 3, Goldstein: -6.5,
			Plover:   eventwire.Plover{Type: "PROTEST"},
			Location: &eventwire.Location{Name: "Texas", Country: "USA", ADM1: "USTX", Lat: 31.25044, Lon: -99.25061, Precision: "adm1"},
			Evidence: eventwire.Evidence{Sentence: "Texans protested.", Start: 0, End: 17, Trigger: eventwire.Span{Start: 7, End: 16}},
		},
		{
			Article: "provinces", ID: "odd-adm1-and-country", Date: "2019-12-31", DatePrecision: eventwire.PrecisionDay,
			CAMEO: "173", Name: "Arrest, detain", Root: "17", Quad: 4, Goldstein: -5,
			Plover:   eventwire.Plover{Type: "COERCE", Mode: "arrest"},
			Location: &eventwire.Location{Name: "Idlib", Country: "SYR", ADM1: "SY12", Lat: 35.83333, Lon: 36.5, Precision: "adm1", Span: &eventwire.Span{Start: 3, End: 8}, Basis: "sentence"},
			Evidence: eventwire.Evidence{Sentence: "In Idlib, police arrested, many.", Start: 0, End: 32, Trigger: eventwire.Span{Start: 17, End: 25}},
		},
		{
			Article: "countries", ID: "odd-country", Date: "2020-02-21T14:00", DatePrecision: eventwire.PrecisionMinute,
			CAMEO: "042", Name: "Make a visit", Root: "04", Quad: 1, Goldstein: 1.9,
			Plover:   eventwire.Plover{Type: "CONSULT", Mode: "visit"},
			Location: &eventwire.Location{Name: "Germany", Country: "DEU", Lat: 51.5, Lon: 10.5, Precision: "country", Basis: "article"},
			Evidence: eventwire.Evidence{Sentence: "He visited Germany.", Start: 0, End: 19, Trigger: eventwire.Span{Start: 3, End: 10}},
		},
	}
}

func allEvents(t testing.TB) []eventwire.Event {
	return append(storyEvents(t), oddEvents()...)
}

var added = time.Date(2026, 11, 25, 10, 30, 0, 0, time.UTC)

var urls = map[string]string{"tass-2020-02-21-idlib": "https://example.org/tass-2020-02-21-idlib"}

func options() export.Options {
	return export.Options{ArticleURL: func(a string) string { return urls[a] }, Added: added}
}

// write runs evs through the named format.
func write(t testing.TB, format string, evs []eventwire.Event) []byte {
	t.Helper()
	var b bytes.Buffer
	w, err := export.New(format, &b, options())
	if err != nil {
		t.Fatal(err)
	}
	for i := range evs {
		if err := w.Write(&evs[i]); err != nil {
			t.Fatalf("%s: write %s: %v", format, evs[i].ID, err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatalf("%s: close: %v", format, err)
	}
	return b.Bytes()
}

func TestGolden(t *testing.T) {
	evs := allEvents(t)
	for _, c := range []struct{ format, file string }{
		{"gdelt", "events.gdelt.tsv"},
		{"plover", "events.plover.jsonl"},
		{"csv", "events.csv"},
		{"geojson", "events.geojson"},
	} {
		t.Run(c.format, func(t *testing.T) {
			got := write(t, c.format, evs)
			path := filepath.Join("testdata", c.file)
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s output differs from %s (go test -update refreshes it):\n%s", c.format, path, got)
			}
		})
	}
}

func TestNewUnknownFormat(t *testing.T) {
	for _, f := range []string{"", "parquet", "GDELT", "json"} {
		if _, err := export.New(f, io.Discard, export.Options{}); !errors.Is(err, eventwire.ErrInvalid) {
			t.Errorf("New(%q): err %v, want ErrInvalid", f, err)
		}
	}
}

func TestGDELTReadBack(t *testing.T) {
	evs := allEvents(t)
	out := write(t, "gdelt", evs)
	lines := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	if len(lines) != len(evs) {
		t.Fatalf("%d lines for %d events", len(lines), len(evs))
	}
	for i, l := range lines {
		if n := len(strings.Split(l, "\t")); n != 61 {
			t.Errorf("line %d has %d tab-separated fields, want 61: %q", i+1, n, l)
		}
	}
	r := csv.NewReader(bytes.NewReader(out))
	r.Comma = '\t'
	r.LazyQuotes = true
	r.FieldsPerRecord = 61
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatalf("encoding/csv reads the GDELT rows back: %v", err)
	}
	if len(rows) != len(evs) {
		t.Fatalf("read back %d rows for %d events", len(rows), len(evs))
	}
	if len(export.GDELTColumns) != 61 {
		t.Fatalf("%d GDELT columns, want 61", len(export.GDELTColumns))
	}
	col := map[string]int{}
	for i, c := range export.GDELTColumns {
		col[c] = i
	}
	byID := map[string][]string{}
	seen := map[string]bool{}
	for i, row := range rows {
		byID[evs[i].ID] = row
		if seen[row[0]] {
			t.Errorf("GLOBALEVENTID %s twice", row[0])
		}
		seen[row[0]] = true
	}

	tests := []struct {
		id   string
		want map[string]string
	}{
		{"144def710f4c9d39", map[string]string{
			"SQLDATE": "20200221", "MonthYear": "202002", "Year": "2020", "FractionDate": "2020.1397",
			"Actor1Code": "TURGOV", "Actor1Name": "RECEP TAYYIP ERDOGAN", "Actor1CountryCode": "TUR", "Actor1Type1Code": "GOV",
			"Actor2Code": "RUSGOV", "Actor2CountryCode": "RUS", "IsRootEvent": "1",
			"EventCode": "040", "EventBaseCode": "040", "EventRootCode": "04", "QuadClass": "1", "GoldsteinScale": "1",
			"NumMentions": "1", "NumSources": "1", "NumArticles": "1", "AvgTone": "",
			"Actor1Geo_Type": "0", "Actor1Geo_FullName": "",
			"ActionGeo_Type": "4", "ActionGeo_FullName": "Idlib, Syria", "ActionGeo_CountryCode": "SY", "ActionGeo_ADM1Code": "SY12",
			"ActionGeo_ADM2Code": "", "ActionGeo_Lat": "35.93062", "ActionGeo_Long": "36.63393", "ActionGeo_FeatureID": "169389",
			"DATEADDED": "20261125103000", "SOURCEURL": "https://example.org/tass-2020-02-21-idlib",
		}},
		{"odd-no-target", map[string]string{
			"SQLDATE": "20200301", "MonthYear": "202003", "Actor1Name": "THE 'WHITE' HOUSE", "Actor2Code": "", "IsRootEvent": "0",
			"EventCode": "0251", "EventBaseCode": "025", "EventRootCode": "02",
			"ActionGeo_Type": "3", "ActionGeo_CountryCode": "US", "ActionGeo_ADM1Code": "USTX", "ActionGeo_FeatureID": "4671654",
			"SOURCEURL": "https://example.org/news/1",
		}},
		{"odd-no-location", map[string]string{
			"SQLDATE": "", "FractionDate": "", "Actor1KnownGroupCode": "UNO", "Actor2Type1Code": "REB",
			"ActionGeo_Type": "0", "ActionGeo_Lat": "", "ActionGeo_FeatureID": "", "GoldsteinScale": "-10", "SOURCEURL": "",
		}},
		{"odd-state", map[string]string{
			"SQLDATE": "20210215", "ActionGeo_Type": "2", "ActionGeo_FullName": "Texas, United States", "ActionGeo_ADM1Code": "USTX",
			"ActionGeo_FeatureID": "USTX", "GoldsteinScale": "-6.5",
		}},
		{"odd-adm1-and-country", map[string]string{
			"SQLDATE": "20191231", "FractionDate": "2019.9890", "ActionGeo_Type": "5", "ActionGeo_FullName": "Idlib, Syria", "ActionGeo_ADM1Code": "SY12",
		}},
		{"odd-country", map[string]string{
			"SQLDATE": "20200221", "ActionGeo_Type": "1", "ActionGeo_FullName": "Germany", "ActionGeo_CountryCode": "GM",
			"ActionGeo_ADM1Code": "GM", "ActionGeo_FeatureID": "GM", "ActionGeo_Lat": "51.5",
		}},
	}
	for _, tt := range tests {
		row, ok := byID[tt.id]
		if !ok {
			t.Errorf("no row for %s", tt.id)
			continue
		}
		for c, want := range tt.want {
			i, ok := col[c]
			if !ok {
				t.Fatalf("no column %s", c)
			}
			if row[i] != want {
				t.Errorf("%s: %s = %q, want %q", tt.id, c, row[i], want)
			}
		}
	}
}

// TestGDELTColumnsMatchCodebook checks the column list against GDELT's
// own header file, where ../shared has it.
func TestGDELTColumnsMatchCodebook(t *testing.T) {
	path := filepath.Join(root(t), "..", "shared", "reference", "gdelt", "GDELT_2.0_Events_Column_Labels_Header_Row_Sep2016.csv")
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("no GDELT codebook at %s: %v", path, err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, r := range rows[1:] {
		names = append(names, r[0])
	}
	if strings.Join(names, " ") != strings.Join(export.GDELTColumns, " ") {
		t.Errorf("columns differ from the codebook:\n got %v\nwant %v", export.GDELTColumns, names)
	}
}

func TestGlobalEventID(t *testing.T) {
	a, b := export.GlobalEventID("144def710f4c9d39"), export.GlobalEventID("79799142636ca47b")
	if a <= 0 || b <= 0 || a == b {
		t.Errorf("ids %d and %d: want distinct positive numbers", a, b)
	}
	if export.GlobalEventID("144def710f4c9d39") != a {
		t.Error("GlobalEventID is not stable")
	}
}

func TestPLOVERReadBack(t *testing.T) {
	evs := allEvents(t)
	out := write(t, "plover", evs)
	dec := json.NewDecoder(bytes.NewReader(out))
	for i := 0; ; i++ {
		var rec map[string]any
		if err := dec.Decode(&rec); err == io.EOF {
			if i != len(evs) {
				t.Errorf("%d records for %d events", i, len(evs))
			}
			break
		} else if err != nil {
			t.Fatalf("record %d: %v", i+1, err)
		}
		ev := evs[i]
		for _, k := range []string{"id", "date", "event_type", "mode", "context", "actor", "recipient", "location", "event_text", "evidence", "cameo"} {
			if _, ok := rec[k]; !ok {
				t.Errorf("record %s lacks %q", ev.ID, k)
			}
		}
		if rec["event_type"] != ev.Plover.Type || rec["event_text"] != ev.Evidence.Sentence {
			t.Errorf("record %s: event_type %v, event_text %v", ev.ID, rec["event_type"], rec["event_text"])
		}
		if _, ok := rec["context"].([]any); !ok {
			t.Errorf("record %s: context %v is not a list", ev.ID, rec["context"])
		}
		if (ev.Location == nil) != (rec["location"] == nil) {
			t.Errorf("record %s: location %v", ev.ID, rec["location"])
		}
		var want eventwire.Evidence
		b, _ := json.Marshal(rec["evidence"])
		if err := json.Unmarshal(b, &want); err != nil || want != ev.Evidence {
			t.Errorf("record %s: evidence %s, want %+v", ev.ID, b, ev.Evidence)
		}
	}
}

func TestCSVReadBack(t *testing.T) {
	evs := allEvents(t)
	rows, err := csv.NewReader(bytes.NewReader(write(t, "csv", evs))).ReadAll()
	if err != nil {
		t.Fatalf("encoding/csv reads the CSV back: %v", err)
	}
	if len(rows) != len(evs)+1 {
		t.Fatalf("%d rows for %d events and a header", len(rows), len(evs))
	}
	if strings.Join(rows[0], ",") != strings.Join(export.CSVColumns, ",") {
		t.Errorf("header %v", rows[0])
	}
	col := map[string]int{}
	for i, c := range rows[0] {
		col[c] = i
	}
	for _, c := range []string{"source_code", "source_country", "target_code", "location_lat", "evidence_start", "evidence_end", "evidence_sentence"} {
		if _, ok := col[c]; !ok {
			t.Errorf("no column %s", c)
		}
	}
	for i, ev := range evs {
		row := rows[i+1]
		if row[col["id"]] != ev.ID || row[col["evidence_sentence"]] != ev.Evidence.Sentence {
			t.Errorf("row %d: id %q, sentence %q", i+1, row[col["id"]], row[col["evidence_sentence"]])
		}
		if ev.Target == nil && row[col["target_code"]] != "" {
			t.Errorf("row %d: target_code %q for no target", i+1, row[col["target_code"]])
		}
	}

	// No events: the header alone.
	rows, err = csv.NewReader(bytes.NewReader(write(t, "csv", nil))).ReadAll()
	if err != nil || len(rows) != 1 {
		t.Errorf("no events: %d rows, %v; want the header", len(rows), err)
	}
}

type featureCollection struct {
	Type     string `json:"type"`
	Features []struct {
		Type     string `json:"type"`
		ID       string `json:"id"`
		Geometry struct {
			Type        string    `json:"type"`
			Coordinates []float64 `json:"coordinates"`
		} `json:"geometry"`
		Properties map[string]any `json:"properties"`
	} `json:"features"`
}

func TestGeoJSONReadBack(t *testing.T) {
	evs := allEvents(t)
	var located []eventwire.Event
	for _, ev := range evs {
		if ev.Location != nil {
			located = append(located, ev)
		}
	}
	var b bytes.Buffer
	w := export.NewGeoJSON(&b)
	for i := range evs {
		if err := w.Write(&evs[i]); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if w.Skipped != len(evs)-len(located) {
		t.Errorf("skipped %d, want %d", w.Skipped, len(evs)-len(located))
	}
	var fc featureCollection
	if err := json.Unmarshal(b.Bytes(), &fc); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, b.Bytes())
	}
	if fc.Type != "FeatureCollection" || len(fc.Features) != len(located) {
		t.Fatalf("%s of %d features, want FeatureCollection of %d", fc.Type, len(fc.Features), len(located))
	}
	for i, f := range fc.Features {
		ev := located[i]
		c := f.Geometry.Coordinates
		if f.Type != "Feature" || f.Geometry.Type != "Point" || len(c) != 2 || c[0] != ev.Location.Lon || c[1] != ev.Location.Lat {
			t.Errorf("feature %d: %s %s %v, want a Point at [%v %v]", i, f.Type, f.Geometry.Type, c, ev.Location.Lon, ev.Location.Lat)
		}
		if f.ID != ev.ID || f.Properties["evidence_sentence"] != ev.Evidence.Sentence || f.Properties["cameo"] != ev.CAMEO {
			t.Errorf("feature %d: id %s, properties %v", i, f.ID, f.Properties)
		}
	}

	for _, evs := range [][]eventwire.Event{nil, oddEvents()[1:2]} {
		var fc featureCollection
		if err := json.Unmarshal(write(t, "geojson", evs), &fc); err != nil || fc.Type != "FeatureCollection" || len(fc.Features) != 0 {
			t.Errorf("%d events without a location: %+v, %v; want an empty FeatureCollection", len(evs), fc, err)
		}
	}
}

// TestFIPS checks the country table against GeoNames' countryInfo, which
// gives every country's FIPS code.
func TestFIPS(t *testing.T) {
	path := filepath.Join(root(t), "..", "shared", "reference", "geonames", "countryInfo.txt")
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("no GeoNames country table at %s: %v", path, err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	checked := 0
	for sc.Scan() {
		l := sc.Text()
		if strings.HasPrefix(l, "#") {
			continue
		}
		c := strings.Split(l, "\t")
		if len(c) < 5 || c[3] == "" || c[1] == "ISO3" {
			continue
		}
		iso3, fips := c[1], c[3]
		if got := export.FIPS(iso3); got != fips {
			t.Errorf("FIPS(%s) = %q, GeoNames says %q (%s)", iso3, got, fips, c[4])
		}
		checked++
	}
	if checked < 200 {
		t.Errorf("checked only %d countries", checked)
	}
}

func BenchmarkWriters(b *testing.B) {
	evs := allEvents(b)
	for _, format := range export.Formats {
		b.Run(format, func(b *testing.B) {
			w, err := export.New(format, io.Discard, options())
			if err != nil {
				b.Fatal(err)
			}
			n := 0
			for b.Loop() {
				for i := range evs {
					if err := w.Write(&evs[i]); err != nil {
						b.Fatal(err)
					}
				}
				n += len(evs)
			}
			if err := w.Close(); err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "events/s")
		})
	}
}
