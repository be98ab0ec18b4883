module demo/nilmap

go 1.19
