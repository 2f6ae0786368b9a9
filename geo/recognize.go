package geo

import (
	"strings"

	"github.com/eventwire/eventwire"
	"github.com/eventwire/eventwire/geo/internal/gazfile"
	"github.com/eventwire/eventwire/geo/internal/names"
)

// maxWords bounds the length of a place name in words.
const maxWords = 6

// Context is what a caller knows about a text beyond its words.
type Context struct {
	// Countries are alpha-3 countries the text is about, such as the
	// countries of its actors. They favour same-name places there.
	Countries []string
	// Dateline, if known, marks the dateline city, which is recognised even
	// in capitals and puts its country in context.
	Dateline *eventwire.Dateline
	// Exclude are spans that are not places: persons and organisations.
	Exclude []eventwire.Span
}

// toponym is a place name found in the text, with its candidates.
type toponym struct {
	span     eventwire.Span
	first    int // index of the first token
	last     int // index of the last token
	key      string
	cands    []candidate
	dateline bool
	common   bool // the name is also a common English word
	score    []float64
	best     int
}

func (t *toponym) feature() Feature { return t.cands[t.best].Feature }

// Find returns the places named in text, resolved with no context beyond
// the text itself. Sentence is -1 in the result: text has no sentence index.
func (g *Gazetteer) Find(text string) []eventwire.Place {
	return g.Tag(text, Context{})
}

// Tag returns the places named in text, in text order, each resolved to
// the most likely gazetteer feature given the text and ctx. Sentence is -1.
func (g *Gazetteer) Tag(text string, ctx Context) []eventwire.Place {
	tops, _ := g.tag(text, ctx)
	out := make([]eventwire.Place, 0, len(tops))
	for _, t := range tops {
		out = append(out, place(text, t))
	}
	return out
}

// place turns a resolved toponym into an eventwire.Place.
func place(text string, t *toponym) eventwire.Place {
	f := t.feature()
	return eventwire.Place{
		Span:      t.span,
		Text:      text[t.span.Start:t.span.End],
		Sentence:  -1,
		Name:      f.Name,
		Country:   f.Country,
		ADM1:      f.ADM1,
		Lat:       f.Lat,
		Lon:       f.Lon,
		GeonameID: f.GeonameID,
		Feature:   f.Code,
		Type:      f.Type(),
	}
}

// tag recognises and resolves; it also returns the context countries with
// their weights.
func (g *Gazetteer) tag(text string, ctx Context) ([]*toponym, map[string]float64) {
	toks := tokenize(text)
	title := titleLines(text, toks)
	evidence := map[string]float64{}
	for _, c := range ctx.Countries {
		if c != "" {
			evidence[c] += 2
		}
	}
	var tops []*toponym
	persons := map[string]bool{} // keys seen naming a person somewhere in the text
	for i := 0; i < len(toks); {
		t, demonym := g.match(text, toks, i, ctx)
		if demonym != "" {
			evidence[demonym]++
		}
		if t == nil {
			i++
			continue
		}
		ok, person := g.accept(t, toks, title[t.first], ctx)
		if person {
			persons[t.key] = true
		}
		if t.dateline || ok {
			tops = append(tops, t)
			i = t.last + 1
			continue
		}
		i++
	}
	// One sense per discourse: "Bruce Ivins ... Ivins said" makes every
	// bare "Ivins" the person, except after a locative ("in Franklin").
	kept := tops[:0]
	for _, t := range tops {
		if persons[t.key] && !t.dateline && (t.first == 0 || !locatives[strings.ToLower(toks[t.first-1].text)]) {
			continue
		}
		kept = append(kept, t)
	}
	tops = kept
	resolve(tops, toks, evidence)
	return tops, evidence
}

// match finds the longest gazetteer name starting at token i. It returns
// the toponym, or the country of a demonym standing there.
func (g *Gazetteer) match(text string, toks []token, i int, ctx Context) (*toponym, string) {
	t0 := toks[i]
	dateline := false
	if ctx.Dateline != nil && ctx.Dateline.City != "" {
		cs := ctx.Dateline.CitySpan
		dateline = t0.start >= cs.Start && t0.start < cs.End
	} else {
		dateline = looksLikeDateline(text, toks, i)
	}
	if !t0.capital && !t0.upper && !dateline {
		return nil, ""
	}
	var best *toponym
	demonym := ""
	for j := i; j < len(toks) && j < i+maxWords; j++ {
		tj := toks[j]
		if j > i {
			if !tj.spaced || !(tj.capital || tj.upper || connectors[tj.text]) {
				break
			}
			if t0.upper != tj.upper && !connectors[tj.text] {
				break // "ANKARA Turkey" is no one name
			}
		}
		key := names.Fold(text[t0.start:tj.end])
		cands, flags := g.lookup(key)
		if len(cands) > 0 && (tj.capital || tj.upper) {
			usable := cands[:0:0]
			if d := demonymOf(cands); d != "" {
				// "Syrian", "Canadian": never a place, even where some
				// village bears the name.
				if j == i && !t0.upper {
					demonym = d
				}
				cands = nil
			}
			for _, c := range cands {
				switch {
				case c.abbrev:
					if allCaps(text[t0.start:tj.end]) {
						usable = append(usable, c)
					}
				case t0.upper && !dateline:
					// Capitals name places only as abbreviations or in a dateline.
				default:
					usable = append(usable, c)
				}
			}
			if len(usable) > 0 {
				best = &toponym{
					span:  eventwire.Span{Start: t0.start, End: tj.end},
					first: i, last: j, key: key, cands: usable,
					dateline: dateline && j == i || dateline && ctx.Dateline != nil && tj.end <= ctx.Dateline.CitySpan.End,
				}
				best.common = flags&gazfile.Common != 0
			}
		}
		if !g.t.HasPrefix(key) {
			break
		}
	}
	if best != nil {
		demonym = ""
	}
	return best, demonym
}

// demonymOf returns the country of a demonym among cs, or "".
func demonymOf(cs []candidate) string {
	for _, c := range cs {
		if c.demonym {
			return c.Country
		}
	}
	return ""
}

// allCaps reports whether every letter of s is a capital.
func allCaps(s string) bool {
	for _, r := range s {
		if r >= 'a' && r <= 'z' {
			return false
		}
	}
	return true
}

// looksLikeDateline reports whether token i is a capitalised city at the
// start of a line followed by a comma or "(": "MOSCOW, Feb 21", "GAZA (Reuters)".
func looksLikeDateline(text string, toks []token, i int) bool {
	t := toks[i]
	if !t.upper || !t.lineStart {
		return false
	}
	j := i
	for j+1 < len(toks) && toks[j+1].upper && toks[j+1].spaced && j-i < 3 {
		j++
	}
	rest := strings.TrimLeft(text[toks[j].end:], " ")
	return strings.HasPrefix(rest, ",") || strings.HasPrefix(rest, "(") || strings.HasPrefix(rest, "—") || strings.HasPrefix(rest, "-")
}

// titleLines marks tokens on headline-like lines, where most words are
// capitalised and adjacency says nothing about names.
func titleLines(text string, toks []token) []bool {
	out := make([]bool, len(toks))
	for i := 0; i < len(toks); {
		j := i + 1
		for j < len(toks) && !toks[j].lineStart {
			j++
		}
		long, caps := 0, 0
		for _, t := range toks[i:j] {
			if len(t.text) > 3 {
				long++
				if t.capital || t.upper {
					caps++
				}
			}
		}
		if long >= 2 && caps*5 >= long*4 {
			for k := i; k < j; k++ {
				out[k] = true
			}
		}
		i = j
	}
	return out
}

// accept decides whether a matched name is a place here. Names of one word
// that English also uses as a common word, person or organisation name ask
// for more evidence. person reports that the name is a person's here, which
// then holds for its other mentions in the text too.
func (g *Gazetteer) accept(t *toponym, toks []token, title bool, ctx Context) (ok, person bool) {
	for _, x := range ctx.Exclude {
		if x.Overlaps(t.span) {
			return false, false
		}
	}
	common, key := t.common, t.key
	first := toks[t.first]
	if stopwords[key] || firstNames[key] {
		return false, false
	}
	country, major := false, false
	for _, c := range t.cands {
		switch {
		case c.Code == "PCLI" || c.Code == "CONT" || c.abbrev:
			country, major = true, true
		case c.Code == "ADM1" || c.Code == "PPLC" || c.Population >= 100000:
			major = true
		}
	}
	bigPop := 0
	for _, c := range t.cands {
		bigPop = max(bigPop, c.Population)
	}
	var prev, next *token
	if t.first > 0 && first.spaced {
		prev = &toks[t.first-1]
	}
	if t.last+1 < len(toks) && toks[t.last+1].spaced {
		next = &toks[t.last+1]
	}
	prevWord := ""
	if t.first > 0 {
		prevWord = strings.ToLower(toks[t.first-1].text)
	}
	nextWord := ""
	if next != nil {
		nextWord = strings.ToLower(next.text)
	}
	single := t.first == t.last

	if next != nil && diseaseWords[nextWord] {
		return false, false // "Marburg virus"
	}
	// "Jordan said", "Ivins told": a person. Capitals and big places that
	// "say" things are their governments, which are places too.
	if single && next != nil && speechVerbs[nextWord] && (givenNames[key] || !major) {
		return false, true
	}
	if single && common && !country {
		if first.initial || title {
			return false, false // "Nice weather", "Reading the report"
		}
		if bigPop < 20000 && !locatives[prevWord] {
			return false, false
		}
	}
	if title {
		return true, false
	}
	// "President Jordan", "George Washington", "Michael Jordan".
	if prev != nil && (prev.capital || prev.upper) && single {
		pw := strings.ToLower(prev.text)
		switch {
		case titles[pw]:
			return false, !major
		case firstNames[pw]:
			return false, true
		case placeModifiers[pw], prev.initial && (stopwords[pw] || g.isCommon(pw)):
		case g.isDemonym(prev.text):
		case prev.upper:
		default:
			if !g.isPlace(prev.text) && (!country || !g.isCommon(pw)) {
				return false, !country || givenNames[key]
			}
		}
	}
	// "Washington Post", "Jordan Peterson"; but "Idlib Governorate".
	if next != nil && (next.capital && !next.upper) {
		nw := strings.ToLower(next.text)
		switch {
		case generics[nw], connectors[nw], g.isDemonym(next.text), g.isPlace(next.text):
		case orgWords[nw]:
			return false, false
		case timeWords[nw]:
		case single && (common || !major):
			return false, !major
		case single && country && !g.isCommon(nw) && givenNames[key]:
			return false, true
		}
	}
	return true, false
}

// isCommon reports whether w (lower-case) is a common English word that
// the gazetteer also knows as a name; other common words are not known to
// it and count as not common, which is the safe side for adjacency rules.
func (g *Gazetteer) isCommon(w string) bool {
	if stopwords[w] || locatives[w] || titles[w] || generics[w] || connectors[w] {
		return true
	}
	_, flags, ok := g.t.Find(names.Fold(w))
	return ok && flags&gazfile.Common != 0 || functionWords[w]
}

func (g *Gazetteer) isDemonym(w string) bool {
	cs, _ := g.lookup(names.Fold(w))
	for _, c := range cs {
		if c.demonym {
			return true
		}
	}
	return false
}

func (g *Gazetteer) isPlace(w string) bool {
	cs, flags := g.lookup(names.Fold(w))
	if flags&gazfile.Common != 0 {
		return false
	}
	for _, c := range cs {
		if !c.demonym && !c.abbrev && (c.Population >= 100000 || c.Code == "PCLI" || c.Code == "ADM1") {
			return true
		}
	}
	return false
}
