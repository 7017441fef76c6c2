// Package integration tests kpilint as its users wire it in: the GitHub
// Action's shell steps and the pre-commit hook, run for real.
package integration
