package catalogue

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// parseDateEveryForm is ParseDate trying every form on any text: the
// reference for the length checks of ParseDate.
func parseDateEveryForm(s string) (time.Time, bool) {
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, true
	}
	if t, err := time.Parse("2006-01", s); err == nil {
		return t.AddDate(0, 1, -1), true
	}
	if len(s) == 7 && s[4] == '-' && s[5] == 'Q' && s[6] >= '1' && s[6] <= '4' {
		if y, err := time.Parse("2006", s[:4]); err == nil {
			return y.AddDate(0, 3*int(s[6]-'0'), -1), true
		}
	}
	return time.Time{}, false
}

var dates = []string{"", "2026-01-31", "2026-02-30", "2026-1-31", "2026-01", "2026-13", "2026-Q1", "2026-Q4", "2026-Q5",
	"2026-Q0", "20261-01", "2026-01-31 ", "2026-01-31T00:00:00Z", "26-01-31", "+026-01", "2026/01", "2026-0Q", "Q1-2026", "2024-02-29"}

func TestParseDateTriesTheFormOfItsLength(t *testing.T) {
	for _, s := range dates {
		want, wok := parseDateEveryForm(s)
		got, ok := ParseDate(s)
		assert.Equal(t, wok, ok, "%q", s)
		assert.True(t, want.Equal(got), "%q: %v, want %v", s, got, want)
	}
	var ok bool
	assert.Zero(t, testing.AllocsPerRun(10, func() { _, ok = ParseDate("") }), "no date, no allocation")
	assert.False(t, ok)
}

func FuzzParseDate(f *testing.F) {
	for _, s := range dates {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, wok := parseDateEveryForm(s)
		got, ok := ParseDate(s)
		if ok != wok || !want.Equal(got) {
			t.Fatalf("%q: %v %v, want %v %v", s, got, ok, want, wok)
		}
	})
}
