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

	hashes []uint32 // Hash of each of Words
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
func (ws *WordSet) Add(w string) { ws.AddHash(Hash(w)) }

// AddHash puts the word whose Hash is h in the set.
func (ws *WordSet) AddHash(h uint32) { ws[h>>6&1] |= 1 << (h & 63) }

// Hash is the 32-bit FNV-1a hash of a normalised word. Callers that look a
// word up in several indexes hash it once and use the ...Hashed lookups,
// whose filters turn most words away without a map lookup.
func Hash(w string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(w); i++ {
		h = (h ^ uint32(w[i])) * 16777619
	}
	return h
}

// wordFilter is a one-hash Bloom filter over the words of an index: a
// clear bit means the word is certainly absent. Most running words are
// in no index, and a bit test is much cheaper than a map lookup.
type wordFilter [filterBits / 64]uint64

const filterBits = 1 << 16

func filterBit(h uint32) uint32 { return (h ^ h>>16) & (filterBits - 1) }

func (f *wordFilter) add(w string) {
	b := filterBit(Hash(w))
	f[b>>6] |= 1 << (b & 63)
}

func (f *wordFilter) has(h uint32) bool {
	b := filterBit(h)
	return f[b>>6]&(1<<(b&63)) != 0
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
				e.hashes = append(e.hashes, Hash(e.Words[len(e.Words)-1]))
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

	// Copies of what the pattern needs, kept beside the index entry so that
	// most patterns are ruled out without touching the pattern itself.
	need0   WordSet // p.need[0], when hasNeed
	next    WordSet // the words the element right after the head allows, when nextReq
	hasNeed bool
	nextReq bool // the element after the head is one required word
}

func newHeadMatch(p *Pattern, f Form) HeadMatch {
	hm := HeadMatch{Pattern: p, Form: f}
	if len(p.need) > 0 {
		hm.need0, hm.hasNeed = p.need[0], true
	}
	if len(p.Elems) > 0 && !p.Elems[0].Gap && !p.Elems[0].Optional {
		hm.nextReq = true
		for _, w := range p.Elems[0].Words {
			hm.next.Add(w)
		}
	}
	return hm
}

// MayMatch is a cheap test before Match with the head at token i: ws holds
// the sentence's words and hash the Hash of each. A false answer is
// certain; a true one must still pass Possible and Match.
func (hm *HeadMatch) MayMatch(ws WordSet, hash []uint32, i int) bool {
	if hm.hasNeed && ws[0]&hm.need0[0] == 0 && ws[1]&hm.need0[1] == 0 {
		return false
	}
	if hm.nextReq {
		if i+1 >= len(hash) {
			return false
		}
		h := hash[i+1]
		if hm.next[h>>6&1]&(1<<(h&63)) == 0 {
			return false
		}
	}
	return true
}

// PatternIndex finds patterns by the surface form of their head word.
type PatternIndex struct {
	byForm map[string][]HeadMatch
	filter wordFilter
	table  wordTable[*headEntry]
}

// headEntry holds the patterns of one head form. A form with many patterns
// ("is": every "be ready to ..." and "be set to ...") also has them by the
// word after the head, as most patterns require one there.
type headEntry struct {
	all    []HeadMatch
	free   []HeadMatch            // those requiring no particular word after the head
	byNext wordTable[[]HeadMatch] // by the word after the head: free ones and those it allows
	split  bool                   // byNext and free are filled
}

// minSplit is how many patterns a head form needs before they are also
// indexed by the next word.
const minSplit = 8

func newHeadEntry(all []HeadMatch) *headEntry {
	e := &headEntry{all: all}
	if len(all) < minSplit {
		return e
	}
	e.split = true
	next := map[string][]HeadMatch{}
	for _, hm := range all {
		if !hm.nextReq {
			continue
		}
		for _, w := range hm.Pattern.Elems[0].Words {
			next[w] = nil
		}
	}
	// Each list keeps the order of all: most specific first.
	for _, hm := range all {
		if !hm.nextReq {
			e.free = append(e.free, hm)
			for w := range next {
				next[w] = append(next[w], hm)
			}
			continue
		}
		for _, w := range hm.Pattern.Elems[0].Words {
			if l := next[w]; len(l) == 0 || l[len(l)-1].Pattern != hm.Pattern || l[len(l)-1].Form != hm.Form {
				next[w] = append(l, hm)
			}
		}
	}
	e.byNext = newWordTable(next)
	return e
}

// Lookup returns the patterns whose head has the normalised surface form w,
// most specific first.
func (x *PatternIndex) Lookup(w string) []HeadMatch { return x.byForm[w] }

// LookupHashed is Lookup for a word whose Hash is h.
func (x *PatternIndex) LookupHashed(w string, h uint32) []HeadMatch {
	if !x.filter.has(h) {
		return nil
	}
	if e, ok := x.table.get(w, h); ok {
		return e.all
	}
	return nil
}

// LookupAt returns the patterns whose head is words[i], most specific
// first, leaving out those that require a word after the head other than
// words[i+1]: Match would reject them. hash holds the Hash of each word.
func (x *PatternIndex) LookupAt(words []string, hash []uint32, i int) []HeadMatch {
	if len(hash) != len(words) || i < 0 || i >= len(words) || !x.filter.has(hash[i]) {
		return nil
	}
	e, ok := x.table.get(words[i], hash[i])
	if !ok {
		return nil
	}
	if !e.split {
		return e.all
	}
	if i+1 >= len(words) {
		return e.free
	}
	if hms, ok := e.byNext.get(words[i+1], hash[i+1]); ok {
		return hms
	}
	return e.free
}

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
			x.byForm[p.Head] = append(x.byForm[p.Head], newHeadMatch(p, Singular))
			if pl := PluralOf(p.Head); pl != p.Head {
				x.byForm[pl] = append(x.byForm[pl], newHeadMatch(p, Plural))
			}
			continue
		}
		for form, f := range l.Inflections(p.Head) {
			if p.Inflected && f&^(Base|ThirdSg) == 0 {
				continue
			}
			x.byForm[form] = append(x.byForm[form], newHeadMatch(p, f))
		}
	}
	for w, ms := range x.byForm {
		x.filter.add(w)
		sort.SliceStable(ms, func(i, j int) bool {
			return ms[i].Pattern.Specificity() > ms[j].Pattern.Specificity()
		})
	}
	entries := make(map[string]*headEntry, len(x.byForm))
	for w, ms := range x.byForm {
		entries[w] = newHeadEntry(ms)
	}
	x.table = newWordTable(entries)
	return x, errs
}

// ErrNoMatch is returned by Match when the pattern does not fit.
var errNoMatch = errors.New("no match")

// Match tries pattern p against words (normalised tokens) with its head at
// index i. stop reports whether a gap may not cross index k (clause
// punctuation). It returns the index after the last matched word.
func (p *Pattern) Match(words []string, i int, stop func(k int) bool) (int, bool) {
	end, err := p.matchFrom(words, nil, 0, i+1, stop)
	return end, err == nil
}

// MatchHashed is Match for words whose Hash values are in hash; comparing
// hashes first spares most string comparisons.
func (p *Pattern) MatchHashed(words []string, hash []uint32, i int, stop func(k int) bool) (int, bool) {
	if len(hash) != len(words) {
		hash = nil
	}
	end, err := p.matchFrom(words, hash, 0, i+1, stop)
	return end, err == nil
}

func (p *Pattern) matchFrom(words []string, hash []uint32, e, k int, stop func(int) bool) (int, error) {
	if e == len(p.Elems) {
		return k, nil
	}
	el := &p.Elems[e]
	if el.Gap {
		// Shortest gap first: the nearest continuation is the likeliest.
		for g := 0; g <= MaxGap && k+g <= len(words); g++ {
			if g > 0 && stop(k+g-1) {
				break
			}
			if end, err := p.matchFrom(words, hash, e+1, k+g, stop); err == nil {
				return end, nil
			}
		}
		return 0, errNoMatch
	}
	if k < len(words) && el.has(words, hash, k) {
		if end, err := p.matchFrom(words, hash, e+1, k+1, stop); err == nil {
			return end, nil
		}
	}
	if el.Optional {
		return p.matchFrom(words, hash, e+1, k, stop)
	}
	return 0, errNoMatch
}

// has reports whether words[k] is one of the element's words.
func (el *Elem) has(words []string, hash []uint32, k int) bool {
	if hash == nil || len(el.hashes) != len(el.Words) {
		return contains(el.Words, words[k])
	}
	h := hash[k]
	for j, x := range el.hashes {
		if x == h && el.Words[j] == words[k] {
			return true
		}
	}
	return false
}

func contains(ws []string, w string) bool {
	for _, x := range ws {
		if x == w {
			return true
		}
	}
	return false
}
