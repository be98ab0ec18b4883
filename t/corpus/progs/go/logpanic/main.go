package main

import "log"

func main() {
	log.Panicf("unexpected message type %q", "PING2")
}
