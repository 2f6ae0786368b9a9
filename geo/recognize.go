package geo

import (
	"strings"
	"sync"
	"unicode/utf8"

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
	// in capitals and puts its country and first-level division in context.
	Dateline *eventwire.Dateline
	// Exclude are spans that are not places: persons and organisations.
	// Places skips the named groups whose name is a territory's.
	Exclude []eventwire.Span
}

// toponym is a place name found in the text, with its candidates.
type toponym struct {
	span     eventwire.Span
	first    int // index of the first token
	last     int // index of the last token
	key      string
	keyIndex int         // key's index in the gazetteer: the same name has the same index
	cands    []candidate // the reading's, or this mention's own (see placeCounties)
	rd       *reading    // shared: never changed
	dateline bool
	common   bool // the name is also a common English word
	comma    bool // a comma and spaces stand before it ("Paris, Texas")

	// Cue words around the name, for resolve.
	divisionAfter bool // "Idlib province"
	settlementOf  bool // "the town of Saraqib"
	divisionOf    bool // "the province of Idlib"
	county        bool // "Fulton County": a second-level division, which the gazetteer lacks
	coordNext     bool // "Washington and Beijing": the next toponym is coordinated with it (see coordinations)

	// Resolution: the candidates' scores before context (base) and with
	// it (score), and the best.
	base, score     []float64
	best            int
	onlyCountry     string // the country all candidates share, "" if none
	onlyCountryDone bool
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
	r := g.tag(text, ctx)
	defer r.free()
	out := make([]eventwire.Place, 0, len(r.tops))
	for _, t := range r.tops {
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

// recognizer is the state of one text's recognition: its tokens and their
// folded forms.
type recognizer struct {
	g      *Gazetteer
	text   string
	ctx    Context
	toks   []token
	folds  []byte  // folded words of toks, end to end
	key    []byte  // the name being extended
	lows   []byte  // words in lower case, end to end (see lower)
	match1 toponym // the last match

	// What recognition and resolution find; their buffers are reused.
	evidence map[string]float64 // country weights from the caller and from demonyms
	persons  map[string]bool
	found    []toponym
	tops     []*toponym // the places: found less the names of persons
	scores   []float64  // backs the toponyms' score and base
	chosen   []choice
	base, ev map[string]float64
	anchors  map[int]anchor // by key index
	memo     *[memoSize]memoEntry
	memoG    *Gazetteer // the gazetteer memo holds probes of
}

// memoSize is the number of single-word probes a recognizer remembers,
// from text to text while it is pooled: news repeats its words, and a
// probe of the gazetteer's index costs cache misses.
const memoSize = 2048

// memoWord bounds the folded words worth remembering, in bytes.
const memoWord = 18

// memoEntry is the result of probing a folded word.
type memoEntry struct {
	n    uint8 // length of the word; 0 for an empty entry
	more bool
	word [memoWord]byte
	key  int32
}

// candKey names a candidate list: key k, filtered by how the name is
// written: caps when in capitals (abbreviations count), onlyAbbrev when in
// capitals outside a dateline (only abbreviations count).
func candKey(k int, caps, onlyAbbrev bool) uint64 {
	ck := uint64(k) << 2
	if caps {
		ck |= 1
	}
	if onlyAbbrev {
		ck |= 2
	}
	return ck
}

// recognizers keeps the buffers of finished recognitions for the next.
var recognizers sync.Pool

// maxPooled bounds the tokens of a recognizer worth keeping, and the
// names at a tenth of that: a recognizer that took a book is let go.
const maxPooled = 1 << 16

func newRecognizer(g *Gazetteer, text string, ctx Context) *recognizer {
	r, _ := recognizers.Get().(*recognizer)
	if r == nil {
		r = &recognizer{}
	}
	r.g, r.text, r.ctx = g, text, ctx
	r.toks = appendTokens(r.toks[:0], text)
	r.folds = r.folds[:0]
	r.lows = r.lows[:0]
	r.found, r.tops = r.found[:0], r.tops[:0]
	if r.evidence == nil {
		r.evidence, r.persons = map[string]float64{}, map[string]bool{}
		r.base, r.ev = map[string]float64{}, map[string]float64{}
	}
	clear(r.evidence)
	clear(r.persons)
	if r.memo == nil {
		r.memo = new([memoSize]memoEntry)
	}
	if r.memoG != g {
		*r.memo = [memoSize]memoEntry{}
		r.memoG = g
	}
	return r
}

// free returns r to the pool; nothing of it, its toponyms included, may
// be used after.
func (r *recognizer) free() {
	if cap(r.toks) > maxPooled || cap(r.found) > maxPooled/10 || cap(r.scores) > maxPooled {
		return
	}
	clear(r.found) // drop references into the gazetteer's readings
	clear(r.tops)
	r.g, r.text, r.ctx = nil, "", Context{} // memoG stays: the memo is kept
	recognizers.Put(r)
}

// fold returns the folded form of token i, folding it on first use.
func (r *recognizer) fold(i int) []byte {
	t := &r.toks[i]
	if t.fold1 == 0 {
		t.fold0 = int32(len(r.folds))
		r.folds = appendFoldWord(r.folds, r.text[t.start:t.end])
		t.fold1 = int32(len(r.folds))
	}
	return r.folds[t.fold0:t.fold1]
}

// probeWord looks token i up in the gazetteer's index (see gazfile.Table.Key).
func (r *recognizer) probeWord(i int) (k int, more bool) {
	w := r.fold(i)
	if len(w) > memoWord {
		return r.g.t.Key(w)
	}
	h := uint32(2166136261)
	for _, c := range w {
		h = (h ^ uint32(c)) * 16777619
	}
	e := &r.memo[h%memoSize]
	if int(e.n) == len(w) && string(e.word[:e.n]) == string(w) {
		return int(e.key), e.more
	}
	k, more = r.g.t.Key(w)
	e.n, e.more, e.key = uint8(len(w)), more, int32(k)
	copy(e.word[:], w)
	return k, more
}

// appendFoldWord is names.AppendFold for one word, quicker for a word of
// ASCII letters and digits, which folds to itself in lower case.
func appendFoldWord(dst []byte, w string) []byte {
	start := len(dst)
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch k := asciiWord[c]; {
		case k == 0:
			return names.AppendFold(dst[:start], w)
		case k&2 != 0:
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	if string(dst[start:]) == "el" {
		dst = append(dst[:start], "al"...) // the Arabic article
	}
	return dst
}

// lower returns token i in lower case. The bytes stay valid for the rest
// of the recognition; index maps with string(...) of them, which does not
// copy.
func (r *recognizer) lower(i int) []byte {
	w := r.word(i)
	start := len(r.lows)
	if ascii(w) {
		for j := 0; j < len(w); j++ {
			c := w[j]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			r.lows = append(r.lows, c)
		}
	} else {
		r.lows = append(r.lows, strings.ToLower(w)...)
	}
	return r.lows[start:]
}

// word returns token i as written.
func (r *recognizer) word(i int) string { return r.text[r.toks[i].start:r.toks[i].end] }

// tag recognises and resolves the places of text, which it leaves in the
// returned recognizer's tops. The caller frees the recognizer when done
// with them.
func (g *Gazetteer) tag(text string, ctx Context) *recognizer {
	r := newRecognizer(g, text, ctx)
	toks := r.toks
	evidence := r.evidence
	for _, c := range ctx.Countries {
		if c != "" {
			evidence[c] += 2
		}
	}
	persons := r.persons // keys seen naming a person somewhere in the text
	for i := 0; i < len(toks); {
		t, demonym := r.match(i)
		if demonym != "" {
			evidence[demonym]++
		}
		if t == nil {
			i++
			continue
		}
		ok, person := r.accept(t)
		if person {
			persons[t.key] = true
		}
		if t.dateline || ok {
			r.found = append(r.found, *t)
			i = t.last + 1
			continue
		}
		i++
	}
	// One sense per discourse: "Bruce Ivins ... Ivins said" makes every
	// bare "Ivins" the person, except after a locative ("in Franklin").
	for i := range r.found {
		t := &r.found[i]
		if persons[t.key] && !t.dateline && (t.first == 0 || !locatives[string(r.lower(t.first-1))]) {
			continue
		}
		r.tops = append(r.tops, t)
	}
	r.cues(r.tops)
	r.resolve()
	return r
}

// match finds the longest gazetteer name starting at token i. It returns
// the toponym, valid until the next call, or the country of a demonym
// standing there.
func (r *recognizer) match(i int) (*toponym, string) {
	text, toks, ctx, tab := r.text, r.toks, r.ctx, r.g.t
	t0 := &toks[i]
	dateline := false
	if ctx.Dateline != nil && ctx.Dateline.City != "" {
		cs := ctx.Dateline.CitySpan
		dateline = int(t0.start) >= cs.Start && int(t0.start) < cs.End
	} else if t0.upper && t0.lineStart {
		dateline = looksLikeDateline(text, toks, i)
	}
	if !t0.capital && !t0.upper && !dateline {
		return nil, ""
	}
	best, bestJ, bestCaps := -1, 0, false
	demonym := ""
	key := r.key[:0]
	for j := i; j < len(toks) && j < i+maxWords; j++ {
		tj := &toks[j]
		possessive := false
		if j > i {
			if !(tj.capital || tj.upper || tj.end-tj.start <= maxConnector && connectors[r.word(j)]) {
				break
			}
			var sp bool
			if sp, possessive, _ = gaps(text, toks, j); !sp {
				break
			}
			if t0.upper != tj.upper && !connectors[r.word(j)] {
				break // "ANKARA Turkey" is no one name
			}
		}
		// The key of the words so far is the key of the words before and
		// this word's, except across a possessive ("People's" is "peoples").
		var k int
		var more bool
		switch {
		case j == i:
			key = append(key, r.fold(i)...)
			k, more = r.probeWord(i)
		case possessive:
			key = names.AppendFold(key[:0], text[t0.start:tj.end])
			k, more = tab.Key(key)
		default:
			key = append(key, ' ')
			key = append(key, r.fold(j)...)
			k, more = tab.Key(key)
		}
		if k >= 0 && (tj.capital || tj.upper) {
			n := min(tab.NumPostings(k), maxCandidates) // postings come most populous first
			if d := r.g.demonymOf(k, n); d != "" {
				// "Syrian", "Canadian": never a place, even where some
				// village bears the name.
				if j == i && !t0.upper {
					demonym = d
				}
			} else if caps := allCaps(text[t0.start:tj.end]); r.g.usable(k, n, caps, t0.upper && !dateline) {
				best, bestJ, bestCaps = k, j, caps
			}
		}
		if _, poss, _ := gaps(text, toks, j+1); poss {
			more = tab.HasPrefix(string(key))
		}
		if !more {
			break
		}
	}
	r.key = key
	if best < 0 {
		return nil, demonym
	}
	tj := &toks[bestJ]
	_, _, comma := gaps(text, toks, i)
	rd := r.read(best, bestCaps, t0.upper && !dateline)
	t := &r.match1
	*t = toponym{
		span:  eventwire.Span{Start: int(t0.start), End: int(tj.end)},
		first: i, last: bestJ, key: tab.KeyString(best), keyIndex: best,
		cands:    rd.cands,
		rd:       rd,
		dateline: dateline && bestJ == i || dateline && ctx.Dateline != nil && int(tj.end) <= ctx.Dateline.CitySpan.End,
		common:   tab.KeyFlags(best)&gazfile.Common != 0,
		comma:    comma,
	}
	return t, ""
}

// usable reports whether key k, written in capitals or not, has a usable
// candidate among its first n postings: an abbreviation written in
// capitals, or any name unless onlyAbbrev.
func (g *Gazetteer) usable(k, n int, caps, onlyAbbrev bool) bool {
	for p := range n {
		if g.t.Posting(k, p).Flags&gazfile.Abbrev != 0 {
			if caps {
				return true
			}
		} else if !onlyAbbrev {
			return true
		}
	}
	return false
}

// reading is what the gazetteer knows of a name as written: its usable
// candidates, and the facts about them that accept asks for.
type reading struct {
	cands   []candidate
	skip    bool // a stopword or a first name: never a place
	given   bool // also a given name ("Jordan")
	country bool // a country, continent or abbreviation among the candidates
	major   bool // ...or a division, capital or place of 100,000
	bigPop  int  // the largest population among them
}

// read returns the reading of key k with its usable candidates (see
// usable). It is shared: callers must not change it.
func (r *recognizer) read(k int, caps, onlyAbbrev bool) *reading {
	g := r.g
	ck := candKey(k, caps, onlyAbbrev)
	g.mu.RLock()
	rd, ok := g.cands[ck]
	g.mu.RUnlock()
	if ok {
		return rd
	}
	rd = &reading{}
	n := min(g.t.NumPostings(k), maxCandidates)
	for p := range n {
		ps := g.t.Posting(k, p)
		abbrev := ps.Flags&gazfile.Abbrev != 0
		if abbrev && !caps || !abbrev && onlyAbbrev {
			continue
		}
		// A demonym here is of no country ("European"): it names a place.
		rd.cands = append(rd.cands, newCandidate(g.feature(ps.Feature), abbrev, ps.Flags&gazfile.Demonym != 0))
	}
	key := g.t.KeyString(k)
	rd.skip = stopwords[key] || firstNames[key]
	rd.given = givenNames[key]
	for _, c := range rd.cands {
		switch {
		case c.Code == "PCLI" || c.Code == "CONT" || c.abbrev:
			rd.country, rd.major = true, true
		case c.Code == "ADM1" || c.Code == "PPLC" || c.Population >= 100000:
			rd.major = true
		}
		rd.bigPop = max(rd.bigPop, c.Population)
	}
	g.mu.Lock()
	if _, dup := g.cands[ck]; !dup && g.cached+len(rd.cands) <= maxCached {
		if g.cands == nil {
			g.cands = map[uint64]*reading{}
		}
		g.cands[ck] = rd
		g.cached += len(rd.cands) + 1
	}
	g.mu.Unlock()
	return rd
}

// coordinations marks the toponyms coordinated with the next: lists of
// names joined by "and" or "or" ("Washington and Beijing"), or of three
// or more joined by commas as well ("Arizona, California, Georgia and
// Idaho"). Two names joined by a comma alone are rather a place and its
// container ("Atlanta, Georgia").
func (r *recognizer) coordinations(tops []*toponym) {
	joins := make([]uint8, len(tops)) // how tops[i] joins tops[i+1]: 0 not, 1 comma, 2 "and"/"or"
	for i, t := range tops[:max(len(tops)-1, 0)] {
		next := tops[i+1]
		_, _, comma := gaps(r.text, r.toks, next.first)
		switch {
		case next.first == t.last+1 && comma:
			joins[i] = 1
		case next.first == t.last+2 && coordinators[string(r.lower(t.last+1))] && spaced(r.text, r.toks, next.first):
			if sp, _, c := gaps(r.text, r.toks, t.last+1); sp || c {
				joins[i] = 2
			}
		}
	}
	for i := 0; i < len(tops); {
		j := i // the run of joined names is tops[i..j]
		for j < len(tops)-1 && joins[j] != 0 {
			j++
		}
		for k := i; k < j; k++ {
			tops[k].coordNext = j-i >= 2 || joins[k] == 2
		}
		i = j + 1
	}
}

// cues notes the cue words around each toponym.
func (r *recognizer) cues(tops []*toponym) {
	r.coordinations(tops)
	for _, t := range tops {
		if t.last+1 < len(r.toks) {
			next := r.lower(t.last + 1)
			t.divisionAfter = divisionCues[string(next)]
			t.county = r.toks[t.last+1].capital && countyWords[string(next)] && spaced(r.text, r.toks, t.last+1)
		}
		if t.first >= 2 && strings.EqualFold(r.word(t.first-1), "of") {
			pw := r.lower(t.first - 2)
			t.settlementOf = settlementCues[string(pw)]
			t.divisionOf = divisionCues[string(pw)]
		}
	}
}

// demonymOf returns the country of a demonym among the first n postings
// of key k, or "".
func (g *Gazetteer) demonymOf(k, n int) string {
	for p := range n {
		if ps := g.t.Posting(k, p); ps.Flags&gazfile.Demonym != 0 {
			return g.countries[g.t.CountryOf(ps.Feature)].Alpha3
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
	for j+1 < len(toks) && toks[j+1].upper && spaced(text, toks, j+1) && j-i < 3 {
		j++
	}
	rest := strings.TrimLeft(text[toks[j].end:], " ")
	return strings.HasPrefix(rest, ",") || strings.HasPrefix(rest, "(") || strings.HasPrefix(rest, "—") || strings.HasPrefix(rest, "-")
}

// accept decides whether a matched name is a place here. Names of one word
// that English also uses as a common word, person or organisation name ask
// for more evidence. person reports that the name is a person's here, which
// then holds for its other mentions in the text too.
func (r *recognizer) accept(t *toponym) (ok, person bool) {
	toks := r.toks
	for _, x := range r.ctx.Exclude {
		if x.Overlaps(t.span) {
			return false, false
		}
	}
	common := t.common
	first := &toks[t.first]
	title := first.title
	if t.rd.skip {
		return false, false
	}
	country, major, bigPop := t.rd.country, t.rd.major, t.rd.bigPop
	pi, ni := -1, -1 // the words before and after, when only spaces part them
	if t.first > 0 && spaced(r.text, toks, t.first) {
		pi = t.first - 1
	}
	if t.last+1 < len(toks) && spaced(r.text, toks, t.last+1) {
		ni = t.last + 1
	}
	var prevWord, nextWord []byte
	if t.first > 0 {
		prevWord = r.lower(t.first - 1)
	}
	if ni >= 0 {
		nextWord = r.lower(ni)
	}
	single := t.first == t.last

	if ni >= 0 && diseaseWords[string(nextWord)] {
		return false, false // "Marburg virus"
	}
	// "Jordan said", "Ivins told": a person. Capitals and big places that
	// "say" things are their governments, which are places too; and after
	// a locative a name that is no common word is no subject either
	// ("prosecutors in Virginia said", but "the School of Law writes").
	if single && ni >= 0 && speechVerbs[string(nextWord)] && (t.rd.given || !major) && (common || !locatives[string(prevWord)]) {
		return false, true
	}
	if single && common && !country {
		if first.initial || title {
			return false, false // "Nice weather", "Reading the report"
		}
		if bigPop < 20000 && !locatives[string(prevWord)] {
			return false, false
		}
	}
	if title {
		return true, false
	}
	// "President Jordan", "George Washington", "Michael Jordan".
	if pi >= 0 && (toks[pi].capital || toks[pi].upper) && single {
		prev := &toks[pi]
		pw := prevWord
		switch {
		case titles[string(pw)]:
			return false, !major
		case firstNames[string(pw)]:
			return false, true
		case placeModifiers[string(pw)], prev.initial && (stopwords[string(pw)] || r.isCommon(pi)):
		case r.isDemonym(pi):
		case prev.upper:
		default:
			if !r.isPlace(pi) && (!country || !r.isCommon(pi)) {
				return false, !country || t.rd.given
			}
		}
	}
	// "Washington Post", "Jordan Peterson"; but "Idlib Governorate".
	if ni >= 0 && (toks[ni].capital && !toks[ni].upper) {
		nw := nextWord
		switch {
		case generics[string(nw)], connectors[string(nw)], r.isDemonym(ni), r.isPlace(ni):
		case orgWords[string(nw)]:
			return false, false
		case timeWords[string(nw)]:
		case single && (common || !major):
			return false, !major
		case single && country && !r.isCommon(ni) && t.rd.given:
			return false, true
		}
	}
	return true, false
}

// isCommon reports whether token i is a common English word that the
// gazetteer also knows as a name; other common words are not known to it
// and count as not common, which is the safe side for adjacency rules.
func (r *recognizer) isCommon(i int) bool {
	w := r.lower(i)
	if stopwords[string(w)] || locatives[string(w)] || titles[string(w)] || generics[string(w)] || connectors[string(w)] {
		return true
	}
	var k int
	if ascii(r.word(i)) {
		k, _ = r.probeWord(i) // folding lower-cases ASCII as strings.ToLower does
	} else {
		r.key = names.AppendFold(r.key[:0], string(w))
		k, _ = r.g.t.Key(r.key)
	}
	return k >= 0 && r.g.t.KeyFlags(k)&gazfile.Common != 0 || functionWords[string(w)]
}

func ascii(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// isDemonym reports whether token i is an adjective of nationality.
func (r *recognizer) isDemonym(i int) bool {
	tab := r.g.t
	k, _ := r.probeWord(i)
	if k < 0 {
		return false
	}
	for p := range min(tab.NumPostings(k), maxCandidates) {
		if tab.Posting(k, p).Flags&gazfile.Demonym != 0 {
			return true
		}
	}
	return false
}

// isPlace reports whether token i names a country, a division or a place
// of 100,000 people, and is no common word.
func (r *recognizer) isPlace(i int) bool {
	tab := r.g.t
	k, _ := r.probeWord(i)
	if k < 0 || tab.KeyFlags(k)&gazfile.Common != 0 {
		return false
	}
	for p := range min(tab.NumPostings(k), maxCandidates) {
		ps := tab.Posting(k, p)
		if ps.Flags&(gazfile.Demonym|gazfile.Abbrev) != 0 {
			continue
		}
		if f := ps.Feature; tab.Population(f) >= 100000 || tab.Code(f) == "PCLI" || tab.Code(f) == "ADM1" {
			return true
		}
	}
	return false
}
