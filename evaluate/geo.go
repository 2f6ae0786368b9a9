package evaluate

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"slices"
	"unicode/utf8"

	"github.com/eventwire/eventwire"
)

// GeoArticle is one article of a toponym gold file: its text and the
// places a person marked in it.
type GeoArticle struct {
	Source string // the article's URL or other identifier, "" when the file gives none
	Text   string
	Places []GoldPlace
}

// GoldPlace is a toponym marked in a gold article, with where it really is.
type GoldPlace struct {
	Name      string         `json:"name"`               // as written in the text
	AltName   string         `json:"alt_name,omitempty"` // the name the annotator resolved it to, if different
	Span      eventwire.Span `json:"span"`               // byte offsets into the article text
	Lat       float64        `json:"lat"`
	Lon       float64        `json:"lon"`
	Page      string         `json:"page,omitempty"` // a page about the place, e.g. its Wikipedia article
	Continent bool           `json:"continent,omitempty"`
}

// The GeoVirus XML layout:
//
//	<articles><article>
//	  <source>URL</source><text>...</text>
//	  <locations><location>
//	    <name>Pandi</name><altName>...</altName><start>170</start><end>175</end>
//	    <lat>14.87</lat><lon>120.95</lon><page>URL</page><continent/>
//	  </location>...</locations>
//	</article>...</articles>
type xmlArticles struct {
	Articles []xmlArticle `xml:"article"`
}

type xmlArticle struct {
	Source    string        `xml:"source"`
	Text      string        `xml:"text"`
	Locations []xmlLocation `xml:"locations>location"`
}

type xmlLocation struct {
	Name      string    `xml:"name"`
	AltName   string    `xml:"altName"`
	Start     int       `xml:"start"`
	End       int       `xml:"end"`
	Lat       float64   `xml:"lat"`
	Lon       float64   `xml:"lon"`
	Page      string    `xml:"page"`
	Continent *struct{} `xml:"continent"`
}

// ReadGeoVirus reads a gold file in the GeoVirus XML layout. Offsets in the
// file count characters (Unicode code points), not bytes; shift is what the
// file adds to every true offset (GeoVirus itself adds 1, so its true span
// is text[start-1:end-1]; files written for eventwire add 0). The spans
// returned are byte offsets into each article's Text.
//
// Every location must lie inside its text and the text there must read as
// its name; otherwise ReadGeoVirus returns an error wrapping
// eventwire.ErrInvalid that names the article and location, since a wrong
// shift or a corrupt file would silently spoil every score.
func ReadGeoVirus(r io.Reader, shift int) ([]GeoArticle, error) {
	var doc xmlArticles
	if err := xml.NewDecoder(r).Decode(&doc); err != nil {
		return nil, fmt.Errorf("read gold places: %w: %v", eventwire.ErrInvalid, err)
	}
	out := make([]GeoArticle, 0, len(doc.Articles))
	for ai, xa := range doc.Articles {
		a := GeoArticle{Source: xa.Source, Text: xa.Text}
		bytesAt := runeStarts(xa.Text)
		for li, l := range xa.Locations {
			start, end := l.Start-shift, l.End-shift
			if start < 0 || end < start || end >= len(bytesAt) {
				return nil, fmt.Errorf("article %d, location %d %q: offsets %d..%d (shift %d) outside a text of %d characters: %w",
					ai+1, li+1, l.Name, l.Start, l.End, shift, len(bytesAt)-1, eventwire.ErrInvalid)
			}
			span := eventwire.Span{Start: bytesAt[start], End: bytesAt[end]}
			if got := xa.Text[span.Start:span.End]; got != l.Name {
				return nil, fmt.Errorf("article %d, location %d %q: the text at %d..%d (shift %d) reads %q; wrong shift? %w",
					ai+1, li+1, l.Name, l.Start, l.End, shift, got, eventwire.ErrInvalid)
			}
			if math.IsNaN(l.Lat) || math.IsNaN(l.Lon) || math.Abs(l.Lat) > 90 || math.Abs(l.Lon) > 180 {
				return nil, fmt.Errorf("article %d, location %d %q: no such point %v, %v: %w",
					ai+1, li+1, l.Name, l.Lat, l.Lon, eventwire.ErrInvalid)
			}
			a.Places = append(a.Places, GoldPlace{
				Name: l.Name, AltName: l.AltName, Span: span,
				Lat: l.Lat, Lon: l.Lon, Page: l.Page, Continent: l.Continent != nil,
			})
		}
		out = append(out, a)
	}
	return out, nil
}

// runeStarts maps character offsets to byte offsets; the last entry is
// len(s), so a span may end at the end of the text. Invalid UTF-8 bytes
// count as one character each, as range over a string does.
func runeStarts(s string) []int {
	out := make([]int, 0, utf8.RuneCountInString(s)+1)
	for i := range s {
		out = append(out, i)
	}
	return append(out, len(s))
}

// EarthRadius is the mean radius of the Earth in km (IUGG).
const EarthRadius = 6371.0088

// MaxError is the largest error the AUC measure allows for, in km: half the
// Earth's equatorial circumference, as the geoparsing literature sets it.
const MaxError = 20039.0

// Distance returns the great-circle distance in km between two points given
// in degrees, on a sphere of EarthRadius. It uses the spherical Vincenty
// formula, which stays accurate for points near each other and for points
// nearly opposite.
func Distance(lat1, lon1, lat2, lon2 float64) float64 {
	rad := math.Pi / 180
	p1, p2 := lat1*rad, lat2*rad
	dl := (lon2 - lon1) * rad
	y := math.Hypot(math.Cos(p2)*math.Sin(dl), math.Cos(p1)*math.Sin(p2)-math.Sin(p1)*math.Cos(p2)*math.Cos(dl))
	x := math.Sin(p1)*math.Sin(p2) + math.Cos(p1)*math.Cos(p2)*math.Cos(dl)
	return EarthRadius * math.Atan2(y, x)
}

// PlaceMatch is a gold toponym and the place found over it.
type PlaceMatch struct {
	Gold  GoldPlace
	Found eventwire.Place
	Km    float64 // distance between the gold point and the found one
}

// PlaceCounts is how one article's found places compare with its gold.
type PlaceCounts struct {
	Gold, Found int
	Matches     []PlaceMatch      // in gold order
	Missed      []GoldPlace       // gold toponyms no found place overlaps
	Spurious    []eventwire.Place // found places that overlap no gold toponym left over
}

// ScorePlaces matches found places to gold toponyms one to one: a found
// place matches a gold toponym when their spans share a byte. Gold toponyms
// are taken in order and each takes the unused found place it overlaps most
// (the earliest on a tie), so a found "New York City" over gold "New York"
// and "City" counts once.
func ScorePlaces(gold []GoldPlace, found []eventwire.Place) PlaceCounts {
	c := PlaceCounts{Gold: len(gold), Found: len(found)}
	used := make([]bool, len(found))
	for _, g := range gold {
		best, most := -1, 0
		for i, f := range found {
			if used[i] || !f.Span.Overlaps(g.Span) {
				continue
			}
			if n := min(f.Span.End, g.Span.End) - max(f.Span.Start, g.Span.Start); n > most {
				best, most = i, n
			}
		}
		if best < 0 {
			c.Missed = append(c.Missed, g)
			continue
		}
		used[best] = true
		f := found[best]
		c.Matches = append(c.Matches, PlaceMatch{Gold: g, Found: f, Km: Distance(g.Lat, g.Lon, f.Lat, f.Lon)})
	}
	for i, u := range used {
		if !u {
			c.Spurious = append(c.Spurious, found[i])
		}
	}
	return c
}

// Within161 is the accuracy threshold of the literature: 161 km, 100 miles.
const Within161 = 161.0

// PlaceReport adds up place scores over many articles.
type PlaceReport struct {
	Articles int
	Gold     int
	Found    int
	errors   []float64 // km, one per matched toponym
}

// Add counts one article.
func (r *PlaceReport) Add(c PlaceCounts) {
	r.Articles++
	r.Gold += c.Gold
	r.Found += c.Found
	for _, m := range c.Matches {
		r.errors = append(r.errors, m.Km)
	}
}

// Merge adds another report's counts to r.
func (r *PlaceReport) Merge(o *PlaceReport) {
	r.Articles += o.Articles
	r.Gold += o.Gold
	r.Found += o.Found
	r.errors = append(r.errors, o.errors...)
}

// Matched is the number of gold toponyms a found place overlaps.
func (r *PlaceReport) Matched() int { return len(r.errors) }

// Recognition returns the recognition counts: matched toponyms (TP), found
// places matching none (FP), gold toponyms missed (FN).
func (r *PlaceReport) Recognition() Counts {
	m := r.Matched()
	return Counts{TP: m, FP: r.Found - m, FN: r.Gold - m}
}

// Acc161 is the share of matched toponyms placed within 161 km of gold,
// 0 when none matched.
func (r *PlaceReport) Acc161() float64 {
	n := 0
	for _, e := range r.errors {
		if e <= Within161 {
			n++
		}
	}
	return ratio(n, len(r.errors))
}

// MeanKm is the mean error of matched toponyms in km, 0 when none matched.
func (r *PlaceReport) MeanKm() float64 {
	if len(r.errors) == 0 {
		return 0
	}
	var sum float64
	for _, e := range r.errors {
		sum += e
	}
	return sum / float64(len(r.errors))
}

// MedianKm is the median error of matched toponyms in km (the mean of the
// two middle errors for an even count), 0 when none matched.
func (r *PlaceReport) MedianKm() float64 { return median(r.errors) }

// AUC is the area under the curve of log errors of matched toponyms.
func (r *PlaceReport) AUC() float64 { return AUC(r.errors) }

func median(xs []float64) float64 {
	n := len(xs)
	if n == 0 {
		return 0
	}
	s := slices.Sorted(slices.Values(xs))
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// AUC returns the area under the curve of log errors, the measure of Gritta
// et al. ("What's missing in geographical parsing?", 2018). With the n
// errors (km) sorted ascending as e[0] <= ... <= e[n-1], each clamped to
// [0, MaxError-1] so that y stays within [0, 1], let
//
//	y[i] = ln(1 + e[i]) / ln(MaxError)        (MaxError = 20039 km)
//
// and take the area under y over an x axis from 0 to 1 in n-1 equal steps
// by the trapezoid rule:
//
//	AUC = 1/(n-1) · Σ_{i=1..n-1} (y[i-1] + y[i]) / 2
//
// which is numpy's trapz(ln(1+sorted errors)) / (ln(20039)·(n-1)) as in
// the authors' scripts. 0 means every toponym exactly placed, 1 every one
// on the far side of the Earth: lower is better. One error gives its own
// y[0]; no errors give 0.
func AUC(errors []float64) float64 {
	n := len(errors)
	if n == 0 {
		return 0
	}
	s := slices.Sorted(slices.Values(errors))
	norm := math.Log(MaxError)
	y := func(i int) float64 { return math.Log1p(min(max(s[i], 0), MaxError-1)) / norm }
	if n == 1 {
		return y(0)
	}
	var area float64
	for i := 1; i < n; i++ {
		area += (y(i-1) + y(i)) / 2
	}
	return area / float64(n-1)
}

// PlaceSummary is a PlaceReport's counts and the figures derived from
// them, as reports print them.
type PlaceSummary struct {
	Articles  int     `json:"articles"`
	Gold      int     `json:"gold"`
	Found     int     `json:"found"`
	Matched   int     `json:"matched"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
	Acc161    float64 `json:"acc161"`
	MeanKm    float64 `json:"mean_km"`
	MedianKm  float64 `json:"median_km"`
	AUC       float64 `json:"auc"`
}

// Summary returns the counts and every figure derived from them.
func (r *PlaceReport) Summary() PlaceSummary {
	c := r.Recognition()
	return PlaceSummary{
		Articles: r.Articles, Gold: r.Gold, Found: r.Found, Matched: r.Matched(),
		Precision: c.Precision(), Recall: c.Recall(), F1: c.F1(),
		Acc161: r.Acc161(), MeanKm: r.MeanKm(), MedianKm: r.MedianKm(), AUC: r.AUC(),
	}
}

// MarshalJSON writes the report's Summary.
func (r *PlaceReport) MarshalJSON() ([]byte, error) { return json.Marshal(r.Summary()) }

// Print writes the report as a short table.
func (r *PlaceReport) Print(w io.Writer) {
	c := r.Recognition()
	fmt.Fprintf(w, "places: %d articles, %d gold toponyms, %d found, %d matched\n\n", r.Articles, r.Gold, r.Found, r.Matched())
	fmt.Fprintf(w, "recognition   P %.3f  R %.3f  F1 %.3f  (TP %d FP %d FN %d)\n", c.Precision(), c.Recall(), c.F1(), c.TP, c.FP, c.FN)
	fmt.Fprintf(w, "resolution    acc@161km %.3f  mean %.0f km  median %.1f km  AUC %.3f  (over %d matched)\n",
		r.Acc161(), r.MeanKm(), r.MedianKm(), r.AUC(), r.Matched())
}
