package source_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/eventwire/eventwire/source"
)

func ExampleReader_Articles() {
	r := &source.Reader{
		Format: source.FormatJSONL,
		Stdin: strings.NewReader(`{"id":"tass-1","text":"ANKARA, February 21. /TASS/.","published":"2020-02-21"}
{"text":"MOSCOW (Reuters) - A story without an id."}
{"id":"broken","text":""}
`),
	}
	for a, err := range r.Articles(context.Background(), []string{"-"}) {
		if err != nil {
			fmt.Println("error:", err)
			continue
		}
		fmt.Printf("%s %q\n", a.ID, a.Text)
	}
	// Output:
	// tass-1 "ANKARA, February 21. /TASS/."
	// stdin:2 "MOSCOW (Reuters) - A story without an id."
	// error: -:3: "text" is empty
}
