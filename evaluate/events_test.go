package evaluate_test

import (
	"bytes"
	"math"
	"strings"
	"testing"

	"github.com/eventwire/eventwire/evaluate"
)

func TestEventScores(t *testing.T) {
	r := evaluate.NewEventReport()
	// Right root and countries, wrong 3-digit code and target sector.
	r.Add("a", "x", "active", []evaluate.Triple{{"RUSGOV", "TURGOV", "041"}}, []evaluate.Triple{{"RUSGOV", "TURMIL", "042"}})
	// A miss and a spurious event.
	r.Add("b", "y", "passive", []evaluate.Triple{{"TURMIL", "SYRREB", "070"}}, []evaluate.Triple{{"SYRREB", "TURMIL", "190"}})
	// A correct no-event sentence.
	r.Add("c", "z", "background", nil, nil)

	for _, tt := range []struct {
		key        string
		tp, fp, fn int
	}{
		{"root/any", 1, 1, 1},
		{"root/country", 1, 1, 1},
		{"root/code", 0, 2, 2},
		{"3-digit/any", 0, 2, 2},
		{"full/country", 0, 2, 2},
	} {
		c := r.Scores[tt.key]
		if c.TP != tt.tp || c.FP != tt.fp || c.FN != tt.fn {
			t.Errorf("%s = %+v, want TP %d FP %d FN %d", tt.key, c, tt.tp, tt.fp, tt.fn)
		}
	}
	c := r.Scores[evaluate.Headline]
	if math.Abs(c.F1()-0.5) > 1e-9 || math.Abs(c.Precision()-0.5) > 1e-9 {
		t.Errorf("headline P %.3f F1 %.3f, want 0.5 and 0.5", c.Precision(), c.F1())
	}
	if r.Confusion["04"]["04"] != 1 || r.Confusion["07"]["none"] != 1 {
		t.Errorf("confusion %v", r.Confusion)
	}
	if len(r.Failures) != 1 || r.Failures[0].ID != "b" {
		t.Errorf("failures %+v", r.Failures)
	}
	var buf bytes.Buffer
	r.Print(&buf, true)
	for _, want := range []string{"3 sentences, 2 gold events, 2 coded", "root     country   0.500", "b \"y\""} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, buf.String())
		}
	}
}

func TestEmptyCountsAreZeroNotNaN(t *testing.T) {
	var c evaluate.Counts
	if c.Precision() != 0 || c.Recall() != 0 || c.F1() != 0 {
		t.Errorf("empty counts: %v %v %v", c.Precision(), c.Recall(), c.F1())
	}
}
