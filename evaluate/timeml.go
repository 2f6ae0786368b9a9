package evaluate

import (
	"cmp"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/eventwire/eventwire"
)

// TimeMLDoc is a TimeML document reduced to what scoring temporal
// expressions needs: the plain text of its TEXT element, its creation time
// and the TIMEX3s annotated in the text.
type TimeMLDoc struct {
	Name string // as given to ReadTimeML
	ID   string // the DOCID element, "" when absent

	// Text is the character content of the TEXT element with the tags
	// removed and entities decoded; every gold Span points into it.
	Text string

	// DCT is the document creation time, the reference for relative
	// expressions: the TIMEX3 with functionInDocument="CREATION_TIME" (else
	// the first TIMEX3 of the DCT element). Zero when absent or when its
	// value is not a date; DCTValue keeps the value as written.
	DCT      time.Time
	DCTValue string

	// Gold holds the TIMEX3s inside TEXT in document order, with Span into
	// Text, Text the words they cover, Type and Value as annotated and
	// Sentence -1. TIMEX3s that cover no text (TimeML's non-consuming
	// expressions) are left out: nothing in the text marks them.
	Gold []eventwire.Timex
}

// dateLayouts are the forms a TIMEX3 value takes for a creation time,
// longest first.
var dateLayouts = []string{"2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02T15", "2006-01-02", "20060102"}

// ReadTimeML reads a TimeML document. Only the TEXT element's content is
// scored text: the creation time normally sits outside it, in the DCT
// element, and is then in neither Text nor Gold; a creation-time TIMEX3
// inside TEXT is gold like any other. Tags other than TIMEX3 (EVENT,
// SIGNAL, ...) are dropped, keeping their text; nested TIMEX3s are each
// recorded. The decoder is lenient about unknown entities and mismatched
// end tags, as annotation tools leave both. A document that is not XML or
// has no TEXT element is an *eventwire.Error wrapping eventwire.ErrInvalid,
// naming name and, for syntax errors, the line; the document is then nil.
func ReadTimeML(r io.Reader, name string) (*TimeMLDoc, error) {
	d := xml.NewDecoder(r)
	d.Strict = false
	d.Entity = xml.HTMLEntity
	doc := &TimeMLDoc{Name: name}
	var (
		text     strings.Builder
		stack    []string // open element names
		textAt   = -1     // depth of the open TEXT element, -1 outside
		seenText bool
		inDCT    = -1 // depth of the open DCT element
		inDocID  = -1
		docID    strings.Builder
		open     []int // Gold index of each open TIMEX3 inside TEXT, -1 for one outside
		dctFixed bool  // the creation time came from functionInDocument
	)
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			e := &eventwire.Error{Input: name, Err: fmt.Errorf("%w: read TimeML: %v", eventwire.ErrInvalid, err)}
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				e.Line = se.Line
			}
			return nil, e
		}
		switch t := tok.(type) {
		case xml.StartElement:
			stack = append(stack, t.Name.Local)
			switch t.Name.Local {
			case "TEXT":
				if !seenText {
					seenText, textAt = true, len(stack)
				}
			case "DCT":
				if inDCT < 0 {
					inDCT = len(stack)
				}
			case "DOCID":
				if inDocID < 0 && doc.ID == "" {
					inDocID = len(stack)
				}
			case "TIMEX3":
				var typ, value, fn string
				for _, a := range t.Attr {
					switch a.Name.Local {
					case "type":
						typ = strings.TrimSpace(a.Value)
					case "value":
						value = strings.TrimSpace(a.Value)
					case "functionInDocument":
						fn = strings.TrimSpace(a.Value)
					}
				}
				if fn == "CREATION_TIME" && !dctFixed || inDCT >= 0 && doc.DCTValue == "" {
					doc.DCTValue, dctFixed = value, fn == "CREATION_TIME"
				}
				idx := -1
				if textAt >= 0 {
					idx = len(doc.Gold)
					doc.Gold = append(doc.Gold, eventwire.Timex{
						Span:     eventwire.Span{Start: text.Len(), End: -1},
						Sentence: -1, Type: typ, Value: value,
					})
				}
				open = append(open, idx)
			}
		case xml.EndElement:
			if len(stack) == 0 {
				continue
			}
			depth := len(stack)
			stack = stack[:depth-1]
			switch {
			case depth == textAt:
				textAt = -1
				// An unclosed TIMEX3 ends with the text.
				for _, i := range open {
					if i >= 0 && doc.Gold[i].Span.End < 0 {
						doc.Gold[i].Span.End = text.Len()
					}
				}
			case depth == inDCT:
				inDCT = -1
			case depth == inDocID:
				inDocID = -1
				doc.ID = strings.TrimSpace(docID.String())
			}
			if t.Name.Local == "TIMEX3" && len(open) > 0 {
				if i := open[len(open)-1]; i >= 0 && doc.Gold[i].Span.End < 0 {
					doc.Gold[i].Span.End = text.Len()
				}
				open = open[:len(open)-1]
			}
		case xml.CharData:
			if textAt >= 0 {
				text.Write(t)
			}
			if inDocID >= 0 {
				docID.Write(t)
			}
		}
	}
	if !seenText {
		return nil, &eventwire.Error{Input: name, Err: fmt.Errorf("%w: no TEXT element", eventwire.ErrInvalid)}
	}
	doc.Text = text.String()
	gold := doc.Gold[:0]
	for _, g := range doc.Gold {
		if g.Span.End < 0 {
			g.Span.End = len(doc.Text)
		}
		if g.Span.Len() <= 0 {
			continue
		}
		g.Text = doc.Text[g.Span.Start:g.Span.End]
		gold = append(gold, g)
	}
	doc.Gold = gold
	for _, layout := range dateLayouts {
		if len(doc.DCTValue) < len(layout) {
			continue
		}
		if t, err := time.Parse(layout, doc.DCTValue[:len(layout)]); err == nil {
			doc.DCT = t
			break
		}
	}
	return doc, nil
}

// TimexPair is a gold expression aligned with a found one. Gold is nil for
// a found expression that matches no gold one, Found nil for a miss.
type TimexPair struct {
	Gold  *eventwire.Timex
	Found *eventwire.Timex
}

// Strict reports whether both sides are present with the same span.
func (p TimexPair) Strict() bool {
	return p.Gold != nil && p.Found != nil && p.Gold.Span == p.Found.Span
}

// AlignTimexes pairs gold and found expressions one to one: first those
// with the same span, then those that overlap, the largest overlap first.
// Found expressions that split one gold expression thus give one match and
// one spurious find. Unpaired expressions come as pairs with one side nil.
// Pairs are in text order; they point into gold and found.
func AlignTimexes(gold, found []eventwire.Timex) []TimexPair {
	type cand struct {
		g, f    int
		exact   bool
		overlap int
	}
	var cands []cand
	for i := range gold {
		gs := gold[i].Span
		for j := range found {
			fs := found[j].Span
			if gs.Overlaps(fs) {
				ov := min(gs.End, fs.End) - max(gs.Start, fs.Start)
				cands = append(cands, cand{i, j, gs == fs, ov})
			}
		}
	}
	slices.SortStableFunc(cands, func(a, b cand) int {
		if a.exact != b.exact {
			if a.exact {
				return -1
			}
			return 1
		}
		return b.overlap - a.overlap
	})
	gUsed := make([]bool, len(gold))
	fUsed := make([]bool, len(found))
	var pairs []TimexPair
	for _, c := range cands {
		if gUsed[c.g] || fUsed[c.f] {
			continue
		}
		gUsed[c.g], fUsed[c.f] = true, true
		pairs = append(pairs, TimexPair{Gold: &gold[c.g], Found: &found[c.f]})
	}
	for i := range gold {
		if !gUsed[i] {
			pairs = append(pairs, TimexPair{Gold: &gold[i]})
		}
	}
	for j := range found {
		if !fUsed[j] {
			pairs = append(pairs, TimexPair{Found: &found[j]})
		}
	}
	at := func(p TimexPair) eventwire.Span {
		if p.Gold != nil {
			return p.Gold.Span
		}
		return p.Found.Span
	}
	slices.SortStableFunc(pairs, func(a, b TimexPair) int {
		sa, sb := at(a), at(b)
		return cmp.Or(cmp.Compare(sa.Start, sb.Start), cmp.Compare(sa.End, sb.End))
	})
	return pairs
}

// TimexCounts are the scores of temporal expressions found against gold,
// in TempEval-3 style: extents matched strictly (same span) and relaxed
// (overlapping), and the type and value of the relaxed matches.
type TimexCounts struct {
	Gold    int    `json:"gold"`
	Found   int    `json:"found"`
	Strict  Counts `json:"strict"`
	Relaxed Counts `json:"relaxed"`
	Type    int    `json:"type_right"`  // relaxed matches with the gold type
	Value   int    `json:"value_right"` // relaxed matches with the gold value
}

// ScoreTimexes scores found against gold over one text, pairing them as
// AlignTimexes does. Types and values compare as strings.
func ScoreTimexes(gold, found []eventwire.Timex) TimexCounts {
	return CountTimexPairs(AlignTimexes(gold, found))
}

// CountTimexPairs scores pairs made by AlignTimexes.
func CountTimexPairs(pairs []TimexPair) TimexCounts {
	var c TimexCounts
	for _, p := range pairs {
		if p.Gold != nil {
			c.Gold++
		}
		if p.Found != nil {
			c.Found++
		}
		if p.Gold == nil || p.Found == nil {
			continue
		}
		c.Relaxed.TP++
		if p.Strict() {
			c.Strict.TP++
		}
		if p.Gold.Type == p.Found.Type {
			c.Type++
		}
		if p.Gold.Value == p.Found.Value {
			c.Value++
		}
	}
	c.Relaxed.FP, c.Relaxed.FN = c.Found-c.Relaxed.TP, c.Gold-c.Relaxed.TP
	c.Strict.FP, c.Strict.FN = c.Found-c.Strict.TP, c.Gold-c.Strict.TP
	return c
}

// Add adds o's counts to c.
func (c *TimexCounts) Add(o TimexCounts) {
	c.Gold += o.Gold
	c.Found += o.Found
	c.Strict.add(o.Strict)
	c.Relaxed.add(o.Relaxed)
	c.Type += o.Type
	c.Value += o.Value
}

// TypeAccuracy is the share of relaxed matches with the gold type.
func (c TimexCounts) TypeAccuracy() float64 { return ratio(c.Type, c.Relaxed.TP) }

// ValueAccuracy is the share of relaxed matches with the gold value.
func (c TimexCounts) ValueAccuracy() float64 { return ratio(c.Value, c.Relaxed.TP) }

// ValueCounts counts a relaxed match with the gold value as a true positive
// and every other found or gold expression as spurious or missed: the
// counts of TempEval-3's value F1.
func (c TimexCounts) ValueCounts() Counts {
	return Counts{TP: c.Value, FP: c.Found - c.Value, FN: c.Gold - c.Value}
}

// TimexFailure is an expression found or gold that was not matched fully.
type TimexFailure struct {
	File string `json:"file"`
	// Kind is "missed", "spurious", or what differs in a relaxed match,
	// joined by "+": "span", "type", "value" (e.g. "span+value").
	Kind  string           `json:"kind"`
	Gold  *eventwire.Timex `json:"gold,omitempty"`
	Found *eventwire.Timex `json:"found,omitempty"`
}

// TimexFailures lists the pairs of file that are not strict matches with
// the gold type and value.
func TimexFailures(file string, pairs []TimexPair) []TimexFailure {
	var out []TimexFailure
	for _, p := range pairs {
		var kind []string
		switch {
		case p.Found == nil:
			kind = append(kind, "missed")
		case p.Gold == nil:
			kind = append(kind, "spurious")
		default:
			if !p.Strict() {
				kind = append(kind, "span")
			}
			if p.Gold.Type != p.Found.Type {
				kind = append(kind, "type")
			}
			if p.Gold.Value != p.Found.Value {
				kind = append(kind, "value")
			}
		}
		if len(kind) > 0 {
			out = append(out, TimexFailure{File: file, Kind: strings.Join(kind, "+"), Gold: p.Gold, Found: p.Found})
		}
	}
	return out
}

// TimexReport adds up the scores of many documents, in total and by corpus.
type TimexReport struct {
	Name   string // "" for a total
	Files  int
	Counts TimexCounts

	// Corpora are the per-corpus rows in the order first seen; empty for a
	// report that is itself a corpus row.
	Corpora []*TimexReport

	// Failures are listed by the caller when it wants them.
	Failures []TimexFailure
}

// Add adds one document's counts to the total and to its corpus row
// (none when corpus is "").
func (r *TimexReport) Add(corpus string, c TimexCounts) {
	r.Files++
	r.Counts.Add(c)
	if corpus == "" {
		return
	}
	i := slices.IndexFunc(r.Corpora, func(x *TimexReport) bool { return x.Name == corpus })
	if i < 0 {
		i = len(r.Corpora)
		r.Corpora = append(r.Corpora, &TimexReport{Name: corpus})
	}
	r.Corpora[i].Files++
	r.Corpora[i].Counts.Add(c)
}

// PRF is a precision, recall and F1 with the counts they come from.
type PRF struct {
	P  float64 `json:"p"`
	R  float64 `json:"r"`
	F1 float64 `json:"f1"`
	TP int     `json:"tp"`
	FP int     `json:"fp"`
	FN int     `json:"fn"`
}

func prf(c Counts) PRF {
	return PRF{P: round4(c.Precision()), R: round4(c.Recall()), F1: round4(c.F1()), TP: c.TP, FP: c.FP, FN: c.FN}
}

func round4(x float64) float64 { return math.Round(x*1e4) / 1e4 }

// TimexScores is a report row as printed in JSON.
type TimexScores struct {
	Name          string         `json:"name,omitempty"`
	Files         int            `json:"files"`
	Gold          int            `json:"gold"`
	Found         int            `json:"found"`
	Strict        PRF            `json:"strict"`
	Relaxed       PRF            `json:"relaxed"`
	TypeAccuracy  float64        `json:"type_accuracy"`
	ValueAccuracy float64        `json:"value_accuracy"`
	ValueF1       float64        `json:"value_f1"`
	Corpora       []TimexScores  `json:"corpora,omitempty"`
	Failures      []TimexFailure `json:"failures,omitempty"`
}

// Scores returns the report's figures, with a row per corpus when there
// is more than one.
func (r *TimexReport) Scores() TimexScores {
	c := r.Counts
	s := TimexScores{
		Name: r.Name, Files: r.Files, Gold: c.Gold, Found: c.Found,
		Strict: prf(c.Strict), Relaxed: prf(c.Relaxed),
		TypeAccuracy: round4(c.TypeAccuracy()), ValueAccuracy: round4(c.ValueAccuracy()),
		ValueF1: round4(c.ValueCounts().F1()), Failures: r.Failures,
	}
	if len(r.Corpora) > 1 {
		for _, k := range r.Corpora {
			s.Corpora = append(s.Corpora, k.Scores())
		}
	}
	return s
}

// MarshalJSON writes the report as its Scores.
func (r *TimexReport) MarshalJSON() ([]byte, error) { return json.Marshal(r.Scores()) }

// Print writes a row per corpus (when there is more than one), the total
// and, if failures is set, the failures.
func (r *TimexReport) Print(w io.Writer, failures bool) {
	fmt.Fprintf(w, "%-12s %5s %5s %5s  %-17s  %-17s  %5s %5s %8s\n", "", "", "", "", "strict", "relaxed", "", "", "")
	fmt.Fprintf(w, "%-12s %5s %5s %5s  %5s %5s %5s  %5s %5s %5s  %5s %5s %8s\n",
		"corpus", "files", "gold", "found", "P", "R", "F1", "P", "R", "F1", "type", "value", "value-F1")
	row := func(name string, files int, c TimexCounts) {
		fmt.Fprintf(w, "%-12s %5d %5d %5d  %5.3f %5.3f %5.3f  %5.3f %5.3f %5.3f  %5.3f %5.3f %8.3f\n",
			name, files, c.Gold, c.Found,
			c.Strict.Precision(), c.Strict.Recall(), c.Strict.F1(),
			c.Relaxed.Precision(), c.Relaxed.Recall(), c.Relaxed.F1(),
			c.TypeAccuracy(), c.ValueAccuracy(), c.ValueCounts().F1())
	}
	if len(r.Corpora) > 1 {
		for _, k := range r.Corpora {
			row(k.Name, k.Files, k.Counts)
		}
	}
	name := r.Name
	if name == "" {
		name = "total"
		if len(r.Corpora) == 1 {
			name = r.Corpora[0].Name
		}
	}
	row(name, r.Files, r.Counts)
	if !failures || len(r.Failures) == 0 {
		return
	}
	fmt.Fprintf(w, "\n%d expressions not matched fully:\n", len(r.Failures))
	for _, f := range r.Failures {
		fmt.Fprintf(w, "  %s %s: found %s, gold %s\n", f.File, f.Kind, describeTimex(f.Found), describeTimex(f.Gold))
	}
}

func describeTimex(x *eventwire.Timex) string {
	if x == nil {
		return "-"
	}
	return fmt.Sprintf("[%d:%d] %q %s %s", x.Span.Start, x.Span.End, x.Text, x.Type, x.Value)
}
