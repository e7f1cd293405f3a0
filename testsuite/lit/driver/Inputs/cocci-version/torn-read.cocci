/// Driver test fixture, not the real rule: reports each function with the
/// kernel version the driver passed as -D kernel_version, or "none".
// API roles: none
virtual report

@initialize:ocaml@
@@
let version = ref "none"

@script:ocaml@
v << virtual.kernel_version;
@@
version := v

@r depends on report@
identifier f;
position pos;
@@
f@pos(...) { ... }

@script:ocaml depends on report@
pos << r.pos;
@@
let p = List.hd pos in
Printf.printf "%s:%d:%d: warning: kernel %s [ptwalk-torn-read]\n"
  p.Coccilib.file p.Coccilib.line (p.Coccilib.col + 1) !version
