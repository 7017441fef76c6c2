//go:build unix

package load

import (
	"io/fs"
	"syscall"
)

// inode is a file's inode number: a file replaced by another (a checkout,
// a rename) with the same size and time is still a different file.
func inode(fi fs.FileInfo) uint64 {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return uint64(st.Ino) //nolint:unconvert // uint32 on some systems
	}
	return 0
}
