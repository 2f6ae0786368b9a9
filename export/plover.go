package export

import (
	"bufio"
	"encoding/json"
	"io"

	"github.com/eventwire/eventwire"
)

// PLOVER writes events as PLOVER event records, one JSON object a line.
// The PLOVER fields come first (id, date, event_type, mode, context, actor,
// recipient, location, event_text, ...); eventwire's evidence follows as
// extra fields that PLOVER readers ignore: the CAMEO code, the byte spans
// of the participants, sentence and trigger, and the coder's confidence.
type PLOVER struct {
	w   *bufio.Writer
	enc *json.Encoder
	o   Options
}

// NewPLOVER returns a PLOVER writer on w.
func NewPLOVER(w io.Writer, o Options) *PLOVER {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	return &PLOVER{w: bw, enc: enc, o: o}
}

type ploverRecord struct {
	ID        string          `json:"id"`
	Date      string          `json:"date"`
	EventType string          `json:"event_type"`
	Mode      string          `json:"mode"`
	Context   []string        `json:"context"`
	Actor     string          `json:"actor"`
	Recipient string          `json:"recipient"`
	Location  *ploverLocation `json:"location"`
	EventText string          `json:"event_text"`
	StoryID   string          `json:"story_id"`
	URL       string          `json:"url,omitempty"`

	// eventwire's own fields.
	DatePrecision eventwire.Precision    `json:"date_precision"`
	ActorDetail   *eventwire.Participant `json:"actor_detail"`
	RecipientDet  *eventwire.Participant `json:"recipient_detail"`
	CAMEO         string                 `json:"cameo"`
	Quad          int                    `json:"quad"`
	Goldstein     float64                `json:"goldstein"`
	Evidence      eventwire.Evidence     `json:"evidence"`
	SentenceIndex int                    `json:"sentence_index"`
	Confidence    float64                `json:"confidence"`
}

type ploverLocation struct {
	Name      string          `json:"name"`
	Country   string          `json:"country"`
	ADM1      string          `json:"adm1,omitempty"`
	Lat       float64         `json:"lat"`
	Lon       float64         `json:"lon"`
	GeonameID int             `json:"geonameid,omitempty"`
	Precision string          `json:"precision"`
	Span      *eventwire.Span `json:"span,omitempty"`
}

// Write writes ev as one record. Actor and recipient are CAMEO actor codes,
// "" when unknown; context is always a list, empty when there is none.
func (p *PLOVER) Write(ev *eventwire.Event) error {
	r := ploverRecord{
		ID: ev.ID, Date: ev.Date, EventType: ev.Plover.Type, Mode: ev.Plover.Mode, Context: ev.Plover.Context,
		EventText: ev.Evidence.Sentence, StoryID: ev.Article, URL: p.o.sourceURL(ev.Article),
		DatePrecision: ev.DatePrecision, ActorDetail: ev.Source, RecipientDet: ev.Target,
		CAMEO: ev.CAMEO, Quad: ev.Quad, Goldstein: ev.Goldstein, Evidence: ev.Evidence,
		SentenceIndex: ev.Sentence, Confidence: ev.Confidence,
	}
	if r.Context == nil {
		r.Context = []string{}
	}
	if ev.Source != nil {
		r.Actor = ev.Source.Code
	}
	if ev.Target != nil {
		r.Recipient = ev.Target.Code
	}
	if l := ev.Location; l != nil {
		r.Location = &ploverLocation{Name: l.Name, Country: l.Country, ADM1: l.ADM1, Lat: l.Lat, Lon: l.Lon,
			GeonameID: l.GeonameID, Precision: l.Precision, Span: l.Span}
	}
	return p.enc.Encode(&r)
}

// Close flushes the records.
func (p *PLOVER) Close() error { return p.w.Flush() }
