/// Driver test fixture: the Options header reaches spatch's command line,
/// and spatch rejects this option.
// Options: --ptwalk-no-such-spatch-option
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
Printf.printf "%s:%d:%d: warning: fixture [ptwalk-torn-read]\n"
  p.Coccilib.file p.Coccilib.line (p.Coccilib.col + 1)
