//go:build !unix

package output

// alive cannot tell here: every staging folder with a process is kept.
func alive(pid int) bool { return true }
