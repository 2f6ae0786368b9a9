package geo

import (
	"strings"
)

// Scoring weights. A candidate's score is its prior (kind of feature and
// population) plus what the text says: its country is the story's, it lies
// in a division or country named next to it, a cue word asks for a
// division or a town.
const (
	wContextCountry = 3.0 // the story is about the candidate's country...
	wContextShare   = 3.0 // ...scaled by that country's share of the evidence
	wSameDivision   = 1.5 // another place of the story lies in the same division
	wNear           = 1.5 // another place of the story lies within nearKm
	wContainer      = 6.0 // "Pandi, Bulacan": the next name contains this one
	wCue            = 6.0 // "Idlib province", "the town of Saraqib"
	nearKm          = 250.0
	rounds          = 2
)

// divisionCues after a name ask for a first-level division.
var divisionCues = set("province", "governorate", "region", "state", "oblast", "prefecture",
	"provinces", "governorates", "regions", "states", "krai", "voivodeship", "emirate")

// settlementCues before "of" and a name ask for a populated place.
var settlementCues = set("city", "town", "village", "settlement", "capital", "port", "suburb", "hamlet")

// resolve picks each toponym's feature. evidence holds country weights
// from the caller and from demonyms; the toponyms add their own.
func resolve(tops []*toponym, toks []token, evidence map[string]float64) {
	for _, t := range tops {
		t.score = make([]float64, len(t.cands))
		for i, c := range t.cands {
			t.score[i] = prior(c.Feature) + cue(t, toks, c.Feature)
		}
		t.best = argmax(t.score)
	}
	// Countries named outright are the strongest evidence; so is a name
	// all of whose candidates lie in one country.
	base := map[string]float64{}
	for k, v := range evidence {
		base[k] = v
	}
	for _, t := range tops {
		if c := onlyCountry(t); c != "" {
			base[c]++
		}
		if t.dateline {
			base[t.feature().Country] += 1.5 // the reporter is there
		}
	}
	for range rounds {
		ev := map[string]float64{}
		for k, v := range base {
			ev[k] = v
		}
		for _, t := range tops {
			if onlyCountry(t) == "" {
				ev[t.feature().Country] += 0.5
			}
		}
		delete(ev, "")
		total := 0.0
		for _, v := range ev {
			total += v
		}
		chosen := choices(tops)
		for ti, t := range tops {
			for i, c := range t.cands {
				s := prior(c.Feature) + cue(t, toks, c.Feature)
				if w := ev[c.Country]; w > 0 {
					s += wContextCountry + wContextShare*w/total
				}
				s += neighbours(chosen, t.key, c.Feature)
				if ti+1 < len(tops) && contains(tops[ti+1], toks, t, c.Feature) {
					s += wContainer
				}
				t.score[i] = s
			}
			t.best = argmax(t.score)
		}
	}
}

// onlyCountry returns the country all of t's candidates share, or "".
func onlyCountry(t *toponym) string {
	c := t.cands[0].Country
	for _, x := range t.cands[1:] {
		if x.Country != c {
			return ""
		}
	}
	return c
}

// cue scores the words around t for feature f.
func cue(t *toponym, toks []token, f Feature) float64 {
	s := 0.0
	if t.last+1 < len(toks) {
		nw := strings.ToLower(toks[t.last+1].text)
		if divisionCues[nw] {
			if f.Code == "ADM1" {
				s += wCue
			}
		}
	}
	if t.first >= 2 && strings.EqualFold(toks[t.first-1].text, "of") {
		pw := strings.ToLower(toks[t.first-2].text)
		switch {
		case settlementCues[pw] && f.Type() == TypeCity:
			s += wCue / 2
		case divisionCues[pw] && f.Code == "ADM1":
			s += wCue
		}
	}
	if t.dateline && f.Type() == TypeCity {
		s += 1
	}
	return s
}

// choice is a toponym's current resolution, as neighbouring names see it.
type choice struct {
	key      string
	adm1     string
	lat, lon float64
	city     bool
}

// maxChoices bounds the distinct resolutions neighbours compares with, so
// that a text of thousands of names stays linear.
const maxChoices = 256

// choices returns the distinct current resolutions of tops.
func choices(tops []*toponym) []choice {
	seen := map[string]bool{}
	var out []choice
	for _, t := range tops {
		f := t.feature()
		id := t.key + "\x00" + f.Name + f.Country + f.ADM1
		if seen[id] {
			continue
		}
		seen[id] = true
		out = append(out, choice{key: t.key, adm1: f.ADM1, lat: f.Lat, lon: f.Lon, city: f.Type() == TypeCity})
		if len(out) == maxChoices {
			break
		}
	}
	return out
}

// neighbours scores f, a candidate for a name with the given key, by the
// other names' current choices: same division, or close by.
func neighbours(chosen []choice, key string, f Feature) float64 {
	if f.Type() != TypeCity && f.Code != "ADM1" {
		return 0
	}
	sameDiv, near := false, false
	for _, o := range chosen {
		if o.key == key {
			continue
		}
		if o.adm1 != "" && o.adm1 == f.ADM1 {
			sameDiv = true
		}
		if o.city && !near && Distance(f.Lat, f.Lon, o.lat, o.lon) < nearKm {
			near = true
		}
		if sameDiv && near {
			break
		}
	}
	s := 0.0
	if sameDiv {
		s += wSameDivision
	}
	if near {
		s += wNear
	}
	return s
}

// contains reports whether next directly follows t after a comma and has
// a candidate containing f: "Pandi, Bulacan", "Paris, Texas".
func contains(next *toponym, toks []token, t *toponym, f Feature) bool {
	if next.first != t.last+1 || !toks[next.first].comma {
		return false
	}
	for _, c := range next.cands {
		switch c.Code {
		case "PCLI":
			if c.Country == f.Country {
				return true
			}
		case "ADM1":
			if c.ADM1 == f.ADM1 && f.Code != "ADM1" {
				return true
			}
		}
	}
	return false
}

func argmax(xs []float64) int {
	best := 0
	for i, x := range xs {
		if x > xs[best] {
			best = i
		}
	}
	return best
}
