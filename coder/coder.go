package coder

import (
	"crypto/sha1"
	"encoding/hex"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/eventwire/eventwire"
	"github.com/eventwire/eventwire/lexicon"
)

// Coder is the pipeline stage that fills doc.Events from doc.Mentions.
type Coder struct {
	Lex *lexicon.Lexicon
	// Explain keeps the chain behind every event in Event.Explain.
	Explain bool
}

// Name implements eventwire.Stage.
func (c *Coder) Name() string { return "coder" }

// ref is an actor as it takes part in an event: a mention in this sentence,
// or a word ("he", "the sides") standing for one named earlier.
type ref struct {
	actor    eventwire.Actor
	kind     string
	span     eventwire.Span
	text     string
	resolved string
	entries  []string
}

// group is a run of coordinated actors ("Putin and Erdogan") over tokens
// [start, end) of a sentence.
type group struct {
	refs       []ref
	start, end int
}

// memory carries what coreference needs from one sentence to the next.
type memory struct {
	person  *ref  // the latest person named
	persons []ref // the persons named, latest first, at most four
	many    []ref // the latest group of two or more actors
	body    *ref  // the latest organisation or armed group named
}

// sentence holds one sentence's working state.
type sentence struct {
	doc    *eventwire.Document
	index  int
	toks   []eventwire.Token
	norm   []string
	hash   []uint32          // lexicon.Hash of norm
	paren  []bool            // inside (...) or [...]
	after  []lexicon.WordSet // after[k]: the words at k and later; patterns match after their head
	groups []group
	owner  []int // token -> group index, -1 if none

	lastEnd  int        // token after the last event coded in this sentence, 0 if none
	lastSrc  *group     // the source of that event
	pair     []ref      // the two sides of the last reciprocal event, for "the sides"
	seen     []eventKey // one event per actors and code in a sentence
	suppress int        // triggers before this token belong to an earlier event's complement
}

// Process implements eventwire.Stage.
func (c *Coder) Process(doc *eventwire.Document) error {
	doc.Events = doc.Events[:0]
	var mem memory
	var buf scratch
	for _, toks := range doc.Tokens {
		if len(toks) > cap(buf.norm) || len(toks)+1 > cap(buf.after) {
			n := len(toks)
			buf.norm, buf.hash, buf.paren, buf.owner, buf.after = make([]string, 0, n), make([]uint32, n), make([]bool, n), make([]int, n), make([]lexicon.WordSet, n+1)
		}
	}
	s := &sentence{}
	mi := 0
	for si := range doc.Sentences {
		// One sentence value reused: only the slices it lends out to
		// memory (refs) are made afresh for each sentence.
		*s = sentence{doc: doc, index: si, toks: doc.Tokens[si], groups: buf.groups[:0], seen: buf.seen[:0]}
		start := mi
		for mi < len(doc.Mentions) && doc.Mentions[mi].Sentence == si {
			mi++
		}
		s.prepare(doc.Mentions[start:mi], &mem, &buf)
		c.codeSentence(s)
		s.remember(&mem)
		buf.groups, buf.seen = s.groups[:0], s.seen[:0]
	}
	return nil
}

// eventKey identifies an event within a sentence: its actors and code.
type eventKey struct{ src, tgt, code string }

// scratch holds the per-token slices of a sentence, reused across the
// sentences of one article.
type scratch struct {
	norm  []string
	hash  []uint32
	after []lexicon.WordSet
	paren []bool
	owner []int
	open  []byte
	// groups and seen are a sentence's; none of them outlives it, while
	// the refs inside groups may be kept by memory and are not reused.
	groups []group
	seen   []eventKey
}

func (s *sentence) prepare(mentions []eventwire.Mention, mem *memory, buf *scratch) {
	n := len(s.toks)
	if cap(buf.norm) < n || cap(buf.after) < n+1 {
		buf.norm, buf.hash, buf.paren, buf.owner, buf.after = make([]string, 0, n), make([]uint32, n), make([]bool, n), make([]int, n), make([]lexicon.WordSet, n+1)
	}
	s.norm, s.hash, s.paren, s.owner, s.after = buf.norm[:n], buf.hash[:n], buf.paren[:n], buf.owner[:n], buf.after[:n+1]
	open := buf.open[:0]
	if s.index < len(s.doc.Words) && len(s.doc.Words[s.index]) == n {
		s.norm = s.doc.Words[s.index] // the actors stage normalised them already
	} else {
		s.norm = lexicon.NormTokens(s.norm[:0], s.toks)
	}
	for k, tk := range s.toks {
		s.hash[k] = lexicon.Hash(s.norm[k])
		s.owner[k] = -1
		switch tk.Text {
		case "(":
			open = append(open, ')')
		case "[":
			open = append(open, ']')
		}
		s.paren[k] = len(open) > 0
		if len(open) > 0 && len(tk.Text) == 1 && tk.Text[0] == open[len(open)-1] {
			open = open[:len(open)-1]
		}
	}
	buf.open = open
	s.after[n] = lexicon.WordSet{}
	for k := n - 1; k >= 0; k-- {
		s.after[k] = s.after[k+1]
		s.after[k].AddHash(s.hash[k])
	}
	text := s.doc.Article.Text
	// Mentions to token ranges, coordinated ones into one group. The refs
	// of single-actor groups are cut from one slab per sentence.
	slab := make([]ref, 0, len(mentions))
	for _, m := range mentions {
		a, b := s.tokenRange(m.Span)
		if a >= b {
			continue
		}
		r := ref{actor: m.Actor, kind: m.Kind, span: m.Span, text: m.Text, resolved: m.Resolved, entries: m.Entries}
		if g := len(s.groups) - 1; g >= 0 && s.apposition(&s.groups[g], a, r) {
			s.groups[g].end = b // "Mohammed Deif, the commander of ...": the same actor
			continue
		}
		if g := len(s.groups) - 1; g >= 0 && s.coordinated(s.groups[g].end, a) {
			s.groups[g].refs = append(s.groups[g].refs, r)
			if b > s.groups[g].end {
				s.groups[g].end = b
			}
			continue
		}
		slab = append(slab, r)
		s.groups = append(s.groups, group{refs: slab[len(slab)-1 : len(slab) : len(slab)], start: a, end: b})
	}
	// Mark the tokens the mention groups cover; owner is overwritten with
	// group indexes below, and every marked token lies in some group.
	for _, g := range s.groups {
		for k := g.start; k < g.end; k++ {
			s.owner[k] = 0
		}
	}
	// Pronouns and "the sides" stand for actors named before. "he" is the
	// latest person, in this sentence or before; "him" the latest person of
	// earlier sentences other than one this sentence already named.
	latest := mem.person
	var named []string // persons this sentence names, for "him"
	gi := 0
	for k := 0; k < n; k++ {
		for gi < len(s.groups) && s.groups[gi].start <= k {
			for i := range s.groups[gi].refs {
				if r := &s.groups[gi].refs[i]; r.kind == "person" {
					latest = r
					named = append(named, r.actor.Name)
				}
			}
			gi++
		}
		if s.owner[k] >= 0 {
			continue // in a group; the groups added below start after k
		}
		var refs []ref
		switch s.norm[k] {
		case "he", "she":
			if latest != nil {
				refs = []ref{*latest}
			}
		case "him":
			for _, p := range mem.persons {
				if !slices.Contains(named, p.actor.Name) {
					refs = []ref{p}
					break
				}
			}
		case "they":
			refs = mem.many
		case "sides", "parties":
			if k > 0 && (s.norm[k-1] == "the" || s.norm[k-1] == "both" || s.norm[k-1] == "two") {
				refs = mem.many
			}
		case "group", "movement", "militia", "organisation", "organization", "alliance", "bloc":
			if k > 0 && s.norm[k-1] == "the" && mem.body != nil {
				refs = []ref{*mem.body}
			}
		}
		if len(refs) == 0 {
			continue
		}
		g := group{start: k, end: k + 1}
		for _, r := range refs {
			r.span = s.toks[k].Span
			r.text = text[r.span.Start:r.span.End]
			r.resolved = "coref"
			g.refs = append(g.refs, r)
		}
		s.groups = append(s.groups, g)
	}
	for gi := range s.groups {
		g := &s.groups[gi]
		if len(g.refs) != 1 || g.refs[0].kind != "agent" || g.start == 0 {
			continue
		}
		switch prev := s.norm[g.start-1]; {
		case len(mem.many) > 1 && (prev == "two" || prev == "both"):
			// "the two leaders", "both presidents": the pair named before.
			var refs []ref
			for _, r := range mem.many {
				r.span, r.text, r.resolved = g.refs[0].span, g.refs[0].text, "coref"
				refs = append(refs, r)
			}
			g.refs = refs
		case prev == "the" && mem.body != nil && g.refs[0].resolved == "context-country" &&
			g.refs[0].actor.Sector == mem.body.actor.Sector:
			// "The Arakan Army captured... The rebel group said": the body named before.
			r := *mem.body
			r.span, r.text, r.resolved = g.refs[0].span, g.refs[0].text, "coref"
			g.refs = []ref{r}
		}
	}
	if !sort.SliceIsSorted(s.groups, func(i, j int) bool { return s.groups[i].start < s.groups[j].start }) {
		sort.Slice(s.groups, func(i, j int) bool { return s.groups[i].start < s.groups[j].start })
	}
	for gi, g := range s.groups {
		for k := g.start; k < g.end; k++ {
			s.owner[k] = gi
		}
	}
}

// apposition reports a description set off by a comma after a person:
// "Mohammed Deif, the commander of Hamas's armed wing". It names the same
// actor, so it joins the person's group without adding to it.
func (s *sentence) apposition(prev *group, a int, r ref) bool {
	if len(prev.refs) != 1 || prev.refs[0].kind != "person" || r.kind == "person" {
		return false
	}
	k := prev.end
	if k >= a || s.norm[k] != "," {
		return false
	}
	for k++; k < a; k++ {
		switch s.norm[k] {
		case "the", "a", "an", "its", "his", "her", "their":
		default:
			return false
		}
	}
	return true
}

// withBefore reports an object introduced by "with": "met with X".
func (s *sentence) withBefore(g *group) bool {
	k := g.start - 1
	if k >= 0 && s.norm[k] == "the" {
		k--
	}
	return k >= 0 && s.norm[k] == "with"
}

// ownedBy reports a target that is the source's own: "placed its air
// defence units on alert", "India deployed additional troops". Such an
// object is the means of the event, not its target.
func (s *sentence) ownedBy(tgt, src *group, code string) bool {
	same := false
	for _, t := range tgt.refs {
		for _, r := range src.refs {
			if t.actor.Country != "" && t.actor.Country == r.actor.Country {
				same = true
			}
		}
	}
	if !same {
		return false
	}
	if k := tgt.start - 1; k >= 0 {
		switch s.norm[k] {
		case "its", "their", "his", "her", "own":
			return true
		}
	}
	return strings.HasPrefix(code, "15") // force posture: troops moved are the means
}

// coordinated reports whether tokens [from, to) join two actors into one
// group: nothing at all, "and", a comma, "as well as".
func (s *sentence) coordinated(from, to int) bool {
	if to < from {
		return true // overlapping: "Syrian and Turkish troops" share a span
	}
	// "Putin and Erdogan", "Russia, Turkey", "Pashinyan and Azerbaijani
	// President Ilham Aliyev": joiners, then at most four capitalised words
	// (a title the next name's mention does not cover).
	joined := false
	k := from
	for ; k < to && k < from+2; k++ {
		switch s.norm[k] {
		case "and", ",", "&", "the":
			joined = true
			continue
		}
		break
	}
	if !joined && k < to {
		return false
	}
	if to-k > 4 {
		return false
	}
	for ; k < to; k++ {
		if s.toks[k].Kind != eventwire.Word || !capitalisedWord(s.toks[k].Text) {
			return false
		}
	}
	return true
}

func capitalisedWord(w string) bool { return w != "" && w[0] >= 'A' && w[0] <= 'Z' }

// tokenRange maps a byte span to the tokens it covers.
func (s *sentence) tokenRange(sp eventwire.Span) (int, int) {
	a := sort.Search(len(s.toks), func(k int) bool { return s.toks[k].Span.End > sp.Start })
	b := a
	for b < len(s.toks) && s.toks[b].Span.Start < sp.End {
		b++
	}
	return a, b
}

func (s *sentence) remember(mem *memory) {
	if len(s.pair) > 1 {
		mem.many = s.pair
	}
	for _, g := range s.groups {
		if len(g.refs) >= 2 {
			mem.many = g.refs
		}
		for i := range g.refs {
			switch g.refs[i].kind {
			case "person":
				r := g.refs[i]
				mem.person = &r
				var ps [4]ref
				ps[0] = r
				n := 1
				for _, p := range mem.persons {
					if p.actor.Name != r.actor.Name && n < len(ps) {
						ps[n] = p
						n++
					}
				}
				if cap(mem.persons) < len(ps) {
					mem.persons = make([]ref, 0, len(ps))
				}
				mem.persons = append(mem.persons[:0], ps[:n]...)
			case "group", "organisation":
				r := g.refs[i]
				mem.body = &r
			}
		}
	}
}

// clauseStop is punctuation a pattern gap never crosses.
func clauseStop(w string) bool {
	switch w {
	case ",", ";", ":", ".", "!", "?", "(", ")", "[", "]", "\"", "“", "”":
		return true
	}
	return false
}

// targetStop ends the search for an object: a new clause begins.
func targetStop(w string) bool {
	if clauseStop(w) {
		return true
	}
	switch w {
	case "by", // "a ceasefire brokered by the United States": another event's doer
		"that", "which", "who", "whom", "whose", "when", "while", "whereas", "because",
		"but", "although", "though", "after", "before", "until", "if", "unless", "so":
		return true
	}
	return false
}

var beForms = map[string]bool{"is": true, "are": true, "was": true, "were": true, "be": true, "been": true, "being": true, "get": true, "got": true, "gets": true}

var haveForms = map[string]bool{"has": true, "have": true, "had": true}

var negations = map[string]bool{"not": true, "n't": true, "never": true, "no": true}

var modals = map[string]bool{"will": true, "would": true, "may": true, "might": true, "could": true, "should": true, "can": true, "shall": true}

var sayVerbs = map[string]bool{
	"said": true, "says": true, "say": true, "stated": true, "states": true, "added": true, "adds": true,
	"told": true, "tells": true, "informed": true, "informs": true, "announced": true, "declared": true,
	"claimed": true, "insisted": true, "stressed": true, "noted": true, "reported": true, "confirmed": true,
}

var determiners = map[string]bool{
	"the": true, "a": true, "an": true, "its": true, "their": true, "his": true, "her": true,
	"this": true, "these": true, "those": true, "that": true, "new": true, "any": true, "all": true,
	"'s": true, "of": true, "fresh": true, "further": true, "more": true, "several": true,
}

// complementOfEarlier reports a verb in the infinitive after an event
// already coded in the sentence: "urged Israel and Iran to step back",
// "eased sanctions to support the recovery". The infinitive is what the
// first event asks or intends, not a second event.
func (s *sentence) complementOfEarlier(i int) bool {
	if i < s.suppress {
		return true
	}
	if s.lastEnd == 0 {
		return false
	}
	k := i - 1
	for k >= 0 && strings.HasSuffix(s.norm[k], "ly") {
		k--
	}
	// "to step back"; a gerund right after the event, "considering sending";
	// a participle clause after a comma, "bombed a market, killing 11".
	ing := strings.HasSuffix(s.norm[i], "ing")
	return k >= 0 && s.norm[k] == "to" || ing && (k < s.lastEnd+2 || k >= 0 && s.norm[k] == ",")
}

// nounOnly reports whether the word at k can only be a noun: after a
// determiner or a possessive ("the attack", "Russia's offensive"). Elsewhere
// both readings are tried, nominal patterns first as the more specific.
func (s *sentence) nounOnly(k int) bool {
	return k > 0 && determiners[s.norm[k-1]]
}

func (c *Coder) codeSentence(s *sentence) {
	verbs := c.Lex.Verbs()
	stop := func(k int) bool { return k < len(s.norm) && clauseStop(s.norm[k]) }
	for i := 0; i < len(s.toks); i++ {
		if s.paren[i] || s.owner[i] >= 0 {
			continue
		}
		hms := verbs.LookupAt(s.norm, s.hash, i)
		if len(hms) == 0 {
			continue
		}
		if s.complementOfEarlier(i) {
			continue
		}
		nounOnly := s.nounOnly(i)
		for hi := range hms {
			hm := &hms[hi]
			p := hm.Pattern
			if !hm.MayMatch(s.after[i+1], s.hash, i) || nounOnly && !p.Noun || !p.Possible(s.after[i+1]) {
				continue
			}
			end, ok := p.MatchHashed(s.norm, s.hash, i, stop)
			if !ok {
				continue
			}
			if c.build(s, hm, i, end) > 0 {
				s.lastEnd = end
				i = end - 1
				break
			}
		}
	}
}

// build finds who did it and to whom for a pattern matched at [i, end),
// appends the events to doc.Events and returns how many, 0 when the
// sentence does not support one.
func (c *Coder) build(s *sentence, hm *lexicon.HeadMatch, i, end int) int {
	p := hm.Pattern
	code := p.Code
	rule := "active"
	var src, tgt *group
	var speaker *group
	subj := s.subjectOf(i)

	if p.Noun {
		rule = "nominal"
		if s.lastEnd > 0 || s.objectOfVerb(i) {
			// "ignored a ruling by the court", "thanked him for Moscow's
			// support": a nominal after the sentence's event is its object
			// or topic, not an event of its own.
			return 0
		}
		// "militant attacks on X", "X's offensive against Y", "attacks by X on Y".
		if i > 0 && s.owner[i-1] >= 0 {
			src = &s.groups[s.owner[i-1]]
		} else if k := i - 2; k >= 0 && s.norm[i-1] == "'s" && s.owner[k] >= 0 {
			src = &s.groups[s.owner[k]]
		}
		if by := s.byAgent(end); by != nil {
			src = by
		}
		if src == nil {
			return 0
		}
		tgt = s.objectAfter(end)
	} else {
		if s.background(i) || s.conditional(i) || s.contentClause(i) {
			return 0
		}
		if s.negated(subj, i) {
			return 0 // "did not attack"
		}
		if hm.Form&lexicon.Participle != 0 && (s.passive(i) || s.reducedRelative(i)) {
			rule = "passive"
			src = s.byAgent(end)
			tgt = subj
			if src == nil {
				return 0
			}
		} else {
			src = subj
			if s.lastSrc != nil && i > 0 && s.norm[i-1] == "and" {
				// "detained 15 Palestinians and demolished two homes": the
				// second verb shares the first one's subject.
				src = s.lastSrc
			}
			tgt = s.objectWithin(i+1, end)
		}
		if src == nil {
			return 0
		}
		s.lastSrc = src
		if tgt != nil && s.ownedBy(tgt, src, code) {
			tgt = nil
		}
		if tgt == nil {
			tgt = s.victims(end)
		}
		if tgt == nil && (strings.HasPrefix(code, "042") || strings.HasPrefix(code, "036")) {
			tgt = c.host(s, end)
		}
		speaker = s.speakerBefore(src)
		if speaker != nil {
			rule = "reported-speech"
		}
		switch s.modal(src, i) {
		case "could", "may", "might", "can":
			return 0 // speculation: "China could try to blockade Taiwan"
		case "will", "would", "shall", "should":
			if threat := threatCode(p.Code); threat != "" && s.hasCondition() {
				// "Moscow would respond militarily if...": a threat.
				code = threat
				rule += "+conditional-threat"
			} else if intent := intentCode(p.Code); intent != "" {
				// "Xi will visit Serbia": an announced intent, not a visit.
				code = intent
				rule += "+intent"
			} else {
				rule += "+future"
			}
		}
		// "demanded that Israel agree to a ceasefire": the clause's subject
		// is the target, its verb what is demanded, not an event of its own.
		if tgt == nil && end < len(s.norm) && s.norm[end] == "that" && demandRoot(p.Code) {
			tgt = s.objectAfter(end + 1)
			s.suppress = len(s.norm)
		}
	}
	if p.Both {
		rule += "+reciprocal"
		if tgt != nil {
			// "Putin met Erdogan. The two leaders discussed...": the pair.
			s.pair = append(append([]ref(nil), src.refs...), tgt.refs...)
		}
	}

	type pair struct{ a, b *ref }
	var pairs []pair
	addPair := func(a, b *ref) {
		if b != nil && a.actor.Code == b.actor.Code {
			b = nil // no actor does things to itself: keep the deed, drop the target
		}
		if !allowed(p.Src, a) || (b != nil && !allowed(p.Tgt, b)) {
			return
		}
		pairs = append(pairs, pair{a, b})
	}
	if p.Both && len(src.refs) >= 2 && tgt != nil && !s.withBefore(tgt) {
		// "Japan and South Korea signed an agreement on sharing military
		// intelligence": the sides are the subjects; the object is the topic.
		tgt = nil
	}
	switch {
	case tgt != nil:
		for ai := range src.refs {
			for bi := range tgt.refs {
				addPair(&src.refs[ai], &tgt.refs[bi])
				if p.Both {
					addPair(&tgt.refs[bi], &src.refs[ai])
				}
			}
		}
	case p.Both && len(src.refs) >= 2:
		for ai := range src.refs {
			for bi := range src.refs {
				if ai != bi {
					addPair(&src.refs[ai], &src.refs[bi])
				}
			}
		}
	default:
		for ai := range src.refs {
			addPair(&src.refs[ai], nil)
		}
	}
	if len(pairs) == 0 {
		return 0
	}

	if code == "190" {
		code = byInstrument(src, s.norm[i:end])
	}
	cb, ok := c.Lex.Codebook.Lookup(code)
	if !ok {
		return 0
	}
	st := s.doc.Sentences[s.index]
	trigger := eventwire.Span{Start: s.toks[i].Span.Start, End: s.toks[end-1].Span.End}
	n0 := len(s.doc.Events)
	for _, pr := range pairs {
		ev := eventwire.Event{
			Article:   s.doc.Article.ID,
			CAMEO:     cb.Code,
			Name:      cb.Name,
			Root:      cb.Root,
			Quad:      cb.Quad,
			Goldstein: cb.Goldstein,
			Plover:    eventwire.Plover{Type: cb.PloverType, Mode: cb.PloverMode, Context: cb.PloverContext},
			Evidence:  eventwire.Evidence{Sentence: st.Text, Start: st.Span.Start, End: st.Span.End, Trigger: trigger},
			Sentence:  s.index,
			Source:    participant(pr.a),
			Target:    participant(pr.b),
		}
		key := eventKey{ev.Source.Code, targetCode(ev.Target), ev.CAMEO}
		if slices.Contains(s.seen, key) {
			continue
		}
		s.seen = append(s.seen, key)
		ev.Confidence = confidence(p, rule, pr.a, pr.b)
		ev.ID = eventID(&ev)
		if c.Explain {
			ex := &eventwire.Explanation{Rule: rule, Pattern: p.Code + " " + p.Text, Entry: p.Pos.String(),
				Source: pr.a.entries}
			if pr.b != nil {
				ex.Target = pr.b.entries
			}
			if speaker != nil {
				ex.Speaker = speaker.refs[0].text
			}
			ev.Explain = ex
		}
		s.doc.Events = append(s.doc.Events, ev)
	}
	return len(s.doc.Events) - n0
}

// host returns the government a visit goes to, named as the place after
// the verb: "arrived in Beijing" visits CHNGOV, "will visit Serbia" SRB.
// The actor tagger leaves such places out; the visit needs them back.
func (c *Coder) host(s *sentence, end int) *group {
	// The place follows the verb itself ("will visit Serbia") or "in"/"to"
	// a few words on ("arrived in Beijing on Thursday").
	for k := end - 1; k+1 < len(s.norm) && k < end+4; k++ {
		if k >= end && targetStop(s.norm[k]) {
			return nil
		}
		if k >= end && s.norm[k] != "in" && s.norm[k] != "to" {
			continue
		}
		if g := c.countryAt(s, k+1); g != nil {
			return g
		}
	}
	return nil
}

// countryAt returns the country or seat of power named at token k, as an
// actor group, or nil.
func (c *Coder) countryAt(s *sentence, k int) *group {
	n := min(len(s.toks)-k, 5)
	raw := make([]string, n)
	for j := range raw {
		raw[j] = s.toks[k+j].Text
	}
	for _, ph := range c.Lex.Phrases().Candidates(s.norm[k]) {
		if ph.Country == nil || ph.Kind == lexicon.Adjective || !ph.Fits(s.norm[k:k+n], raw, 0) {
			continue
		}
		code := ph.Country.Code
		if ph.Kind == lexicon.SeatName {
			code += ph.Role
		}
		span := eventwire.Span{Start: s.toks[k].Span.Start, End: s.toks[k+len(ph.Words)-1].Span.End}
		return &group{start: k, end: k + len(ph.Words), refs: []ref{{
			actor: lexicon.SplitCode(code), kind: "place", span: span,
			text: s.doc.Article.Text[span.Start:span.End], resolved: "host", entries: []string{ph.Entry()},
		}}}
	}
	return nil
}

// byInstrument refines unspecified force (190) by the weapon the sentence
// names in its source or its pattern: aircraft, missiles and drones are
// aerial weapons (195), artillery and shelling 194.
func byInstrument(src *group, pattern []string) string {
	words := pattern
	for _, r := range src.refs {
		words = append(words[:len(words):len(words)], strings.Fields(strings.ToLower(r.text))...)
	}
	for _, w := range words {
		switch w {
		case "warplane", "warplanes", "jet", "jets", "aircraft", "drone", "drones", "helicopter",
			"helicopters", "bomber", "bombers", "airstrike", "airstrikes", "missile", "missiles", "air":
			return "195"
		case "artillery", "howitzer", "howitzers", "mortar", "mortars", "shelling", "shells":
			return "194"
		}
	}
	return "190"
}

// intentCode is the CAMEO intent an announced future act of cooperation
// amounts to: meetings and visits (04) 036, diplomatic cooperation (05)
// 032, material cooperation (06) 031, aid (07) 033, yielding (08) 035.
func intentCode(code string) string {
	switch code[:2] {
	case "04":
		return "036"
	case "05":
		return "032"
	case "06":
		return "031"
	case "07":
		return "033"
	case "08":
		return "035"
	}
	return ""
}

// threatCode is the CAMEO threat that a conditional promise of a material
// conflict event amounts to: force (18-20) is 138, repression (17) 137,
// sanctions and cuts (16) 131. Other codes have none.
func threatCode(code string) string {
	switch code[:2] {
	case "18", "19", "20":
		return "138"
	case "17":
		return "137"
	case "16":
		return "131"
	}
	return ""
}

// objectOfVerb reports a nominal whose possessor is not the sentence's
// subject: "China has never recognised Russia's annexation of Crimea" -
// the annexation is what is (not) recognised, not an event reported here.
func (s *sentence) objectOfVerb(i int) bool {
	k := i - 1
	if k > 0 && s.norm[k] == "'s" {
		k--
	}
	if k < 0 || s.owner[k] < 0 {
		return false
	}
	return s.subjectOf(s.groups[s.owner[k]].start) != nil
}

// demandRoot reports codes whose "that" clause names who is to act:
// appeals, demands, rejections and threats ("demanded that Israel agree").
// Denials and statements are about the clause, not addressed to its subject.
func demandRoot(code string) bool {
	switch code[:2] {
	case "02", "10", "12", "13":
		return true
	}
	return false
}

func targetCode(p *eventwire.Participant) string {
	if p == nil {
		return ""
	}
	return p.Code
}

func allowed(roles []string, r *ref) bool {
	if len(roles) == 0 {
		return true
	}
	for _, x := range roles {
		if r.actor.Sector == x {
			return true
		}
	}
	return false
}

func participant(r *ref) *eventwire.Participant {
	if r == nil {
		return nil
	}
	return &eventwire.Participant{
		Code: r.actor.Code, Country: r.actor.Country, Sector: r.actor.Sector, Name: r.actor.Name,
		Text: r.text, Start: r.span.Start, End: r.span.End, Resolved: r.resolved,
	}
}

// confidence starts high for a plain pattern with both actors named in the
// sentence and falls for each step of inference the event rests on.
func confidence(p *lexicon.Pattern, rule string, a, b *ref) float64 {
	c := 0.9
	if p.Noun {
		c -= 0.1
	}
	for _, e := range p.Elems {
		if e.Gap {
			c -= 0.05
		}
	}
	if strings.Contains(rule, "hypothetical") {
		c -= 0.2
	}
	for _, r := range []*ref{a, b} {
		if r != nil && r.resolved != "" {
			c -= 0.1
		}
	}
	if c < 0.1 {
		c = 0.1
	}
	return float64(int(c*100+0.5)) / 100
}

// eventID is a stable hash of the article, the trigger span, the code and
// the actors, so recoding the same text yields the same ids.
func eventID(ev *eventwire.Event) string {
	// The bytes hashed are "%s\x00%d:%d\x00%s\x00%s\x00%s" of the fields
	// below, built without fmt as every event needs one.
	var buf [256]byte
	b := append(buf[:0], ev.Article...)
	b = append(b, 0)
	b = strconv.AppendInt(b, int64(ev.Evidence.Trigger.Start), 10)
	b = append(b, ':')
	b = strconv.AppendInt(b, int64(ev.Evidence.Trigger.End), 10)
	b = append(b, 0)
	b = append(b, ev.CAMEO...)
	b = append(b, 0)
	b = append(b, ev.Source.Code...)
	b = append(b, 0)
	b = append(b, targetCode(ev.Target)...)
	sum := sha1.Sum(b)
	var hx [16]byte
	hex.Encode(hx[:], sum[:8])
	return string(hx[:])
}
