module demo/deadlock

go 1.19
