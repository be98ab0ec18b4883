module demo/logpanic

go 1.19
