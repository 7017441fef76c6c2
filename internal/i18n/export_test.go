package i18n

// For the external test package, which imports the packages whose texts
// it checks (they import this one).
var (
	Table       = swedish
	SourceTexts = sourceTexts
	SortedKeys  = sortedKeys
	Verbs       = verbs
)
