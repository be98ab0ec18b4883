module demo/logfatal

go 1.19
