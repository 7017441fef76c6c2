package document

// keyTable holds each distinct mapping key once: a catalogue repeats the
// same few dozen keys for every KPI, so its thousand "id" keys share one
// string. A small direct-mapped table in front of the map answers the
// usual key without hashing it (the map lookup was 4 % of a JSON lint).
// An arena keeps its table from one file to the next.
//
// values does the same for short values, without the map: a catalogue
// repeats units, cadences, roles, sources, formulas and dates from KPI to
// KPI, and a string per value was a seventh of what a YAML lint
// allocated. A value that is not in its slot is made, and takes the slot.
type keyTable struct {
	recent [128]string
	all    map[string]string
	values [256]string
}

// maxValueLen bounds the values the table remembers.
const maxValueLen = 48

// value is b as a string: the string of the last value of its slot when
// it is the same.
func (t *keyTable) value(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	if len(b) > maxValueLen {
		return string(b)
	}
	slot := &t.values[slotHash(b)&255]
	if *slot == string(b) {
		return *slot
	}
	*slot = string(b)
	return *slot
}

// maxKeys and maxKeyLen bound what a table remembers, which an arena
// keeps for the whole run: a hostile file's 40,000 distinct keys, or a
// key of a megabyte, are made each time, not remembered.
const (
	maxKeys   = 4096
	maxKeyLen = 64
)

// intern is b as a string: the same string for the same key, for keys
// of at most maxKeyLen bytes.
func (t *keyTable) intern(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	if len(b) > maxKeyLen {
		return string(b)
	}
	slot := &t.recent[slotHash(b)&127]
	if *slot == string(b) {
		return *slot
	}
	k, ok := t.all[string(b)]
	if !ok {
		k = string(b)
		if t.all == nil {
			t.all = make(map[string]string)
		}
		if len(t.all) < maxKeys {
			t.all[k] = k
		}
	}
	*slot = k
	return k
}

// slotHash places a non-empty key or value in a direct-mapped table: a
// few of its bytes and its length, no pass over it.
func slotHash(b []byte) uint {
	return uint(b[0])*131 + uint(b[len(b)-1])*31 + uint(b[len(b)/2])*7 + uint(b[len(b)/3])*3 + uint(len(b))
}

// keys is the table a parser interns keys in: the arena's, or a new one.
func (a *Arena) keys() *keyTable {
	if a == nil {
		return &keyTable{}
	}
	return &a.keyTable
}
