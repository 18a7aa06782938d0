//go:build js && wasm

// Command stress exercises what the stripped tables must still serve: the
// garbage collector (stack maps), stack growth (frame sizes), goroutines,
// and a panic that prints its message. The test runs it under Node.
package main

import (
	"os"
	"runtime"
	"strconv"
)

type node struct {
	next *node
	buf  []byte
}

// deep recurses with a large frame so the stack has to grow and be copied,
// keeping pointers live across the growth.
func deep(n int, keep *node) int {
	var pad [256]byte
	pad[n%256] = byte(n)
	if n == 0 {
		runtime.GC()
		return int(pad[0]) + len(keep.buf)
	}
	return deep(n-1, &node{next: keep, buf: make([]byte, 64)}) + int(pad[n%256])
}

func main() {
	var head *node
	for i := range 200000 {
		head = &node{next: head, buf: make([]byte, i%512)}
		if i%1000 == 0 {
			head = head.next // let some go
		}
	}
	done := make(chan int)
	for g := range 8 {
		go func() { done <- deep(2000+g, head) }()
	}
	sum := 0
	for range 8 {
		sum += <-done
	}
	runtime.GC()
	n := 0
	for p := head; p != nil; p = p.next {
		n++
	}
	os.Stdout.WriteString("ok " + strconv.Itoa(n) + " " + strconv.Itoa(sum) + "\n")
	if len(os.Args) > 1 && os.Args[1] == "panic" {
		var m map[string]int
		m["stripped"]++ // a runtime panic, with a traceback through stripped tables
	}
}
