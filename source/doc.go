// Package source turns command-line inputs (files, directories, standard input
// and http(s) URLs, as plain text or as JSON Lines) into eventwire.Article
// values, and every bad input into one *eventwire.Error that names the input and,
// where it has one, the line.
//
// Article text is kept byte for byte as given (only a leading UTF-8 BOM is
// dropped), because every later stage points into it by byte offset. HTML
// pages fetched from a URL get a deliberately crude main-text extraction
// (ExtractHTML: drop scripts, styles and navigation, keep paragraphs as blank
// line separated blocks); real readability extraction is left to a later stage.
package source
