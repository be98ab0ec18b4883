module demo/badbuild

go 1.19
