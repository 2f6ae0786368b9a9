package geo_test

import (
	"encoding/xml"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/eventwire/eventwire/internal/repo"

	"github.com/eventwire/eventwire"
	"github.com/eventwire/eventwire/geo"
)

// sharedDir returns ../shared beside the repository root, or skips.
func sharedDir(t testing.TB) string { return repo.Shared(t) }

type geoVirus struct {
	Articles []struct {
		Text      string `xml:"text"`
		Locations []struct {
			Name  string  `xml:"name"`
			Start int     `xml:"start"`
			End   int     `xml:"end"`
			Lat   float64 `xml:"lat"`
			Lon   float64 `xml:"lon"`
		} `xml:"locations>location"`
	} `xml:"article"`
}

// TestGeoVirusAccuracy logs how well Find does on the GeoVirus development
// set: recall and precision of toponym spans, and the share of found gold
// toponyms placed within 161 km (the usual "accuracy@161"). It asserts
// nothing: it tells where the package stands.
func TestGeoVirusAccuracy(t *testing.T) {
	shared := sharedDir(t)
	raw, err := os.ReadFile(filepath.Join(shared, "reference", "geo-dev", "GeoVirus.xml"))
	if err != nil {
		t.Skipf("GeoVirus not readable: %v", err)
	}
	var gv geoVirus
	if err := xml.Unmarshal(raw, &gv); err != nil {
		t.Fatalf("parse GeoVirus: %v", err)
	}
	g := gazetteer(t)
	var gold, found, within, ours, matched int
	missed := map[string]int{}
	wrong := map[string]int{}
	spurious := map[string]int{}
	for _, a := range gv.Articles {
		places := g.Find(a.Text)
		ours += len(places)
		byteAt := runeOffsets(a.Text)
		used := make([]bool, len(places))
		for _, l := range a.Locations {
			gold++
			// GeoVirus offsets count characters and are shifted by +1.
			if l.Start < 1 || l.End-1 >= len(byteAt) || l.Start > l.End {
				t.Errorf("GeoVirus location %q: bad offsets %d..%d", l.Name, l.Start, l.End)
				continue
			}
			span := eventwire.Span{Start: byteAt[l.Start-1], End: byteAt[l.End-1]}
			hit := -1
			for i, p := range places {
				if p.Span.Overlaps(span) {
					hit = i
					break
				}
			}
			if hit < 0 {
				missed[l.Name]++
				continue
			}
			found++
			used[hit] = true
			p := places[hit]
			if geo.Distance(p.Lat, p.Lon, l.Lat, l.Lon) <= 161 {
				within++
			} else {
				wrong[l.Name+" → "+p.Name+" "+p.Country+" "+p.Type]++
			}
		}
		for i, u := range used {
			if u {
				matched++
			} else {
				spurious[places[i].Text]++
			}
		}
	}
	t.Logf("GeoVirus: %d gold toponyms, %d found (recall %.3f), precision %.3f (%d of %d), accuracy@161km %.3f on found, %.3f on all",
		gold, found, ratio(found, gold), ratio(matched, ours), matched, ours, ratio(within, found), ratio(within, gold))
	if testing.Verbose() {
		t.Logf("most missed: %v", top(missed, 25))
		t.Logf("most misplaced: %v", top(wrong, 25))
		t.Logf("most spurious: %v", top(spurious, 25))
	}
}

// runeOffsets maps character offsets to byte offsets, one past the end included.
func runeOffsets(s string) []int {
	var out []int
	for i := range s {
		out = append(out, i)
	}
	return append(out, len(s))
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

type counted struct {
	Key string
	N   int
}

func top(m map[string]int, n int) []counted {
	var out []counted
	for k, v := range m {
		out = append(out, counted{k, v})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].N != out[j].N {
			return out[i].N > out[j].N
		}
		return out[i].Key < out[j].Key
	})
	if len(out) > n {
		out = out[:n]
	}
	return out
}
