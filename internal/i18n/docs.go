package i18n

import "sync"

var (
	docsMu sync.Mutex
	docs   = map[string]bool{}
)

// RegisterDocs records texts that are data, not calls — rule titles and
// rationales, principles, option docs, schema descriptions — so the
// translation test can hold them to a Swedish translation too.
func RegisterDocs(texts ...string) {
	docsMu.Lock()
	defer docsMu.Unlock()
	for _, t := range texts {
		if t != "" {
			docs[t] = true
		}
	}
}

// Docs returns the registered texts.
func Docs() map[string]bool {
	docsMu.Lock()
	defer docsMu.Unlock()
	out := make(map[string]bool, len(docs))
	for k := range docs {
		out[k] = true
	}
	return out
}
