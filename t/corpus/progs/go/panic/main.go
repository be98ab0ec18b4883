package main

import "fmt"

type Config struct{ Workers int }

func mustWorkers(c *Config) int {
	if c.Workers <= 0 {
		panic(fmt.Sprintf("invalid worker count %d", c.Workers))
	}
	return c.Workers
}

func main() {
	mustWorkers(&Config{Workers: 0})
}
