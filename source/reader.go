package source

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/eventwire/eventwire"
)

// Defaults used when the matching Reader field is zero.
const (
	DefaultMaxBytes  = 4 << 20 // 4 MiB
	DefaultTimeout   = 30 * time.Second
	DefaultUserAgent = "eventwire/0.1 (+https://github.com/eventwire/eventwire)"
)

// Input formats.
const (
	FormatText  = "text"  // a file, stdin or URL body is one article
	FormatJSONL = "jsonl" // one JSON object, one article, a line
)

// Reader reads articles from command-line inputs. The zero value is ready to
// use; zero fields take the defaults above.
type Reader struct {
	Format    string       // FormatText (default) or FormatJSONL
	Published time.Time    // given to articles that carry no date of their own
	MaxBytes  int64        // per article and per JSONL line; default DefaultMaxBytes
	Client    *http.Client // for http(s) URLs; default one with DefaultTimeout
	UserAgent string       // default DefaultUserAgent
	Stdin     io.Reader    // read for the input "-"; default os.Stdin
}

// Articles yields every article of every input in input order. An input is a
// file, a directory (walked recursively in the lexical order of
// filepath.WalkDir, hidden files and directories skipped), "-" for standard
// input, or an http(s) URL.
//
// A problem yields a zero Article and an *eventwire.Error naming the input and,
// when known, the line; its Err wraps eventwire.ErrInvalid for bad input.
// Iteration then goes on with the next line, file or input. When ctx is done,
// Articles yields one error wrapping ctx.Err() and stops.
//
// Article IDs: a file's base name without extension; for a file found in a
// directory, its slash-separated path relative to that directory without
// extension; "stdin" for standard input; the URL for a URL. A JSONL line's ID
// is its "id" field, else "<input>:<line>" ("stdin:<line>" for standard input).
func (r *Reader) Articles(ctx context.Context, inputs []string) iter.Seq2[eventwire.Article, error] {
	return func(yield func(eventwire.Article, error) bool) {
		switch r.Format {
		case "", FormatText, FormatJSONL, FormatCSV:
		default:
			yield(eventwire.Article{}, &eventwire.Error{
				Input: fmt.Sprintf("format %q", r.Format),
				Err:   invalidf("unknown format; want %q, %q or %q", FormatText, FormatJSONL, FormatCSV),
			})
			return
		}
		s := &session{Reader: r, ctx: ctx, yield: yield}
		for _, in := range inputs {
			if !s.input(in) {
				return
			}
		}
	}
}

// session is one run of Articles: the reader's settings with defaults applied
// and the consumer to yield to. Its methods return false once iteration must
// stop, because the consumer said so or ctx is done.
type session struct {
	*Reader
	ctx   context.Context
	yield func(eventwire.Article, error) bool
}

func (s *session) maxBytes() int64 {
	if s.MaxBytes > 0 {
		return s.MaxBytes
	}
	return DefaultMaxBytes
}

func (s *session) jsonl() bool { return s.Format == FormatJSONL }

// emit yields an article.
func (s *session) emit(a eventwire.Article) bool { return s.yield(a, nil) }

// fail yields an error about input at line (0 when none).
func (s *session) fail(input string, line int, err error) bool {
	return s.yield(eventwire.Article{}, &eventwire.Error{Input: input, Line: line, Err: err})
}

// done reports whether ctx is done, after yielding the error that says so.
func (s *session) done(input string) bool {
	if err := s.ctx.Err(); err != nil {
		s.fail(input, 0, err)
		return true
	}
	return false
}

func (s *session) input(in string) bool {
	if s.done(in) {
		return false
	}
	switch {
	case in == "":
		return s.fail(in, 0, invalidf("empty input name"))
	case in == "-":
		return s.stdin()
	case isHTTP(in):
		return s.fetch(in)
	}
	info, err := os.Stat(in)
	if err != nil {
		if scheme, _, ok := strings.Cut(in, "://"); ok && !strings.ContainsAny(scheme, `/\`) {
			return s.fail(in, 0, invalidf("unsupported URL scheme %q; want http or https", scheme))
		}
		return s.fail(in, 0, fileError(err))
	}
	if info.IsDir() {
		return s.dir(in)
	}
	return s.file(in, in, trimExt(filepath.Base(in)))
}

func isHTTP(in string) bool {
	l := strings.ToLower(in)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://")
}

// fileError turns an error from the file system into a message that does not
// repeat the path, which the surrounding eventwire.Error already gives.
func fileError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return invalid(pe.Err) // "no such file or directory", "permission denied"
	}
	return invalid(err)
}

func trimExt(name string) string {
	if ext := filepath.Ext(name); ext != "" && ext != name {
		return strings.TrimSuffix(name, ext)
	}
	return name
}

func (s *session) stdin() bool {
	in := s.Stdin
	if in == nil {
		in = os.Stdin
	}
	if s.jsonl() {
		return s.lines("-", "stdin", in)
	}
	if s.Format == FormatCSV {
		return s.csvRows("-", "stdin", in)
	}
	return s.text("-", "stdin", "", "standard input", in)
}

// file reads the file at path, reported as input, whose text article gets id.
func (s *session) file(input, path, id string) bool {
	f, err := os.Open(path)
	if err != nil {
		return s.fail(input, 0, fileError(err))
	}
	defer f.Close()
	if s.jsonl() {
		return s.lines(input, input, f)
	}
	if s.Format == FormatCSV {
		return s.csvRows(input, input, f)
	}
	return s.text(input, id, "", "file", f)
}

func (s *session) dir(root string) bool {
	found := false
	keepOn := true
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if !s.fail(path, 0, fileError(err)) {
				keepOn = false
				return fs.SkipAll
			}
			return nil
		}
		if path != root && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		if !d.Type().IsRegular() {
			// Follow symbolic links to files, not to directories (which could
			// loop); skip devices, sockets and pipes.
			info, err := os.Stat(path)
			if err != nil || !info.Mode().IsRegular() {
				return nil
			}
		}
		found = true
		if s.done(path) {
			keepOn = false
			return fs.SkipAll
		}
		rel, err := filepath.Rel(root, path)
		if err != nil {
			rel = filepath.Base(path)
		}
		if !s.file(path, path, filepath.ToSlash(trimExt(rel))) {
			keepOn = false
			return fs.SkipAll
		}
		return nil
	})
	if err != nil && keepOn {
		return s.fail(root, 0, fileError(err))
	}
	if keepOn && !found {
		return s.fail(root, 0, invalidf("directory holds no files (hidden ones are skipped)"))
	}
	return keepOn
}

// text reads all of rd as one article. what names the content in messages
// ("file", "standard input", "response body").
func (s *session) text(input, id, url, what string, rd io.Reader) bool {
	data, err := readLimited(rd, s.maxBytes())
	if err != nil {
		return s.fail(input, 0, sizeOrReadError(what, s.maxBytes(), err))
	}
	text, line, err := checkText(data, what)
	if err != nil {
		return s.fail(input, line, err)
	}
	return s.emit(eventwire.Article{ID: id, URL: url, Text: text, Published: s.Published})
}

// errTooLarge says a read hit the size limit.
var errTooLarge = errors.New("too large")

// readLimited reads rd to the end, or fails with errTooLarge past max bytes.
func readLimited(rd io.Reader, max int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(rd, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > max {
		return nil, errTooLarge
	}
	return data, nil
}

func sizeOrReadError(what string, max int64, err error) error {
	if errors.Is(err, errTooLarge) {
		return invalidf("%s is larger than the limit of %d bytes (MaxBytes)", what, max)
	}
	return invalid(fmt.Errorf("read %s: %w", what, err))
}
