/// api-sync test input: declares no roles.
@r@
expression e;
@@
pte_numa(e)
