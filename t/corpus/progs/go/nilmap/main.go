package main

import "fmt"

type Node struct{ Next *Node; Val int }

func main() {
	var n *Node
	fmt.Println(n.Val)
}
