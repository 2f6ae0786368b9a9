package text

import "github.com/eventwire/eventwire"

// Stage is the pipeline step that fills doc.Sentences and doc.Tokens.
// A dateline found by an earlier stage is kept out of every sentence, so
// the first sentence of a wire story starts after "ANKARA, February 21. /TASS/.".
type Stage struct {
	Segmenter *Segmenter
}

// NewStage returns a Stage with the default segmenter.
func NewStage() *Stage { return &Stage{Segmenter: NewSegmenter()} }

// Name implements eventwire.Stage.
func (s *Stage) Name() string { return "text" }

// Process implements eventwire.Stage.
func (s *Stage) Process(doc *eventwire.Document) error {
	text := doc.Article.Text
	sents := s.Segmenter.Segment(text)
	if dl := doc.Dateline; dl != nil {
		sents = cutOut(text, sents, dl.Span)
	}
	doc.Sentences = sents
	doc.Tokens = make([][]eventwire.Token, len(sents))
	// One backing array for all tokens: fewer allocations per article.
	all := make([]eventwire.Token, 0, len(text)/5)
	for i, st := range sents {
		n := len(all)
		all = AppendTokens(all, text, st.Span)
		doc.Tokens[i] = all[n:len(all):len(all)]
	}
	return nil
}

// cutOut removes span from the sentences: a sentence inside it is dropped,
// one that overlaps it keeps only what lies after it. Indexes are renumbered.
func cutOut(text string, sents []eventwire.Sentence, span eventwire.Span) []eventwire.Sentence {
	out := sents[:0]
	for _, st := range sents {
		if span.Contains(st.Span) {
			continue
		}
		if st.Span.Overlaps(span) && st.Span.Start >= span.Start {
			st.Span.Start = span.End
			for st.Span.Start < st.Span.End && isSpaceByte(text[st.Span.Start]) {
				st.Span.Start++
			}
			st.Text = text[st.Span.Start:st.Span.End]
		}
		st.Index = len(out)
		out = append(out, st)
	}
	return out
}
