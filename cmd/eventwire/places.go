package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/eventwire/eventwire"
	"github.com/eventwire/eventwire/evaluate"
	"github.com/eventwire/eventwire/source"
)

// placeRecord is a line of 'eventwire places': one place mention.
type placeRecord struct {
	Article   string  `json:"article"`
	Text      string  `json:"text"`
	Start     int     `json:"start"`
	End       int     `json:"end"`
	Sentence  int     `json:"sentence"`
	Name      string  `json:"name"`
	Country   string  `json:"country"`
	ADM1      string  `json:"adm1"`
	Lat       float64 `json:"lat"`
	Lon       float64 `json:"lon"`
	GeonameID int     `json:"geonameid"`
	Feature   string  `json:"feature"`
	Type      string  `json:"type"`
}

// runPlaces prints every place the standard pipeline finds, one JSON line
// a mention. The whole pipeline runs, not the geo stage alone, because the
// actors found earlier (a named person, a country's government) steer what
// counts as a place and where it is.
func runPlaces(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("places", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	var k knowledge
	k.flags(fs)
	var in inputFlags
	in.register(fs)
	inputs, err := in.parse(fs, args)
	if err != nil {
		return err
	}
	pub, err := k.publishedTime()
	if err != nil {
		return err
	}
	p, err := k.pipeline(e)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(e.stdout)
	enc.SetEscapeHTML(false)
	r := &source.Reader{Format: in.format, Published: pub, Stdin: e.stdin}
	return walk{verb: "placed", unit: "place", progress: "placing"}.run(ctx, e, p, r, inputs, k.workers, in.quiet,
		func(doc *eventwire.Document) (int, error) {
			for i, pl := range doc.Places {
				if err := enc.Encode(newPlaceRecord(doc.Article.ID, pl)); err != nil {
					return i, err
				}
			}
			return len(doc.Places), nil
		})
}

func newPlaceRecord(article string, pl eventwire.Place) placeRecord {
	return placeRecord{
		Article: article, Text: pl.Text, Start: pl.Span.Start, End: pl.Span.End, Sentence: pl.Sentence,
		Name: pl.Name, Country: pl.Country, ADM1: pl.ADM1, Lat: pl.Lat, Lon: pl.Lon,
		GeonameID: pl.GeonameID, Feature: pl.Feature, Type: pl.Type,
	}
}

// evalPlaces scores the pipeline's places against gold files in the
// GeoVirus XML layout: recognition by overlapping spans, resolution by the
// distance from each matched gold point.
func evalPlaces(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("eval places", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	var k knowledge
	k.flags(fs)
	asJSON := fs.Bool("json", false, "print the report as JSON")
	failures := fs.Bool("failures", false, "list every missed, spurious and misplaced (over 161 km) toponym")
	shift := fs.Int("shift", 0, "`N` added to every true character offset in the gold files (default: 1 for files named GeoVirus*, else 0)")
	files, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return usageErr("no gold file")
	}
	shiftSet := false
	fs.Visit(func(f *flag.Flag) { shiftSet = shiftSet || f.Name == "shift" })
	pub, err := k.publishedTime()
	if err != nil {
		return err
	}
	// Read every file first, so a bad one stops the run before the work.
	type goldFile struct {
		name     string
		articles []evaluate.GeoArticle
	}
	var gold []goldFile
	for _, name := range files {
		n := *shift
		if !shiftSet && strings.HasPrefix(filepath.Base(name), "GeoVirus") {
			n = 1
		}
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		arts, err := evaluate.ReadGeoVirus(f, n)
		f.Close()
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		gold = append(gold, goldFile{name, arts})
	}
	p, err := k.pipeline(e)
	if err != nil {
		return err
	}
	// RunAll yields results in input order; golds[i] is the i-th article's gold.
	var golds [][]evaluate.GoldPlace
	for _, g := range gold {
		for _, a := range g.articles {
			golds = append(golds, a.Places)
		}
	}
	articles := func(yield func(eventwire.Article, error) bool) {
		for _, g := range gold {
			for i, a := range g.articles {
				id := fmt.Sprintf("%s#%d", filepath.Base(g.name), i+1)
				if !yield(eventwire.Article{ID: id, URL: a.Source, Text: a.Text, Published: pub}, nil) {
					return
				}
			}
		}
	}
	var rep evaluate.PlaceReport
	var fails []articleFailure
	i := 0
	for res := range p.RunAll(ctx, articles, k.workers) {
		if i >= len(golds) {
			break // cannot happen: RunAll yields one result per article
		}
		if res.Err != nil {
			fmt.Fprintf(e.stderr, "error: %v\n", res.Err)
		}
		var found []eventwire.Place
		id := ""
		if res.Doc != nil {
			found = res.Doc.Places
			id = res.Doc.Article.ID
		}
		c := evaluate.ScorePlaces(golds[i], found)
		i++
		rep.Add(c)
		if *failures {
			if f := newArticleFailure(id, c); f != nil {
				fails = append(fails, *f)
			}
		}
	}
	if ctx.Err() != nil {
		return fmt.Errorf("interrupted after %d articles: %w", rep.Articles, ctx.Err())
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if !*failures {
			return enc.Encode(&rep)
		}
		return enc.Encode(struct {
			evaluate.PlaceSummary
			Failures []articleFailure `json:"failures"`
		}{rep.Summary(), fails})
	}
	rep.Print(e.stdout)
	if *failures {
		printPlaceFailures(e.stdout, fails)
	}
	return nil
}

// articleFailure is what one article got wrong, for --failures.
type articleFailure struct {
	Article  string         `json:"article"`
	Missed   []string       `json:"missed,omitempty"`
	Spurious []string       `json:"spurious,omitempty"`
	Far      []farPlacement `json:"misplaced,omitempty"`
}

type farPlacement struct {
	Text  string     `json:"text"`
	Start int        `json:"start"`
	Gold  [2]float64 `json:"gold"`
	Found string     `json:"found"` // name, country and type of the place chosen
	At    [2]float64 `json:"found_at"`
	Km    float64    `json:"km"`
}

func newArticleFailure(id string, c evaluate.PlaceCounts) *articleFailure {
	f := articleFailure{Article: id}
	for _, g := range c.Missed {
		f.Missed = append(f.Missed, fmt.Sprintf("%s@%d", g.Name, g.Span.Start))
	}
	for _, s := range c.Spurious {
		f.Spurious = append(f.Spurious, fmt.Sprintf("%s@%d (%s %s %s)", s.Text, s.Span.Start, s.Name, s.Country, s.Type))
	}
	for _, m := range c.Matches {
		if m.Km > evaluate.Within161 {
			f.Far = append(f.Far, farPlacement{
				Text: m.Gold.Name, Start: m.Gold.Span.Start, Gold: [2]float64{m.Gold.Lat, m.Gold.Lon},
				Found: strings.Join([]string{m.Found.Name, m.Found.Country, m.Found.Type}, " "),
				At:    [2]float64{m.Found.Lat, m.Found.Lon}, Km: m.Km,
			})
		}
	}
	if len(f.Missed)+len(f.Spurious)+len(f.Far) == 0 {
		return nil
	}
	return &f
}

func printPlaceFailures(w io.Writer, fails []articleFailure) {
	if len(fails) == 0 {
		return
	}
	fmt.Fprintf(w, "\n%d articles with failures:\n", len(fails))
	for _, f := range fails {
		fmt.Fprintf(w, "  %s\n", f.Article)
		if len(f.Missed) > 0 {
			fmt.Fprintf(w, "    missed    %s\n", strings.Join(f.Missed, ", "))
		}
		if len(f.Spurious) > 0 {
			fmt.Fprintf(w, "    spurious  %s\n", strings.Join(f.Spurious, ", "))
		}
		for _, p := range f.Far {
			fmt.Fprintf(w, "    misplaced %s@%d: gold %.2f,%.2f; found %s at %.2f,%.2f (%.0f km)\n",
				p.Text, p.Start, p.Gold[0], p.Gold[1], p.Found, p.At[0], p.At[1], p.Km)
		}
	}
}
