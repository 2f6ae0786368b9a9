package gazfile_test

import (
	"bytes"
	"errors"
	"testing"

	"github.com/eventwire/eventwire/geo/internal/gazfile"
)

func sample() *gazfile.Data {
	return &gazfile.Data{
		Countries: []gazfile.Country{{}, {Alpha2: "SY", Alpha3: "SYR"}, {Alpha2: "TR", Alpha3: "TUR"}},
		Features: []gazfile.Feature{
			{Name: "Syria", Lat: 35, Lon: 38, Code: "PCLI", Country: 1, Population: 10000000},
			{ID: 169389, Name: "Idlib", Lat: 35.93062, Lon: 36.63393, Code: "PPLA", Country: 1, ADM1: "12", Population: 128840},
			{ID: 323786, Name: "Ankara", Lat: 39.91987, Lon: 32.85427, Code: "PPLC", Country: 2, ADM1: "68", Population: 3517182},
			{Name: "Antarctica", Lat: -90, Lon: -180, Code: "CONT"},
		},
		Keys: map[string][]gazfile.Posting{
			"syria":      {{Feature: 0}},
			"syrian":     {{Feature: 0, Flags: gazfile.Demonym}},
			"idlib":      {{Feature: 1}},
			"ankara":     {{Feature: 2}},
			"antarctica": {{Feature: 3}},
		},
		KeyFlags: map[string]uint8{"ankara": gazfile.Common},
	}
}

func encode(t testing.TB, d *gazfile.Data) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := gazfile.Write(&buf, d); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestRoundTrip(t *testing.T) {
	d := sample()
	raw := encode(t, d)
	if again := encode(t, d); !bytes.Equal(raw, again) {
		t.Error("Write is not deterministic")
	}
	tab, err := gazfile.Read(raw)
	if err != nil {
		t.Fatal(err)
	}
	if tab.Len() != len(d.Features) {
		t.Fatalf("Len() = %d, want %d", tab.Len(), len(d.Features))
	}
	for i, want := range d.Features {
		if got := tab.Feature(i); got != want {
			t.Errorf("Feature(%d) = %+v, want %+v", i, got, want)
		}
		if got := tab.Code(i); got != want.Code {
			t.Errorf("Code(%d) = %q, want %q", i, got, want.Code)
		}
	}
	for k, want := range d.Keys {
		ps, flags, ok := tab.Find(k)
		if !ok || len(ps) != len(want) || ps[0] != want[0] || flags != d.KeyFlags[k] {
			t.Errorf("Find(%q) = %v, %d, %v; want %v, %d", k, ps, flags, ok, want, d.KeyFlags[k])
		}
	}
	if _, _, ok := tab.Find("damascus"); ok {
		t.Error(`Find("damascus") found a missing key`)
	}
	if !tab.HasPrefix("syr") || tab.HasPrefix("zzz") {
		t.Error("HasPrefix wrong")
	}
	if got := tab.Countries(); len(got) != 3 || got[2].Alpha3 != "TUR" {
		t.Errorf("Countries() = %v", got)
	}
}

func TestWriteRejects(t *testing.T) {
	d := sample()
	d.Keys["bad"] = []gazfile.Posting{{Feature: 99}}
	if err := gazfile.Write(&bytes.Buffer{}, d); err == nil {
		t.Error("posting out of range accepted")
	}
}

func TestReadRejectsDamage(t *testing.T) {
	raw := encode(t, sample())
	for _, cut := range []int{0, 5, 20, len(raw) / 2, len(raw) - 1} {
		if _, err := gazfile.Read(raw[:cut]); !errors.Is(err, gazfile.ErrFormat) {
			t.Errorf("Read of %d/%d bytes: error %v, want ErrFormat", cut, len(raw), err)
		}
	}
}

func FuzzRead(f *testing.F) {
	raw := encode(f, sample())
	f.Add(raw)
	f.Add(raw[:40])
	f.Add([]byte("EWGAZ\x02"))
	f.Fuzz(func(t *testing.T, b []byte) {
		tab, err := gazfile.Read(b)
		if err != nil {
			return
		}
		for i := range tab.Len() {
			tab.Feature(i)
		}
		tab.Find("idlib")
		tab.HasPrefix("s")
		if k, _ := tab.Key([]byte("idlib")); k >= 0 {
			for j := range tab.NumPostings(k) {
				tab.Population(tab.Posting(k, j).Feature)
			}
		}
	})
}

// TestKey checks the hash index against the sorted keys: every key and
// every word prefix of a key is found, and nothing else.
func TestKey(t *testing.T) {
	d := sample()
	d.Features = append(d.Features,
		gazfile.Feature{ID: 5128581, Name: "New York City", Lat: 40.71, Lon: -74.01, Code: "PPL", Country: 3, ADM1: "NY", Population: 8804190},
		gazfile.Feature{Name: "New York", Lat: 43, Lon: -75.5, Code: "ADM1", Country: 3, ADM1: "NY"},
		gazfile.Feature{ID: 4645, Name: "Ras al-Ain", Lat: 36.85, Lon: 40.07, Code: "PPL", Country: 1, Population: 29347},
	)
	d.Countries = append(d.Countries, gazfile.Country{Alpha2: "US", Alpha3: "USA"})
	d.Keys["new york city"] = []gazfile.Posting{{Feature: 4}}
	d.Keys["new york"] = []gazfile.Posting{{Feature: 5}, {Feature: 4}}
	d.Keys["ras al ain"] = []gazfile.Posting{{Feature: 6}}
	d.Keys["us"] = []gazfile.Posting{{Feature: 4, Flags: gazfile.Abbrev}}
	tab, err := gazfile.Read(encode(t, d))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		key        string
		found      bool
		postings   int
		more       bool
		population int // of the first posting
	}{
		{"syria", true, 1, false, 10000000},
		{"new york", true, 2, true, 0},
		{"new york city", true, 1, false, 8804190},
		{"new", false, 0, true, 0},    // a word prefix only
		{"ras al", false, 0, true, 0}, // two words of three
		{"ras", false, 0, true, 0},    //
		{"ras al ain", true, 1, false, 29347},
		{"york", false, 0, false, 0},     // inside a key, not at its start
		{"new yor", false, 0, false, 0},  // a string prefix is no word prefix
		{"syri", false, 0, false, 0},     //
		{"damascus", false, 0, false, 0}, // absent
		{"", false, 0, false, 0},
	}
	for _, tt := range tests {
		k, more := tab.Key([]byte(tt.key))
		if (k >= 0) != tt.found || more != tt.more {
			t.Errorf("Key(%q) = %d, %v; want found %v, more %v", tt.key, k, more, tt.found, tt.more)
			continue
		}
		if k < 0 {
			continue
		}
		if got := tab.KeyString(k); got != tt.key {
			t.Errorf("KeyString(Key(%q)) = %q", tt.key, got)
		}
		want, flags, _ := tab.Find(tt.key)
		if n := tab.NumPostings(k); n != tt.postings || n != len(want) {
			t.Errorf("NumPostings(Key(%q)) = %d, want %d", tt.key, n, tt.postings)
			continue
		}
		for j := range want {
			if got := tab.Posting(k, j); got != want[j] {
				t.Errorf("Posting(Key(%q), %d) = %v, want %v", tt.key, j, got, want[j])
			}
		}
		if tab.KeyFlags(k) != flags {
			t.Errorf("KeyFlags(Key(%q)) = %d, want %d", tt.key, tab.KeyFlags(k), flags)
		}
		f := tab.Posting(k, 0).Feature
		if got := tab.Population(f); got != tt.population {
			t.Errorf("Population of %q = %d, want %d", tt.key, got, tt.population)
		}
		if got, want := tab.CountryOf(f), tab.Feature(f).Country; got != want {
			t.Errorf("CountryOf of %q = %d, want %d", tt.key, got, want)
		}
	}
}
