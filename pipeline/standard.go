package pipeline

import (
	"time"

	"github.com/eventwire/eventwire"
	"github.com/eventwire/eventwire/actors"
	"github.com/eventwire/eventwire/coder"
	"github.com/eventwire/eventwire/geo"
	"github.com/eventwire/eventwire/lexicon"
	"github.com/eventwire/eventwire/text"
	"github.com/eventwire/eventwire/when"
)

// Config chooses the knowledge and options of the standard pipeline.
type Config struct {
	Lexicon   *lexicon.Lexicon
	Gazetteer *geo.Gazetteer
	Clock     func() time.Time // the present, for dates without a year
	Explain   bool
}

// Standard returns the full pipeline: dateline and publication date,
// sentences and tokens, actors, events, places, dates.
func Standard(cfg Config) *Pipeline {
	clock := cfg.Clock
	if clock == nil {
		clock = time.Now
	}
	return &Pipeline{Stages: []eventwire.Stage{
		&when.PubDates{Clock: clock},
		text.NewStage(),
		&actors.Tagger{Lex: cfg.Lexicon},
		&coder.Coder{Lex: cfg.Lexicon, Explain: cfg.Explain},
		&geo.Places{Gazetteer: cfg.Gazetteer},
		&when.Dates{},
	}}
}
