package catalogue

// Directive is a `kpilint:ignore` or `kpilint:file-ignore` comment.
type Directive struct {
	Line, Col int
	Width     int
	FileWide  bool
	Rules     []string
	Reason    string
	// Problem is set when the directive is malformed.
	Problem string
	// FromLine..ToLine is the span it covers (the node below it, or on its
	// line); the whole file for a file-wide directive.
	FromLine, ToLine int
}
