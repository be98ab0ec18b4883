package main

import (
	"log"
	"os"
)

func main() {
	log.Print("opening state file")
	if _, err := os.Open("/var/lib/withlog-demo/state.db"); err != nil {
		log.Fatal(err)
	}
}
