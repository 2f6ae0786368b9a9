// Package text splits an article into paragraphs, sentences and tokens, each
// with byte offsets into the article text. It knows enough English
// abbreviations ("Feb.", "U.S.", "Gen.") not to end sentences at them, and
// nothing about meaning: later stages read its tokens.
package text
