/// Driver test fixture: a rule that reports a rule id not in rules.def.
virtual report

@r depends on report@
identifier f;
position pos;
@@
f@pos(...) { ... }

@script:ocaml depends on report@
pos << r.pos;
@@
let p = List.hd pos in
Printf.printf "%s:%d:%d: warning: fixture [ptwalk-no-such-rule]\n"
  p.Coccilib.file p.Coccilib.line (p.Coccilib.col + 1)
