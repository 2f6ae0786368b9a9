package when_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/eventwire/eventwire/when"
)

// goldTimex is a TIMEX3 of the TimeML development set, with its span in the
// plain text of the document.
type goldTimex struct {
	start, end int
	typ, value string
}

var attrRE = regexp.MustCompile(`(\w+)="([^"]*)"`)

// readTimeML returns the plain text of a TimeML document's TEXT element, its
// TIMEX3s and its creation date.
func readTimeML(doc string) (string, []goldTimex, time.Time) {
	var dct time.Time
	if i := strings.Index(doc, "<DCT>"); i >= 0 {
		if m := regexp.MustCompile(`value="(\d{4}-\d{2}-\d{2})`).FindStringSubmatch(doc[i:]); m != nil {
			dct, _ = time.Parse(time.DateOnly, m[1])
		}
	}
	start, end := strings.Index(doc, "<TEXT>"), strings.Index(doc, "</TEXT>")
	if start < 0 || end < start {
		return "", nil, dct
	}
	body := doc[start+len("<TEXT>") : end]
	var b strings.Builder
	var gold []goldTimex
	open := -1
	for i := 0; i < len(body); {
		switch body[i] {
		case '<':
			j := strings.IndexByte(body[i:], '>')
			if j < 0 {
				i = len(body)
				continue
			}
			tag := body[i+1 : i+j]
			switch {
			case strings.HasPrefix(tag, "TIMEX3"):
				g := goldTimex{start: b.Len()}
				for _, m := range attrRE.FindAllStringSubmatch(tag, -1) {
					switch m[1] {
					case "type":
						g.typ = m[2]
					case "value":
						g.value = m[2]
					}
				}
				gold = append(gold, g)
				open = len(gold) - 1
			case tag == "/TIMEX3" && open >= 0:
				gold[open].end = b.Len()
				open = -1
			}
			i += j + 1
		case '&':
			j := strings.IndexByte(body[i:], ';')
			ent := ""
			if j > 0 {
				ent = body[i : i+j+1]
			}
			if r, ok := map[string]string{"&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": `"`, "&apos;": "'"}[ent]; ok {
				b.WriteString(r)
				i += len(ent)
				continue
			}
			b.WriteByte('&')
			i++
		default:
			b.WriteByte(body[i])
			i++
		}
	}
	return b.String(), gold, dct
}

// TestTimeMLAccuracy reports how Tag does on the TimeBank and AQUAINT
// development set: recall and precision of spans (overlap and exact) and the
// share of found expressions with the gold value. It only reports.
func TestTimeMLAccuracy(t *testing.T) {
	root := filepath.Join(sharedDir(t), "reference", "timex-dev")
	files, _ := filepath.Glob(filepath.Join(root, "*", "*.tml"))
	if len(files) == 0 {
		t.Skipf("no TimeML files under %s", root)
	}
	var gold, pred, overlap, exact, value, typ int
	var misses []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text, gs, dct := readTimeML(string(b))
		got := when.Tag(text, dct)
		gold += len(gs)
		pred += len(got)
		used := make([]bool, len(got))
		for _, g := range gs {
			for k, x := range got {
				if used[k] || x.Span.End <= g.start || x.Span.Start >= g.end {
					continue
				}
				used[k] = true
				overlap++
				if x.Span.Start == g.start && x.Span.End == g.end {
					exact++
				}
				if x.Type == g.typ {
					typ++
				}
				if x.Value == g.value {
					value++
				} else if len(misses) < 40 {
					misses = append(misses, filepath.Base(f)+": "+x.Text+" -> "+x.Value+", gold "+text[g.start:g.end]+" -> "+g.value)
				}
				break
			}
		}
	}
	pct := func(a, b int) float64 {
		if b == 0 {
			return 0
		}
		return 100 * float64(a) / float64(b)
	}
	t.Logf("TimeML dev set: %d documents, %d gold TIMEX3, %d found", len(files), gold, pred)
	t.Logf("overlap: recall %.1f%% precision %.1f%%; exact span: recall %.1f%% precision %.1f%%",
		pct(overlap, gold), pct(overlap, pred), pct(exact, gold), pct(exact, pred))
	t.Logf("of overlapping: value %.1f%%, type %.1f%%; value right over all gold: %.1f%%",
		pct(value, overlap), pct(typ, overlap), pct(value, gold))
	if testing.Verbose() {
		for _, m := range misses {
			t.Log("  " + m)
		}
	}
}
