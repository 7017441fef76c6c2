package libyaml

import "testing"

// FuzzResolve holds Resolve, the tag-only copy, to the library's resolve.
func FuzzResolve(f *testing.F) {
	for _, s := range []string{"", "~", "null", "true", "No", "0", "-0", "+1", "1_000", "0x1F", "0o17", "-0o17",
		"0b101", "-0b1", "0b", "0o", "1.5", ".5", "1e3", "+.inf", ".NaN", "2026-06-30", "2026-06-30T10:00:00Z",
		"2026-6-3 1:2:3", "12:30", "<<", "abc", "9223372036854775808", "18446744073709551616", "-9223372036854775809",
		"1_0.5", "2026-1-2", "2026-13-01", "20261-01-01", "2026-01", "2026-Q1", "2026-01-31t10:00:00Z", "0o777777777777777777777777", "0b11111111111111111111111111111111111111111111111111111111111111111"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, _ := resolve("", s)
		if got := Resolve(s); got != want {
			t.Fatalf("Resolve(%q) = %s, the library's resolve says %s", s, got, want)
		}
	})
}
