/// api-sync test input: names every NUMA_PRED name of api.def.
// API roles: NUMA_PRED
@r@
identifier pred = {pte_numa, pmd_numa, pte_protnone};
expression e;
@@
(
pred(e)
|
pmd_protnone(e)
)
