module demo/logstd

go 1.19
