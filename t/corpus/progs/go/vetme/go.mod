module demo/vetme

go 1.19
