package lexicon

import (
	"sort"
	"strings"
)

// PhraseKind says what an actor phrase names.
type PhraseKind uint8

// Kinds of actor phrases.
const (
	CountryName PhraseKind = iota // "Syria", "the United States"
	Adjective                     // "Syrian", "Turks"
	SeatName                      // "Ankara", "the Kremlin"
	EntityName                    // "Vladimir Putin", "NATO", "Hezbollah"
	AgentNoun                     // "government forces", "militants"
)

// Case is how a phrase word must be written in the text to match.
type Case uint8

// Case requirements.
const (
	AnyCase     Case = iota // lower-case lexicon words: "militants"
	Capitalised             // "Putin" needs "Putin" or "PUTIN", not "putin"
	AllCaps                 // "US", "HTS": never "us"
)

// Phrase is one way of naming an actor, ready for matching.
type Phrase struct {
	Words   []string // normalised
	Cases   []Case
	Kind    PhraseKind
	Country *Country // for CountryName, Adjective, SeatName
	Role    string   // for SeatName and AgentNoun: the sector
	Entity  *Entity  // for EntityName
	Plural  bool     // an agent's generated plural, or a plural demonym
	Pos     Pos

	hashes []uint32 // Hash of each of Words, set when the phrase is indexed
	entry  string   // Pos.String(), set when the phrase is indexed
}

// Entry returns Pos.String(), computed once when the phrase was indexed.
func (ph *Phrase) Entry() string {
	if ph.entry == "" {
		return ph.Pos.String()
	}
	return ph.entry
}

// PhraseIndex finds actor phrases by their first word.
type PhraseIndex struct {
	byFirst map[string][]*Phrase
	filter  wordFilter
	table   wordTable[[]*Phrase]
	n       int
}

// Len returns how many phrases are indexed.
func (x *PhraseIndex) Len() int { return x.n }

// Candidates returns the phrases whose first normalised word is w, longest
// first. The caller checks the remaining words and their case with Fits.
func (x *PhraseIndex) Candidates(w string) []*Phrase { return x.byFirst[w] }

// CandidatesHashed is Candidates for a word whose Hash is h.
func (x *PhraseIndex) CandidatesHashed(w string, h uint32) []*Phrase {
	if !x.filter.has(h) {
		return nil
	}
	ps, _ := x.table.get(w, h)
	return ps
}

// Fits reports whether the phrase matches the words at i: norm holds the
// normalised words, raw the words as written.
func (ph *Phrase) Fits(norm, raw []string, i int) bool {
	if i+len(ph.Words) > len(norm) {
		return false
	}
	for k, w := range ph.Words {
		if norm[i+k] != w || !caseFits(ph.Cases[k], raw[i+k]) {
			return false
		}
	}
	return true
}

// FitsHashed is Fits for words whose Hash values are in hash: it turns
// most candidates away by comparing hashes before any string.
func (ph *Phrase) FitsHashed(norm, raw []string, hash []uint32, i int) bool {
	if len(ph.hashes) != len(ph.Words) || len(hash) != len(norm) {
		return ph.Fits(norm, raw, i)
	}
	if i < 0 || i+len(ph.Words) > len(norm) {
		return false
	}
	for k, h := range ph.hashes {
		if hash[i+k] != h {
			return false
		}
	}
	return ph.Fits(norm, raw, i)
}

func caseFits(c Case, raw string) bool {
	switch c {
	case Capitalised:
		return raw != "" && !isLowerByte(raw[0])
	case AllCaps:
		return strings.ToUpper(raw) == raw
	}
	return true
}

func isLowerByte(c byte) bool { return c >= 'a' && c <= 'z' }

func caseOf(w string) Case {
	if w == "" {
		return AnyCase
	}
	upper := 0
	letters := 0
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 'A' && c <= 'Z' {
			upper++
			letters++
		} else if c >= 'a' && c <= 'z' {
			letters++
		}
	}
	switch {
	case letters >= 2 && upper == letters:
		return AllCaps
	case w[0] >= 'A' && w[0] <= 'Z', w[0] >= 0x80:
		return Capitalised
	}
	return AnyCase
}

func newPhrase(text string, kind PhraseKind, pos Pos) *Phrase {
	text = strings.TrimSpace(text)
	if strings.HasPrefix(strings.ToLower(text), "the ") {
		text = text[4:] // "the" is matched by the tagger as a determiner
	}
	raw := strings.Fields(text)
	ph := &Phrase{Words: Words(text), Kind: kind, Pos: pos}
	// Words may have split a possessive off; align cases to words.
	ri := 0
	for _, w := range ph.Words {
		if w == "'s" || w == "," || ri >= len(raw) {
			ph.Cases = append(ph.Cases, AnyCase)
			continue
		}
		ph.Cases = append(ph.Cases, caseOf(raw[ri]))
		ri++
	}
	return ph
}

func buildPhrases(l *Lexicon) *PhraseIndex {
	x := &PhraseIndex{byFirst: map[string][]*Phrase{}}
	add := func(ph *Phrase) {
		if len(ph.Words) == 0 {
			return
		}
		ph.entry = ph.Pos.String()
		ph.hashes = make([]uint32, len(ph.Words))
		for k, w := range ph.Words {
			ph.hashes[k] = Hash(w)
		}
		x.byFirst[ph.Words[0]] = append(x.byFirst[ph.Words[0]], ph)
		x.n++
	}
	for _, c := range l.Countries {
		for _, n := range append([]string{c.Name}, c.Aliases...) {
			ph := newPhrase(n, CountryName, c.Pos)
			ph.Country = c
			add(ph)
		}
		for _, a := range c.Adjectives {
			ph := newPhrase(a, Adjective, c.Pos)
			ph.Country = c
			ph.Plural = strings.HasSuffix(a, "s")
			add(ph)
		}
		for _, s := range c.Seats {
			ph := newPhrase(s.Phrase, SeatName, s.Pos)
			ph.Country = c
			ph.Role = s.Role
			add(ph)
		}
	}
	for _, e := range l.Entities {
		for _, n := range append([]string{e.Name}, e.Aliases...) {
			ph := newPhrase(n, EntityName, e.Pos)
			ph.Entity = e
			add(ph)
		}
	}
	for _, a := range l.Agents {
		ph := newPhrase(a.Phrase, AgentNoun, a.Pos)
		ph.Role = a.Role
		add(ph)
		last := ph.Words[len(ph.Words)-1]
		if pl := PluralOf(last); pl != last {
			pp := *ph
			pp.Words = append(append([]string(nil), ph.Words[:len(ph.Words)-1]...), pl)
			pp.Plural = true
			add(&pp)
		}
	}
	for w, ps := range x.byFirst {
		x.filter.add(w)
		sort.SliceStable(ps, func(i, j int) bool {
			if len(ps[i].Words) != len(ps[j].Words) {
				return len(ps[i].Words) > len(ps[j].Words)
			}
			// Named things before agents, so "Aerospace Forces" as a
			// name of a body would beat the generic noun.
			return ps[i].Kind < ps[j].Kind
		})
	}
	x.table = newWordTable(x.byFirst)
	return x
}
