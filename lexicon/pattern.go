package lexicon

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/eventwire/eventwire"
)

// Elem is one step of a pattern after its head word.
type Elem struct {
	Words    []string // any one of these matches; empty for a gap
	Optional bool     // "word?"
	Gap      bool     // "*": up to MaxGap tokens inside the clause
}

// MaxGap is how many tokens a "*" may skip.
const MaxGap = 8

// Pattern is an event pattern from verbs.txt.
type Pattern struct {
	Code  string
	Text  string // the pattern as written, for --explain
	Head  string // verb lemma, or the noun of a nominal pattern
	Noun  bool   // a nominal event ("@attack on")
	Elems []Elem
	Both  bool // reciprocal: code in both directions
	// Inflected patterns match only past, participle and -ing forms, for
	// verbs whose base form is mostly a noun ("aid": "aided", not "aid").
	Inflected bool
	Src       []string // allowed source roles; empty allows any
	Tgt       []string // allowed target roles
	Pos       Pos

	// need holds, for each required element, the signature bits of its
	// words; a sentence lacking all of one element's bits cannot match.
	need []WordSet
}

// WordSet is a 128-bit signature of a set of words: a cheap test that lets
// the coder skip patterns whose words a sentence does not have.
type WordSet [2]uint64

// Add puts w in the set.
func (ws *WordSet) Add(w string) {
	h := uint32(2166136261)
	for i := 0; i < len(w); i++ {
		h = (h ^ uint32(w[i])) * 16777619
	}
	ws[h>>6&1] |= 1 << (h & 63)
}

// Possible reports whether a sentence whose words form ws might match p.
// A false answer is certain; a true one must be checked with Match.
func (p *Pattern) Possible(ws WordSet) bool {
	for _, n := range p.need {
		if ws[0]&n[0] == 0 && ws[1]&n[1] == 0 {
			return false
		}
	}
	return true
}

// Specificity orders patterns that match at the same place: more words
// first, then finer codes.
func (p *Pattern) Specificity() int {
	n := 0
	for _, e := range p.Elems {
		if !e.Gap && !e.Optional {
			n += 4
		} else if e.Optional {
			n++
		}
	}
	// A restricted pattern is tried before an unrestricted one of the same
	// length: "enter ; src=MIL" is 192, any other "enter" something else.
	if len(p.Src) > 0 || len(p.Tgt) > 0 {
		n += 2
	}
	return n*10 + len(p.Code)
}

// ParsePattern parses a verbs.txt line: "CODE PATTERN [; OPTIONS]".
func ParsePattern(line string) (*Pattern, error) {
	body, opts, _ := strings.Cut(line, ";")
	f := strings.Fields(body)
	if len(f) < 2 {
		return nil, fmt.Errorf("want \"CODE PATTERN\", got %q", line)
	}
	p := &Pattern{Code: f[0], Text: strings.Join(f[1:], " ")}
	if !isEventCode(p.Code) {
		return nil, fmt.Errorf("bad event code %q", p.Code)
	}
	head := f[1]
	if strings.HasPrefix(head, "@") {
		p.Noun = true
		head = head[1:]
	}
	if head == "" || strings.ContainsAny(head, "|?*") {
		return nil, fmt.Errorf("pattern %q: the first word must be one plain word", p.Text)
	}
	p.Head = Norm(head)
	for _, w := range f[2:] {
		var e Elem
		switch {
		case w == "*":
			e.Gap = true
		default:
			if strings.HasSuffix(w, "?") {
				e.Optional = true
				w = strings.TrimSuffix(w, "?")
			}
			for _, alt := range strings.Split(w, "|") {
				if alt == "" {
					return nil, fmt.Errorf("pattern %q: empty alternative in %q", p.Text, w)
				}
				e.Words = append(e.Words, Norm(alt))
			}
		}
		p.Elems = append(p.Elems, e)
	}
	if n := len(p.Elems); n > 0 && p.Elems[n-1].Gap {
		return nil, fmt.Errorf("pattern %q ends with a gap", p.Text)
	}
	for _, e := range p.Elems {
		if e.Gap || e.Optional {
			continue
		}
		var n WordSet
		for _, w := range e.Words {
			n.Add(w)
		}
		p.need = append(p.need, n)
	}
	for _, o := range strings.Fields(opts) {
		switch {
		case o == "both":
			p.Both = true
		case o == "inflected":
			if p.Noun {
				return nil, fmt.Errorf("pattern %q: a nominal pattern has no inflections", p.Text)
			}
			p.Inflected = true
		case strings.HasPrefix(o, "src="):
			p.Src = strings.Split(o[4:], ",")
		case strings.HasPrefix(o, "tgt="):
			p.Tgt = strings.Split(o[4:], ",")
		default:
			return nil, fmt.Errorf("pattern %q: unknown option %q", p.Text, o)
		}
		for _, r := range append(append([]string(nil), p.Src...), p.Tgt...) {
			if !isRoleCode(r) {
				return nil, fmt.Errorf("pattern %q: unknown role %q", p.Text, r)
			}
		}
	}
	return p, nil
}

func isEventCode(s string) bool {
	if len(s) < 2 || len(s) > 4 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// HeadMatch is a pattern whose head word matched a token in a given form.
type HeadMatch struct {
	Pattern *Pattern
	Form    Form
}

// PatternIndex finds patterns by the surface form of their head word.
type PatternIndex struct {
	byForm map[string][]HeadMatch
}

// Lookup returns the patterns whose head has the normalised surface form w,
// most specific first.
func (x *PatternIndex) Lookup(w string) []HeadMatch { return x.byForm[w] }

// Len returns the number of surface forms indexed.
func (x *PatternIndex) Len() int { return len(x.byForm) }

func buildPatterns(l *Lexicon) (*PatternIndex, eventwire.ErrorList) {
	var errs eventwire.ErrorList
	x := &PatternIndex{byForm: map[string][]HeadMatch{}}
	for _, p := range l.Patterns {
		if _, ok := l.Codebook.Lookup(p.Code); !ok {
			errs = append(errs, &eventwire.Error{Input: p.Pos.File, Line: p.Pos.Line,
				Err: fmt.Errorf("pattern %q: unknown CAMEO code %s", p.Text, p.Code)})
			continue
		}
		if p.Noun {
			x.byForm[p.Head] = append(x.byForm[p.Head], HeadMatch{p, Singular})
			if pl := PluralOf(p.Head); pl != p.Head {
				x.byForm[pl] = append(x.byForm[pl], HeadMatch{p, Plural})
			}
			continue
		}
		for form, f := range l.Inflections(p.Head) {
			if p.Inflected && f&^(Base|ThirdSg) == 0 {
				continue
			}
			x.byForm[form] = append(x.byForm[form], HeadMatch{p, f})
		}
	}
	for _, ms := range x.byForm {
		sort.SliceStable(ms, func(i, j int) bool {
			return ms[i].Pattern.Specificity() > ms[j].Pattern.Specificity()
		})
	}
	return x, errs
}

// ErrNoMatch is returned by Match when the pattern does not fit.
var errNoMatch = errors.New("no match")

// Match tries pattern p against words (normalised tokens) with its head at
// index i. stop reports whether a gap may not cross index k (clause
// punctuation). It returns the index after the last matched word.
func (p *Pattern) Match(words []string, i int, stop func(k int) bool) (int, bool) {
	end, err := p.matchFrom(words, 0, i+1, stop)
	return end, err == nil
}

func (p *Pattern) matchFrom(words []string, e, k int, stop func(int) bool) (int, error) {
	if e == len(p.Elems) {
		return k, nil
	}
	el := p.Elems[e]
	if el.Gap {
		// Shortest gap first: the nearest continuation is the likeliest.
		for g := 0; g <= MaxGap && k+g <= len(words); g++ {
			if g > 0 && stop(k+g-1) {
				break
			}
			if end, err := p.matchFrom(words, e+1, k+g, stop); err == nil {
				return end, nil
			}
		}
		return 0, errNoMatch
	}
	if k < len(words) && contains(el.Words, words[k]) {
		if end, err := p.matchFrom(words, e+1, k+1, stop); err == nil {
			return end, nil
		}
	}
	if el.Optional {
		return p.matchFrom(words, e+1, k, stop)
	}
	return 0, errNoMatch
}

func contains(ws []string, w string) bool {
	for _, x := range ws {
		if x == w {
			return true
		}
	}
	return false
}
