package geo

import (
	"math"
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
	wDiscourse      = 6.0 // another mention of the name is placed by its container
	wDateline       = 6.0 // a division holding the dateline city
	wCoordinate     = 3.0 // "Washington and Beijing": capitals, countries or divisions joined by "and"
	nearKm          = 250.0
	rounds          = 2
)

// divisionCues after a name ask for a first-level division.
var divisionCues = set("province", "governorate", "region", "state", "oblast", "prefecture",
	"provinces", "governorates", "regions", "states", "krai", "voivodeship", "emirate")

// countyWords after a name make it a county or parish, which the
// gazetteer does not hold.
var countyWords = set("county", "parish", "borough")

// coordinators join names of one kind: "Washington and Beijing".
var coordinators = set("and", "or")

// settlementCues before "of" and a name ask for a populated place.
var settlementCues = set("city", "town", "village", "settlement", "capital", "port", "suburb", "hamlet")

// resolve picks each toponym's feature. r.evidence holds country weights
// from the caller and from demonyms; the toponyms add their own.
func (r *recognizer) resolve() {
	tops := r.tops
	n := 0
	for _, t := range tops {
		n += len(t.cands)
	}
	if cap(r.scores) < 2*n {
		r.scores = make([]float64, 2*n)
	}
	scores := r.scores[:2*n]
	for _, t := range tops {
		k := len(t.cands)
		t.score, t.base, scores = scores[:k:k], scores[k:2*k:2*k], scores[2*k:]
		for i := range t.cands {
			c := &t.cands[i]
			t.base[i] = c.prior + cue(t, c)
			t.score[i] = t.base[i]
		}
		t.best = argmax(t.score)
	}
	// Countries named outright are the strongest evidence; so is a name
	// all of whose candidates lie in one country.
	base := r.base
	clear(base)
	for k, v := range r.evidence {
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
		ev := r.ev
		clear(ev)
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
		r.chosen = choices(r.chosen[:0], tops)
		r.findAnchors()
		dl, dlKey := datelineDivision(tops)
		for ti, t := range tops {
			if len(t.cands) == 1 {
				continue // nothing to choose
			}
			// Not the container itself: "New York, New York".
			anchor, anchored := r.anchors[t.keyIndex]
			anchored = anchored && anchor.from != ti && anchor.from != ti-1
			var partners [2]*Feature
			if ti > 0 && tops[ti-1].coordNext {
				partners[0] = &tops[ti-1].cands[tops[ti-1].best].Feature
			}
			if t.coordNext {
				partners[1] = &tops[ti+1].cands[tops[ti+1].best].Feature
			}
			for i := range t.cands {
				c := &t.cands[i]
				s := t.base[i]
				if w := ev[c.Country]; w > 0 {
					s += wContextCountry + wContextShare*w/total
				}
				s += neighbours(r.chosen, t.keyIndex, c)
				if ti+1 < len(tops) && contains(tops[ti+1], t, &c.Feature) {
					s += wContainer
				}
				// And the container the other way: "Atlanta, Georgia".
				if ti > 0 && containsSome(t, tops[ti-1], &c.Feature) {
					s += wContainer
				}
				// One sense per discourse, where one mention is placed
				// beyond doubt: "PARIS, Texas - ... in Paris".
				if anchored && sameFeature(&c.Feature, anchor.f) {
					s += wDiscourse
				}
				// The reporter is in the dateline city, and so in its
				// division: "ATLANTA - ... in Georgia".
				if dl != "" && c.typ == TypeADM1 && c.ADM1 == dl && t.keyIndex != dlKey {
					s += wDateline
				}
				for _, p := range partners {
					if p != nil && p.Code == c.Code && coordinateKinds[c.Code] {
						s += wCoordinate
					}
				}
				t.score[i] = s
			}
			t.best = argmax(t.score)
		}
	}
	r.placeCounties()
}

// anchor is a toponym placed by the container named after it.
type anchor struct {
	f    *Feature
	from int // its index in tops
}

// findAnchors notes, for each name, the current choice of a mention that
// its container places ("Paris, Texas"), the first if several.
func (r *recognizer) findAnchors() {
	if r.anchors == nil {
		r.anchors = map[int]anchor{}
	}
	clear(r.anchors)
	for ti, t := range r.tops[:max(len(r.tops)-1, 0)] {
		next := r.tops[ti+1]
		f, g := &t.cands[t.best].Feature, &next.cands[next.best].Feature
		if !contains(next, t, f) || !holds(g, f) {
			continue
		}
		if _, ok := r.anchors[t.keyIndex]; !ok {
			r.anchors[t.keyIndex] = anchor{f: f, from: ti}
		}
		if _, ok := r.anchors[next.keyIndex]; !ok {
			r.anchors[next.keyIndex] = anchor{f: g, from: ti + 1}
		}
	}
}

// sameFeature reports whether a and b are one gazetteer entry.
func sameFeature(a, b *Feature) bool {
	return a.GeonameID == b.GeonameID && a.Code == b.Code && a.Name == b.Name && a.Country == b.Country && a.ADM1 == b.ADM1
}

// datelineDivision returns the first-level division of the dateline
// city as currently placed, and the dateline's key index; "" if none.
func datelineDivision(tops []*toponym) (string, int) {
	for _, t := range tops {
		if t.dateline {
			if f := t.feature(); f.Type() == TypeCity {
				return f.ADM1, t.keyIndex
			}
			return "", -1
		}
	}
	return "", -1
}

// coordinateKinds are the feature codes that names joined by "and" share
// when one of them is of the kind: countries, capitals standing for their
// governments, first-level divisions. Towns join places of any kind
// ("Melbourne and Victoria").
var coordinateKinds = set("PCLI", "PPLC", "ADM1")

// placeCounties places "X County", which the gazetteer does not hold: a
// town named X elsewhere is far off the mark. The county lies in the
// division of the story: its dateline's, which is sure, else the one most
// of its places lie in, which is only likely and so does not overrule a
// city of 100,000 in the same country ("Milwaukee County"). Counties are
// often named after their main town, so a place named X in the division
// stands for it ("Dallas County"); else the division does, at its coarser
// precision. The mention's span takes in "County".
func (r *recognizer) placeCounties() {
	div, sure := "", false
	for _, t := range r.tops {
		if t.county {
			div, sure = r.storyDivision()
			break
		}
	}
	var divFeature Feature
	if div != "" {
		f, ok := r.g.Division(div)
		if !ok {
			div = ""
		}
		divFeature = f
	}
	for ti, t := range r.tops {
		if !t.county {
			continue
		}
		if ti+1 == len(r.tops) || r.tops[ti+1].first > t.last+1 {
			t.last++
			t.span.End = int(r.toks[t.last].end)
		}
		f := t.feature()
		if div == "" || f.ADM1 == div || f.Country != divFeature.Country ||
			!sure && (f.Population >= 100000 || f.Code == "PPLC" || f.Code == "PPLA") {
			continue
		}
		best := -1
		for i, c := range t.cands {
			if c.ADM1 == div && (best < 0 || t.score[i] > t.score[best]) {
				best = i
			}
		}
		if best >= 0 {
			t.best = best
			continue
		}
		// A reading of this mention alone: the shared candidates stay as
		// they are.
		t.cands = append(t.cands[:len(t.cands):len(t.cands)], newCandidate(divFeature, false, false))
		t.best = len(t.cands) - 1
	}
}

// storyDivision returns the first-level division of the dateline city,
// which is sure, else the one that most of the story's places (other than
// counties) lie in, the first named on a tie; "" if none.
func (r *recognizer) storyDivision() (div string, sure bool) {
	if dl, _ := datelineDivision(r.tops); dl != "" {
		return dl, true
	}
	count := map[string]int{}
	best := ""
	for _, t := range r.tops {
		if t.county {
			continue
		}
		f := t.feature()
		if f.ADM1 == "" || f.Type() != TypeCity && f.Type() != TypeADM1 {
			continue
		}
		count[f.ADM1]++
		if best == "" || count[f.ADM1] > count[best] {
			best = f.ADM1
		}
	}
	return best, false
}

// onlyCountry returns the country all of t's candidates share, or "".
func onlyCountry(t *toponym) string {
	if t.onlyCountryDone {
		return t.onlyCountry
	}
	c := t.cands[0].Country
	for _, x := range t.cands[1:] {
		if x.Country != c {
			c = ""
			break
		}
	}
	t.onlyCountry, t.onlyCountryDone = c, true
	return c
}

// cue scores the words around t for candidate c.
func cue(t *toponym, c *candidate) float64 {
	s := 0.0
	if t.divisionAfter && c.typ == TypeADM1 {
		s += wCue
	}
	switch {
	case t.settlementOf && c.typ == TypeCity:
		s += wCue / 2
	case t.divisionOf && c.typ == TypeADM1:
		s += wCue
	}
	if t.dateline && c.typ == TypeCity {
		s += 1
	}
	return s
}

// choice is a toponym's current resolution, as neighbouring names see it.
type choice struct {
	key      int // the name's key index
	name     string
	country  string
	adm1     string
	lat, lon float64
	city     bool
}

// maxChoices bounds the distinct resolutions neighbours compares with, so
// that a text of thousands of names stays linear.
const maxChoices = 256

// choices appends the distinct current resolutions of tops to dst: the
// same name resolved to a place of the same name, country and division
// counts once.
func choices(dst []choice, tops []*toponym) []choice {
	start := len(dst)
next:
	for _, t := range tops {
		f := t.feature()
		for _, o := range dst[start:] {
			if o.key == t.keyIndex && sameJoin(o.name, o.country, o.adm1, f.Name, f.Country, f.ADM1) {
				continue next
			}
		}
		dst = append(dst, choice{key: t.keyIndex, name: f.Name, country: f.Country, adm1: f.ADM1, lat: f.Lat, lon: f.Lon, city: f.Type() == TypeCity})
		if len(dst)-start == maxChoices {
			break
		}
	}
	return dst
}

// sameJoin reports whether a1+a2+a3 == b1+b2+b3 without joining them.
func sameJoin(a1, a2, a3, b1, b2, b3 string) bool {
	if len(a1)+len(a2)+len(a3) != len(b1)+len(b2)+len(b3) {
		return false
	}
	if a1 == b1 && a2 == b2 && a3 == b3 {
		return true
	}
	a, b := [3]string{a1, a2, a3}, [3]string{b1, b2, b3}
	for i, j := 0, 0; ; {
		for i < 3 && a[i] == "" {
			i++
		}
		for j < 3 && b[j] == "" {
			j++
		}
		if i == 3 || j == 3 {
			return i == j
		}
		n := min(len(a[i]), len(b[j]))
		if a[i][:n] != b[j][:n] {
			return false
		}
		a[i], b[j] = a[i][n:], b[j][n:]
	}
}

// nearLat is the latitude difference in degrees beyond which two points
// cannot be within nearKm (a meridian arc is the shortest way across a
// latitude difference), with a margin for rounding.
var nearLat = nearKm / (6371.0088 * math.Pi / 180) * 1.001

// neighbours scores c, a candidate for a name with the given key index,
// by the other names' current choices: same division, or close by.
func neighbours(chosen []choice, key int, c *candidate) float64 {
	if c.typ != TypeCity && c.typ != TypeADM1 {
		return 0
	}
	f := &c.Feature
	sameDiv, near := false, false
	for _, o := range chosen {
		if o.key == key {
			continue
		}
		if o.adm1 != "" && o.adm1 == f.ADM1 {
			sameDiv = true
		}
		if o.city && !near && math.Abs(f.Lat-o.lat) < nearLat && Distance(f.Lat, f.Lon, o.lat, o.lon) < nearKm {
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
func contains(next *toponym, t *toponym, f *Feature) bool {
	if next.first != t.last+1 || !next.comma {
		return false
	}
	for i := range next.cands {
		if holds(&next.cands[i].Feature, f) {
			return true
		}
	}
	return false
}

// containsSome reports whether t directly follows prev after a comma and
// f, a candidate of t, contains a candidate of prev: "Atlanta, Georgia".
func containsSome(t, prev *toponym, f *Feature) bool {
	if t.first != prev.last+1 || !t.comma || f.Code != "PCLI" && f.Code != "ADM1" {
		return false
	}
	for i := range prev.cands {
		if holds(f, &prev.cands[i].Feature) {
			return true
		}
	}
	return false
}

// holds reports whether the country or division c contains f.
func holds(c, f *Feature) bool {
	switch c.Code {
	case "PCLI":
		return c.Country == f.Country
	case "ADM1":
		return c.ADM1 == f.ADM1 && f.Code != "ADM1"
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
