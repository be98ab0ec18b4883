module demo/goroutine_panic

go 1.19
