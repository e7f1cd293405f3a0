// SPDX-License-Identifier: GPL-2.0-only
/// Every pte table mapped with pte_offset_map() (or pte_offset_map_lock(),
/// pte_offset_map_nolock(), pte_alloc_map[_lock]()) must be unmapped with
/// pte_unmap()/pte_unmap_unlock() of the pointer the map returned, on
/// every path.  With HIGHPTE the map is a kmap: an unmap of another
/// address releases the wrong kmap slot, a missing one leaks it; since
/// 6.5 the map also takes rcu_read_lock(), which only pte_unmap() drops.
///
/// Reported, for a mapping stored in a local:
///  - the unmap of a cursor (ptep++ or ptep += n) on a path where the last
///    step is not followed by any use of the cursor: after the loop that
///    advanced it, it can point past the table (why the seed keeps ptem);
///  - a return that some path from the map reaches without an unmap, when
///    the function unmaps the mapping elsewhere;
///  - the map, when nothing in the function unmaps it and it does not
///    escape (stored into a structure or through a pointer, returned, or
///    passed to a function of the file that unmaps or stores away the
///    pointer it is given), and a map whose value is discarded.
/// The NULL that a failed map returns (6.5 on) holds nothing: the branch
/// of `if (!ptep)` right after the map needs no unmap, and a function
/// that unmaps under a condition (if (ptep) pte_unmap(ptep)) is not
/// checked for early returns.  The rule applies
/// to every function, not only lockless walkers: the balance is the same
/// under the page-table lock.
///
// Confidence: High
// Copyright: (C) 2026 The ptwalk authors.
// Options: --no-includes --include-headers
// Requires: 1.1.1
// Keywords: pte_offset_map, pte_unmap, kmap_atomic, HIGHPTE, rcu
// API roles: PTE_MAP, PTE_UNMAP
// Prefilter: PTE_MAP pte_offset_map_lock

virtual report
virtual org

@initialize:ocaml@
@@
(* Findings are printed as they are found: under spatch --jobs each
   worker has its own memory, and a finalize rule would see none. *)
let org_mode = ref false
let printed = Hashtbl.create 16
let emit p msg =
  let key = (p.Coccilib.file, p.Coccilib.line, p.Coccilib.col) in
  if not (Hashtbl.mem printed key) then begin
    Hashtbl.add printed key ();
    let msg = msg ^ " [ptwalk-unmap-balance]" in
    if !org_mode then Coccilib.print_todo ~msg p
    else
      Printf.printf "%s:%d:%d: warning: %s\n%!" p.Coccilib.file
        p.Coccilib.line (p.Coccilib.col + 1) msg
  end

let fn_of p = (p.Coccilib.file, p.Coccilib.current_element)

(* Per function: the locals that hold a mapping or a pointer copied from
   one (ptem = ptep = pte_offset_map(), orig_pte = pte), as alias pairs;
   the locals unmapped, and those that escape. *)
let aliases = Hashtbl.create 16
let unmapped = Hashtbl.create 16
let escaped = Hashtbl.create 16
(* Functions of the file that unmap a pointer they are passed, or store
   it into a structure for a later unmap (6.12's pfnmap_args_setup()). *)
let unmappers = Hashtbl.create 8
(* Locals unmapped under a condition, if (ptep) pte_unmap(ptep): the paths
   that skip such an unmap hold NULL or a mapping the code knows it did not
   take (mm/pagewalk.c), which SmPL cannot tell, so their returns are not
   reported. *)
let cond_unmapped = Hashtbl.create 8
(* The locals a map is stored in, per function. *)
let mapped_vars = Hashtbl.create 8
(* Maps followed at once by a test for NULL: checked from after it. *)
let null_tested = Hashtbl.create 8

(* The locals holding the mapping of V in function F, V included. *)
let group f v =
  let rec grow seen = function
    | [] -> seen
    | x :: rest ->
        if List.mem x seen then grow seen rest
        else
          let next =
            List.filter_map (fun (a, b) ->
                if a = x then Some b else if b = x then Some a else None)
              (Hashtbl.find_all aliases f) in
          grow (x :: seen) (List.rev_append next rest) in
  grow [] [v]

let unmapped_in f v =
  List.exists (fun x -> Hashtbl.mem unmapped (f, x)) (group f v)

let held_elsewhere f v =
  unmapped_in f v
  || List.exists (fun x -> Hashtbl.mem escaped (f, x)) (group f v)

(* Returns of a local, by position of the return. *)
let returned_at = Hashtbl.create 8
let returns_mapping f v r =
  List.exists (fun x ->
      Hashtbl.mem returned_at
        ((r.Coccilib.file, r.Coccilib.line, r.Coccilib.col), x))
    (group f v)

let in_group f v x = List.mem x (group f v)

// Runs first for every file: what one file shows must not leak into the
// next.
@script:ocaml@
@@
Hashtbl.reset aliases;
Hashtbl.reset unmapped;
Hashtbl.reset escaped;
Hashtbl.reset unmappers;
Hashtbl.reset null_tested;
Hashtbl.reset cond_unmapped;
Hashtbl.reset returned_at;
Hashtbl.reset mapped_vars

@script:ocaml depends on org@
@@
org_mode := true

@unmapper@
typedef pte_t;
identifier fn, p;
expression e;
identifier fld;
@@
fn(..., pte_t *p, ...) {
  <+... \(pte_unmap(p)\|pte_unmap_unlock(p, ...)\|e->fld = p\|e.fld = p\) ...+>
}

@script:ocaml@
fn << unmapper.fn;
@@
Hashtbl.replace unmappers fn ()

@alias@
typedef pte_t;
local idexpression pte_t *a, b;
position p;
@@
a@p = b

@script:ocaml@
a << alias.a;
b << alias.b;
p << alias.p;
@@
Hashtbl.add aliases (fn_of (List.hd p)) (a, b)

@alias_chain@
typedef pte_t;
local idexpression pte_t *a, b;
expression e;
position p;
@@
a@p = b = e

@script:ocaml@
a << alias_chain.a;
b << alias_chain.b;
p << alias_chain.p;
@@
Hashtbl.add aliases (fn_of (List.hd p)) (a, b)

@alias_decl@
typedef pte_t;
identifier a;
local idexpression pte_t *b;
position p;
@@
pte_t *a@p = b;

@script:ocaml@
a << alias_decl.a;
b << alias_decl.b;
p << alias_decl.p;
@@
Hashtbl.add aliases (fn_of (List.hd p)) (a, b)

@unmap@
typedef pte_t;
local idexpression pte_t *v;
expression e;
position p;
@@
\(pte_unmap@p(v)\|pte_unmap@p(v - e)\|pte_unmap_unlock@p(v, ...)\|pte_unmap_unlock@p(v - e, ...)\)

@script:ocaml@
v << unmap.v;
p << unmap.p;
@@
Hashtbl.replace unmapped (fn_of (List.hd p), v) ()

@cond_unmap@
typedef pte_t;
local idexpression pte_t *t;
expression E;
position p;
@@
if (E) \(pte_unmap@p(t);\|pte_unmap_unlock@p(t, ...);\)

@script:ocaml@
t << cond_unmap.t;
p << cond_unmap.p;
@@
Hashtbl.replace cond_unmapped (fn_of (List.hd p), t) ()

@cond_unmap_block exists@
typedef pte_t;
local idexpression pte_t *t;
expression E;
position p;
@@
if (E) { ... \(pte_unmap@p(t);\|pte_unmap_unlock@p(t, ...);\) ... }

@script:ocaml@
t << cond_unmap_block.t;
p << cond_unmap_block.p;
@@
Hashtbl.replace cond_unmapped (fn_of (List.hd p), t) ()

@escape@
typedef pte_t;
local idexpression pte_t *v;
expression e, e2;
identifier fld;
identifier h : script:ocaml () { Hashtbl.mem unmappers h };
position p;
@@
(
e->fld = v@p
|
e.fld = v@p
|
 (*e) = v@p
|
h(..., v@p, ...)
|
h(..., v@p - e2, ...)
)

@script:ocaml@
v << escape.v;
p << escape.p;
@@
Hashtbl.replace escaped (fn_of (List.hd p), v) ()

// Returns of the mapping itself hand it to the caller.
@returns_local@
typedef pte_t;
local idexpression pte_t *v;
position pr;
@@
return@pr v;

@script:ocaml@
v << returns_local.v;
pr << returns_local.pr;
@@
let p = List.hd pr in
Hashtbl.replace returned_at ((p.Coccilib.file, p.Coccilib.line, p.Coccilib.col), v) ();
Hashtbl.replace escaped (fn_of p, v) ()

// The mappings kept in a local.
@mapped@
typedef pte_t;
local idexpression pte_t *m;
identifier map = {pte_offset_map, pte_offset_map_lock, pte_offset_map_nolock,
                  pte_alloc_map, pte_alloc_map_lock};
position pm;
@@
m = map@pm(...)

@mapped_decl@
identifier m;
identifier map = {pte_offset_map, pte_offset_map_lock, pte_offset_map_nolock,
                  pte_alloc_map, pte_alloc_map_lock};
position pm;
@@
pte_t *m = map@pm(...);

@script:ocaml@
m << mapped.m;
pm << mapped.pm;
@@
let p = List.hd pm in
Hashtbl.add mapped_vars (fn_of p) m;
if not (held_elsewhere (fn_of p) m) then
  emit p (Printf.sprintf "the pte table mapped into '%s' is never unmapped: pte_unmap() it on every path" m)

@script:ocaml@
m << mapped_decl.m;
pm << mapped_decl.pm;
@@
let p = List.hd pm in
Hashtbl.add mapped_vars (fn_of p) m;
if not (held_elsewhere (fn_of p) m) then
  emit p (Printf.sprintf "the pte table mapped into '%s' is never unmapped: pte_unmap() it on every path" m)

@discarded@
identifier map = {pte_offset_map, pte_offset_map_lock, pte_offset_map_nolock,
                  pte_alloc_map, pte_alloc_map_lock};
position pm;
@@
map@pm(...);

@script:ocaml@
pm << discarded.pm;
@@
emit (List.hd pm) "the pte table mapped here is never unmapped: the pointer pte_offset_map() returned is dropped"

// A NULL test right after the map: the walk starts after it.
@tested@
typedef pte_t;
local idexpression pte_t *mapped.m;
identifier mapped.map;
position mapped.pm;
local idexpression pte_t *t;
expression a;
statement S;
@@
\(m = map@pm(...);\|a = m = map@pm(...);\)
... when != m
if (\(!t\|t == NULL\|unlikely(!t)\|WARN_ON(!t)\|WARN_ON_ONCE(!t)\)) S

@script:ocaml@
m << mapped.m;
t << tested.t;
pm << mapped.pm;
@@
let p = List.hd pm in
if in_group (fn_of p) m t then
  Hashtbl.replace null_tested (p.Coccilib.file, p.Coccilib.line, p.Coccilib.col) ()

@tested_decl@
typedef pte_t;
identifier mapped_decl.m;
identifier mapped_decl.map;
position mapped_decl.pm;
local idexpression pte_t *t;
statement S;
@@
pte_t *m = map@pm(...);
... when != m
if (\(!t\|t == NULL\|unlikely(!t)\|WARN_ON(!t)\|WARN_ON_ONCE(!t)\)) S

@script:ocaml@
m << mapped_decl.m;
t << tested_decl.t;
pm << mapped_decl.pm;
@@
let p = List.hd pm in
if in_group (fn_of p) m t then
  Hashtbl.replace null_tested (p.Coccilib.file, p.Coccilib.line, p.Coccilib.col) ()

@leak exists@
typedef pte_t;
local idexpression pte_t *mapped.m;
identifier mapped.map;
position mapped.pm;
identifier h : script:ocaml () { Hashtbl.mem unmappers h };
expression e;
identifier fld;
position pr;
@@
m = map@pm(...)
... when != \(pte_unmap(...)\|pte_unmap_unlock(...)\|h(...)\)
    when != \(e->fld = m\|(*e) = m\)
return@pr ...;

@leak_tested exists@
typedef pte_t;
local idexpression pte_t *mapped.m;
identifier mapped.map;
position mapped.pm;
local idexpression pte_t *t;
expression a;
statement S;
identifier h : script:ocaml () { Hashtbl.mem unmappers h };
expression e;
identifier fld;
position pr;
@@
\(m = map@pm(...);\|a = m = map@pm(...);\)
... when != m
if (\(!t\|t == NULL\|unlikely(!t)\|WARN_ON(!t)\|WARN_ON_ONCE(!t)\)) S
... when != \(pte_unmap(...)\|pte_unmap_unlock(...)\|h(...)\)
    when != \(e->fld = m\|(*e) = m\)
return@pr ...;

@leak_tested_decl exists@
typedef pte_t;
identifier mapped_decl.m;
identifier mapped_decl.map;
position mapped_decl.pm;
local idexpression pte_t *t;
statement S;
identifier h : script:ocaml () { Hashtbl.mem unmappers h };
expression e;
identifier fld;
position pr;
@@
pte_t *m = map@pm(...);
... when != m
if (\(!t\|t == NULL\|unlikely(!t)\|WARN_ON(!t)\|WARN_ON_ONCE(!t)\)) S
... when != \(pte_unmap(...)\|pte_unmap_unlock(...)\|h(...)\)
    when != \(e->fld = m\|(*e) = m\)
return@pr ...;

@script:ocaml@
m << mapped.m;
pm << mapped.pm;
pr << leak.pr;
@@
let p = List.hd pm and r = List.hd pr in
let f = fn_of p in
if unmapped_in f m && not (returns_mapping f m r)
   && not (List.exists (fun x -> Hashtbl.mem cond_unmapped (f, x)) (group f m))
   && not (Hashtbl.mem null_tested (p.Coccilib.file, p.Coccilib.line, p.Coccilib.col)) then
  emit r (Printf.sprintf "returns with the pte table mapped at line %d ('%s') still mapped: pte_unmap() it on this path" p.Coccilib.line m)

@script:ocaml@
m << mapped.m;
pm << mapped.pm;
pr << leak_tested.pr;
@@
let p = List.hd pm and r = List.hd pr in
let f = fn_of p in
if unmapped_in f m && not (returns_mapping f m r)
   && not (List.exists (fun x -> Hashtbl.mem cond_unmapped (f, x)) (group f m)) then
  emit r (Printf.sprintf "returns with the pte table mapped at line %d ('%s') still mapped: pte_unmap() it on this path" p.Coccilib.line m)

@script:ocaml@
m << mapped_decl.m;
pm << mapped_decl.pm;
pr << leak_tested_decl.pr;
@@
let p = List.hd pm and r = List.hd pr in
let f = fn_of p in
if unmapped_in f m && not (returns_mapping f m r)
   && not (List.exists (fun x -> Hashtbl.mem cond_unmapped (f, x)) (group f m)) then
  emit r (Printf.sprintf "returns with the pte table mapped at line %d ('%s') still mapped: pte_unmap() it on this path" p.Coccilib.line m)

// The unmap of a cursor the function advanced, with no use of the cursor
// between the last step and the unmap: it may point past the table.
@cursor exists@
typedef pte_t;
local idexpression pte_t *c;
expression e;
position pa, pu;
@@
\(c++@pa\|++c@pa\|c += e@pa\|c = c + e@pa\)
... when != c
\(pte_unmap@pu(c)\|pte_unmap_unlock@pu(c, ...)\)

@script:ocaml@
c << cursor.c;
pu << cursor.pu;
@@
let p = List.hd pu in
let f = fn_of p in
if List.exists (fun m -> in_group f m c) (Hashtbl.find_all mapped_vars f) then
emit p (Printf.sprintf "unmaps the cursor '%s', advanced since the map, which may point past the pte table: unmap the pointer the map returned" c)
