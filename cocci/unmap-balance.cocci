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
/// The patch mode makes the unmap of a cursor unmap the mapping: the local
/// that holds it (ptem of ptem = ptep = pte_offset_map(), or the map's own
/// local when the cursor is a copy), stored once and never advanced; where
/// only the cursor holds it, a new local ptem, declared on the line after
/// the cursor and stored with it, as mm/gup.c's gup_pte_range() had it.  No fix where
/// the cursor is mapped more than once, or the file already names ptem.
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
virtual patch

@initialize:ocaml@
@@
(* Findings are printed as they are found: under spatch --jobs each
   worker has its own memory, and a finalize rule would see none. *)
let org_mode = ref false
(* The patch mode alone (make coccicheck MODE=patch) prints the diff only. *)
let patch_only = ref false
let printed = Hashtbl.create 16
let emit p msg =
  let key = (p.Coccilib.file, p.Coccilib.line, p.Coccilib.col) in
  if not !patch_only && not (Hashtbl.mem printed key) then begin
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

let pos_key p = (p.Coccilib.file, p.Coccilib.line, p.Coccilib.col)

(* For the patch mode, per function: the locals advanced, the positions
   each local is stored at, the holder h of h = m = map(...) by m, where
   each map is (pos_key, whether it is the declaration's initialiser),
   and where each local is declared without one; keyed by fn_of and a
   local's name. *)
type site = string * int * int
let advanced : ((string * string) * string, unit) Hashtbl.t = Hashtbl.create 8
let stored_at : ((string * string) * string, site) Hashtbl.t = Hashtbl.create 16
let chain_holder : ((string * string) * string, string) Hashtbl.t = Hashtbl.create 4
let map_sites : ((string * string) * string, site * bool) Hashtbl.t = Hashtbl.create 8
let decl_sites : ((string * string) * string, site) Hashtbl.t = Hashtbl.create 8
(* The fixes chosen, by function: the cursor, the local its unmaps take
   instead, and whether that local is new (declared after the cursor's
   declaration, or after the declaration that maps). *)
type kept = Holder | Declare of bool
let fn_fix : (string, string * string * kept) Hashtbl.t = Hashtbl.create 4

let stores f v = List.length (Hashtbl.find_all stored_at (f, v))

(* Whether lines FROM..TO of FILE name W as a whole word: the name a fix
   declares must be free in the function (the Clang engine asks the same
   of the function's text). *)
let lines_have_word file from upto w =
  let ident c = c = '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9') in
  let has text =
    let lw = String.length w and lt = String.length text in
    let rec at i =
      i + lw <= lt
      && ((String.sub text i lw = w && (i = 0 || not (ident text.[i - 1]))
           && (i + lw = lt || not (ident text.[i + lw])))
          || at (i + 1)) in
    at 0 in
  try
    let ic = open_in_bin file in
    let rec scan n found =
      match input_line ic with
      | line -> scan (n + 1) (found || (n >= from && n <= upto && has line))
      | exception End_of_file -> found in
    let found = scan 1 false in
    close_in ic; found
  with Sys_error _ -> true

let fn_has_word p w =
  lines_have_word p.Coccilib.file p.Coccilib.current_element_line
    p.Coccilib.current_element_line_end w

let kept_name = "ptem"

(* The fix of the unmap of cursor C at P: the local it should unmap, and
   whether that local is new, or None. *)
let choose_cursor_fix p c =
  let f = fn_of p in
  (* Each map once: SmPL's isomorphisms let m = map(...) match the
     declaration pte_t *m = map(...) too. *)
  let maps =
    List.sort_uniq compare
      (List.filter_map (fun ((f', m), (pos, _)) ->
           if f' = f && in_group f m c then Some (m, pos) else None)
         (Hashtbl.fold (fun k v acc -> (k, v) :: acc) map_sites [])) in
  let maps = List.map fst maps in
  let holds v = v <> c && not (Hashtbl.mem advanced (f, v)) && stores f v = 1 in
  match maps with
  | [m] when m <> c -> if holds m then Some (m, Holder) else None
  | [m] ->
      (match Hashtbl.find_opt chain_holder (f, m) with
       | Some h when holds h -> Some (h, Holder)
       | _ ->
           if stores f c <> 1 || fn_has_word p kept_name then None
           else
             (let sites = Hashtbl.find_all map_sites (f, c) in
              if List.exists snd sites then Some (kept_name, Declare true)
              else if sites <> [] && Hashtbl.mem decl_sites (f, c) then
                Some (kept_name, Declare false)
              else None))
  | _ -> None

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
Hashtbl.reset mapped_vars;
Hashtbl.reset advanced;
Hashtbl.reset stored_at;
Hashtbl.reset chain_holder;
Hashtbl.reset map_sites;
Hashtbl.reset decl_sites;
Hashtbl.reset fn_fix

@script:ocaml depends on org@
@@
org_mode := true

@script:ocaml depends on patch && !report && !org@
@@
patch_only := true

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
if not (Hashtbl.mem map_sites (fn_of p, m)) then
  Hashtbl.add map_sites (fn_of p, m) (pos_key p, false);
Hashtbl.add mapped_vars (fn_of p) m;
if not (held_elsewhere (fn_of p) m) then
  emit p (Printf.sprintf "the pte table mapped into '%s' is never unmapped: pte_unmap() it on every path" m)

@script:ocaml@
m << mapped_decl.m;
pm << mapped_decl.pm;
@@
let p = List.hd pm in
Hashtbl.add map_sites (fn_of p, m) (pos_key p, true);
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

// What the patch mode needs to know of the locals: advances, stores,
// ptem = ptep = map(...), and plain declarations.
@ub_advance depends on patch@
typedef pte_t;
local idexpression pte_t *c;
expression e;
position p;
@@
\(c++@p\|++c@p\|c--@p\|--c@p\|c += e@p\|c -= e@p\|c = c + e@p\)

@script:ocaml@
c << ub_advance.c;
p << ub_advance.p;
@@
Hashtbl.replace advanced (fn_of (List.hd p), c) ()

@ub_store depends on patch@
typedef pte_t;
local idexpression pte_t *v;
expression e;
position p;
@@
v@p = e

@script:ocaml@
v << ub_store.v;
p << ub_store.p;
@@
let p = List.hd p in
if not (List.mem (pos_key p) (Hashtbl.find_all stored_at (fn_of p, v))) then
  Hashtbl.add stored_at (fn_of p, v) (pos_key p)

@ub_store_decl depends on patch@
typedef pte_t;
identifier v;
expression e;
position p;
@@
pte_t *v@p = e;

@script:ocaml@
v << ub_store_decl.v;
p << ub_store_decl.p;
@@
let p = List.hd p in
if not (List.mem (pos_key p) (Hashtbl.find_all stored_at (fn_of p, v))) then
  Hashtbl.add stored_at (fn_of p, v) (pos_key p)

@ub_chain depends on patch@
typedef pte_t;
local idexpression pte_t *h, m;
identifier map = {pte_offset_map, pte_offset_map_lock, pte_offset_map_nolock,
                  pte_alloc_map, pte_alloc_map_lock};
position p;
@@
h@p = m = map(...)

@script:ocaml@
h << ub_chain.h;
m << ub_chain.m;
p << ub_chain.p;
@@
Hashtbl.replace chain_holder (fn_of (List.hd p), m) h

@ub_decl_site depends on patch@
typedef pte_t;
identifier c;
position pd;
@@
pte_t *c@pd;

@script:ocaml@
c << ub_decl_site.c;
pd << ub_decl_site.pd;
@@
let p = List.hd pd in
Hashtbl.replace decl_sites (fn_of p, c) (pos_key p)

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

@script:ocaml depends on patch@
c << cursor.c;
pu << cursor.pu;
@@
let p = List.hd pu in
if List.exists (fun m -> in_group (fn_of p) m c) (Hashtbl.find_all mapped_vars (fn_of p)) then
  match choose_cursor_fix p c with
  | Some (kept, how) -> Hashtbl.replace fn_fix p.Coccilib.current_element (c, kept, how)
  | None -> ()

// The patch mode's edits.  Code a rule has modified cannot be found by
// the positions found before, so each edit finds its function by name,
// and there the cursor by name: every unmap of the cursor in a function
// where one is reported unmaps the kept local (which holds the mapping
// on every path, so this is right for all of them).
@ub_fn depends on patch@
identifier fn : script:ocaml () { Hashtbl.mem fn_fix fn };
@@
fn(...) { ... }

@script:ocaml ub_names@
fn << ub_fn.fn;
c;
kept;
@@
let (cv, k, _) = Hashtbl.find fn_fix fn in
c := make_ident cv;
kept := make_ident k

@depends on patch@
identifier ub_fn.fn, ub_names.c, ub_names.kept;
@@
fn(...) {
<...
(
pte_unmap(
- c
+ kept
  )
|
pte_unmap_unlock(
- c
+ kept
  , ...)
)
...>
}

@ub_new depends on patch@
identifier fn : script:ocaml () {
  match Hashtbl.find_opt fn_fix fn with Some (_, _, Declare false) -> true | _ -> false };
@@
fn(...) { ... }

@script:ocaml ub_new_names@
fn << ub_new.fn;
c;
kept;
@@
let (cv, k, _) = Hashtbl.find fn_fix fn in
c := make_ident cv;
kept := make_ident k

// ptep = pte_offset_map(...): ptem = ptep = pte_offset_map(...), and
// pte_t *ptem; on the line after ptep's declaration.
@depends on patch@
identifier ub_new.fn, ub_new_names.c, ub_new_names.kept;
identifier map = {pte_offset_map, pte_offset_map_lock, pte_offset_map_nolock,
                  pte_alloc_map, pte_alloc_map_lock};
expression list es;
@@
fn(...) {
<...
- c = map(es)
+ kept = c = map(es)
...>
}

@depends on patch@
typedef pte_t;
identifier ub_new.fn, ub_new_names.c, ub_new_names.kept;
@@
fn(...) {
... when any
  pte_t *c;
+ pte_t *kept;
... when any
}

@ub_new_init depends on patch@
identifier fn : script:ocaml () {
  match Hashtbl.find_opt fn_fix fn with Some (_, _, Declare true) -> true | _ -> false };
@@
fn(...) { ... }

@script:ocaml ub_new_init_names@
fn << ub_new_init.fn;
c;
kept;
@@
let (cv, k, _) = Hashtbl.find fn_fix fn in
c := make_ident cv;
kept := make_ident k

// pte_t *ptep = pte_offset_map(...): pte_t *ptem = ptep; after it.
@depends on patch@
typedef pte_t;
identifier ub_new_init.fn, ub_new_init_names.c, ub_new_init_names.kept;
identifier map = {pte_offset_map, pte_offset_map_lock, pte_offset_map_nolock,
                  pte_alloc_map, pte_alloc_map_lock};
expression list es;
@@
fn(...) {
... when any
  pte_t *c = map(es);
+ pte_t *kept = c;
... when any
}
