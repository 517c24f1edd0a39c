module teachos/tests/go

go 1.19
