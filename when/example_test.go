package when_test

import (
	"fmt"
	"time"

	"github.com/eventwire/eventwire/when"
)

func ExampleTag() {
	text := "ANKARA, February 21. /TASS/. Erdogan spoke on Friday. On Wednesday, he warned of an operation in Idlib, where fighting escalated in late January."
	ref := time.Date(2020, 2, 21, 0, 0, 0, 0, time.UTC)
	for _, x := range when.Tag(text, ref) {
		fmt.Printf("%q %s %s %s\n", x.Text, x.Type, x.Value, x.Precision)
	}
	// Output:
	// "February 21" DATE 2020-02-21 day
	// "Friday" DATE 2020-02-21 day
	// "Wednesday" DATE 2020-02-19 day
	// "late January" DATE 2020-01 month
}

func ExampleParseDateline() {
	text := "MOSCOW, Feb 5 (Reuters) - Russia said on Wednesday..."
	dl, ok := when.ParseDateline(text, 0, time.Date(2020, 2, 21, 0, 0, 0, 0, time.UTC))
	fmt.Println(ok, dl.City, dl.Agency, dl.Date)
	fmt.Printf("%q\n", text[dl.Span.End:])
	// Output:
	// true MOSCOW Reuters 2020-02-05
	// " Russia said on Wednesday..."
}
