/// Driver test fixture: reports a call of a function defined in the same
/// group of files.  ptwalk gives spatch one group per file, so a caller
/// is never paired with a callee from another file.
virtual report

@def@
identifier f;
@@
f(...) { ... }

@call depends on report@
identifier def.f;
position pos;
@@
f@pos(...)

@script:ocaml depends on report@
pos << call.pos;
f << def.f;
@@
let p = List.hd pos in
Printf.printf "%s:%d:%d: warning: fixture call of %s [ptwalk-torn-read]\n"
  p.Coccilib.file p.Coccilib.line (p.Coccilib.col + 1) f
