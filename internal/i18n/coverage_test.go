package i18n_test

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/kpilint/kpilint/internal/i18n"
	"github.com/kpilint/kpilint/internal/report"
	"github.com/kpilint/kpilint/rules"
	"github.com/kpilint/kpilint/schema"
)

// docTexts are the texts that are data rather than calls, enumerated from
// the packages that own them: rule documentation, the schema's type
// descriptions and kind names, report labels.
func docTexts() map[string]bool {
	out := map[string]bool{}
	lists := [][]string{rules.DocTexts(), schema.MustLoad().Descriptions, schema.KindNames, report.Labels}
	for _, list := range lists {
		for _, t := range list {
			if t != "" {
				out[t] = true
			}
		}
	}
	return out
}

// TestEveryMessageHasASwedishTranslation fails when a message, heading or
// rule text in the sources has no Swedish translation, and when a
// translation no longer has a message (a stale key).
func TestEveryMessageHasASwedishTranslation(t *testing.T) {
	texts, err := i18n.SourceTexts()
	if err != nil {
		t.Fatal(err)
	}
	if len(texts) < 100 {
		t.Fatalf("found only %d texts: is the extractor still finding the calls?", len(texts))
	}
	var missing []string
	for _, k := range i18n.SortedKeys(texts) {
		if _, ok := i18n.Table[k]; !ok {
			missing = append(missing, fmt.Sprintf("%s: %q", texts[k], k))
		}
	}
	docs := docTexts()
	for k := range docs {
		if _, ok := i18n.Table[k]; !ok {
			missing = append(missing, fmt.Sprintf("doc: %q", k))
		}
	}
	if len(missing) > 0 {
		if os.Getenv("I18N_MISSING") != "" {
			for _, m := range missing {
				fmt.Println(m)
			}
		}
		t.Errorf("%d texts have no Swedish translation:\n%s", len(missing), strings.Join(missing, "\n"))
	}
	var stale []string
	for k := range i18n.Table {
		if _, ok := texts[k]; !ok && !docs[k] {
			stale = append(stale, fmt.Sprintf("%q", k))
		}
	}
	if len(stale) > 0 {
		t.Errorf("%d Swedish translations match no text:\n%s", len(stale), strings.Join(stale, "\n"))
	}
}

// Every translation keeps the verbs of its English format, in order, so
// the arguments still fit.
func TestTranslationsKeepTheirVerbs(t *testing.T) {
	for en, sv := range i18n.Table {
		if i18n.Verbs(en) != i18n.Verbs(sv) {
			t.Errorf("%q → %q: verbs %s vs %s", en, sv, i18n.Verbs(en), i18n.Verbs(sv))
		}
	}
}
