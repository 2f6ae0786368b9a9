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
	})
}
