// Package eventwire holds the domain vocabulary of the eventwire event coder:
// articles, sentences, tokens, actor mentions, places, temporal expressions and
// coded events, all tied to byte spans of the article text, and the Stage
// interface every pipeline step implements. It imports nothing of the project.
package eventwire
