package coder

// subjectOf returns the nearest actor group left of token i that can be
// the subject: outside parentheses, not the object of a preposition, and
// not beyond a ";" or ":".
func (s *sentence) subjectOf(i int) *group {
	for k := i - 1; k >= 0; k-- {
		w := s.norm[k]
		if w == ";" || w == ":" || subordinators[w] {
			return nil // "were killed when shells hit": the clause has no actor
		}
		if s.paren[k] {
			continue
		}
		g := s.owner[k]
		if g < 0 {
			continue
		}
		grp := &s.groups[g]
		if grp.start > 0 && prepositions[s.norm[grp.start-1]] || grp.start > 1 && s.norm[grp.start-1] == "the" && prepositions[s.norm[grp.start-2]] {
			k = grp.start
			continue
		}
		return grp
	}
	return nil
}

// subordinators open a clause whose subject must lie inside it.
var subordinators = map[string]bool{
	"when": true, "while": true, "whereas": true, "because": true, "although": true, "though": true,
	"as": true, "whenever": true, "once": true,
}

var prepositions = map[string]bool{
	"of": true, "with": true, "among": true, "between": true, "against": true, "on": true, "by": true,
	"for": true, "to": true, "from": true, "in": true, "at": true, "toward": true, "towards": true,
	"about": true, "over": true, "under": true, "into": true, "upon": true, "near": true,
}

// objectAfter returns the first actor group after token end in the same
// clause, within a dozen tokens.
func (s *sentence) objectAfter(end int) *group {
	for k := end; k < len(s.norm) && k < end+12; k++ {
		if s.paren[k] {
			continue
		}
		if g := s.owner[k]; g >= 0 {
			return &s.groups[g]
		}
		if targetStop(s.norm[k]) {
			return nil
		}
	}
	return nil
}

// objectWithin returns the object of a pattern matched over tokens
// [from-1, end): an actor inside the pattern's gap ("accused Moscow of"),
// else the first one after it.
func (s *sentence) objectWithin(from, end int) *group {
	for k := from; k < end; k++ {
		if g := s.owner[k]; g >= 0 && !s.paren[k] {
			return &s.groups[g]
		}
	}
	return s.objectAfter(end)
}

// byAgent returns the actor after "by" following token end: the doer of
// a passive ("were aided by the Turkish military").
func (s *sentence) byAgent(end int) *group {
	for k := end; k < len(s.norm) && k < end+10; k++ {
		if s.norm[k] == "by" {
			if g := s.objectAfter(k + 1); g != nil {
				return g
			}
			// "killed by an anti-tank missile fired by Hezbollah": the
			// instrument first, its user after the next "by".
			continue
		}
		if targetStop(s.norm[k]) {
			return nil
		}
	}
	return nil
}

// passive reports whether the verb at i follows a form of "be" (with
// adverbs between): "were aided", "has been attacked", "was reportedly seized".
func (s *sentence) passive(i int) bool {
	for k := i - 1; k >= 0 && k >= i-3; k-- {
		w := s.norm[k]
		if beForms[w] {
			return true
		}
		if len(w) > 3 && w[len(w)-2:] == "ly" || negations[w] {
			continue
		}
		return false
	}
	return false
}

// negated reports a negation between the subject and the verb at i:
// "did not attack", "never met".
func (s *sentence) negated(subj *group, i int) bool {
	from := i - 4
	if subj != nil && subj.end > from {
		from = subj.end
	}
	for k := max(from, 0); k < i; k++ {
		if negations[s.norm[k]] {
			return true
		}
	}
	return false
}

// modal returns the modal verb between the subject and the verb, if any:
// the event is speculative ("could attack") or future ("would meet").
func (s *sentence) modal(subj *group, i int) string {
	for k := max(subj.end, i-4); k < i; k++ {
		if modals[s.norm[k]] {
			return s.norm[k]
		}
	}
	return ""
}

// conditional reports a verb inside an "if" or "unless" clause: "if Russia
// attacked a NATO member" is a condition, not an event; and inside a
// "since" clause, which looks back at history ("since it seized Gaza").
func (s *sentence) conditional(i int) bool {
	for k := i - 1; k >= 0; k-- {
		switch s.norm[k] {
		case "if", "unless", "whether", "since":
			return true
		case ",", ";", ":", "that":
			return false
		}
	}
	return false
}

// hasCondition reports an "if" or "unless" anywhere in the sentence.
func (s *sentence) hasCondition() bool {
	for _, w := range s.norm {
		if w == "if" || w == "unless" {
			return true
		}
	}
	return false
}

// background reports a verb describing a standing state rather than an
// event: a perfect tense in a sentence that says "since" a time ("has been
// controlled by ... since 2012").
func (s *sentence) background(i int) bool {
	perfect := false
	for k := i - 1; k >= 0 && k >= i-3; k-- {
		if haveForms[s.norm[k]] {
			perfect = true
			break
		}
	}
	if !perfect {
		return false
	}
	for k := i; k < len(s.norm)-1; k++ {
		if s.norm[k] == "since" {
			return true
		}
	}
	return false
}

// speakerBefore finds reported speech: "Erdogan stated that Ankara is
// ready...": the group left of a saying verb that precedes the source.
func (s *sentence) speakerBefore(src *group) *group {
	for k := src.start - 1; k >= 0 && k >= src.start-3; k-- {
		if sayVerbs[s.norm[k]] {
			for j := k - 1; j >= 0; j-- {
				if g := s.owner[j]; g >= 0 {
					return &s.groups[g]
				}
			}
			return nil
		}
	}
	return nil
}

// victims returns the actors a participle clause says were harmed by the
// event: "bombed a market, killing 11 civilians".
func (s *sentence) victims(end int) *group {
	for k := end; k+1 < len(s.norm); k++ {
		if s.norm[k] != "," {
			continue
		}
		switch s.norm[k+1] {
		case "killing", "wounding", "injuring":
			return s.objectAfter(k + 2)
		}
		return nil
	}
	return nil
}

// thatVerbs take a "that" clause whose events are reported as events:
// saying, believing and agreeing ("stated that Ankara is ready").
var thatVerbs = map[string]bool{
	"believe": true, "believes": true, "believed": true, "think": true, "thinks": true,
	"thought": true, "hope": true, "hopes": true, "hoped": true, "fear": true, "fears": true,
	"feared": true, "expect": true, "expects": true, "expected": true, "agreed": true,
	"warned": true, "warns": true, "insisted": true, "insists": true, "suggested": true,
	"alleged": true, "alleges": true, "revealed": true, "showed": true, "shows": true,
	"learned": true, "knew": true, "know": true, "knows": true, "hinted": true, "indicated": true,
	"acknowledged": true, "admitted": true, "conceded": true, "explained": true, "emphasised": true,
	"emphasized": true, "underlined": true, "recalled": true, "estimated": true, "announced": true,
}

// contentClause reports a verb inside a "that" clause hanging on a noun:
// "denied accusations that it had carried out air strikes" - the strikes
// are what is alleged, not an event the sentence reports.
func (s *sentence) contentClause(i int) bool {
	for k := i - 1; k > 0; k-- {
		switch s.norm[k] {
		case ";", ":":
			return false
		case "that":
			prev := s.norm[k-1]
			if sayVerbs[prev] || thatVerbs[prev] || prev == "," {
				return false
			}
			return s.owner[k-1] < 0 // "told Putin that ..." keeps its clause
		}
	}
	return false
}

// reducedRelative reports a participle that describes the actor before
// it after the sentence's main event: "refused to release a French citizen
// detained in Tehran" - the citizen was detained, by someone unnamed.
func (s *sentence) reducedRelative(i int) bool {
	if s.lastEnd == 0 || i == 0 {
		return false
	}
	if s.owner[i-1] >= 0 {
		return true
	}
	// "criticized Assad, attacked by Turkish troops": set off by a comma,
	// the participle needs its "by" to read as passive.
	return i > 1 && s.norm[i-1] == "," && s.owner[i-2] >= 0 && s.byAgent(i+1) != nil
}
