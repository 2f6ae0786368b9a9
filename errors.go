package eventwire

import (
	"errors"
	"fmt"
	"strings"
)

// Error kinds. Adapters wrap these so callers can tell bad input from a
// missing record or an internal fault with errors.Is; the HTTP layer maps
// them to statuses in one place.
var (
	ErrInvalid  = errors.New("invalid input")
	ErrNotFound = errors.New("not found")
	ErrConflict = errors.New("conflict")
	ErrInternal = errors.New("internal error")
)

// Error is a problem tied to an input and, where known, a position in it.
type Error struct {
	Input string // file name, URL, article id, "-" for stdin
	Line  int    // 1-based line, 0 if not applicable
	Span  *Span  // byte span in the article text, if applicable
	Err   error
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Input)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	if e.Span != nil {
		fmt.Fprintf(&b, " [%d:%d]", e.Span.Start, e.Span.End)
	}
	b.WriteString(": ")
	b.WriteString(e.Err.Error())
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// ErrorList collects errors in the order they were found.
type ErrorList []*Error

// Add appends an error.
func (l *ErrorList) Add(input string, line int, err error) {
	*l = append(*l, &Error{Input: input, Line: line, Err: err})
}

// Err returns the list as an error, or nil when it is empty.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

func (l ErrorList) Error() string {
	switch len(l) {
	case 0:
		return "no errors"
	case 1:
		return l[0].Error()
	}
	return fmt.Sprintf("%s (and %d more errors)", l[0], len(l)-1)
}

// Unwrap lets errors.Is and errors.As look into every error of the list.
func (l ErrorList) Unwrap() []error {
	out := make([]error, len(l))
	for i, e := range l {
		out[i] = e
	}
	return out
}
