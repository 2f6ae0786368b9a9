package when_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/eventwire/eventwire"
	"github.com/eventwire/eventwire/when"
)

// friday is the reference date of most tests: Friday, February 21, 2020.
var friday = time.Date(2020, 2, 21, 0, 0, 0, 0, time.UTC)

// tx renders a Timex compactly for comparison: text|type|value|precision.
func tx(x eventwire.Timex) string {
	return fmt.Sprintf("%s|%s|%s|%s", x.Text, x.Type, x.Value, x.Precision)
}

func TestTag(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		// Days and months.
		{"On February 5, Syrian forces entered the town.", []string{"February 5|DATE|2020-02-05|day"}},
		{"It happened on February 5, 2019 in Aleppo.", []string{"February 5, 2019|DATE|2019-02-05|day"}},
		{"It happened on 5 February.", []string{"5 February|DATE|2020-02-05|day"}},
		{"It happened on 21st of February 2019.", []string{"21st of February 2019|DATE|2019-02-21|day"}},
		{"Talks began on Feb. 5 in Geneva.", []string{"Feb. 5|DATE|2020-02-05|day"}},
		{"Talks began Feb 5 in Geneva.", []string{"Feb 5|DATE|2020-02-05|day"}},
		{"The vote is on February 25.", []string{"February 25|DATE|2020-02-25|day"}},
		{"The vote was on December 30.", []string{"December 30|DATE|2019-12-30|day"}},
		{"The vote was on February 29.", []string{"February 29|DATE|2020-02-29|day"}},
		{"The vote is on Tuesday, January 21.", []string{"Tuesday, January 21|DATE|2020-01-21|day"}},
		{"The vote is on Saturday, 21 February.", []string{"Saturday, 21 February|DATE|2020-02-21|day"}}, // no year near has it on a Saturday
		{"Attacks increased over the next ten days.", []string{"the next ten days|DURATION|P10D|"}},
		{"The Daily Mail reported daily.", []string{"daily|SET|P1D|"}},
		{"The leaders will meet on March 5.", []string{"March 5|DATE|2020-03-05|day"}},
		{"The vote is scheduled for March 5.", []string{"March 5|DATE|2020-03-05|day"}},
		{"It escalated in late January, when troops moved.", []string{"late January|DATE|2020-01|month"}},
		{"It began in early January.", []string{"early January|DATE|2020-01|month"}},
		{"It began in mid-January.", []string{"mid-January|DATE|2020-01|month"}},
		{"Elections were held in March.", []string{"March|DATE|2019-03|month"}},
		{"Elections were held in March 2018.", []string{"March 2018|DATE|2018-03|month"}},
		{"It was the end of January.", []string{"the end of January|DATE|2020-01|month"}},
		{"The report came out on October 9.", []string{"October 9|DATE|2019-10-09|day"}},
		{"The vote is on May 9.", []string{"May 9|DATE|2020-05-09|day"}},
		{"In 2018, rebels took the town on March 3 and left in May.",
			[]string{"2018|DATE|2018|year", "March 3|DATE|2018-03-03|day", "May|DATE|2018-05|month"}},
		{"In 2018 rebels took the town. On March 3 they left.",
			[]string{"2018|DATE|2018|year", "March 3|DATE|2020-03-03|day"}},
		{"Talks ended in May.", []string{"May|DATE|2019-05|month"}},
		{"Turkey may be ready. May Day passed.", nil},
		{"The deal was signed on 2020-02-10.", []string{"2020-02-10|DATE|2020-02-10|day"}},
		// Weekdays, news style: the most recent on or before the reference date.
		{"They spoke during a phone call on Friday, the office said.", []string{"Friday|DATE|2020-02-21|day"}},
		{"On Wednesday, Erdogan stated that Ankara is ready.", []string{"Wednesday|DATE|2020-02-19|day"}},
		{"Putin will travel to Ankara on Monday.", []string{"Monday|DATE|2020-02-24|day"}},
		{"They met last Friday.", []string{"last Friday|DATE|2020-02-14|day"}},
		{"They meet next Friday.", []string{"next Friday|DATE|2020-02-28|day"}},
		{"Clashes broke out on Friday morning.", []string{"Friday morning|TIME|2020-02-21TMO|day"}},
		{"The sides spoke on Friday, February 21, in Ankara.", []string{"Friday, February 21|DATE|2020-02-21|day"}},
		// Relative to the reference date.
		{"The ministry said yesterday that it was ready.", []string{"yesterday|DATE|2020-02-20|day"}},
		{"The ministry said today that it was ready.", []string{"today|DATE|2020-02-21|day"}},
		{"The ministers meet tomorrow.", []string{"tomorrow|DATE|2020-02-22|day"}},
		{"Fighting resumed last week.", []string{"last week|DATE|2020-W07|week"}},
		{"Fighting will resume next week.", []string{"next week|DATE|2020-W09|week"}},
		{"It was bombed three days ago.", []string{"three days ago|DATE|2020-02-18|day"}},
		{"It was bombed two weeks ago.", []string{"two weeks ago|DATE|2020-W06|week"}},
		{"It was bombed a year ago.", []string{"a year ago|DATE|2019|year"}},
		{"Prices rose earlier this month.", []string{"earlier this month|DATE|2020-02|month"}},
		{"Prices rose last month.", []string{"last month|DATE|2020-01|month"}},
		{"Prices rose this year.", []string{"this year|DATE|2020|year"}},
		{"Prices rose late last year.", []string{"late last year|DATE|2019|year"}},
		{"The army attacked this morning.", []string{"this morning|TIME|2020-02-21TMO|day"}},
		{"The army attacked last night.", []string{"last night|TIME|2020-02-20TNI|day"}},
		{"Recently, attacks have increased.", []string{"Recently|DATE|PAST_REF|"}},
		{"Rebels struck over the weekend.", []string{"the weekend|DATE|2020-W07-WE|week"}},
		// Narrative time: counted from the last day named.
		{"On February 11, the offensive began. The previous day, talks failed.",
			[]string{"February 11|DATE|2020-02-11|day", "The previous day|DATE|2020-02-10|day"}},
		{"On February 11, the offensive began. Two days later it stalled.",
			[]string{"February 11|DATE|2020-02-11|day", "Two days later|DATE|2020-02-13|day"}},
		// Years.
		{"A zone was set up in Idlib in 2017 to give shelter.", []string{"2017|DATE|2017|year"}},
		{"It has been controlled by armed groups since 2012.", []string{"2012|DATE|2012|year"}},
		{"The 2017 agreement holds.", []string{"2017|DATE|2017|year"}},
		{"It began in the 1990s.", []string{"the 1990s|DATE|199|"}},
		{"Profit rose in the first quarter.", []string{"the first quarter|DATE|2020-Q1|"}},
		{"He sent 2000 troops and $2020 in aid.", nil},
		// Times of day.
		{"The talks started at 14:00 local time.", []string{"14:00 local time|TIME|2020-02-21T14:00|minute"}},
		{"The talks started at 2 p.m. in Moscow.", []string{"2 p.m.|TIME|2020-02-21T14:00|minute"}},
		{"The curfew starts at midnight.", []string{"midnight|TIME|2020-02-21T24:00|minute"}},
		// Durations and sets.
		{"The ceasefire held for three days.", []string{"three days|DURATION|P3D|"}},
		{"He began a three-day visit.", []string{"three-day|DURATION|P3D|"}},
		{"He stayed for a week.", []string{"a week|DURATION|P1W|"}},
		{"He stayed for twenty-five years.", []string{"twenty-five years|DURATION|P25Y|"}},
		{"Troops have fought for years.", []string{"years|DURATION|PXY|"}},
		{"Attacks increased over the past three days.", []string{"the past three days|DURATION|P3D|"}},
		{"A 25-year-old man and a day-long wait.", nil},
		{"He was sentenced to 1.5 years.", nil},
		{"Patrols run every week and talks weekly.", []string{"every week|SET|P1W|", "weekly|SET|P1W|"}},
		{"Patrols run every Friday.", []string{"every Friday|SET|XXXX-WXX-5|"}},
		// Not dates.
		{"Jan Kowalski and 12 observation outposts.", nil},
		{"", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, x := range when.Tag(tt.text, friday) {
			got = append(got, tx(x))
			if tt.text[x.Span.Start:x.Span.End] != x.Text {
				t.Errorf("Tag(%q): span %v holds %q, Text is %q", tt.text, x.Span, tt.text[x.Span.Start:x.Span.End], x.Text)
			}
		}
		if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
			t.Errorf("Tag(%q)\n got %q\nwant %q", tt.text, got, tt.want)
		}
	}
}

// TestTagClasses covers the classes of expression news and TimeML share,
// each by a general rule: reporting periods, tense, composite times,
// holidays, references back, vague references, approximate durations.
func TestTagClasses(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		// Reporting periods: a quarter named anchors "the quarter" and "a
		// year earlier"; before any is named, "the quarter" is the last one
		// completed.
		{"Net income in the third quarter rose 10% from a year earlier.",
			[]string{"the third quarter|DATE|2019-Q3|", "a year earlier|DATE|2018-Q3|"}},
		{"Sales fell in the quarter.", []string{"the quarter|DATE|2019-Q4|"}},
		{"Results of the year-earlier quarter were restated.", []string{"the year-earlier quarter|DATE|2018-Q4|"}},
		{"Revenue rose in the latest quarter, compared with year-earlier profit.",
			[]string{"the latest quarter|DATE|2019-Q4|", "year-earlier|DATE|2018-Q4|"}},
		{"For the year ended June 30, profit rose.", []string{"the year|DURATION|P1Y|", "June 30|DATE|2019-06-30|day"}},
		{"Profit fell in the first nine months.", []string{"the first nine months|DURATION|P9M|"}},
		{"Sales in the 2018 period were flat.", []string{"the 2018 period|DATE|2018-Q4|"}},
		{"It may be spun off in the last half of 2019.", []string{"the last half of 2019|DATE|2019-H2|"}},
		{"It could be effective as early as next year's first quarter.", []string{"next year's first quarter|DATE|2021-Q1|"}},
		{"Profit rose in fiscal 2019.", []string{"fiscal 2019|DATE|2019|year"}},
		{"Profit will be flat at year-end.", []string{"year-end|DATE|2020|year"}},
		// Years as modifiers and in words.
		{"Iraq's 1990 invasion of Kuwait", []string{"1990|DATE|1990|year"}},
		{"The company's 2019 results and its 2018 report.", []string{"2019|DATE|2019|year", "2018|DATE|2018|year"}},
		{"Earnings fell in both 2018 and 2019.", []string{"2018|DATE|2018|year", "2019|DATE|2019|year"}},
		{"Atlanta, nineteen ninety-six.", []string{"nineteen ninety-six|DATE|1996|year"}},
		{"He promised it by the year two thousand.", []string{"the year two thousand|DATE|2000|year"}},
		{"It was in January nineteen ninety-seven.", []string{"January nineteen ninety-seven|DATE|1997-01|month"}},
		{"He sent twelve hundred troops.", nil},
		// Tense decides which way a month or weekday without a year lies.
		{"The summit will be held in April.", []string{"April|DATE|2020-04|month"}},
		{"The group plans to meet in March.", []string{"March|DATE|2020-03|month"}},
		{"The case is heard in May.", []string{"May|DATE|2020-05|month"}},
		{"In January, the company brought in a new chief.", []string{"January|DATE|2020-01|month"}},
		{"They said they would get around Wednesday's ruling.", []string{"Wednesday|DATE|2020-02-19|day"}},
		{"Until Thursday, they had not called him a suspect.", []string{"Thursday|DATE|2020-02-20|day"}},
		{"The bomb went off next to the embassy Friday morning.", []string{"Friday morning|TIME|2020-02-21TMO|day"}},
		{"The offer had been scheduled to expire Friday.", []string{"Friday|DATE|2020-02-21|day"}},
		{"Those who joined in July 2019 will vote on March 12.", []string{"July 2019|DATE|2019-07|month", "March 12|DATE|2020-03-12|day"}},
		// A time of day with its day; a month with its year said relatively.
		{"Talks broke off at noon Thursday.", []string{"noon Thursday|TIME|2020-02-20T12:00|minute"}},
		{"They have until 9 a.m. Tuesday to sign.", []string{"9 a.m. Tuesday|TIME|2020-02-25T09:00|minute"}},
		{"The offer runs until 5 p.m. EST, March 6.", []string{"5 p.m. EST, March 6|TIME|2020-03-06T17:00|minute"}},
		{"In June last year, the leaders met.", []string{"June last year|DATE|2019-06|month"}},
		{"The editorial ran on Monday, Oct. 26: it said", []string{"Monday, Oct. 26|DATE|2020-10-26|day"}},
		// Holidays.
		{"They met on Thanksgiving Day.", []string{"Thanksgiving Day|DATE|2019-11-28|day"}},
		{"The vote will be on Election Day.", []string{"Election Day|DATE|2020-11-03|day"}},
		{"He spoke last Christmas.", []string{"last Christmas|DATE|2019-12-25|day"}},
		{"Protesters prayed as Easter week began.", []string{"Easter week|DATE|2019-W16|week"}},
		{"New Year's Day passed quietly.", []string{"New Year's Day|DATE|2020-01-01|day"}},
		// References back to the date last named.
		{"In 2018, the talks failed. Later that year, they resumed.",
			[]string{"2018|DATE|2018|year", "Later that year|DATE|2018|year"}},
		{"On February 11, troops entered. That same day, talks failed.",
			[]string{"February 11|DATE|2020-02-11|day", "That same day|DATE|2020-02-11|day"}},
		// Vague references.
		{"Prices will fall in the near future.", []string{"the near future|DATE|FUTURE_REF|"}},
		{"In the past, such deals failed.", []string{"the past|DATE|PAST_REF|"}},
		{"He cited current market conditions.", []string{"current|DATE|PRESENT_REF|"}},
		{"Fighting grew in recent weeks.", []string{"recent weeks|DURATION|PXW|"}},
		// Durations, approximate and in parts; ages and titles are none.
		{"The talks lasted more than four hours.", []string{"more than four hours|DURATION|PT4H|"}},
		{"He served 2 1/2 years.", []string{"2 1/2 years|DURATION|P2Y6M|"}},
		{"It took only a minute and a half.", []string{"a minute and a half|DURATION|PT1M30S|"}},
		{"He will stay for a couple of years.", []string{"a couple of years|DURATION|P2Y|"}},
		{"They need two more weeks.", []string{"two more weeks|DURATION|P2W|"}},
		{"Shares fell for eight trading days.", []string{"eight trading days|DURATION|P8D|"}},
		{"Mr. Reupke, 52 years old, resigned.", nil},
		{`He said on ABC's "This Week" that talks go on.`, nil},
		// Look-alikes.
		{"Flights to Christmas Island resumed.", nil},
		{"The 2000 km pipeline is long.", nil},
		{"United scored in the second half of the match.", nil},
		{"He starred in The Last Days of Dolwyn.", nil},
		{"It is named for the year it was first detected.", nil},
		{"They met on March 20 last year.", []string{"March 20 last year|DATE|2019-03-20|day"}},
		{"He spoke ahead of Election Day.", []string{"Election Day|DATE|2020-11-03|day"}},
		// Decades, centuries and seasons.
		{"It was the worst crisis of the 20th century.", []string{"the 20th century|DATE|19|"}},
		{"Prices fell in the nineties and rose in the '80s.", []string{"the nineties|DATE|199|", "the '80s|DATE|198|"}},
		{"It happened in the winter of nineteen ninety-four.", []string{"the winter of nineteen ninety-four|DATE|1994-WI|"}},
		{"Talks began last spring.", []string{"last spring|DATE|2019-SP|"}},
		{"Talks resume next winter.", []string{"next winter|DATE|2020-WI|"}},
		{"Sales slowed over the summer.", []string{"the summer|DATE|2019-SU|"}},
	}
	for _, tt := range tests {
		var got []string
		for _, x := range when.Tag(tt.text, friday) {
			got = append(got, tx(x))
			if tt.text[x.Span.Start:x.Span.End] != x.Text {
				t.Errorf("Tag(%q): span %v holds %q, Text is %q", tt.text, x.Span, tt.text[x.Span.Start:x.Span.End], x.Text)
			}
		}
		if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
			t.Errorf("Tag(%q)\n got %q\nwant %q", tt.text, got, tt.want)
		}
	}
}

func TestTagUnresolved(t *testing.T) {
	tests := []struct{ text, want string }{
		{"On February 21 they met.", "February 21|DATE|XXXX-02-21|day"},
		{"On Friday they met.", "Friday|DATE|XXXX-WXX-5|day"},
		{"They met yesterday.", "yesterday|DATE|XXXX-XX-XX|day"},
		{"They met last week.", "last week|DATE|XXXX-WXX|week"},
		{"It escalated in late January.", "late January|DATE|XXXX-01|month"},
		{"They met on February 5, 2020.", "February 5, 2020|DATE|2020-02-05|day"},
		{"They met in 2017.", "2017|DATE|2017|year"},
		{"They met at 14:00.", "14:00|TIME|XXXX-XX-XXT14:00|minute"},
	}
	for _, tt := range tests {
		var got []string
		for _, x := range when.Tag(tt.text, time.Time{}) {
			got = append(got, tx(x))
		}
		if strings.Join(got, "\n") != tt.want {
			t.Errorf("Tag(%q, zero) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// The reference date counts as its own calendar day, wherever its clock is.
func TestTagRefLocation(t *testing.T) {
	msk := time.FixedZone("MSK", 3*3600)
	ref := time.Date(2020, 2, 21, 23, 30, 0, 0, msk) // 20:30 UTC, still Friday in Moscow
	got := when.Tag("They met on Friday.", ref)
	if len(got) != 1 || got[0].Value != "2020-02-21" {
		t.Errorf("Tag with ref %v = %v, want Friday 2020-02-21", ref, got)
	}
}

func TestTagSentenceUnknown(t *testing.T) {
	for _, x := range when.Tag("On Friday they met. On Monday they left.", friday) {
		if x.Sentence != -1 {
			t.Errorf("Tag: Sentence = %d for %q, want -1", x.Sentence, x.Text)
		}
	}
}

// TestTagHolidayRules checks each holiday's rule on years written out.
func TestTagHolidayRules(t *testing.T) {
	for _, tt := range []struct{ text, want string }{
		{"Christmas 1998", "1998-12-25"},
		{"Christmas Eve 2019", "2019-12-24"},
		{"Easter 2000", "2000-04-23"},
		{"Easter 2019", "2019-04-21"},
		{"Easter Sunday 2024", "2024-03-31"},
		{"Thanksgiving 2020", "2020-11-26"},
		{"Memorial Day 2020", "2020-05-25"},
		{"Labor Day 2020", "2020-09-07"},
		{"Election Day 2016", "2016-11-08"},
		{"Halloween 2011", "2011-10-31"},
		{"New Year's Eve 1999", "1999-12-31"},
	} {
		got := when.Tag(tt.text, friday)
		if len(got) != 1 || got[0].Text != tt.text || got[0].Value != tt.want {
			t.Errorf("Tag(%q) = %v, want one expression %s", tt.text, got, tt.want)
		}
	}
}
