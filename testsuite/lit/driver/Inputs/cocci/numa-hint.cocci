/// Driver test fixture, not the real rule: reports every
/// get_page_unless_zero() call.
// API roles: none
virtual report

@r depends on report@
expression e;
position pos;
@@
get_page_unless_zero@pos(e)

@script:ocaml depends on report@
pos << r.pos;
@@
let p = List.hd pos in
Printf.printf "%s:%d:%d: warning: fixture pin [ptwalk-numa-hint]\n"
  p.Coccilib.file p.Coccilib.line (p.Coccilib.col + 1)
