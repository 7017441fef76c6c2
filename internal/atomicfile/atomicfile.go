// Package atomicfile writes files so that readers never see half of one:
// the content goes to a temporary file in the same directory, which is then
// renamed over the target.
package atomicfile

import (
	"fmt"
	"os"
	"path/filepath"
)

// Write writes data to path atomically with mode 0644, replacing any file
// there.
func Write(path string, data []byte) error {
	return place(path, data, os.Rename)
}

// Create writes a new file atomically and refuses to replace an existing
// one: the content is written to a temporary file and hard-linked into
// place, which fails if path exists.
func Create(path string, data []byte) error {
	return place(path, data, os.Link)
}

// place writes data to a temporary file beside path, then puts it at path
// with move (a rename replaces, a hard link refuses to).
func place(path string, data []byte, move func(tmp, path string) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	// After a rename the temporary name is gone and Remove fails
	// harmlessly; otherwise it cleans up.
	defer func() { _ = os.Remove(tmp.Name()) }()
	if _, err := tmp.Write(data); err != nil {
		_ = tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := move(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
