module demo/panic

go 1.19
