package lexicon

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/eventwire/eventwire"
)

// Check returns every problem in the lexicon that loading alone does not
// catch: actor codes naming unknown countries or roles, dated roles that
// overlap or more than one default, and entries defined twice or in
// conflict. Each problem names the file and line.
func Check(l *Lexicon) eventwire.ErrorList {
	var errs eventwire.ErrorList
	report := func(p Pos, format string, args ...any) {
		errs = append(errs, &eventwire.Error{Input: p.File, Line: p.Line, Err: fmt.Errorf(format, args...)})
	}

	countries := map[string]Pos{}
	for _, c := range l.Countries {
		if prev, ok := countries[c.Code]; ok && prev.File == c.Pos.File {
			report(c.Pos, "country %s defined twice (first at %s)", c.Code, prev)
		}
		countries[c.Code] = c.Pos
	}
	checkCode := func(p Pos, code string) {
		if !isActorCode(code) {
			report(p, "bad actor code %q", code)
			return
		}
		first := code[:3]
		if _, ok := countries[first]; !ok && !transnational[first] {
			report(p, "actor code %s: unknown country or prefix %s", code, first)
		}
		// After a country comes a role ("SYRREB..."); after a transnational
		// prefix an organisation's own tag may stand ("IGOUNO", "IMGALQ").
		if len(code) >= 6 && !transnational[first] && !isRoleCode(code[3:6]) {
			report(p, "actor code %s: unknown role %s", code, code[3:6])
		}
	}

	// Names claimed by two countries.
	claims := map[string]*Country{}
	for _, c := range l.Countries {
		for _, n := range append(append([]string{c.Name}, c.Aliases...), c.Adjectives...) {
			k := strings.Join(Words(n), " ")
			if o, ok := claims[k]; ok && o != c {
				report(c.Pos, "%q names both %s and %s (%s)", n, o.Code, c.Code, o.Pos)
			}
			claims[k] = c
		}
		for _, s := range c.Seats {
			if !isRoleCode(s.Role) {
				report(s.Pos, "seat %q: unknown role %s", s.Phrase, s.Role)
			}
		}
	}

	seen := map[string]*Entity{}
	for _, e := range l.Entities {
		key := e.Kind.String() + ":" + e.Name
		if o, ok := seen[key]; ok && o.Pos.File == e.Pos.File {
			report(e.Pos, "%s %q defined twice (first at %s)", e.Kind, e.Name, o.Pos)
		}
		seen[key] = e
		if len(e.Roles) == 0 {
			report(e.Pos, "%s %q has no role", e.Kind, e.Name)
		}
		defaults := 0
		var dated []Role
		for _, r := range e.Roles {
			checkCode(r.Pos, r.Code)
			if r.Dated() {
				dated = append(dated, r)
			} else if defaults++; defaults == 2 {
				report(r.Pos, "%s %q has more than one undated role", e.Kind, e.Name)
			}
		}
		sort.Slice(dated, func(i, j int) bool { return dated[i].From.Before(dated[j].From) })
		for i := 1; i < len(dated); i++ {
			a, b := dated[i-1], dated[i]
			if a.To.IsZero() || !b.From.After(a.To) {
				report(b.Pos, "%s %q: role %s overlaps the role at line %d", e.Kind, e.Name, b.Code, a.Pos.Line)
			}
		}
	}
	// An alias shared by two actors is ambiguous unless their dated roles
	// keep them apart: the tagger picks the one in office on the article's date.
	aliases := map[string]*Entity{}
	for _, e := range l.Entities {
		for _, n := range append([]string{e.Name}, e.Aliases...) {
			k := strings.Join(Words(n), " ")
			if o, ok := aliases[k]; ok && o != e && !datedApart(o, e) {
				report(e.Pos, "%q names both %q (%s) and %q", n, o.Name, o.Pos, e.Name)
			}
			aliases[k] = e
		}
	}

	agents := map[string]Agent{}
	for _, a := range l.Agents {
		k := strings.Join(Words(a.Phrase), " ")
		if o, ok := agents[k]; ok && o.Pos.File == a.Pos.File {
			if o.Role == a.Role {
				report(a.Pos, "agent %q listed twice (first at %s)", a.Phrase, o.Pos)
			} else {
				report(a.Pos, "agent %q is %s here and %s at %s", a.Phrase, a.Role, o.Role, o.Pos)
			}
		}
		agents[k] = a
	}

	pats := map[string]*Pattern{}
	for _, p := range l.Patterns {
		if _, ok := l.Codebook.Lookup(p.Code); !ok {
			report(p.Pos, "pattern %q: unknown CAMEO code %s", p.Text, p.Code)
		}
		// Options are part of a pattern's identity: "enter ; src=MIL" may
		// stand beside a plain "enter" with another code.
		k := p.Text + ";" + strings.Join(p.Src, ",") + ";" + strings.Join(p.Tgt, ",")
		if o, ok := pats[k]; ok && o.Pos.File == p.Pos.File {
			if o.Code == p.Code {
				report(p.Pos, "pattern %q listed twice (first at %s)", p.Text, o.Pos)
			} else {
				report(p.Pos, "pattern %q is %s here and %s at %s", p.Text, p.Code, o.Code, o.Pos)
			}
		}
		pats[k] = p
	}
	return errs
}

// datedApart reports whether two actors sharing a name never hold dated
// roles at the same time (the bare surname of a father and a son in
// office): the tagger then tells them apart by the article's date. Their
// default roles do not count; out of office the name stays ambiguous.
func datedApart(a, b *Entity) bool {
	dated := 0
	for _, ra := range a.Roles {
		for _, rb := range b.Roles {
			if !ra.Dated() || !rb.Dated() {
				continue
			}
			dated++
			if overlapDays(ra, rb) > 31 {
				return false
			}
		}
	}
	return dated > 0
}

// overlapDays counts the days two dated roles share; a handover of a few
// weeks (a senator sworn in while her husband's term ran out) is tolerated.
func overlapDays(a, b Role) int {
	far := time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)
	from, to := a.From, a.To
	if b.From.After(from) {
		from = b.From
	}
	if to.IsZero() {
		to = far
	}
	if bt := b.To; !bt.IsZero() && bt.Before(to) {
		to = bt
	}
	if to.Before(from) {
		return 0
	}
	return int(to.Sub(from).Hours()/24) + 1
}

// Stats counts what the lexicon holds.
type Stats struct {
	Countries         int      `json:"countries"`
	People            int      `json:"people"`
	DatedRoles        int      `json:"dated_roles"`
	Organisations     int      `json:"organisations"`
	Groups            int      `json:"groups"`
	Agents            int      `json:"agents"`
	VerbPatterns      int      `json:"verb_patterns"`
	NounPatterns      int      `json:"noun_patterns"`
	CameoCodesCovered int      `json:"cameo_codes_covered"`
	CameoCodesTotal   int      `json:"cameo_codes_total"`
	Seats             int      `json:"seats"`
	Phrases           int      `json:"phrases"`
	UncoveredCodes    []string `json:"uncovered_codes,omitempty"`
}

// Stats counts the lexicon's entries. A code counts as covered when a
// pattern names it; a root, when a pattern names its "not specified below"
// code (19 through 190).
func (l *Lexicon) Stats() Stats {
	s := Stats{Countries: len(l.Countries), Agents: len(l.Agents), Phrases: l.phrases.Len()}
	for _, c := range l.Countries {
		s.Seats += len(c.Seats)
	}
	for _, e := range l.Entities {
		switch e.Kind {
		case Person:
			s.People++
		case Organisation:
			s.Organisations++
		default:
			s.Groups++
		}
		for _, r := range e.Roles {
			if r.Dated() {
				s.DatedRoles++
			}
		}
	}
	covered := map[string]bool{}
	for _, p := range l.Patterns {
		s.VerbPatterns++
		if p.Noun {
			s.NounPatterns++
		}
		covered[p.Code] = true
	}
	for _, c := range l.Codebook.Codes() {
		s.CameoCodesTotal++
		// A root is coded through its "not specified below" code: 19 as 190.
		if covered[c.Code] || c.Level == 1 && covered[c.Code+"0"] {
			s.CameoCodesCovered++
		} else {
			s.UncoveredCodes = append(s.UncoveredCodes, c.Code)
		}
	}
	return s
}
