/// api-sync test input: names try_grab_folio, whose role changes, but
/// keeps no copy of the version ranges.
// API roles: LOCKED_GET
@r@
expression e;
@@
try_grab_folio(e, 1, 0)
