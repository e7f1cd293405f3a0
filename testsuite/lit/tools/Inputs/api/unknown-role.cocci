/// api-sync test input: a role api.def does not have.
// API roles: NUMA_PRED, TELEPORT
@r@
expression e;
@@
(
pte_numa(e)
|
pmd_numa(e)
|
pte_protnone(e)
|
pmd_protnone(e)
)
