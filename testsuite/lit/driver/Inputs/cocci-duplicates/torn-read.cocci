/// Driver test fixture: reports every finding twice, as a rule reaching
/// the same read along two paths would.
virtual report

@r depends on report@
expression p;
position pos;
@@
READ_ONCE@pos(*p)

@script:ocaml depends on report@
pos << r.pos;
@@
let p = List.hd pos in
for _i = 1 to 2 do
  Printf.printf "%s:%d:%d: warning: fixture read [ptwalk-torn-read]\n"
    p.Coccilib.file p.Coccilib.line (p.Coccilib.col + 1)
done
