package document

import (
	"os"
	"path/filepath"
)

// ReadFile reads a file (rel to root) the safe way: only a
// regular file (reading a pipe would block forever), and only within the
// size limit. Every reader of catalogue files and of kpilint.yaml goes
// through it.
func ReadFile(root, rel string, lim Limits) ([]byte, *ParseError) {
	full := filepath.Join(root, filepath.FromSlash(rel))
	fi, err := os.Stat(full)
	if err == nil && !fi.Mode().IsRegular() {
		return nil, perr(posStart, "not a regular file (a pipe, device or directory); kpilint does not read it")
	}
	if err == nil && fi.Size() > lim.MaxFileBytes {
		return nil, perr(posStart, "file is %d bytes, more than the limit of %d; kpilint does not read it", fi.Size(), lim.MaxFileBytes)
	}
	data, err := os.ReadFile(full)
	if err != nil {
		return nil, perr(posStart, "cannot read file: %s", Truncate(err.Error(), maxMessage))
	}
	return data, nil
}
