package lexicon

// wordTable maps normalised words to values, probed by the word's Hash,
// which callers have already computed once per token: an open-addressing
// table that spares the second hashing a Go map would do.
type wordTable[V any] struct {
	slots []wordSlot[V]
	mask  uint32
}

type wordSlot[V any] struct {
	used bool
	h    uint32
	w    string
	v    V
}

// newWordTable builds a table holding every entry of m.
func newWordTable[V any](m map[string]V) wordTable[V] {
	n := 16
	for n < 2*len(m) {
		n *= 2
	}
	t := wordTable[V]{slots: make([]wordSlot[V], n), mask: uint32(n - 1)}
	for w, v := range m {
		h := Hash(w)
		i := h & t.mask
		for t.slots[i].used {
			i = (i + 1) & t.mask
		}
		t.slots[i] = wordSlot[V]{used: true, h: h, w: w, v: v}
	}
	return t
}

// get returns the value of w, whose Hash is h.
func (t *wordTable[V]) get(w string, h uint32) (V, bool) {
	var zero V
	if len(t.slots) == 0 {
		return zero, false
	}
	for i := h & t.mask; ; i = (i + 1) & t.mask {
		s := &t.slots[i]
		if !s.used {
			return zero, false
		}
		if s.h == h && s.w == w {
			return s.v, true
		}
	}
}
