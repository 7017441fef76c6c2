package lint_test

import "github.com/kpilint/kpilint/internal/finding"

type lintFinding = finding.Finding
