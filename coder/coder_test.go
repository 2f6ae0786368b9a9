package coder_test

import (
	"os"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/eventwire/eventwire"
	"github.com/eventwire/eventwire/actors"
	"github.com/eventwire/eventwire/coder"
	"github.com/eventwire/eventwire/lexicon"
	"github.com/eventwire/eventwire/text"
)

func testLexicon(tb testing.TB) *lexicon.Lexicon {
	tb.Helper()
	lex, err := lexicon.Load(lexicon.Layer{Dir: "testdata/lexicon", FS: os.DirFS("testdata/lexicon")})
	if err != nil {
		tb.Fatalf("test lexicon: %v", err)
	}
	return lex
}

// code runs the stages the coder depends on over one text.
func code(tb testing.TB, lex *lexicon.Lexicon, in string) []eventwire.Event {
	doc := &eventwire.Document{Article: eventwire.Article{ID: "t", Text: in}}
	doc.PubDate.Time = time.Date(2020, 2, 21, 0, 0, 0, 0, time.UTC)
	for _, st := range []eventwire.Stage{text.NewStage(), &actors.Tagger{Lex: lex}, &coder.Coder{Lex: lex, Explain: true}} {
		if err := st.Process(doc); err != nil {
			tb.Fatal(err)
		}
	}
	return doc.Events
}

// triples renders events as "SRC CODE TGT" lines, sorted.
func triples(evs []eventwire.Event) string {
	var out []string
	for _, e := range evs {
		s, t := "-", "-"
		if e.Source != nil {
			s = e.Source.Code
		}
		if e.Target != nil {
			t = e.Target.Code
		}
		out = append(out, s+" "+e.CAMEO+" "+t)
	}
	sort.Strings(out)
	return strings.Join(out, "; ")
}

func TestCodeSentences(t *testing.T) {
	lex := testLexicon(t)
	tests := []struct {
		name, in, want string
	}{
		{"active with object", "Putin met Erdogan in Moscow.", "RUSGOV 040 TURGOV; TURGOV 040 RUSGOV"},
		{"compound subject reciprocal", "Russian and Turkish Presidents Vladimir Putin and Recep Tayyip Erdogan discussed the situation in Idlib during a phone call on Friday.",
			"RUSGOV 041 TURGOV; TURGOV 041 RUSGOV"},
		{"comma compound", "Erdogan, Putin discuss situation in Idlib", "RUSGOV 040 TURGOV; TURGOV 040 RUSGOV"},
		{"passive with by-agent", "The armed opposition units were aided by the Turkish military.", "TURMIL 070 TURREB"},
		{"agent with country", "On February 11, the Syrian opposition launched an offensive against the Syrian government forces.", "SYROPP 190 SYRMIL"},
		{"no object", "The Syrian army repelled all the attacks.", "SYRMIL 190 -"},
		{"infinitive chain", "The Russian Aerospace Forces started to provide support to the Syrian army.", "RUSMIL 070 SYRMIL"},
		{"reported speech", "Turkish President Recep Tayyip Erdogan stated that Ankara is ready to use all of its firepower in Idlib.", "TURGOV 138 -"},
		{"source role restriction", "Syrian government forces entered the town of Saraqib.", "SYRMIL 192 -"},
		{"role restriction refuses", "Putin entered the room.", ""},
		{"negation", "The Syrian army did not attack the Turkish troops.", ""},
		{"background since", "Idlib has been attacked by Syrian troops since 2012.", ""},
		{"nominal with modifier", "Militant attacks on the positions of the Syrian army have increased.", "SYRREB 190 SYRMIL"},
		{"parenthesis skipped", "Syrian troops (backed by Russia) attacked Turkish troops.", "SYRMIL 190 TURMIL"},
		{"possessive seat", "The Kremlin criticized Washington.", "RUSGOV 111 USAGOV"},
		{"locative is no actor", "Putin criticized the talks in Turkey.", "RUSGOV 111 -"},
		{"all caps alias only", "The United Nations criticized us.", "IGOUNO 111 -"},
		{"coref he", "Erdogan arrived. He criticized Assad.", "TURGOV 111 SYRGOV"},
		{"coref the sides", "Putin and Erdogan spoke. The sides also discussed Libya.", "RUSGOV 040 TURGOV; TURGOV 040 RUSGOV"},
		{"static sentence", "The Turkish army has 12 observation outposts in the province.", ""},
		{"speculation", "Analysts said Syrian troops could attack Turkish troops.", ""},
		{"condition", "If Syrian troops attacked, Putin would criticize Assad.", "RUSGOV 111 SYRGOV"},
		{"conditional promise of force", "Putin said Russian troops would attack Turkish troops if Ankara criticized Moscow.", "RUSMIL 138 TURMIL"},
		{"infinitive of a request is no event", "Putin criticized Erdogan to attack him.", "RUSGOV 111 TURGOV"},
		{"participle clause", "Syrian troops attacked the town, attacking Turkish troops.", "SYRMIL 190 -"},
		{"shared subject", "Syrian troops attacked Turkish troops and repelled the rebels.", "SYRMIL 190 SYRREB; SYRMIL 190 TURMIL"},
		{"object inside a gap", "Putin discussed Erdogan during a phone call.", "RUSGOV 041 TURGOV; TURGOV 041 RUSGOV"},
		{"no self events", "Syrian troops attacked Syrian forces.", "SYRMIL 190 -"},
		{"him is the other person", "Erdogan met Putin. The Turkish leader criticized him.", "RUSGOV 040 TURGOV; TURGOV 040 RUSGOV; TURGOV 111 RUSGOV"},
		{"he in the same sentence", "Assad said he would criticize Erdogan.", "SYRGOV 111 TURGOV"},
		{"coordinated names with titles", "Russian President Vladimir Putin and Turkish President Recep Tayyip Erdogan met.", "RUSGOV 040 TURGOV; TURGOV 040 RUSGOV"},
		{"victims of a participle clause", "Syrian troops attacked a market, killing Turkish troops.", "SYRMIL 190 TURMIL"},
		{"content clause of a noun", "Putin criticized reports that Syrian troops attacked Turkish troops.", "RUSGOV 111 -"},
		{"reported clause of a saying verb", "Putin stated that Syrian troops attacked Turkish troops.", "SYRMIL 190 TURMIL"},
		{"reduced relative", "Putin criticized Assad, attacked by Turkish troops.", "RUSGOV 111 SYRGOV; TURMIL 190 SYRGOV"},
		{"force refined by its instrument", "Syrian warplanes attacked Turkish troops.", "SYRMIL 195 TURMIL"},
		{"a visit's host is its target", "Putin arrived in Ankara on Thursday.", "RUSGOV 042 TURGOV"},
		{"announced visit is an intent", "Putin will visit Turkey next week.", "RUSGOV 036 TUR"},
		{"one event per actors and code in a sentence", "Putin visited Turkey and arrived in Turkey.", "RUSGOV 042 TUR"},
		{"apposition", "Erdogan, the Turkish leader, criticized Assad.", "TURGOV 111 SYRGOV"},
		{"the two leaders", "Putin met Erdogan. The two leaders discussed Libya.", "RUSGOV 040 TURGOV; RUSGOV 040 TURGOV; TURGOV 040 RUSGOV; TURGOV 040 RUSGOV"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := triples(code(t, lex, tt.in)); got != tt.want {
				t.Errorf("%s\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestEventCarriesEvidence(t *testing.T) {
	lex := testLexicon(t)
	in := "Headline\n\nThe Syrian army repelled all the attacks."
	evs := code(t, lex, in)
	if len(evs) != 1 {
		t.Fatalf("got %d events", len(evs))
	}
	ev := evs[0]
	if in[ev.Evidence.Start:ev.Evidence.End] != ev.Evidence.Sentence || ev.Evidence.Sentence != "The Syrian army repelled all the attacks." {
		t.Errorf("evidence %q at %d:%d", ev.Evidence.Sentence, ev.Evidence.Start, ev.Evidence.End)
	}
	if got := in[ev.Evidence.Trigger.Start:ev.Evidence.Trigger.End]; got != "repelled" {
		t.Errorf("trigger %q", got)
	}
	if got := in[ev.Source.Start:ev.Source.End]; got != "Syrian army" {
		t.Errorf("source span %q", got)
	}
	if ev.Explain == nil || ev.Explain.Entry != "testdata/lexicon/verbs.txt:5" || ev.Explain.Rule != "active" {
		t.Errorf("explain %+v", ev.Explain)
	}
	if ev.ID == "" || ev.Root != "19" || ev.Quad != 4 || ev.Goldstein != -10 || ev.Plover.Type != "ASSAULT" {
		t.Errorf("codebook fields: %+v", ev)
	}
	if again := code(t, lex, in); again[0].ID != ev.ID {
		t.Errorf("ids not stable: %s vs %s", again[0].ID, ev.ID)
	}
}

func BenchmarkCoder(b *testing.B) {
	lex := testLexicon(b)
	raw, err := os.ReadFile("../testdata/tass-2020-02-21-idlib.txt")
	if err != nil {
		b.Fatal(err)
	}
	doc := &eventwire.Document{Article: eventwire.Article{ID: "t", Text: string(raw)}}
	text.NewStage().Process(doc)
	(&actors.Tagger{Lex: lex}).Process(doc)
	c := &coder.Coder{Lex: lex}
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for b.Loop() {
		c.Process(doc)
	}
	b.ReportMetric(float64(len(doc.Sentences))*float64(b.N)/b.Elapsed().Seconds(), "sentences/s")
}
