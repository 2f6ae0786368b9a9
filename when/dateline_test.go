package when_test

import (
	"os"
	"testing"
	"time"

	"github.com/eventwire/eventwire/when"
)

func TestParseDateline(t *testing.T) {
	tests := []struct {
		style, text              string
		span, city, agency, date string // span is the dateline text; "" for none
	}{
		{"TASS", "ANKARA, February 21. /TASS/. Russian and Turkish Presidents", "ANKARA, February 21. /TASS/.", "ANKARA", "TASS", "2020-02-21"},
		{"Reuters", "MOSCOW (Reuters) - Russia said", "MOSCOW (Reuters) -", "MOSCOW", "Reuters", ""},
		{"Reuters dated", "MOSCOW, Feb 5 (Reuters) - Russia said", "MOSCOW, Feb 5 (Reuters) -", "MOSCOW", "Reuters", "2020-02-05"},
		{"AP", "DAMASCUS, Syria (AP) — Syrian troops", "DAMASCUS, Syria (AP) —", "DAMASCUS", "AP", ""},
		{"AP two-word region", "SAN JUAN, Puerto Rico (AP) — A quake", "SAN JUAN, Puerto Rico (AP) —", "SAN JUAN", "AP", ""},
		{"AP old style", "NAIROBI, Kenya (AP) _ Suspected bombs", "NAIROBI, Kenya (AP) _", "NAIROBI", "AP", ""},
		{"AFP", "DAMASCUS, Feb 5 (AFP) - Syrian troops", "DAMASCUS, Feb 5 (AFP) -", "DAMASCUS", "AFP", "2020-02-05"},
		{"Xinhua", "BEIJING, Feb. 21 (Xinhua) -- China said", "BEIJING, Feb. 21 (Xinhua) --", "BEIJING", "Xinhua", "2020-02-21"},
		{"Anadolu", "ANKARA (AA) - Turkey said", "ANKARA (AA) -", "ANKARA", "AA", ""},
		{"Interfax", "MOSCOW. Feb 21 (Interfax) - Russia said", "MOSCOW. Feb 21 (Interfax) -", "MOSCOW", "Interfax", "2020-02-21"},
		{"RIA", "MOSCOW, 21 Feb - RIA Novosti. Russia said", "MOSCOW, 21 Feb - RIA Novosti.", "MOSCOW", "RIA Novosti", "2020-02-21"},
		{"dpa", "BERLIN (dpa) - Germany said", "BERLIN (dpa) -", "BERLIN", "dpa", ""},
		{"two-word city", "NEW YORK (Reuters) - Stocks fell", "NEW YORK (Reuters) -", "NEW YORK", "Reuters", ""},
		{"abbreviated city", "ST. PETERSBURG, Russia (AP) — Putin said", "ST. PETERSBURG, Russia (AP) —", "ST. PETERSBURG", "AP", ""},
		{"title-case city", "Beirut (Reuters) - Lebanon said", "Beirut (Reuters) -", "Beirut", "Reuters", ""},
		{"no agency", "WASHINGTON — The Senate voted", "WASHINGTON —", "WASHINGTON", "", ""},
		{"date with year", "GENEVA, February 21, 2019 (Reuters) - Talks", "GENEVA, February 21, 2019 (Reuters) -", "GENEVA", "Reuters", "2019-02-21"},
		{"date after ref", "GENEVA, March 3 (Reuters) - Talks", "GENEVA, March 3 (Reuters) -", "GENEVA", "Reuters", "2019-03-03"},
		{"non-ASCII city", "SÃO PAULO (Reuters) - Brazil said", "SÃO PAULO (Reuters) -", "SÃO PAULO", "Reuters", ""},
		{"leading space", "  KYIV (Reuters) - Ukraine said", "KYIV (Reuters) -", "KYIV", "Reuters", ""},
		{"Wikinews", "Friday, February 21, 2020\nRussian and Turkish presidents", "Friday, February 21, 2020", "", "", "2020-02-21"},
		// No dateline: Al Jazeera and BBC style, headlines, prose.
		{"Al Jazeera", "Syrian government forces have entered the town of Saraqib.", "", "", "", ""},
		{"BBC", "Turkey has warned Syria it will strike back.", "", "", "", ""},
		{"headline", "Erdogan, Putin discuss situation in Idlib", "", "", "", ""},
		{"crumb", "All news", "", "", "", ""},
		{"caption", "Putin (left) - and Erdogan in Sochi", "", "", "", ""},
		{"abbreviation", "U.S. officials said on Friday", "", "", "", ""},
		{"caps headline", "BREAKING NEWS", "", "", "", ""},
		{"city and period", "ANKARA. Turkey said", "", "", "", ""},
		{"hyphenated word", "ANKARA-based officials said", "", "", "", ""},
		{"empty", "", "", "", "", ""},
	}
	for _, tt := range tests {
		dl, ok := when.ParseDateline(tt.text, 0, friday)
		if tt.span == "" {
			if ok {
				t.Errorf("%s: ParseDateline(%q) = %+v, want none", tt.style, tt.text, *dl)
			}
			continue
		}
		if !ok {
			t.Errorf("%s: ParseDateline(%q) found none", tt.style, tt.text)
			continue
		}
		if got := tt.text[dl.Span.Start:dl.Span.End]; got != tt.span {
			t.Errorf("%s: span %q, want %q", tt.style, got, tt.span)
		}
		if got := tt.text[dl.CitySpan.Start:dl.CitySpan.End]; got != tt.city || dl.City != tt.city {
			t.Errorf("%s: city %q (span %q), want %q", tt.style, dl.City, got, tt.city)
		}
		if dl.Agency != tt.agency || dl.Date != tt.date {
			t.Errorf("%s: agency %q date %q, want %q %q", tt.style, dl.Agency, dl.Date, tt.agency, tt.date)
		}
	}
}

func TestParseDatelineNoRef(t *testing.T) {
	dl, ok := when.ParseDateline("ANKARA, February 21. /TASS/. Text", 0, time.Time{})
	if !ok || dl.Date != "--02-21" {
		t.Errorf("ParseDateline without ref = %+v, %v; want date --02-21", dl, ok)
	}
}

func TestParseDatelineOffset(t *testing.T) {
	text := "Headline\n\nMOSCOW (Reuters) - Text"
	dl, ok := when.ParseDateline(text, 10, friday)
	if !ok || dl.Span.Start != 10 || text[dl.Span.Start:dl.Span.End] != "MOSCOW (Reuters) -" {
		t.Errorf("ParseDateline at 10 = %+v, %v", dl, ok)
	}
	for _, start := range []int{-1, len(text) + 1, 0} {
		if _, ok := when.ParseDateline(text, start, friday); ok {
			t.Errorf("ParseDateline at %d found a dateline", start)
		}
	}
}

func TestFindDateline(t *testing.T) {
	tests := []struct{ name, text, want string }{
		{"after headline", "All news\n\nErdogan, Putin discuss situation in Idlib\n\nANKARA, February 21. /TASS/. Text.", "ANKARA, February 21. /TASS/."},
		{"first line", "MOSCOW (Reuters) - Text.\n\nMore text.", "MOSCOW (Reuters) -"},
		{"CRLF", "Headline\r\n\r\nMOSCOW (Reuters) - Text.", "MOSCOW (Reuters) -"},
		{"none", "Syrian troops entered Saraqib.\n\nTurkey warned Syria.", ""},
		{"too deep", "a\n\nb\n\nc\n\nd\n\ne\n\nf\n\nMOSCOW (Reuters) - Text.", ""},
	}
	for _, tt := range tests {
		dl := when.FindDateline(tt.text, friday)
		got := ""
		if dl != nil {
			got = tt.text[dl.Span.Start:dl.Span.End]
		}
		if got != tt.want {
			t.Errorf("%s: FindDateline = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestFindDatelineTASS(t *testing.T) {
	b, err := os.ReadFile("testdata/tass-2020-02-21-idlib.txt")
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	dl := when.FindDateline(text, friday)
	if dl == nil {
		t.Fatal("FindDateline found no dateline in the TASS story")
	}
	if dl.City != "ANKARA" || dl.Agency != "TASS" || dl.Date != "2020-02-21" ||
		text[dl.Span.Start:dl.Span.End] != "ANKARA, February 21. /TASS/." {
		t.Errorf("FindDateline = %+v", *dl)
	}
}
