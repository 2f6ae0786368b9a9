package evaluate

import (
	"fmt"
	"io"
	"sort"
	"strings"
)

// Triple is one coded event reduced to what gold files record.
type Triple struct {
	Source string `json:"source"`
	Target string `json:"target"`
	Code   string `json:"cameo"`
}

// Counts are matches (TP), spurious predictions (FP) and misses (FN).
type Counts struct {
	TP int `json:"tp"`
	FP int `json:"fp"`
	FN int `json:"fn"`
}

// Precision is TP/(TP+FP), 0 when nothing was predicted.
func (c Counts) Precision() float64 { return ratio(c.TP, c.TP+c.FP) }

// Recall is TP/(TP+FN), 0 when there was nothing to find.
func (c Counts) Recall() float64 { return ratio(c.TP, c.TP+c.FN) }

// F1 is the harmonic mean of precision and recall.
func (c Counts) F1() float64 {
	p, r := c.Precision(), c.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func (c *Counts) add(o Counts) { c.TP += o.TP; c.FP += o.FP; c.FN += o.FN }

// Code levels and actor modes of the score table.
var (
	CodeLevels = []string{"root", "3-digit", "full"}
	ActorModes = []string{"any", "country", "code"}
)

// EventReport accumulates scores over many sentences.
type EventReport struct {
	Sentences int                       `json:"sentences"`
	Gold      int                       `json:"gold_events"`
	Coded     int                       `json:"coded_events"`
	Scores    map[string]Counts         `json:"scores"` // "root/country" etc.
	Category  map[string]Counts         `json:"by_category"`
	Confusion map[string]map[string]int `json:"confusion"` // gold root -> coded root ("none" for a miss)
	Failures  []Failure                 `json:"failures,omitempty"`
}

// Failure is a sentence whose coding differs from gold at the headline
// level (root with actors matched at country level).
type Failure struct {
	ID    string   `json:"id"`
	Text  string   `json:"text"`
	Gold  []Triple `json:"gold"`
	Coded []Triple `json:"coded"`
}

// NewEventReport returns an empty report.
func NewEventReport() *EventReport {
	return &EventReport{Scores: map[string]Counts{}, Category: map[string]Counts{}, Confusion: map[string]map[string]int{}}
}

// Key names a cell of the score table.
func Key(level, mode string) string { return level + "/" + mode }

// Headline is the cell the project's targets are stated in.
const Headline = "root/country"

func codeAt(code, level string) string {
	switch level {
	case "root":
		if len(code) > 2 {
			return code[:2]
		}
	case "3-digit":
		if len(code) > 3 {
			return code[:3]
		}
	}
	return code
}

func actorAt(code, mode string) string {
	switch mode {
	case "any":
		return ""
	case "country":
		if len(code) > 3 {
			return code[:3]
		}
	}
	return code
}

// match counts one-to-one matches between gold and coded at a level and mode.
func match(gold, coded []Triple, level, mode string) Counts {
	used := make([]bool, len(coded))
	var c Counts
	for _, g := range gold {
		found := false
		for i, p := range coded {
			if used[i] {
				continue
			}
			if codeAt(g.Code, level) == codeAt(p.Code, level) &&
				actorAt(g.Source, mode) == actorAt(p.Source, mode) &&
				actorAt(g.Target, mode) == actorAt(p.Target, mode) {
				used[i] = true
				found = true
				break
			}
		}
		if found {
			c.TP++
		} else {
			c.FN++
		}
	}
	for _, u := range used {
		if !u {
			c.FP++
		}
	}
	return c
}

// Add scores one gold item.
func (r *EventReport) Add(id, text, category string, gold, coded []Triple) {
	r.Sentences++
	r.Gold += len(gold)
	r.Coded += len(coded)
	for _, lv := range CodeLevels {
		for _, m := range ActorModes {
			c := r.Scores[Key(lv, m)]
			c.add(match(gold, coded, lv, m))
			r.Scores[Key(lv, m)] = c
		}
	}
	head := match(gold, coded, "root", "country")
	if category != "" {
		c := r.Category[category]
		c.add(head)
		r.Category[category] = c
	}
	if head.FP > 0 || head.FN > 0 {
		r.Failures = append(r.Failures, Failure{ID: id, Text: text, Gold: gold, Coded: coded})
	}
	// Confusion by root: each gold event against the coded event with the
	// same actors (country level), else "none".
	used := make([]bool, len(coded))
	for _, g := range gold {
		got := "none"
		for i, p := range coded {
			if !used[i] && actorAt(g.Source, "country") == actorAt(p.Source, "country") &&
				actorAt(g.Target, "country") == actorAt(p.Target, "country") {
				used[i] = true
				got = codeAt(p.Code, "root")
				break
			}
		}
		gr := codeAt(g.Code, "root")
		if r.Confusion[gr] == nil {
			r.Confusion[gr] = map[string]int{}
		}
		r.Confusion[gr][got]++
	}
}

// Print writes the score table, the scores by category, the confusion
// table and, if failures is set, every sentence coded differently from gold.
func (r *EventReport) Print(w io.Writer, failures bool) {
	fmt.Fprintf(w, "events: %d sentences, %d gold events, %d coded\n\n", r.Sentences, r.Gold, r.Coded)
	fmt.Fprintf(w, "%-8s %-8s %6s %6s %6s %6s %6s %6s\n", "code", "actors", "P", "R", "F1", "TP", "FP", "FN")
	for _, lv := range CodeLevels {
		for _, m := range ActorModes {
			c := r.Scores[Key(lv, m)]
			fmt.Fprintf(w, "%-8s %-8s %6.3f %6.3f %6.3f %6d %6d %6d\n", lv, m, c.Precision(), c.Recall(), c.F1(), c.TP, c.FP, c.FN)
		}
	}
	if len(r.Category) > 0 {
		fmt.Fprintf(w, "\nby category (root, actors at country level):\n")
		for _, k := range sortedKeys(r.Category) {
			c := r.Category[k]
			fmt.Fprintf(w, "  %-16s P %.3f R %.3f F1 %.3f (TP %d FP %d FN %d)\n", k, c.Precision(), c.Recall(), c.F1(), c.TP, c.FP, c.FN)
		}
	}
	fmt.Fprintf(w, "\nconfusion by root (rows gold, columns coded; none = no event with those actors):\n      ")
	cols := map[string]bool{}
	for _, row := range r.Confusion {
		for k := range row {
			cols[k] = true
		}
	}
	colKeys := sortedKeys(cols)
	for _, c := range colKeys {
		fmt.Fprintf(w, " %4s", c)
	}
	fmt.Fprintln(w)
	for _, g := range sortedKeys(r.Confusion) {
		fmt.Fprintf(w, "  %-4s", g)
		for _, c := range colKeys {
			if n := r.Confusion[g][c]; n > 0 {
				fmt.Fprintf(w, " %4d", n)
			} else {
				fmt.Fprintf(w, " %4s", ".")
			}
		}
		fmt.Fprintln(w)
	}
	if failures && len(r.Failures) > 0 {
		fmt.Fprintf(w, "\n%d sentences coded differently from gold:\n", len(r.Failures))
		for _, f := range r.Failures {
			fmt.Fprintf(w, "  %s %q\n    gold  %s\n    coded %s\n", f.ID, f.Text, triples(f.Gold), triples(f.Coded))
		}
	}
}

func triples(ts []Triple) string {
	if len(ts) == 0 {
		return "(none)"
	}
	var out []string
	for _, t := range ts {
		tg := t.Target
		if tg == "" {
			tg = "-"
		}
		out = append(out, t.Source+" "+t.Code+" "+tg)
	}
	return strings.Join(out, "; ")
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
