package geo_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/eventwire/eventwire"
	"github.com/eventwire/eventwire/geo"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/")

// sentences splits text crudely at line breaks and ". " so the stage has
// sentence indexes to fill; the real pipeline's text stage does better.
func sentences(text string) []eventwire.Sentence {
	var out []eventwire.Sentence
	start := 0
	emit := func(end int) {
		s, e := start, end
		for s < e && (text[s] == ' ' || text[s] == '\n') {
			s++
		}
		if s < e {
			out = append(out, eventwire.Sentence{Index: len(out), Span: eventwire.Span{Start: s, End: e}, Text: text[s:e]})
		}
		start = end
	}
	for i := 0; i < len(text); i++ {
		switch {
		case text[i] == '\n':
			emit(i)
		case text[i] == '.' && i+1 < len(text) && text[i+1] == ' ':
			emit(i + 1)
		}
	}
	emit(len(text))
	return out
}

// storyDoc returns the example TASS story as a document with a dateline,
// sentences and a few actor mentions, as earlier stages would leave it.
func storyDoc(t testing.TB) *eventwire.Document {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", "tass-2020-02-21-idlib.txt"))
	if err != nil {
		t.Fatal(err)
	}
	text := string(raw)
	doc := &eventwire.Document{Article: eventwire.Article{ID: "tass-2020-02-21-idlib", Text: text}}
	doc.Sentences = sentences(text)
	at := strings.Index(text, "ANKARA")
	doc.Dateline = &eventwire.Dateline{City: "ANKARA", CitySpan: eventwire.Span{Start: at, End: at + 6}, Agency: "TASS"}
	mention := func(s string, actor eventwire.Actor) {
		for off := 0; ; {
			i := strings.Index(text[off:], s)
			if i < 0 {
				return
			}
			sp := eventwire.Span{Start: off + i, End: off + i + len(s)}
			doc.Mentions = append(doc.Mentions, eventwire.Mention{Span: sp, Text: s, Sentence: doc.SentenceAt(sp.Start), Actor: actor})
			off = sp.End
		}
	}
	mention("Vladimir Putin", eventwire.Actor{Code: "RUSGOV", Country: "RUS", Sector: "GOV", Name: "Vladimir Putin"})
	mention("Recep Tayyip Erdogan", eventwire.Actor{Code: "TURGOV", Country: "TUR", Sector: "GOV", Name: "Recep Tayyip Erdogan"})
	mention("Syrian government forces", eventwire.Actor{Code: "SYRMIL", Country: "SYR", Sector: "MIL"})
	mention("Jabhat al-Nusra", eventwire.Actor{Code: "SYRREB", Country: "SYR", Sector: "REB", Name: "Jabhat al-Nusra"})
	return doc
}

// event builds an event from the sentence holding trigger (its first
// occurrence after after) with the given source phrase.
func event(t testing.TB, doc *eventwire.Document, after, trigger, source, country string) eventwire.Event {
	t.Helper()
	text := doc.Article.Text
	base := strings.Index(text, after)
	i := strings.Index(text[base:], trigger)
	if base < 0 || i < 0 {
		t.Fatalf("trigger %q after %q not in story", trigger, after)
	}
	trig := eventwire.Span{Start: base + i, End: base + i + len(trigger)}
	s := doc.Sentences[doc.SentenceAt(trig.Start)]
	ev := eventwire.Event{
		Article:  doc.Article.ID,
		Evidence: eventwire.Evidence{Sentence: s.Text, Start: s.Span.Start, End: s.Span.End, Trigger: trig},
		Sentence: s.Index,
		Explain:  &eventwire.Explanation{},
	}
	if source != "" {
		j := strings.Index(s.Text, source)
		if j < 0 {
			t.Fatalf("source %q not in sentence %q", source, s.Text)
		}
		ev.Source = &eventwire.Participant{Text: source, Country: country, Start: s.Span.Start + j, End: s.Span.Start + j + len(source)}
	}
	return ev
}

func TestPlacesStage(t *testing.T) {
	g := gazetteer(t)
	doc := storyDoc(t)
	doc.Events = []eventwire.Event{
		event(t, doc, "On February 5", "entered", "Syrian government forces", "SYR"),
		event(t, doc, "The Syrian army repelled", "repelled", "The Syrian army", "SYR"),
		event(t, doc, "Erdogan told Putin", "told", "Erdogan", "TUR"),
		event(t, doc, "On Wednesday", "stated", "Turkish President Recep Tayyip Erdogan", "TUR"),
	}
	stage := &geo.Places{Gazetteer: g}
	if stage.Name() != "places" {
		t.Errorf("Name() = %q", stage.Name())
	}
	if err := stage.Process(doc); err != nil {
		t.Fatal(err)
	}

	for i, p := range doc.Places {
		if i > 0 && p.Span.Start < doc.Places[i-1].Span.End {
			t.Errorf("places out of order at %d", i)
		}
		if p.Sentence != doc.SentenceAt(p.Span.Start) || p.Sentence < 0 {
			t.Errorf("%s at %d: sentence %d", p.Text, p.Span.Start, p.Sentence)
		}
	}

	want := []struct {
		name, country, basis, precision string
	}{
		{"Sarāqib", "SYR", "clause", "city"},
		{"Idlib", "SYR", "article", "city"},
		{"Idlib", "SYR", "clause", "city"},
		// The nearest place after the trigger: "stated that Ankara is ready".
		{"Ankara", "TUR", "clause", "city"},
	}
	for i, w := range want {
		ev := doc.Events[i]
		loc := ev.Location
		if loc == nil {
			t.Errorf("event %d (%q): no location", i, doc.Article.Text[ev.Evidence.Trigger.Start:ev.Evidence.Trigger.End])
			continue
		}
		if loc.Name != w.name || loc.Country != w.country || loc.Basis != w.basis || loc.Precision != w.precision {
			t.Errorf("event %d location = %s %s basis %s precision %s; want %s %s %s %s",
				i, loc.Name, loc.Country, loc.Basis, loc.Precision, w.name, w.country, w.basis, w.precision)
		}
		if ev.Explain.Location == "" {
			t.Errorf("event %d: Explain.Location empty", i)
		}
		if loc.Basis != "article" && (loc.Span == nil || !(eventwire.Span{Start: ev.Evidence.Start, End: ev.Evidence.End}).Contains(*loc.Span)) {
			t.Errorf("event %d: location span %v outside its sentence", i, loc.Span)
		}
	}
	if loc := doc.Events[1].Location; loc != nil && (loc.Lat < 35.9 || loc.Lat > 36 || loc.Lon < 36.6 || loc.Lon > 36.7) {
		t.Errorf("focus Idlib at %.2f,%.2f, want 35.93N 36.63E", loc.Lat, loc.Lon)
	}

	golden(t, filepath.Join("testdata", "tass-2020-02-21-idlib.places.json"), doc.Places)
}

func TestPlacesActorCountry(t *testing.T) {
	g := gazetteer(t)
	text := "The ministry condemned the attack."
	doc := &eventwire.Document{Article: eventwire.Article{Text: text}}
	doc.Sentences = sentences(text)
	ev := eventwire.Event{
		Evidence: eventwire.Evidence{Sentence: text, Start: 0, End: len(text), Trigger: eventwire.Span{Start: 13, End: 22}},
		Source:   &eventwire.Participant{Text: "The ministry", Country: "TUR", Start: 0, End: 12},
	}
	doc.Events = []eventwire.Event{ev, {Evidence: ev.Evidence}}
	if err := (&geo.Places{Gazetteer: g}).Process(doc); err != nil {
		t.Fatal(err)
	}
	loc := doc.Events[0].Location
	if loc == nil || loc.Country != "TUR" || loc.Basis != "actor-country" || loc.Precision != "country" || loc.Span != nil {
		t.Errorf("location = %+v, want Turkey from the actor's country", loc)
	}
	if loc := doc.Events[1].Location; loc != nil {
		t.Errorf("event without source or places placed at %+v", loc)
	}
}

func TestPlacesSkipsNamedActors(t *testing.T) {
	g := gazetteer(t)
	text := "Jordan Henderson met officials in Amman."
	doc := &eventwire.Document{Article: eventwire.Article{Text: text}, Sentences: sentences(text)}
	doc.Mentions = []eventwire.Mention{{Span: eventwire.Span{Start: 0, End: 16}, Text: "Jordan Henderson", Actor: eventwire.Actor{Name: "Jordan Henderson"}}}
	if err := (&geo.Places{Gazetteer: g}).Process(doc); err != nil {
		t.Fatal(err)
	}
	if got := brief(doc.Places); got != "Amman=JOR/city" {
		t.Errorf("places = %q, want only Amman", got)
	}
}

func TestPlacesKeepsTerritoryGroups(t *testing.T) {
	g := gazetteer(t)
	text := "Moscow keeps troops in Abkhazia, and Hamas holds Gaza."
	doc := &eventwire.Document{Article: eventwire.Article{Text: text}, Sentences: sentences(text)}
	mention := func(s, name, kind string) eventwire.Mention {
		i := strings.Index(text, s)
		return eventwire.Mention{Span: eventwire.Span{Start: i, End: i + len(s)}, Text: s, Kind: kind, Actor: eventwire.Actor{Name: name}}
	}
	doc.Mentions = []eventwire.Mention{
		// A group named by its territory still names the territory.
		mention("Abkhazia", "Abkhaz authorities", "group"),
		mention("Hamas", "Hamas", "group"),
		// An organisation named like a place is no place.
		mention("Moscow", "Moscow City Council", "organisation"),
	}
	if err := (&geo.Places{Gazetteer: g}).Process(doc); err != nil {
		t.Fatal(err)
	}
	if got := brief(doc.Places); got != "Abkhazia=GEO/adm1 Gaza=PSE/city" {
		t.Errorf("places = %q", got)
	}
}

// golden compares v as indented JSON with the file at path, rewriting it
// under -update.
func golden(t *testing.T, path string, v any) {
	t.Helper()
	got, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
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
		t.Errorf("%s differs from the output; run go test ./geo -update and review the diff", path)
	}
}

func BenchmarkPlaces(b *testing.B) {
	g := gazetteer(b)
	doc := storyDoc(b)
	stage := &geo.Places{Gazetteer: g}
	b.SetBytes(int64(len(doc.Article.Text)))
	for b.Loop() {
		if err := stage.Process(doc); err != nil {
			b.Fatal(err)
		}
	}
}
