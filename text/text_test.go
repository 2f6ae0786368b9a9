package text_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/eventwire/eventwire"
	"github.com/eventwire/eventwire/text"
)

func words(toks []eventwire.Token) []string {
	var out []string
	for _, t := range toks {
		out = append(out, t.Text)
	}
	return out
}

func TestTokenize(t *testing.T) {
	tests := []struct {
		in   string
		want string // tokens joined by " | "
	}{
		{"Bashar al-Assad met U.S. envoys.", "Bashar | al-Assad | met | U.S. | envoys | ."},
		{"the Turkish leader’s office", "the | Turkish | leader | ’s | office"},
		{"They didn't attack.", "They | did | n't | attack | ."},
		{"1,000 troops and 3.5 km, 21st", "1,000 | troops | and | 3.5 | km | , | 21st"},
		{"[of Syrian President]", "[ | of | Syrian | President | ]"},
		{"/TASS/.", "/ | TASS | / | ."},
		{"Erdoğan’s “firepower”", "Erdoğan | ’s | “ | firepower | ”"},
		{"J. Smith and the U.N.-backed plan", "J. | Smith | and | the | U.N. | - | backed | plan"},
		{"large-scale de-escalation", "large-scale | de-escalation"},
		{"", ""},
	}
	for _, tt := range tests {
		got := strings.Join(words(text.Tokenize(tt.in, eventwire.Span{Start: 0, End: len(tt.in)})), " | ")
		if got != tt.want {
			t.Errorf("Tokenize(%q)\n got %s\nwant %s", tt.in, got, tt.want)
		}
	}
}

func TestSegment(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"abbreviations", "Gen. Smith met Mr. Jones on Feb. 5 in the U.S. capital. They talked.",
			[]string{"Gen. Smith met Mr. Jones on Feb. 5 in the U.S. capital.", "They talked."}},
		{"initialism ends sentence", "He flew to the U.S. The talks began.",
			[]string{"He flew to the U.S.", "The talks began."}},
		{"quotes", `"We are ready," he said. "Very ready!" She left.`,
			[]string{`"We are ready," he said.`, `"Very ready!"`, "She left."}},
		{"headline paragraph", "Erdogan, Putin discuss Idlib\n\nThe leaders spoke. Then they hung up.",
			[]string{"Erdogan, Putin discuss Idlib", "The leaders spoke.", "Then they hung up."}},
		{"wrapped lines", "The army\nadvanced on the town. Rebels\nfled.",
			[]string{"The army\nadvanced on the town.", "Rebels\nfled."}},
		{"lower case after dot", "The figure was 3. a lot.", []string{"The figure was 3. a lot."}},
		{"empty", "  \n\n ", nil},
	}
	seg := text.NewSegmenter()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := seg.Segment(tt.in)
			var texts []string
			for _, s := range got {
				texts = append(texts, s.Text)
				if tt.in[s.Span.Start:s.Span.End] != s.Text {
					t.Errorf("span %v does not cut %q", s.Span, s.Text)
				}
			}
			if strings.Join(texts, "\n--\n") != strings.Join(tt.want, "\n--\n") {
				t.Errorf("got %q\nwant %q", texts, tt.want)
			}
		})
	}
}

func TestStageCutsDateline(t *testing.T) {
	in := "All news\n\nANKARA, February 21. /TASS/. Russian and Turkish Presidents talked. They agreed.\n"
	start := strings.Index(in, "ANKARA")
	dlEnd := strings.Index(in, "Russian") - 1
	doc := &eventwire.Document{
		Article:  eventwire.Article{Text: in},
		Dateline: &eventwire.Dateline{Span: eventwire.Span{Start: start, End: dlEnd}},
	}
	if err := text.NewStage().Process(doc); err != nil {
		t.Fatal(err)
	}
	var got []string
	for i, s := range doc.Sentences {
		got = append(got, s.Text)
		if s.Index != i {
			t.Errorf("sentence %d has index %d", i, s.Index)
		}
	}
	want := []string{"All news", "Russian and Turkish Presidents talked.", "They agreed."}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got %q, want %q", got, want)
	}
	if len(doc.Tokens) != len(doc.Sentences) || words(doc.Tokens[1])[0] != "Russian" {
		t.Errorf("tokens do not follow sentences: %v", doc.Tokens)
	}
}

func exampleStory(tb testing.TB) string {
	b, err := os.ReadFile(filepath.Join("..", "testdata", "tass-2020-02-21-idlib.txt"))
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}

func TestExampleStory(t *testing.T) {
	in := exampleStory(t)
	sents := text.NewSegmenter().Segment(in)
	// The story has 22 sentences counting its two headlines and the
	// dateline fragments the dateline stage removes later.
	var found bool
	for _, s := range sents {
		if s.Text == "The armed opposition units were aided by the Turkish military." {
			found = true
		}
		if strings.Contains(s.Text, "\n\n") {
			t.Errorf("sentence crosses a paragraph: %q", s.Text)
		}
	}
	if !found {
		t.Errorf("passive sentence not segmented alone: %+v", sents)
	}
}

func FuzzSegmentTokenize(f *testing.F) {
	f.Add("ANKARA, February 21. /TASS/. Putin met Erdogan. U.S. envoys left.")
	f.Add("\"Ready!\" he said.\n\nNext para… é’s n't")
	f.Add("\xff\xfe. A. b")
	seg := text.NewSegmenter()
	f.Fuzz(func(t *testing.T, in string) {
		prev := 0
		for _, s := range seg.Segment(in) {
			if s.Span.Start < prev || s.Span.Start >= s.Span.End || s.Span.End > len(in) {
				t.Fatalf("bad sentence span %v after %d in %q", s.Span, prev, in)
			}
			prev = s.Span.End
			last := s.Span.Start
			for _, tk := range text.Tokenize(in, s.Span) {
				if tk.Span.Start < last || tk.Span.End <= tk.Span.Start || tk.Span.End > s.Span.End {
					t.Fatalf("bad token span %v in sentence %v of %q", tk.Span, s.Span, in)
				}
				if utf8.ValidString(in) && !utf8.ValidString(tk.Text) {
					t.Fatalf("token %q splits a rune", tk.Text)
				}
				last = tk.Span.End
			}
		}
	})
}

func BenchmarkSegment(b *testing.B) {
	in := exampleStory(b)
	seg := text.NewSegmenter()
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		seg.Segment(in)
	}
}

func BenchmarkTokenize(b *testing.B) {
	in := exampleStory(b)
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	var buf []eventwire.Token
	for b.Loop() {
		buf = text.AppendTokens(buf[:0], in, eventwire.Span{Start: 0, End: len(in)})
	}
}
