/// api-sync test input: a rule that uses no kernel API.
// API roles: none
@r@
identifier f;
@@
f(...) { ... }
