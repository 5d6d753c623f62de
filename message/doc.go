// Package message groups the readers of an e-mail, which know nothing of
// the knowledge base: intake cuts a message into the writer's new text,
// signature and quoted or forwarded thread; detect reads relances and
// sensitive situations by rules, with the words that say so; entities finds
// the numbers, plates, dates, phones and the writer's name that fill a
// reply; lexicon holds what they share (the folding of a text, the closing
// formulas, the particles and titles around a name). The engine (plume/kb)
// calls them in that order.
package message
