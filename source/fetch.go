package source

import (
	"errors"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"strings"

	"github.com/eventwire/eventwire"
)

// fetch reads the http(s) URL raw: an HTML page becomes one article of its
// crudely extracted text, a plain-text body one article as it is; with
// FormatJSONL the body is read as JSON Lines.
func (s *session) fetch(raw string) bool {
	client := s.Client
	if client == nil {
		client = &http.Client{Timeout: DefaultTimeout}
	}
	ua := s.UserAgent
	if ua == "" {
		ua = DefaultUserAgent
	}
	req, err := http.NewRequestWithContext(s.ctx, http.MethodGet, raw, nil)
	if err != nil {
		return s.fail(raw, 0, invalid(fmt.Errorf("bad URL: %w", err)))
	}
	req.Header.Set("User-Agent", ua)
	if s.jsonl() {
		req.Header.Set("Accept", "application/jsonl, application/x-ndjson, text/plain;q=0.9, */*;q=0.1")
	} else {
		req.Header.Set("Accept", "text/html, application/xhtml+xml, text/plain;q=0.9, */*;q=0.1")
	}
	resp, err := client.Do(req)
	if err != nil {
		if s.done(raw) {
			return false
		}
		return s.fail(raw, 0, fetchError(client, err))
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return s.fail(raw, 0, invalidf("fetch: HTTP status %s", resp.Status))
	}
	if s.jsonl() {
		return s.lines(raw, raw, resp.Body)
	}
	max := s.maxBytes()
	if resp.ContentLength > max {
		return s.fail(raw, 0, invalidf("response body is larger than the limit of %d bytes (MaxBytes): Content-Length is %d", max, resp.ContentLength))
	}
	body, err := readLimited(resp.Body, max)
	if err != nil {
		if s.done(raw) {
			return false
		}
		if !errors.Is(err, errTooLarge) {
			err = fetchError(client, err)
		}
		return s.fail(raw, 0, sizeOrReadError("response body", max, err))
	}
	a, line, err := pageArticle(resp.Header.Get("Content-Type"), body)
	if err != nil {
		return s.fail(raw, line, err)
	}
	a.ID, a.URL, a.Published = raw, raw, s.Published
	return s.emit(a)
}

// fetchError says why a request failed without repeating the URL, which the
// surrounding eventwire.Error already gives.
func fetchError(client *http.Client, err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	var te interface{ Timeout() bool }
	if errors.As(err, &te) && te.Timeout() {
		if client.Timeout > 0 {
			return invalid(fmt.Errorf("fetch timed out (client timeout %v): %w", client.Timeout, err))
		}
		return invalid(fmt.Errorf("fetch timed out: %w", err))
	}
	return invalid(fmt.Errorf("fetch failed: %w", err))
}

// pageArticle turns a response body into an article (without ID, URL or date)
// by its Content-Type, sniffing the content when the header says nothing
// useful.
func pageArticle(contentType string, body []byte) (eventwire.Article, int, error) {
	media, params, err := mime.ParseMediaType(contentType)
	if err != nil || media == "" || media == "application/octet-stream" {
		media, params, _ = mime.ParseMediaType(http.DetectContentType(body))
	}
	switch {
	case media == "text/html" || media == "application/xhtml+xml":
		text, line, err := checkText(body, "response body")
		if err != nil {
			return eventwire.Article{}, line, charsetHint(err, params["charset"])
		}
		title, main := ExtractHTML([]byte(text))
		if strings.TrimSpace(main) == "" {
			return eventwire.Article{}, 0, invalidf("HTML page holds no text outside scripts, styles and navigation")
		}
		return eventwire.Article{Title: title, Text: main}, 0, nil
	case strings.HasPrefix(media, "text/"):
		text, line, err := checkText(body, "response body")
		if err != nil {
			return eventwire.Article{}, line, charsetHint(err, params["charset"])
		}
		return eventwire.Article{Text: text}, 0, nil
	}
	return eventwire.Article{}, 0, invalidf("unsupported content type %q; want HTML or plain text", media)
}

// charsetHint adds the declared charset to an error about invalid UTF-8, since
// only UTF-8 (and so ASCII) is read for now.
func charsetHint(err error, charset string) error {
	cs := strings.ToLower(charset)
	var ue *UTF8Error
	if cs == "" || cs == "utf-8" || cs == "utf8" || !errors.As(err, &ue) {
		return err
	}
	return invalid(fmt.Errorf("%w (the server declares charset %q; only UTF-8 is read)", err, charset))
}
