/// Driver test fixture, not the real rule: the shapes a shared run must
/// keep apart.  It and torn-read.cocci declare the same rule names (r,
/// named) and OCaml names (emit, seen, kind), and embed one model.
// Options: --no-includes --include-headers
// Prefilter: get_page_unless_zero
virtual report
virtual org

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
(* A type of the rule's, in a table its scripts fill. *)
type kind = Pin of string
let seen = Hashtbl.create 4
let emit p what =
  Printf.printf "%s:%d:%d: warning: %s [ptwalk-numa-hint]\n"
    p.Coccilib.file p.Coccilib.line (p.Coccilib.col + 1) what

@r depends on report
   && walker_pin@
identifier fn : script:ocaml () { Hashtbl.mem model_pins fn };
expression e;
position pos;
@@
fn(...) { <+... get_page_unless_zero@pos(e) ...+> }

@script:ocaml named depends on r@
pos << r.pos;
e << r.e;
@@
Hashtbl.replace seen (Pin e) (List.hd pos)

// A caller of a pinning function, other than itself.
@caller depends on named@
identifier r.fn;
identifier g : script:ocaml (fn) { not (String.equal g fn) };
position q;
@@
g(...) { <+... fn@q(...) ...+> }

@script:ocaml@
q << caller.q;
fn << r.fn;
@@
emit (List.hd q) ("fixture call of " ^ fn)

@finalize:ocaml@
@@
()

@script:ocaml depends on r@
@@
Hashtbl.iter (fun (Pin e) p -> emit p ("fixture pin of " ^ e)) seen;
Hashtbl.reset seen
