/// Driver test fixture: a rule that prints something that is no finding.
virtual report

@r depends on report@
identifier f;
@@
f(...) { ... }

@script:ocaml depends on report@
f << r.f;
@@
Printf.printf "debug: saw %s\n" f
