// Go's runtime under strace -f: sched_getaffinity, sigaltstack, rt_sigaction for every
// signal, clone with CLONE_SETTLS, futex, tgkill(..., SIGURG) for preemption, rt_sigreturn.
// Build: cd goroutines && CGO_ENABLED=0 go build; run: strace -f ./goroutines.
// Used by test_trace_format.c: test_clone, test_futex, test_thread_lines.
package main

import (
	"fmt"
	"os"
	"runtime"
	"sync"
	"time"
)

func main() {
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func(n int) {
			defer wg.Done()
			s := 0
			for j := 0; j < 20000000; j++ {
				s += j
			}
			_ = s
			runtime.Gosched()
		}(i)
	}
	wg.Wait()
	time.Sleep(20 * time.Millisecond)
	fmt.Fprintln(os.Stderr, "done", runtime.NumGoroutine())
}
