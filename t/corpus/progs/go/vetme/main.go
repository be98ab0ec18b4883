package main

import "fmt"

func main() {
	name := "db"
	fmt.Printf("connecting to %d\n", name)
	fmt.Println("done", "%s")
}
