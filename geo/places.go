package geo

import (
	"fmt"
	"slices"

	"github.com/eventwire/eventwire"
)

// Places is the pipeline stage that finds and resolves the places of an
// article and places each coded event.
type Places struct {
	// Gazetteer to use; nil means Default().
	Gazetteer *Gazetteer
}

var _ eventwire.Stage = (*Places)(nil)

// Name returns "places".
func (p *Places) Name() string { return "places" }

// Process sets doc.Places (in text order, with sentence indexes) and the
// Location of every event in doc.Events. It fails only when no gazetteer
// can be had.
func (p *Places) Process(doc *eventwire.Document) error {
	g := p.Gazetteer
	if g == nil {
		var err error
		if g, err = Default(); err != nil {
			return fmt.Errorf("places: %w", err)
		}
	}
	text := doc.Article.Text
	ctx := Context{Dateline: doc.Dateline}
	seen := map[string]bool{}
	for _, m := range doc.Mentions {
		// Named persons and bodies are no places, but a group named by its
		// territory ("Abkhazia" for its separatist authorities) still
		// names the territory.
		if m.Actor.Name != "" && !(m.Kind == "group" && g.territory(m.Text)) {
			ctx.Exclude = append(ctx.Exclude, m.Span)
		}
		if c := m.Actor.Country; c != "" && !seen[c] {
			seen[c] = true
			ctx.Countries = append(ctx.Countries, c)
		}
	}
	if d := doc.Dateline; d != nil && !validSpan(d.CitySpan, len(text)) {
		ctx.Dateline = nil
	}
	r := g.tag(text, ctx)
	doc.Places = doc.Places[:0]
	for _, t := range r.tops {
		pl := place(text, t)
		pl.Sentence = doc.SentenceAt(pl.Span.Start)
		doc.Places = append(doc.Places, pl)
	}
	r.free()
	slices.SortStableFunc(doc.Places, func(a, b eventwire.Place) int { return a.Span.Start - b.Span.Start })

	focus := focusPlace(doc.Places, doc.Dateline)
	for i := range doc.Events {
		ev := &doc.Events[i]
		loc, why := locate(g, doc.Places, ev, focus)
		ev.Location = loc
		if ev.Explain != nil && why != "" {
			ev.Explain.Location = why
		}
	}
	return nil
}

func validSpan(s eventwire.Span, n int) bool {
	return 0 <= s.Start && s.Start <= s.End && s.End <= n
}

// precision maps a place type to a Location precision.
func precision(typ string) string {
	switch typ {
	case TypeCountry:
		return "country"
	case TypeADM1, TypeRegion:
		return "adm1"
	}
	return "city"
}

func location(pl eventwire.Place, basis string) *eventwire.Location {
	sp := pl.Span
	return &eventwire.Location{
		Name:      pl.Name,
		Country:   pl.Country,
		ADM1:      pl.ADM1,
		Lat:       pl.Lat,
		Lon:       pl.Lon,
		GeonameID: pl.GeonameID,
		Precision: precision(pl.Type),
		Span:      &sp,
		Basis:     basis,
	}
}

// locate chooses an event's location: a place in its clause, else in its
// sentence, else the article's focus, else its source actor's country.
func locate(g *Gazetteer, places []eventwire.Place, ev *eventwire.Event, focus *eventwire.Place) (*eventwire.Location, string) {
	sent := eventwire.Span{Start: ev.Evidence.Start, End: ev.Evidence.End}
	trig := ev.Evidence.Trigger
	var actors []eventwire.Span
	for _, p := range []*eventwire.Participant{ev.Source, ev.Target} {
		if p != nil && p.End > p.Start {
			actors = append(actors, eventwire.Span{Start: p.Start, End: p.End})
		}
	}
	var after, before, inside *eventwire.Place
	for i := range places {
		pl := &places[i]
		if !sent.Contains(pl.Span) || pl.Type == TypeRegion && pl.Country == "" {
			continue
		}
		if slices.ContainsFunc(actors, pl.Span.Overlaps) {
			continue
		}
		if pl.Span.Overlaps(trig) {
			// A pattern with a gap can hold the place: "discussed the
			// situation in Idlib during a phone call".
			if inside == nil {
				inside = pl
			}
			continue
		}
		switch {
		case pl.Span.Start >= trig.End:
			if after == nil {
				after = pl
			}
		default:
			before = pl // the last one before the trigger is the nearest
		}
	}
	if inside != nil {
		return location(*inside, "clause"), fmt.Sprintf("%q inside the event phrase", inside.Text)
	}
	if after != nil && (before == nil || !clauseBreak(ev.Evidence, trig.End, after.Span.Start)) {
		return location(*after, "clause"), fmt.Sprintf("%q after the trigger in its clause", after.Text)
	}
	if before != nil && !clauseBreak(ev.Evidence, before.Span.End, trig.Start) {
		return location(*before, "clause"), fmt.Sprintf("%q before the trigger in its clause", before.Text)
	}
	if after != nil {
		return location(*after, "sentence"), fmt.Sprintf("%q later in the sentence", after.Text)
	}
	if before != nil {
		return location(*before, "sentence"), fmt.Sprintf("%q earlier in the sentence", before.Text)
	}
	if focus != nil {
		return location(*focus, "article"), fmt.Sprintf("the article's focus %q", focus.Name)
	}
	if ev.Source != nil && ev.Source.Country != "" {
		if f, ok := g.Country(ev.Source.Country); ok {
			return &eventwire.Location{
				Name: f.Name, Country: f.Country, Lat: f.Lat, Lon: f.Lon,
				Precision: "country", Basis: "actor-country",
			}, fmt.Sprintf("the source actor's country %s", f.Country)
		}
	}
	return nil, ""
}

// clauseBreak reports whether the evidence sentence has a clause boundary
// (a semicolon, a dash, a closing quotation, or ", which"/", while"-style
// commas) between byte offsets from and to of the article.
func clauseBreak(ev eventwire.Evidence, from, to int) bool {
	if from >= to || ev.Start > from || to > ev.End || to-ev.Start > len(ev.Sentence) {
		return false
	}
	s := ev.Sentence[from-ev.Start : to-ev.Start]
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ';', '(', ')', '[', ']':
			return true
		case ',':
			rest := s[i+1:]
			for _, w := range []string{" which", " while", " when", " where", " but", " and", " as", " after", " before", " whereas", " although"} {
				if len(rest) >= len(w) && rest[:len(w)] == w {
					return true
				}
			}
		}
	}
	return false
}

// focusPlace returns the article's most mentioned city or division, ties
// going to the first mentioned; the dateline city only when nothing else
// is named. It returns nil when the article names neither.
func focusPlace(places []eventwire.Place, dl *eventwire.Dateline) *eventwire.Place {
	count := map[int]int{}
	first := map[int]int{}
	var fallback *eventwire.Place
	for i, p := range places {
		if p.Type != TypeCity && p.Type != TypeADM1 {
			continue
		}
		if dl != nil && dl.CitySpan.Overlaps(p.Span) {
			if fallback == nil {
				fallback = &places[i]
			}
			continue
		}
		id := p.GeonameID
		if id == 0 {
			id = -1 - hash(p.Country+p.ADM1+p.Name)
		}
		if _, ok := first[id]; !ok {
			first[id] = i
		}
		count[id]++
	}
	best, bestN := -1, 0
	for id, n := range count {
		i := first[id]
		if n > bestN || n == bestN && i < best {
			best, bestN = i, n
		}
	}
	if best >= 0 {
		return &places[best]
	}
	return fallback
}

func hash(s string) int {
	h := 0
	for i := 0; i < len(s); i++ {
		h = h*31 + int(s[i])
		h &= 1<<30 - 1
	}
	return h
}
