module demo/jsonlog

go 1.19
