/// Driver test fixture: a rule whose script raises an exception.
virtual report

@r depends on report@
identifier f;
@@
f(...) { ... }

@script:ocaml depends on report@
f << r.f;
@@
failwith ("fixture failure in " ^ f)
