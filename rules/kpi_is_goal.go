package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/kpilint/kpilint/internal/catalogue"
)

// KPIIsGoal flags KPI names that read like objectives.
var KPIIsGoal = &Rule{
	ID:       "kpi-is-goal",
	Severity: Warning,
	Doc: Doc{
		Title:     "The name reads like a goal, not a measure",
		Principle: 1,
		Why: "A goal is what we want to achieve; a KPI is how we measure progress. \"Increase customer " +
			"satisfaction above 85 % by 2027\" is a goal with a target and a deadline baked in: the KPI is " +
			"\"Customer satisfaction\", the 85 % belongs in `target` and the ambition in a `goal`. A name " +
			"such as \"Increase in revenue\" uses the verb as a noun and is fine.",
		Bad:  "kpis:\n  - id: csat\n    name: Increase customer satisfaction above 85 %\n    scope: support\n",
		Good: "kpis:\n  - id: csat\n    name: Customer satisfaction\n    scope: support\n    target: {value: 85}\n",
	},
	CheckKPI: func(p *KPIPass, k *catalogue.KPI) {
		if why := goalLike(k.Name); why != "" {
			p.ReportKPI(k, k.At("name"), "the name %q reads like a goal (%s): name what is measured and put the ambition in `target` and `goal`", k.Name, why)
		}
	},
}

var (
	// orBetter is a target written after its number: "85 % or better",
	// "99.9 % eller högre".
	orBetter    = lazyRegexp(`\d+(?:[.,]\d+)?\s*(?:%|percent|procent)?\s+(?:or|eller)\s+(?:better|more|higher|above|greater|bättre|mer|högre|över)\b`)
	numberAfter = lazyRegexp(`^\s*[<>≥≤]?\s*\d+(?:[.,]\d+)?`)
	yearAfter   = lazyRegexp(`^\s*(?:19|20)\d\d\b`)
	// Comparison words that also start ordinary definitions ("orders over
	// 1000 SEK", "customers under 18") embed a target only with a percentage.
	ambiguousComparisons = []string{"over", "under", "över", "to", "till", "min", "max", "target", "mål"}
	percentWords         = []string{"%", "percent", "per cent", "procent", "pct"}
	// boundWords before a number state a target whatever follows ("at
	// least 50 people in the city"): no definition is worded so.
	boundWords = []string{"at least", "at most", "no more than", "no less than", "minst", "högst"}
)

// orBetterIn is orBetter's first match in the folded text t.
func orBetterIn(t string) string {
	if !strings.Contains(t, " or ") && !strings.Contains(t, " eller ") {
		return ""
	}
	return orBetter().FindString(t)
}

// goalLike says why a name reads like a goal, or "".
func goalLike(name string) string {
	t := normalize(name)
	if m, ok := words("change-verbs").prefix(t); ok {
		rest := strings.TrimSpace(t[m.end:])
		if rest != "" && !strings.HasPrefix(rest, "in ") && !strings.HasPrefix(rest, "of ") {
			return fmt.Sprintf("it starts with %q", m.phrase)
		}
	}
	if first, rest, _ := strings.Cut(t, " "); rest != "" && !strings.HasPrefix(rest, "in ") && !strings.HasPrefix(rest, "of ") {
		if verb, ok := inflectedChangeVerb(first); ok {
			return fmt.Sprintf("it starts with %q, a form of %q", first, verb)
		}
	}
	// orBetter needs " or " or " eller " (t is folded: its blanks are
	// single spaces), which most names lack: the regexp only runs on those
	// that have one.
	if m := orBetterIn(t); m != "" {
		return fmt.Sprintf("it embeds a target: %q", m)
	}
	for _, m := range words("target-phrases").all(t) {
		num := numberAfter().FindString(t[m.end:])
		if num == "" {
			continue
		}
		after := strings.TrimSpace(t[m.end+len(num):])
		percent := slices.ContainsFunc(percentWords, func(w string) bool { return strings.HasPrefix(after, w) })
		// "above 85" or "above 85 SEK" at the end of the name: a target;
		// "at least 50 people" anywhere.
		atEnd := len(strings.Fields(after)) <= 1
		if percent || slices.Contains(boundWords, m.phrase) || atEnd && !slices.Contains(ambiguousComparisons, m.phrase) {
			return fmt.Sprintf("it embeds a target: %q", m.phrase+num)
		}
	}
	for _, m := range words("deadline-words").all(t) {
		if y := yearAfter().FindString(t[m.end:]); y != "" {
			return fmt.Sprintf("it embeds a deadline: %q", m.phrase+y)
		}
	}
	return ""
}

// nounLike are change verbs whose -s form is more often a plural noun at
// the start of a measure's name ("Wins per quarter", "Launches").
var nounLike = []string{"win", "launch", "drive", "lift", "double", "reach", "make", "get", "keep", "secure",
	"deliver", "create", "establish", "develop", "cut", "raise", "lower", "speed"}

// gerundLike are change verbs whose -ing form usually names a thing
// ("Driving licence", "Making time").
var gerundLike = []string{"drive", "make", "get", "keep", "win", "lift", "reach"}

// inflectedChangeVerb reports whether word is an inflected form of a
// one-word change verb that starts an objective rather than a measure:
// English -s, -es and -ing (ensuring, achieving, reduces), Swedish present
// tense -r and participle -nde (ökar, minskande). Past participles are
// left alone: "Resolved tickets", "Levererade paket" name measures.
func inflectedChangeVerb(word string) (string, bool) {
	for _, verb := range words("change-verbs").phrases {
		if strings.Contains(verb, " ") || len(word) <= len(verb) || !strings.HasPrefix(word, strings.TrimSuffix(verb, "e")) {
			continue
		}
		stem := strings.TrimSuffix(verb, "e")
		forms := []string{verb + "r", verb + "nde"}
		if !slices.Contains(gerundLike, verb) {
			forms = append(forms, stem+"ing", verb+"ing", verb+string(verb[len(verb)-1])+"ing")
		}
		if !slices.Contains(nounLike, verb) {
			forms = append(forms, verb+"s", verb+"es")
		}
		if slices.Contains(forms, word) {
			return verb, true
		}
	}
	return "", false
}
