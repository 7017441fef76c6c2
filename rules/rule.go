// Package rules is the rule engine and every rule kpilint runs. A rule is a
// value with an ID, a default severity, its documentation and a Check
// function; Check reads the catalogue and reports findings through a Pass.
// Rules never read files, never print and never know the output format.
package rules

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/kpilint/kpilint/internal/catalogue"
	"github.com/kpilint/kpilint/internal/finding"
	"github.com/kpilint/kpilint/internal/i18n"
)

// Severity levels, re-exported so rule files read naturally.
const (
	Info    = finding.Info
	Warning = finding.Warning
	Error   = finding.Error
)

// Doc is a rule's documentation: what `kpilint explain` and docs/rules.md show.
type Doc struct {
	Title     string // one line: what is wrong
	Principle int    // the principle (docs/principles.md) the rule enforces (0: none, a technical rule)
	Why       string // the rationale, for a strategy lead
	Bad       string // a YAML catalogue on which the rule fires
	Good      string // the same catalogue fixed; the rule stays silent
}

// Option is one setting a rule takes in kpilint.yaml.
type Option struct {
	Name    string
	Default any // float64 or string
	Doc     string
	// Check validates a configured value; nil accepts any value of the
	// default's type.
	Check func(v any) error
}

// Rule is one check. It owns its identity (ID) and default severity; the
// engine applies the configured severity to its findings once
// (Settings.Apply).
type Rule struct {
	ID       string
	Severity finding.Severity
	Doc      Doc
	Options  []Option
	// Retired reports whether the rule also checks retired KPIs.
	Retired bool
	// Group is what the rule judges (docs/rules.md): Completeness rules
	// report a field the KPI lacks; Quality (the zero value) rules judge
	// what is written.
	Group Group
	// Absent, for a completeness rule that leaves a case to another rule
	// (no measure at all is formula-missing's), says whether the KPI lacks
	// the rule's field, for the completeness score; without it, the field
	// is missing when the rule reports.
	Absent func(k *catalogue.KPI) bool
	// KeyOnly rules check key KPIs only: a supporting metric (kind:
	// metric) is skipped, and not counted by the catalogue-wide ones.
	KeyOnly bool
	// PerLevel rules take one option per level of the organisation, named
	// after it; Options gives those of the default levels.
	PerLevel bool
	// CheckKPI checks one KPI in full; the engine calls it for every KPI the
	// rule covers (see Retired), so a failure in one KPI does not stop the
	// rest.
	CheckKPI func(p *KPIPass, k *catalogue.KPI)
	// Check runs a rule that looks at the catalogue as a whole. It sees the
	// catalogue's outline, which is all a streaming lint keeps of each KPI.
	// Rules with neither Check nor CheckKPI (syntax, schema, policy,
	// suppression, internal-error) are reported by the loader, the policy
	// check or the lint pass.
	Check func(p *CataloguePass)
}

// Group is what a rule judges: the completeness of a KPI's definition, or
// the quality of what it says.
type Group int

// The groups.
const (
	Quality Group = iota
	Completeness
)

func (g Group) String() string {
	if g == Completeness {
		return "completeness"
	}
	return "quality"
}

// HelpURL is the rule's documentation anchor.
func (r *Rule) HelpURL() string { return HelpBase + "#" + r.ID }

// HelpBase is where docs/rules.md is published.
const HelpBase = "https://github.com/kpilint/kpilint/blob/main/docs/rules.md"

// New is a finding of this rule at loc; the engine sets its severity.
func (r *Rule) New(loc finding.Location, format string, args ...any) finding.Finding {
	return finding.New(r.ID, loc, i18n.Msg(format, args...))
}

// pass is what both kinds of pass share: the rule, its options, the date
// and the findings so far.
type pass struct {
	Rule     *Rule
	Today    time.Time
	options  map[string]any
	findings []*finding.Finding
}

// KPIPass is one run of a per-KPI rule: it sees the organisation and goals,
// and each KPI in full as the argument of CheckKPI.
type KPIPass struct {
	pass
	Org *catalogue.Org
}

// CataloguePass is one run of a catalogue-wide rule over the outline.
type CataloguePass struct {
	pass
	Catalogue *catalogue.Outline
	// lists are the outline's KPI lists the rules of one run share (nil:
	// made for this pass alone).
	lists *kpiLists
}

// kpiLists are the lists of KPIs the catalogue-wide rules check, made once
// per run and shared (read only) by its rules: a filtered list is a
// position per KPI, which every rule made again.
type kpiLists struct {
	active, key, keyAll func() catalogue.RefList
}

func newKPILists(o *catalogue.Outline) *kpiLists {
	isKey := func(k catalogue.KPIRef) bool { return !k.IsMetric() }
	l := &kpiLists{active: sync.OnceValue(o.ActiveKPIs)}
	l.key = sync.OnceValue(func() catalogue.RefList { return l.active().Filter(isKey) })
	l.keyAll = sync.OnceValue(func() catalogue.RefList { return o.KPIs.Filter(isKey) })
	return l
}

// Float returns a numeric option.
func (p *pass) Float(name string) float64 {
	v, _ := p.option(name).(float64)
	return v
}

// String returns a text option.
func (p *pass) String(name string) string {
	v, _ := p.option(name).(string)
	return v
}

func (p *pass) option(name string) any {
	v, ok := p.lookup(name)
	if !ok {
		panic(fmt.Sprintf("rule %s has no option %q", p.Rule.ID, name))
	}
	return v
}

// Float is the numeric option name of rule r under the settings: its
// configured value, else its default.
func (s Settings) Float(r *Rule, name string) float64 {
	p := &pass{Rule: r, options: s.Options[r.ID]}
	return p.Float(name)
}

// lookup is the configured value of an option, else its default.
func (p *pass) lookup(name string) (any, bool) {
	if v, ok := p.options[name]; ok {
		return v, true
	}
	for _, o := range p.Rule.Options {
		if o.Name == name {
			return o.Default, true
		}
	}
	return nil, false
}

// LevelOption is a PerLevel rule's text option for level: configured, or
// the default for a default level; ok is false for a level with neither.
func (p *pass) LevelOption(level string) (string, bool) {
	v, ok := p.lookup(level)
	s, _ := v.(string)
	return s, ok && s != ""
}

// KPIs are the KPIs this rule checks: active and draft ones, and retired
// ones too for rules marked Retired; key KPIs only for rules marked
// KeyOnly.
//
// The list is shared by the rules of the run: a rule must not change it.
func (p *CataloguePass) KPIs() catalogue.RefList {
	if p.lists == nil {
		p.lists = newKPILists(p.Catalogue)
	}
	switch {
	case p.Rule.Retired && p.Rule.KeyOnly:
		return p.lists.keyAll()
	case p.Rule.Retired:
		return p.Catalogue.KPIs
	case p.Rule.KeyOnly:
		return p.lists.key()
	}
	return p.lists.active()
}

func (p *pass) report(id string, subject *finding.Location, loc finding.Location, format string, args ...any) *finding.Finding {
	f := p.Rule.New(loc, format, args...)
	f.ID = id
	if subject != nil {
		f.KPI, f.Subject = true, *subject
	}
	p.findings = append(p.findings, &f)
	return &f
}

// ReportKPI records a finding about the KPI (it counts toward its score).
func (p *KPIPass) ReportKPI(k *catalogue.KPI, loc finding.Location, format string, args ...any) *finding.Finding {
	at := k.Loc()
	return p.report(k.ID, &at, loc, format, args...)
}

// Report records a finding about a unit or goal.
func (p *CataloguePass) Report(e *catalogue.Element, loc finding.Location, format string, args ...any) *finding.Finding {
	return p.report(e.ID, nil, loc, format, args...)
}

// ReportKPI records a finding about a KPI (it counts toward its score).
func (p *CataloguePass) ReportKPI(k catalogue.KPIRef, loc finding.Location, format string, args ...any) *finding.Finding {
	at := k.Loc()
	return p.report(k.ID(), &at, loc, format, args...)
}

// Related adds a related location to f.
func Related(f *finding.Finding, loc finding.Location, format string, args ...any) {
	f.Relate(loc, i18n.Msg(format, args...))
}

// Settings is how the configuration changes the rules: severity per rule
// (Off disables it) and option values.
type Settings struct {
	Severities map[string]finding.Severity
	Options    map[string]map[string]any
}

// Configure validates a rule's options once, before any run. levels are
// the organisation's levels: a PerLevel rule takes an option named after
// each, like the options it declares for the default levels.
func (r *Rule) Configure(opts map[string]any, levels []string) error {
	for name, v := range opts {
		i := slices.IndexFunc(r.Options, func(o Option) bool { return o.Name == name })
		if i < 0 && r.PerLevel && slices.Contains(levels, name) && len(r.Options) > 0 {
			i = 0 // the default levels' options share their type and check
		}
		if i < 0 {
			var names []string
			for _, o := range r.Options {
				names = append(names, o.Name)
			}
			if len(names) == 0 {
				return fmt.Errorf("rule %s takes no options", r.ID)
			}
			return fmt.Errorf("rule %s has no option %q (its options: %s)", r.ID, name, strings.Join(names, ", "))
		}
		o := r.Options[i]
		if fmt.Sprintf("%T", v) != fmt.Sprintf("%T", o.Default) {
			return fmt.Errorf("option %s of rule %s must be a %s", name, r.ID, typeName(o.Default))
		}
		if o.Check != nil {
			if err := o.Check(v); err != nil {
				return fmt.Errorf("option %s of rule %s: %w", name, r.ID, err)
			}
		}
	}
	return nil
}

func typeName(v any) string {
	if _, ok := v.(float64); ok {
		return "number"
	}
	return "string"
}
