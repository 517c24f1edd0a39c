// goroutines - what Go's runtime asks of a kernel: threads (clone), futexes,
// timers, signals, and a goroutine blocked in read(0) while others run.
//
// Usage: goroutines-go [TICKS [kill]]
//
//	TICKS  how many "tick N" lines the ticker prints, one every 100 ms (default 10)
//	kill   after the last tick, send SIGINT to itself instead of waiting for ^C
//
// Every line it prints is deterministic; the order of the lines that matter
// is fixed by channels, except that a line typed on stdin is reported when
// it arrives:
//
//	part 1  workers, a mutex, a ping-pong over an unbuffered channel,
//	        select with two timers, time.Sleep
//	part 2  "reader: calling read(0)" is printed before the ticker starts;
//	        then "tick 1", "tick 2", ... keep coming while the reader is
//	        blocked in read(0); a typed line shows up as `reader: got "..."`
//	        (and EOF as "reader: EOF"); after the last tick, "main: waiting
//	        for SIGINT"; ^C (the terminal sends SIGINT to the foreground
//	        group) or `kill` prints "got SIGINT" and the program exits 0.
//
// Blocking system call vs the rest of the program (the lesson's point): on a
// terminal, with one P as on teachos's single CPU,
//
//	GOMAXPROCS=1 strace -f -e trace=read,write,futex,clone,nanosleep,epoll_pwait ./goroutines-go 5
//
// and look for:
//   - one thread sits in `read(0, <unfinished ...>`: its M made a real
//     blocking system call; runtime.entersyscall only marked its P "in a
//     system call", it did not give it up;
//   - the thread in a loop of `nanosleep({tv_sec=0, tv_nsec=20000})` is
//     sysmon, which runs without a P. A few of its ticks later it takes the
//     P back from the blocked M (runtime.retake -> handoffp) and wakes an
//     idle M with `futex(..., FUTEX_WAKE_PRIVATE, 1)` (or clone()s a new
//     one); that thread waits for the ticker in `epoll_pwait(3, ..., 99, ...)`
//     and prints `write(1, "tick 1\n", 7)` while read(0) is still blocked;
//   - when you type a line, the read returns, runtime.exitsyscall looks for a
//     P again, and the reader goroutine prints it;
//   - `--- SIGURG {... si_code=SI_TKILL ...}` lines are the runtime
//     preempting goroutines with tgkill; an interrupted call shows
//     `= ? ERESTARTSYS` and is restarted (SA_RESTART).
//
// Contrast: time.Sleep and channel waits do not block a thread in the kernel
// by themselves: the goroutine is parked, and its M runs another one or
// waits in futex or epoll_pwait for the next timer.
package main

import (
	"fmt"
	"os"
	"os/signal"
	"strconv"
	"sync"
	"syscall"
	"time"
)

func say(format string, args ...interface{}) {
	fmt.Fprintf(os.Stdout, format+"\n", args...)
}

// Four workers sum disjoint ranges; results come back over a channel and are
// printed in worker order.
func workers() {
	type result struct{ id, sum int }
	results := make(chan result)
	var wg sync.WaitGroup
	for id := 0; id < 4; id++ {
		wg.Add(1)
		go func(id int) {
			defer wg.Done()
			sum := 0
			for i := id * 1000; i < (id+1)*1000; i++ {
				sum += i
			}
			results <- result{id, sum}
		}(id)
	}
	go func() { wg.Wait(); close(results) }()
	sums := make([]int, 4)
	for r := range results {
		sums[r.id] = r.sum
	}
	total := 0
	for id, s := range sums {
		say("worker %d: sum = %d", id, s)
		total += s
	}
	say("workers: total = %d (want %d)", total, 3999*4000/2)
}

// Eight goroutines increment one counter 1,000 times each under a mutex.
func mutexCounter() {
	var mu sync.Mutex
	var wg sync.WaitGroup
	counter := 0
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 1000; i++ {
				mu.Lock()
				counter++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	say("mutex: counter = %d (want 8000)", counter)
}

// Two goroutines pass a token back and forth over unbuffered channels: each
// prints only while it holds the token, so the order is fixed.
func pingPong() {
	ping, pong, done := make(chan int), make(chan int), make(chan bool)
	go func() {
		for n := range ping {
			say("pong %d", n)
			pong <- n
		}
		done <- true
	}()
	for n := 1; n <= 3; n++ {
		say("ping %d", n)
		ping <- n
		<-pong
	}
	close(ping)
	<-done
}

func timers() {
	select {
	case <-time.After(20 * time.Millisecond):
		say("select: the 20 ms timer fired first")
	case <-time.After(3 * time.Second):
		say("select: the 3 s timer fired first")
	}
	start := time.Now()
	time.Sleep(100 * time.Millisecond)
	say("time.Sleep(100ms): slept at least 100 ms: %v", time.Since(start) >= 100*time.Millisecond)
}

func main() {
	ticks := 10
	if len(os.Args) > 1 {
		n, err := strconv.Atoi(os.Args[1])
		if err != nil || n < 1 {
			fmt.Fprintln(os.Stderr, "usage: goroutines-go [TICKS [kill]]")
			os.Exit(2)
		}
		ticks = n
	}
	selfKill := len(os.Args) > 2 && os.Args[2] == "kill"

	sigint := make(chan os.Signal, 1)
	signal.Notify(sigint, os.Interrupt)

	say("part 1: goroutines and channels")
	workers()
	mutexCounter()
	pingPong()
	timers()

	say("part 2: a goroutine blocked in read(0) while a ticker prints")
	ready := make(chan bool)
	go func() {
		say("reader: calling read(0)")
		close(ready)
		buf := make([]byte, 256)
		for {
			n, err := os.Stdin.Read(buf)
			if n > 0 {
				say("reader: got %q", string(buf[:n]))
			}
			if err != nil {
				say("reader: EOF")
				return
			}
		}
	}()
	<-ready

	ticker := time.NewTicker(100 * time.Millisecond)
	for n := 1; n <= ticks; n++ {
		select {
		case <-ticker.C:
			say("tick %d", n)
		case <-sigint:
			say("got SIGINT")
			os.Exit(0)
		}
	}
	ticker.Stop()
	say("main: waiting for SIGINT")
	if selfKill {
		say("main: sending SIGINT to myself")
		if err := syscall.Kill(os.Getpid(), syscall.SIGINT); err != nil {
			say("kill: %v", err)
			os.Exit(1)
		}
	}
	<-sigint
	say("got SIGINT")
}
