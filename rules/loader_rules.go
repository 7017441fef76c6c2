package rules

// Syntax findings come from the loader.
var Syntax = &Rule{
	ID:       "syntax",
	Severity: Error,
	Retired:  true,
	Doc: Doc{
		Title: "File cannot be read as YAML, JSON or CUE",
		Why: "A file kpilint cannot parse is a file nobody can rely on: the KPIs in it are invisible to every " +
			"other check. This rule also fires when a file breaks a safety limit (size, values after alias " +
			"expansion, nesting depth), which protects CI from hostile pull requests.",
		Bad:  "kpis:\n  - id: csat\n    name: [Customer satisfaction\n",
		Good: "kpis:\n  - id: csat\n    name: Customer satisfaction\n    scope: support\n",
	},
}

// Schema findings come from the validator derived from the CUE schema.
var Schema = &Rule{
	ID:       "schema",
	Severity: Error,
	Retired:  true,
	Doc: Doc{
		Title:     "File does not match the catalogue schema",
		Principle: 3,
		Why: "The schema fixes the vocabulary of a KPI definition: field names, types, allowed values, id " +
			"and date formats. A misspelt key (`formla`) silently drops information; an unknown enum value " +
			"means two readers interpret the KPI differently. Keys starting with `x-` are free-form extensions.",
		Bad:  "kpis:\n  - id: csat\n    name: Customer satisfaction\n    scope: support\n    status: done\n",
		Good: "kpis:\n  - id: csat\n    name: Customer satisfaction\n    scope: support\n    status: active\n",
	},
}

// InternalError is what kpilint reports when one of its own rules or
// parsers fails on a file: the failure is contained, and the other rules
// and files are still checked. No catalogue should trigger it, so it has
// no examples.
var InternalError = &Rule{
	ID:       "internal-error",
	Severity: Error,
	Retired:  true,
	Doc: Doc{
		Title: "kpilint failed on this file",
		Why: "A rule or parser failed; the other rules and files were still checked. The finding names the " +
			"rule and the file. Please report it as a bug, with the file if you can share it.",
	},
}
