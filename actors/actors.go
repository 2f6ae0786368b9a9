package actors

import (
	"time"

	"github.com/eventwire/eventwire"
	"github.com/eventwire/eventwire/lexicon"
)

// Tagger is the pipeline stage that fills doc.Mentions.
type Tagger struct {
	Lex *lexicon.Lexicon
}

// Name implements eventwire.Stage.
func (t *Tagger) Name() string { return "actors" }

// piece is a lexicon phrase matched at tokens [start, end) of a sentence.
type piece struct {
	ph         *lexicon.Phrase
	start, end int
}

// locatives are prepositions after which a country or capital is a place,
// not an actor: "clashes in Syria", "across Ukraine". After "to", "from"
// and "at" a country is usually a party ("delivered missiles to Ukraine",
// "fired rockets at Israel").
var locatives = map[string]bool{
	"in": true, "near": true, "across": true, "throughout": true, "inside": true,
	"within": true, "into": true, "outside": true, "around": true, "via": true, "through": true,
	"over": true, "off": true, "along": true,
}

// Process implements eventwire.Stage.
func (t *Tagger) Process(doc *eventwire.Document) error {
	date := doc.PubDate.Time
	if date.IsZero() {
		date = doc.Article.Published
	}
	doc.Mentions = doc.Mentions[:0]
	var m matcher
	longest := 0
	for _, toks := range doc.Tokens {
		longest = max(longest, len(toks))
	}
	m.grow(longest)
	total := 0
	for _, toks := range doc.Tokens {
		total += len(toks)
	}
	// The normalised words of every sentence share one backing array and
	// stay on the document for the coder.
	words := make([]string, 0, total)
	doc.Words = make([][]string, len(doc.Tokens))
	for si, toks := range doc.Tokens {
		start := len(words)
		words = lexicon.NormTokens(words, toks)
		doc.Words[si] = words[start:len(words):len(words)]
		m.reset(toks, doc.Words[si])
		pieces := t.match(&m, date)
		doc.Mentions = t.chunk(doc, si, toks, m.norm, pieces, date)
		m.pieces = pieces[:0]
	}
	fillContextCountries(doc)
	return nil
}

// matcher holds one sentence's words, reused across the sentences of an
// article, and the longest phrase found at each token so far: the
// overtaking check asks for tokens that the main loop may reach again.
type matcher struct {
	norm, raw []string
	hash      []uint32
	best      []*lexicon.Phrase
	done      []bool
	pieces    []piece
}

// grow makes room for sentences of n tokens.
func (m *matcher) grow(n int) {
	m.raw, m.hash = make([]string, 0, n), make([]uint32, 0, n)
	m.best, m.done = make([]*lexicon.Phrase, 0, n), make([]bool, 0, n)
}

func (m *matcher) reset(toks []eventwire.Token, norm []string) {
	m.norm = norm
	m.raw, m.hash = m.raw[:0], m.hash[:0]
	m.best, m.done = m.best[:0], m.done[:0]
	for k, tk := range toks {
		m.raw = append(m.raw, tk.Text)
		m.hash = append(m.hash, lexicon.Hash(m.norm[k]))
		m.best = append(m.best, nil)
		m.done = append(m.done, false)
	}
}

// match finds the longest phrase at each token, left to right. A match
// gives way to a name that starts inside it and runs further: in "Crown
// Prince Mohammed bin Salman" the full name beats the title alias.
func (t *Tagger) match(m *matcher, date time.Time) []piece {
	out := m.pieces[:0]
	for i := 0; i < len(m.norm); {
		best := t.longest(m, i, date)
		if best == nil {
			i++
			continue
		}
		end := i + len(best.Words)
		overtaken := false
		for j := i + 1; j < end; j++ {
			if o := t.longest(m, j, date); o != nil && o.Kind == lexicon.EntityName && j+len(o.Words) > end {
				overtaken = true
				break
			}
		}
		if overtaken {
			i++
			continue
		}
		out = append(out, piece{ph: best, start: i, end: end})
		i = end
	}
	return out
}

// longest returns the longest phrase at token i. Two names written alike
// ("Bush" for father and son) are told apart by the article's date: the
// one holding a dated role then wins.
func (t *Tagger) longest(m *matcher, i int, date time.Time) *lexicon.Phrase {
	if !m.done[i] {
		m.best[i] = t.findLongest(m, i, date)
		m.done[i] = true
	}
	return m.best[i]
}

func (t *Tagger) findLongest(m *matcher, i int, date time.Time) *lexicon.Phrase {
	var best *lexicon.Phrase
	for _, ph := range t.Lex.Phrases().CandidatesHashed(m.norm[i], m.hash[i]) {
		if best != nil && len(ph.Words) < len(best.Words) {
			break // candidates come longest first
		}
		if !ph.FitsHashed(m.norm, m.raw, m.hash, i) {
			continue
		}
		if best == nil {
			best = ph
			if ph.Kind != lexicon.EntityName || date.IsZero() {
				return best
			}
			continue
		}
		if ph.Kind == lexicon.EntityName && !inOffice(best.Entity, date) && inOffice(ph.Entity, date) {
			best = ph
		}
	}
	return best
}

// inOffice reports whether e holds a dated role on day t.
func inOffice(e *lexicon.Entity, t time.Time) bool {
	if e == nil {
		return false
	}
	for _, r := range e.Roles {
		if r.Dated() && r.Covers(t) {
			return true
		}
	}
	return false
}

// joins reports whether the tokens between two pieces let the first modify
// or coordinate with the second: nothing, "and", a comma, "’s", "the".
func joins(norm []string, from, to int) bool {
	if to-from > 2 {
		return false
	}
	for k := from; k < to; k++ {
		switch norm[k] {
		case "and", ",", "'s", "the", "&":
		default:
			return false
		}
	}
	return true
}

// chunk turns the pieces of sentence si into mentions appended to doc.Mentions.
// Adjectives and titles before a head are its modifiers: "Russian and
// Turkish Presidents Vladimir Putin and Recep Tayyip Erdogan" yields two
// people; "Syrian and Turkish troops" two militaries.
func (t *Tagger) chunk(doc *eventwire.Document, si int, toks []eventwire.Token, norm []string, pieces []piece, date time.Time) []eventwire.Mention {
	out := doc.Mentions
	var mods []piece // pending adjectives and country possessives
	var title *piece // a pending agent noun used as a title
	text := doc.Article.Text
	// emit records a mention from the first piece to the last, of the kind
	// its head names.
	emit := func(first, last piece, head *lexicon.Phrase, a eventwire.Actor, entries ...string) {
		span := eventwire.Span{Start: toks[first.start].Span.Start, End: toks[last.end-1].Span.End}
		out = append(out, eventwire.Mention{
			Span: span, Text: text[span.Start:span.End], Sentence: si, Actor: a,
			Kind: kindName(head), Entries: entries,
		})
	}
	skip := 0 // pieces before this token were taken into an earlier mention
	for n, p := range pieces {
		if p.start < skip {
			continue
		}
		// Forget modifiers that do not reach this piece.
		if len(mods) > 0 && !joins(norm, mods[len(mods)-1].end, p.start) && (title == nil || !joins(norm, title.end, p.start)) {
			mods = mods[:0]
			title = nil
		}
		if title != nil && !joins(norm, title.end, p.start) {
			title = nil
		}
		next := func() *piece {
			if n+1 < len(pieces) && joins(norm, p.end, pieces[n+1].start) {
				return &pieces[n+1]
			}
			return nil
		}
		ph := p.ph
		switch ph.Kind {
		case lexicon.Adjective:
			if locative(norm, p.start) {
				continue // "near the Venezuelan border"
			}
			nx := next()
			if nx != nil && nx.ph.Kind != lexicon.SeatName {
				mods = append(mods, p)
				continue
			}
			if ph.Plural || p.end < len(toks) && toks[p.end].Kind == eventwire.Word && !capitalised(toks[p.end].Text) {
				// "the Syrians", "Turks", and "Ukrainian positions", "Israeli
				// air strikes": the country itself.
				emit(p, p, ph, lexicon.SplitCode(ph.Country.Code), ph.Entry())
			}
		case lexicon.CountryName, lexicon.SeatName:
			if locative(norm, p.start) {
				continue // a place, not an actor
			}
			if p.start > 1 && norm[p.start-1] == "of" && capitalised(toks[p.start-2].Text) {
				continue // part of a place name: "the Sea of Japan", "Gulf of Mexico"
			}
			if ph.Kind == lexicon.SeatName && partOfLongerName(toks, p) {
				continue // "Washington Post", "Kremlin Palace"
			}
			if nx := next(); nx != nil && nx.ph.Kind == lexicon.AgentNoun && (nx.start == p.end || norm[p.end] == "'s") ||
				nx != nil && nx.ph.Kind == lexicon.Adjective && ph.Kind == lexicon.CountryName && norm[p.end] == "and" {
				mods = append(mods, p) // "Syria's army", "U.S. forces", "Kosovo police", "U.S. and British warplanes"
				continue
			}
			code := ph.Country.Code
			if ph.Kind == lexicon.SeatName {
				code += ph.Role
			}
			emit(p, p, ph, lexicon.SplitCode(code), ph.Entry())
		case lexicon.EntityName:
			if ph.Entity.Kind != lexicon.Person && partOfLongerName(toks, p) {
				continue // "Memorial" in "Peace Memorial Park"
			}
			e := ph.Entity
			role, ok := e.RoleAt(date)
			a := eventwire.Actor{Name: e.Name}
			entries := make([]string, 1, 3)
			entries[0] = ph.Entry()
			if ok {
				a = lexicon.SplitCode(role.Code)
				a.Name = e.Name
				entries = append(entries, role.Pos.String())
			} else if len(e.Roles) > 0 {
				// Out of every dated role: keep the country, drop the role.
				a = lexicon.SplitCode(e.Roles[0].Code[:3])
				a.Name = e.Name
			}
			last := p
			if nx := next(); nx != nil && e.Kind != lexicon.Person && nx.ph.Kind == lexicon.AgentNoun && nx.start == p.end {
				// "RSF fighters", "Hezbollah militants": the group's members are the group.
				last = *nx
				skip = nx.end
				entries = append(entries, nx.ph.Entry())
			}
			emit(p, last, ph, a, entries...)
			mods = mods[:0]
			title = nil
			continue
		case lexicon.AgentNoun:
			if nx := next(); nx != nil && nx.ph.Kind == lexicon.EntityName {
				// A title before a name: "President Vladimir Putin".
				title = &pieces[n]
				continue
			}
			if nx := next(); nx != nil && nx.ph.Kind == lexicon.AgentNoun && (nx.start == p.end || norm[p.end] == "'s") {
				// "military government", "government helicopters": the last
				// noun is the head; the country modifiers carry over to it.
				mods = append(mods, p)
				continue
			}
			if len(mods) == 0 && !ph.Plural && modifiesNoun(toks, norm, p, pieces, n) {
				continue // "a large-scale military operation": an adjective, no actor
			}
			first := p
			var countries []string
			var entries []string
			for _, m := range mods {
				if m.ph.Country != nil {
					countries = append(countries, m.ph.Country.Code)
					entries = append(entries, m.ph.Entry())
				}
			}
			last := p
			if len(countries) == 0 {
				// "the foreign ministers of India and China", "the people of Turkey".
				for _, c := range ofCountries(norm, p, pieces[n+1:]) {
					countries = append(countries, c.ph.Country.Code)
					entries = append(entries, c.ph.Entry())
					last = c
					skip = c.end
				}
			}
			if len(mods) > 0 {
				first = mods[0]
			}
			entries = append(entries, ph.Entry())
			if len(countries) == 0 {
				countries = []string{""}
			}
			for _, c := range countries {
				a := lexicon.SplitCode(c + ph.Role)
				if c == "" {
					a = eventwire.Actor{Code: ph.Role, Sector: ph.Role}
				}
				emit(first, last, ph, a, entries...)
			}
		}
		mods = mods[:0]
		title = nil
	}
	return out
}

// ofCountries returns the countries named right after an agent by "of":
// "ministers of India and China" gives India and China.
func ofCountries(norm []string, agent piece, rest []piece) []piece {
	k := agent.end
	if k >= len(norm) || norm[k] != "of" {
		return nil
	}
	k++
	var out []piece
	for _, r := range rest {
		if k < len(norm) && norm[k] == "the" {
			k++
		}
		if r.start != k || r.ph.Kind != lexicon.CountryName {
			break
		}
		out = append(out, r)
		k = r.end
		if k < len(norm) && (norm[k] == "and" || norm[k] == ",") {
			k++
			continue
		}
		break
	}
	return out
}

// directions may stand between a locative and its place: "in eastern Congo".
var directions = map[string]bool{
	"eastern": true, "western": true, "northern": true, "southern": true, "central": true,
	"northeastern": true, "northwestern": true, "southeastern": true, "southwestern": true,
	"north": true, "south": true, "east": true, "west": true, "occupied": true, "neighbouring": true,
	"neighboring": true, "rural": true, "coastal": true,
}

// locative reports a place after a locative preposition, allowing a
// direction between them ("in Syria", "in eastern Congo").
func locative(norm []string, start int) bool {
	k := start - 1
	if k >= 0 && norm[k] == "the" {
		k--
	}
	if k >= 0 && directions[norm[k]] {
		k--
	}
	return k >= 0 && locatives[norm[k]]
}

func capitalised(w string) bool { return w != "" && w[0] >= 'A' && w[0] <= 'Z' }

// partOfLongerName reports a one-word name of a body or seat that runs on
// into capitalised words the lexicon does not know: "Washington Post",
// "Hiroshima Peace Memorial Park". The longer name is something else.
func partOfLongerName(toks []eventwire.Token, p piece) bool {
	if p.end-p.start != 1 {
		return false
	}
	if p.end < len(toks) && toks[p.end].Kind == eventwire.Word && capitalised(toks[p.end].Text) {
		return true
	}
	return p.start > 0 && toks[p.start-1].Kind == eventwire.Word && capitalised(toks[p.start-1].Text) &&
		p.start > 1 && toks[p.start-2].Kind == eventwire.Word && capitalised(toks[p.start-2].Text)
}

// abstractNouns after an agent noun make it an adjective: "a military
// operation" is no actor, while "an army convoy" stands for the army.
var abstractNouns = map[string]bool{
	"operation": true, "operations": true, "intervention": true, "campaign": true, "action": true,
	"presence": true, "build-up": true, "buildup": true, "exercise": true, "exercises": true,
	"drill": true, "drills": true, "spending": true, "budget": true, "aid": true, "support": true,
	"assistance": true, "cooperation": true, "solution": true, "option": true, "threat": true,
	"pressure": true, "victory": true, "defeat": true, "response": true, "escalation": true,
	"confrontation": true, "conflict": true, "situation": true, "policy": true, "reform": true,
	"source": true, "sources": true, "official": true, "analyst": true, "expert": true,
}

// modifiesNoun reports an agent noun used as an adjective inside an
// indefinite noun phrase: "a military operation", "an opposition
// stronghold". The next word is a lower-case noun that no phrase claims.
func modifiesNoun(toks []eventwire.Token, norm []string, p piece, pieces []piece, n int) bool {
	if p.end >= len(toks) || n+1 < len(pieces) && pieces[n+1].start == p.end {
		return false
	}
	next := toks[p.end]
	if next.Kind != eventwire.Word || next.Text[0] < 'a' || next.Text[0] > 'z' || !abstractNouns[norm[p.end]] {
		return false // "an army convoy" is the army's
	}
	for k := p.start - 1; k >= 0 && k >= p.start-3; k-- {
		switch norm[k] {
		case "a", "an":
			return true
		}
		if toks[k].Kind != eventwire.Word {
			return false
		}
	}
	return false
}

// fillContextCountries gives a country to sector-only mentions ("militants",
// "the armed opposition units"), as wire copy names a country once and then
// drops it. State sectors (government, army, police, courts) take the
// country of the nearest earlier mention that has one; non-state ones
// (rebels, opposition, civilians) the country the article is mostly about,
// since "militants" in a story about Syria are Syrian whoever spoke last.
func fillContextCountries(doc *eventwire.Document) {
	count := map[string]int{}
	dominant := ""
	for _, m := range doc.Mentions {
		if c := m.Actor.Country; c != "" {
			count[c]++
			if count[c] > count[dominant] {
				dominant = c
			}
		}
	}
	last := ""
	for i := range doc.Mentions {
		m := &doc.Mentions[i]
		if m.Actor.Country != "" {
			last = m.Actor.Country
			continue
		}
		if m.Actor.Sector == "" || m.Actor.Sector == "IGO" || m.Actor.Sector == "NGO" || m.Actor.Sector == "IMG" {
			continue
		}
		c := dominant
		if stateSectors[m.Actor.Sector] && last != "" {
			c = last
		}
		if c != "" {
			m.Actor = lexicon.SplitCode(c + m.Actor.Code)
			m.Resolved = "context-country"
		}
	}
}

var stateSectors = map[string]bool{"GOV": true, "MIL": true, "COP": true, "JUD": true, "LEG": true, "SPY": true}

func kindName(ph *lexicon.Phrase) string {
	switch ph.Kind {
	case lexicon.CountryName, lexicon.Adjective:
		return "country"
	case lexicon.SeatName:
		return "seat"
	case lexicon.EntityName:
		return ph.Entity.Kind.String()
	}
	return "agent"
}
