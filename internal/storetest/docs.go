package storetest

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/eventwire/eventwire/internal/repo"

	"github.com/eventwire/eventwire"
	"github.com/eventwire/eventwire/geo"
	"github.com/eventwire/eventwire/lexicon"
	"github.com/eventwire/eventwire/pipeline"
)

// StoryPath is the real article the suite codes, relative to the module root.
const StoryPath = "testdata/tass-2020-02-21-idlib.txt"

var (
	storyOnce sync.Once
	storyDoc  *eventwire.Document
	storyErr  error
	pipeOnce  sync.Once
	pipe      *pipeline.Pipeline
	pipeErr   error
)

// Pipeline returns the standard pipeline with the embedded lexicon and
// gazetteer, loaded once.
func Pipeline(tb testing.TB) *pipeline.Pipeline {
	tb.Helper()
	pipeOnce.Do(func() {
		lex, err := lexicon.Default()
		if lex == nil {
			pipeErr = fmt.Errorf("load lexicon: %w", err)
			return
		}
		gaz, err := geo.Default()
		if err != nil {
			pipeErr = fmt.Errorf("load gazetteer: %w", err)
			return
		}
		pipe = pipeline.Standard(pipeline.Config{Lexicon: lex, Gazetteer: gaz,
			Clock: func() time.Time { return time.Date(2020, 3, 1, 0, 0, 0, 0, time.UTC) }})
	})
	if pipeErr != nil {
		tb.Fatal(pipeErr)
	}
	return pipe
}

// Story returns the example TASS story of 21 February 2020 coded by the
// real pipeline. Callers must not modify it; Clone it first.
func Story(tb testing.TB) *eventwire.Document {
	tb.Helper()
	storyOnce.Do(func() {
		text, err := os.ReadFile(filepath.Join(repo.Root(tb), StoryPath))
		if err != nil {
			storyErr = err
			return
		}
		a := eventwire.Article{ID: "tass-2020-02-21-idlib", URL: "https://tass.com/world/1122545", Title: "Idlib",
			Text: string(text), Published: time.Date(2020, 2, 21, 0, 0, 0, 0, time.UTC)}
		storyDoc, storyErr = Pipeline(tb).Run(a)
	})
	if storyErr != nil {
		tb.Fatal(storyErr)
	}
	if len(storyDoc.Events) < 5 {
		tb.Fatalf("the story coded only %d events", len(storyDoc.Events))
	}
	return storyDoc
}

// Clone returns a copy of doc as the article id at url: its slices are
// copied, and with a new id its events are renamed ("id/old-event-id") as
// coding the article under that id would.
func Clone(doc *eventwire.Document, id, url string) *eventwire.Document {
	c := *doc
	c.Article.ID, c.Article.URL = id, url
	c.Mentions = append([]eventwire.Mention(nil), doc.Mentions...)
	c.Places = append([]eventwire.Place(nil), doc.Places...)
	c.Timexes = append([]eventwire.Timex(nil), doc.Timexes...)
	c.Events = append([]eventwire.Event(nil), doc.Events...)
	if id != doc.Article.ID {
		for i := range c.Events {
			c.Events[i].Article = id
			c.Events[i].ID = id + "/" + doc.Events[i].ID
		}
	}
	return &c
}

// Synthetic returns small hand-made documents whose events cover what the
// story lacks: month, week and year dates, an undated event, a missing
// source, places on both sides of the antimeridian, an id repeated within
// a document, and a document with no events.
func Synthetic() []*eventwire.Document {
	part := func(code, country, sector, text string, start int) *eventwire.Participant {
		return &eventwire.Participant{Code: code, Country: country, Sector: sector, Text: text, Start: start, End: start + len(text)}
	}
	ev := func(article, id, date string, prec eventwire.Precision, src, tgt *eventwire.Participant,
		cameo, name string, quad int, gold float64, plover string, loc *eventwire.Location, sentence string, start int) eventwire.Event {
		return eventwire.Event{Article: article, ID: id, Date: date, DatePrecision: prec, Source: src, Target: tgt,
			CAMEO: cameo, Name: name, Root: cameo[:2], Quad: quad, Goldstein: gold, Plover: eventwire.Plover{Type: plover},
			Location: loc, Evidence: eventwire.Evidence{Sentence: sentence, Start: start, End: start + len(sentence),
				Trigger: eventwire.Span{Start: start + 1, End: start + 5}}, Confidence: 0.7}
	}
	textA := "Russian forces shelled Kharkiv on March 4. In March the United States imposed sanctions on Russia. " +
		"Aid to Ukraine was promised. Kyiv accused Moscow of attacks during the week."
	kharkiv := &eventwire.Location{Name: "Kharkiv", Country: "UKR", ADM1: "UP07", Lat: 49.98, Lon: 36.25, GeonameID: 706483,
		Precision: "city", Span: &eventwire.Span{Start: 23, End: 30}, Basis: "clause"}
	ukraine := &eventwire.Location{Name: "Ukraine", Country: "UKR", Lat: 49, Lon: 32, Precision: "country", Basis: "actor-country"}
	a := &eventwire.Document{
		Article: eventwire.Article{ID: "syn-a", URL: "https://example.org/a", Title: "A", Text: textA,
			Published: time.Date(2021, 3, 20, 0, 0, 0, 0, time.UTC)},
		PubDate: eventwire.PubDate{Time: time.Date(2021, 3, 20, 0, 0, 0, 0, time.UTC), Source: "caller", Precision: eventwire.PrecisionDay},
		Mentions: []eventwire.Mention{
			{Span: eventwire.Span{Start: 0, End: 14}, Text: "Russian forces", Actor: eventwire.Actor{Code: "RUSMIL", Country: "RUS", Sector: "MIL"}, Kind: "agent", Entries: []string{"agents.txt:1"}},
		},
		Places:  []eventwire.Place{{Span: eventwire.Span{Start: 23, End: 30}, Text: "Kharkiv", Name: "Kharkiv", Country: "UKR", ADM1: "UP07", Lat: 49.98, Lon: 36.25, GeonameID: 706483, Feature: "PPLA", Type: "city"}},
		Timexes: []eventwire.Timex{{Span: eventwire.Span{Start: 34, End: 41}, Text: "March 4", Type: "DATE", Value: "2021-03-04", Precision: eventwire.PrecisionDay}},
		Events: []eventwire.Event{
			ev("syn-a", "a1", "2021-03-04", eventwire.PrecisionDay, part("RUSMIL", "RUS", "MIL", "Russian forces", 0), part("UKRMIL", "UKR", "MIL", "Kharkiv", 23),
				"190", "Use conventional military force", 4, -10, "ASSAULT", kharkiv, "Russian forces shelled Kharkiv on March 4.", 0),
			ev("syn-a", "a2", "2021-03", eventwire.PrecisionMonth, part("USAGOV", "USA", "GOV", "the United States", 52), part("RUSGOV", "RUS", "GOV", "Russia", 91),
				"163", "Impose embargo, boycott, or sanctions", 4, -8, "SANCTION", nil, "In March the United States imposed sanctions on Russia.", 43),
			ev("syn-a", "a3", "", eventwire.PrecisionNone, nil, part("UKRGOV", "UKR", "GOV", "Ukraine", 106),
				"0311", "Express intent to cooperate economically", 1, 5.2, "", ukraine, "Aid to Ukraine was promised.", 99),
			ev("syn-a", "a4", "2021-03-01", eventwire.PrecisionWeek, part("UKRGOV", "UKR", "GOV", "Kyiv", 128), part("RUSGOV", "RUS", "GOV", "Moscow", 145),
				"112", "Accuse of crime, corruption", 3, -2, "ACCUSE", nil, "Kyiv accused Moscow of attacks during the week.", 128),
		},
	}
	a.Events[3].Plover.Context = []string{"crime"}
	a.Events[0].Plover.Mode = "artillery"

	textB := "Fiji's prime minister visited Wellington in 2019. US troops held exercises in the Aleutians on December 31."
	suva := &eventwire.Location{Name: "Suva", Country: "FJI", ADM1: "FJ01", Lat: -18.14, Lon: 178.44, Precision: "city", Basis: "article"}
	adak := &eventwire.Location{Name: "Adak", Country: "USA", ADM1: "US02", Lat: 51.88, Lon: -176.66, Precision: "city", Basis: "sentence"}
	adak.Lon = -179.5
	b := &eventwire.Document{
		Article: eventwire.Article{ID: "syn-b", Title: "B", Text: textB},
		Events: []eventwire.Event{
			ev("syn-b", "b1", "2019", eventwire.PrecisionYear, part("FJIGOV", "FJI", "GOV", "Fiji's prime minister", 0), part("NZL", "NZL", "", "Wellington", 30),
				"042", "Make a visit", 1, 1.9, "CONSULT", suva, "Fiji's prime minister visited Wellington in 2019.", 0),
			ev("syn-b", "b2", "2019-12-31", eventwire.PrecisionDay, part("USAMIL", "USA", "MIL", "US troops", 50), nil,
				"150", "Demonstrate military or police power", 4, -7.2, "MOBILIZE", adak, "US troops held exercises in the Aleutians on December 31.", 50),
		},
	}
	b.Events[0].Plover.Mode = "visit"
	dup := b.Events[0]
	dup.CAMEO = "043" // same id: the store keeps the first
	b.Events = append(b.Events, dup)

	empty := &eventwire.Document{
		Article:  eventwire.Article{ID: "syn-empty", URL: "https://example.org/empty", Text: "Nothing happened today."},
		Mentions: []eventwire.Mention{{Span: eventwire.Span{Start: 0, End: 7}, Text: "Nothing", Actor: eventwire.Actor{Code: "XXX"}, Kind: "group"}},
	}
	return []*eventwire.Document{a, b, empty}
}
