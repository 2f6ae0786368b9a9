package source

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/eventwire/eventwire"
)

// invalidError marks err as bad input without changing its message: errors.Is
// finds eventwire.ErrInvalid and errors.As still finds what err wraps.
type invalidError struct{ err error }

func (e *invalidError) Error() string   { return e.err.Error() }
func (e *invalidError) Unwrap() []error { return []error{e.err, eventwire.ErrInvalid} }

func invalid(err error) error { return &invalidError{err} }

func invalidf(format string, args ...any) error { return invalid(fmt.Errorf(format, args...)) }

// rewordedError gives err a clearer message; errors.As still finds err.
type rewordedError struct {
	msg string
	err error
}

func (e *rewordedError) Error() string { return e.msg }
func (e *rewordedError) Unwrap() error { return e.err }

func reword(err error, format string, args ...any) error {
	return &rewordedError{fmt.Sprintf(format, args...), err}
}

var bom = []byte("\xef\xbb\xbf")

// binarySample is how much of the content the control-character test looks at.
const binarySample = 8 << 10

// checkText drops a leading BOM from data and returns it as article text, or
// the reason it is no article: empty, only whitespace, binary, or not UTF-8.
// Offsets in messages count from the start of data, BOM included; line is
// the 1-based line of the problem when there is one. what names the content
// in messages ("file", "response body").
func checkText(data []byte, what string) (text string, line int, err error) {
	skip := 0
	if bytes.HasPrefix(data, bom) {
		skip = len(bom)
	}
	body := data[skip:]
	if len(body) == 0 {
		return "", 0, invalidf("%s is empty", what)
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return "", 0, invalidf("%s holds only whitespace (%d bytes)", what, len(body))
	}
	if err := checkBinary(body, skip, what); err != nil {
		return "", 0, err
	}
	if off := invalidUTF8(body); off >= 0 {
		off += skip
		return "", bytes.Count(data[:off], []byte("\n")) + 1, badUTF8(what, data, off)
	}
	return string(body), 0, nil
}

// checkBinary rejects content with a NUL byte anywhere, or with more than one
// control character in ten among its first bytes: text has neither. base is
// added to offsets in messages.
func checkBinary[T string | []byte](body T, base int, what string) error {
	var nul int
	switch b := any(body).(type) {
	case string:
		nul = strings.IndexByte(b, 0)
	case []byte:
		nul = bytes.IndexByte(b, 0)
	}
	if i := nul; i >= 0 {
		return invalidf("%s looks binary: NUL byte at offset %d", what, base+i)
	}
	sample := body[:min(len(body), binarySample)]
	ctl := 0
	for i := range len(sample) {
		if isControl(sample[i]) {
			ctl++
		}
	}
	if ctl*10 > len(sample) {
		return invalidf("%s looks binary: %d of its first %d bytes are control characters", what, ctl, len(sample))
	}
	return nil
}

// isControl reports whether c is an ASCII control character that text does
// not use; tab, newlines, form feed and vertical tab are text.
func isControl(c byte) bool {
	switch c {
	case '\t', '\n', '\v', '\f', '\r':
		return false
	}
	return c < 0x20 || c == 0x7f
}

// invalidUTF8 returns the offset of the first byte of b that starts no valid
// UTF-8 sequence, or -1.
func invalidUTF8(b []byte) int {
	if utf8.Valid(b) {
		return -1
	}
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return -1
}

// UTF8Error says where content stops being valid UTF-8.
type UTF8Error struct {
	What   string // what holds the bytes: "file", "line", "response body"
	Offset int    // byte offset of the first bad sequence
	Bytes  []byte // the bad sequence, at most four bytes
}

func (e *UTF8Error) Error() string {
	var hex strings.Builder
	for i, c := range e.Bytes {
		if i > 0 {
			hex.WriteByte(' ')
		}
		fmt.Fprintf(&hex, "0x%02x", c)
	}
	return fmt.Sprintf("%s is not valid UTF-8: bad byte sequence %s at byte offset %d", e.What, hex.String(), e.Offset)
}

// badUTF8 describes the invalid sequence at data[off:].
func badUTF8(what string, data []byte, off int) error {
	end := off + 1
	for end < len(data) && end < off+4 && !utf8.RuneStart(data[end]) {
		end++
	}
	return invalid(&UTF8Error{What: what, Offset: off, Bytes: bytes.Clone(data[off:end])})
}
