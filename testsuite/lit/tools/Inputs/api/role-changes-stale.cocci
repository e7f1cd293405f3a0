/// api-sync test input: a copy of the role changes that has fallen out of
/// step with api.def (the wrong version, and a row api.def lacks).
// API roles: LOCKED_GET
@r@
expression e;
@@
try_grab_folio(e, 1, 0)

@initialize:ocaml@
@@
let api_role_changes = [
  ("try_grab_folio", "SPEC_GET", "ptr", "5.17", "6.9");
  ("try_grab_folio", "LOCKED_GET", "status", "6.10", "");
  ("try_grab_page", "LOCKED_GET", "status", "6.2", "6.10") ]
