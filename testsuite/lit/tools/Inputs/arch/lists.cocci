// API roles: none
@initialize:ocaml@
@@
let arch_pte_tears = [ "arc"; "mips"; "powerpc"; "x86" ]
let arch_numa_balancing_era3 = [ "powerpc"; "x86" ]
let arch_numa_balancing_era6 = [ "arm64"; "loongarch"; "powerpc"; "riscv"; "s390"; "x86"; "vax" ]
