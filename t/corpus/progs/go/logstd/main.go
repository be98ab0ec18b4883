package main

import "log"

func main() {
	log.Print("server starting on 127.0.0.1:8080")
	log.Printf("loaded %d routes, %d errors", 12, 0)
	log.Println("warning: TLS disabled, serving plain HTTP")
	log.SetFlags(log.LstdFlags | log.Lshortfile)
	log.Print("cache warmed")
	log.SetFlags(log.LstdFlags | log.Lmicroseconds)
	log.SetPrefix("[fetcher] ")
	log.Print("retrying 127.0.0.1:9 in 1s: connection refused")
}
