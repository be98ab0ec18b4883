package main

import (
	"sync"
)

func main() {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		s := []int{1, 2, 3}
		i := 5
		_ = s[i]
	}()
	wg.Wait()
}
