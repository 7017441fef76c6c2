// Package suggest answers a mistyped name with the closest known one, as
// "did you mean" hints for rule ids, output formats and configuration keys.
package suggest

// Hint is ` (did you mean "x"?)` for the candidate closest to word, or ""
// when none is close: at most a third of word's letters differ (at least
// one, at most three), or word is a prefix of exactly one candidate.
func Hint(word string, candidates []string) string {
	if c := Closest(word, candidates); c != "" {
		return ` (did you mean "` + c + `"?)`
	}
	return ""
}

// Closest is the candidate closest to word by edit distance, or "" when
// none is close enough for a hint.
func Closest(word string, candidates []string) string {
	limit := min(max(len([]rune(word))/3, 1), 3)
	best, bestD := "", limit+1
	for _, c := range candidates {
		if d := Distance(word, c); d < bestD || d == bestD && c < best {
			best, bestD = c, d
		}
	}
	if best != "" {
		return best
	}
	var prefixed []string
	for _, c := range candidates {
		if len(word) >= 3 && len(c) > len(word) && c[:len(word)] == word {
			prefixed = append(prefixed, c)
		}
	}
	if len(prefixed) == 1 {
		return prefixed[0]
	}
	return ""
}

// Distance is the edit distance between a and b, in runes: insertions,
// deletions, substitutions, and a swap of two neighbours, each counting
// once (the optimal string alignment distance).
func Distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}
