/// Driver test fixture, not the real rule: reports every single-access
/// read of a dereference, so driver tests do not depend on cocci/.
// Options: --no-includes --include-headers
// API roles: none
// Prefilter: SPEC_GETS
virtual report

@r depends on report@
expression p;
position pos;
@@
(
 READ_ONCE@pos(*p)
|
 ACCESS_ONCE@pos(*p)
)

@script:ocaml depends on report@
pos << r.pos;
@@
let p = List.hd pos in
Printf.printf "%s:%d:%d: warning: fixture read [ptwalk-torn-read]\n"
  p.Coccilib.file p.Coccilib.line (p.Coccilib.col + 1)
