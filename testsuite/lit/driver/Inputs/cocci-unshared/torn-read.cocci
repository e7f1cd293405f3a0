/// Driver test fixture, not the real rule: the other half of
/// numa-hint.cocci's shapes, with the same names.
// Options: --no-includes --include-headers
virtual report
virtual org
virtual patch

// BEGIN cocci/model/walker.smpl (a fixture model)
@initialize:ocaml@
@@
let model_pins = Hashtbl.create 4

@script:ocaml@
@@
Hashtbl.reset model_pins

@walker_pin@
position p;
@@
get_page_unless_zero@p(...)

@script:ocaml@
p << walker_pin.p;
@@
Hashtbl.replace model_pins (List.hd p).Coccilib.current_element ()
// END cocci/model/walker.smpl

@initialize:ocaml@
@@
type kind = Read of int
let seen = Hashtbl.create 4
let emit p what =
  Printf.printf "%s:%d:%d: warning: %s [ptwalk-torn-read]\n"
    p.Coccilib.file p.Coccilib.line (p.Coccilib.col + 1) what

@r depends on report@
expression p;
position pos;
@@
\(READ_ONCE@pos(*p)\|ACCESS_ONCE@pos(*p)\)

@script:ocaml named depends on r@
pos << r.pos;
@@
let pos = List.hd pos in
Hashtbl.replace seen (Read pos.Coccilib.line) pos

@script:ocaml depends on named && !patch@
@@
Hashtbl.iter (fun (Read line) p ->
    emit p (Printf.sprintf "fixture read on line %d" line)) seen;
Hashtbl.reset seen
