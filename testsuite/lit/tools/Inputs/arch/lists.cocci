// API roles: none
@initialize:ocaml@
@@
let arch_64bit_only = [ "alpha"; "arm64"; "loongarch"; "s390" ]
let arch_numa_balancing_era3 = [ "powerpc"; "x86" ]
let arch_numa_balancing_era6 = [ "arm64"; "loongarch"; "powerpc"; "riscv"; "s390"; "x86"; "vax" ]
