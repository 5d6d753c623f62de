package cli

import (
	"fmt"
	"plume/search"
	"runtime"
	"runtime/metrics"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"plume/kb"
)

func runBench(env Env, args []string) int {
	fl := newFlags(env, "bench")
	dir := fl.String("kb", "", "dossier de la base de connaissances")
	size := fl.Int("size", 0, "nombre d'éléments d'une base synthétique (0 : la base telle quelle)")
	runs := fl.Int("runs", 500, "nombre de suggestions mesurées")
	if err := fl.Parse(args); err != nil {
		return ExitUsage
	}
	if *size < 0 || *runs <= 0 {
		return fail(env, ExitUsage, "--size doit être positif ou nul et --runs positif")
	}
	base, found, _, err := openKB(env, *dir)
	if err != nil {
		return fail(env, ExitUsage, "%v", err)
	}
	k, name := base, found.Name
	if *size > 0 {
		k = kb.Synthesize(base, *size, 1)
		name = fmt.Sprintf("base synthétique de %d éléments", *size)
	}

	runtime.GC()
	peak := watchHeap()
	start := time.Now()
	e, err := search.NewEngine(k)
	build := time.Since(start)
	if err != nil {
		return fail(env, ExitFail, "indexation : %v", err)
	}
	defer e.Close()

	msgs := search.SampleMessages
	for i := 0; i < 20; i++ { // warm-up: first queries load the segment
		if _, err := e.Suggest(msgs[i%len(msgs)]); err != nil {
			return fail(env, ExitFail, "recherche : %v", err)
		}
	}
	lat := make([]time.Duration, *runs)
	for i := range lat {
		t := time.Now()
		if _, err := e.Suggest(msgs[i%len(msgs)]); err != nil {
			return fail(env, ExitFail, "recherche : %v", err)
		}
		lat[i] = time.Since(t)
	}
	heap := peak()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	live := ms.HeapAlloc
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	pct := func(p float64) time.Duration { return lat[int(p*float64(len(lat)-1))] }

	fmt.Fprintf(env.Stdout, "Base            : %s (%d éléments)\n", name, len(k.Items))
	fmt.Fprintf(env.Stdout, "Indexation      : %s\n", build.Round(time.Millisecond))
	fmt.Fprintf(env.Stdout, "Suggestion      : p50 %s, p99 %s, max %s (%d messages d'environ 80 mots)\n",
		pct(0.50).Round(10*time.Microsecond), pct(0.99).Round(10*time.Microsecond),
		lat[len(lat)-1].Round(10*time.Microsecond), *runs)
	fmt.Fprintf(env.Stdout, "Tas au maximum  : %.1f Mo (%.1f Mo vivants après indexation)\n", float64(heap)/(1<<20), float64(live)/(1<<20))
	return ExitOK
}

// watchHeap samples the live heap every millisecond until the returned
// function is called, which returns the highest value seen.
func watchHeap() func() uint64 {
	var max atomic.Uint64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	read := func() {
		metrics.Read(sample)
		if v := sample[0].Value.Uint64(); v > max.Load() {
			max.Store(v)
		}
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				read()
			}
		}
	}()
	return func() uint64 {
		read()
		close(stop)
		wg.Wait()
		return max.Load()
	}
}
