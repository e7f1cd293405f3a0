// SPDX-License-Identifier: GPL-2.0-only
/// The re-check after a speculative pin is only worth something when it
/// compares the snapshot with a fresh read of the same entry.  Comparing
/// the snapshot with itself, with a copy taken before the pin, or with an
/// entry read through another pointer (the pte table base instead of the
/// cursor) always agrees, and the page is published even though its entry
/// changed under the walker.
///
// Confidence: High
// Copyright: (C) 2026 The ptwalk authors.
// Options: --no-includes --include-headers
// Requires: 1.1.1
// Keywords: gup, fast gup, speculative reference, re-check
// API roles: SPEC_GET, READ_ONCE_ACCESS, SAFE_READ, ENTRY_VAL, ENTRY_SAME

virtual report
virtual org

@initialize:ocaml@
@@
(* Snapshots of each pinning function, keyed by (file, line of the
   function's name, variable), with the entry pointers each was read
   through (none for a parameter passed without its pointer). *)
let snapshots = Hashtbl.create 32

let key fp s = ((List.hd fp).Coccilib.file, (List.hd fp).Coccilib.line, s)

let add_snapshot fp s p =
  let k = key fp s in
  let old = try Hashtbl.find snapshots k with Not_found -> [] in
  let ptrs = if p = "" || List.mem p old then old else p :: old in
  Hashtbl.replace snapshots k ptrs

let org_mode = ref false
let findings = ref []

let emit q fn msg =
  let p = List.hd q in
  findings := (p.Coccilib.file, p.Coccilib.line, p.Coccilib.col,
               Printf.sprintf "re-check in %s() %s" fn msg, p) :: !findings

@script:ocaml depends on org@
@@
org_mode := true

// ---------------------------------------------------------------------
// Functions that take a speculative reference: the only ones examined.

@pinfn exists@
identifier fn;
identifier spec = {page_cache_get_speculative, page_cache_add_speculative,
                   get_page_unless_zero, folio_try_get_rcu,
                   try_get_compound_head, try_grab_compound_head,
                   try_grab_folio, try_grab_page, try_get_page};
position fp;
@@
fn@fp(...) {
... when any
spec(...)
... when any
}

// ---------------------------------------------------------------------
// Snapshots and the pointers they were read through.  A read on a path
// that took a page-table lock is no snapshot: it needs no re-check.

@snap_local exists@
identifier pinfn.fn, s;
position pinfn.fp;
typedef pte_t, pmd_t, pud_t, p4d_t, pgd_t;
type T = {pte_t, pmd_t, pud_t, p4d_t, pgd_t};
idexpression T se;
expression p;
identifier lock = {pte_offset_map_lock, pmd_lock, pud_lock, huge_pte_lock,
                   pmd_trans_huge_lock, pud_trans_huge_lock, spin_lock,
                   assert_spin_locked, lockdep_assert_held};
@@
fn@fp(...) {
... when != lock(...)
(
T s = \(*p\|ACCESS_ONCE(*p)\|READ_ONCE(*p)\|ptep_get(p)\|ptep_get_lockless(p)\|pmdp_get(p)\|pmdp_get_lockless(p)\|gup_get_pte(p)\|gup_get_pmd(p)\|huge_ptep_get(p)\);
|
se = \(*p\|ACCESS_ONCE(*p)\|READ_ONCE(*p)\|ptep_get(p)\|ptep_get_lockless(p)\|pmdp_get(p)\|pmdp_get_lockless(p)\|gup_get_pte(p)\|gup_get_pmd(p)\|huge_ptep_get(p)\);
)
... when any
}

@script:ocaml@
fp << pinfn.fp;
s << snap_local.s = "";
se << snap_local.se = "";
p << snap_local.p;
@@
add_snapshot fp (if s = "" then se else s) p

// An entry passed by value is the caller's snapshot; its pointer, when
// passed along, is the one to re-read.

@snap_val@
identifier pinfn.fn, s;
position pinfn.fp;
type T = {pte_t, pmd_t, pud_t, p4d_t, pgd_t};
@@
fn@fp(..., T s, ...) { ... }

@snap_ptr@
identifier pinfn.fn, p;
position pinfn.fp;
type snap_val.T;
@@
fn@fp(..., T *p, ...) { ... }

@script:ocaml@
fp << pinfn.fp;
s << snap_val.s;
p << snap_ptr.p = "";
@@
add_snapshot fp s p

// ---------------------------------------------------------------------
// Comparisons after the pin.  The snapshot side s must not be assigned
// between the pin and the comparison: if it is, s is the fresh read and
// the other operand the snapshot.

@entry depends on snap_local || snap_val exists@
identifier pinfn.fn;
position pinfn.fp;
type T = {pte_t, pmd_t, pud_t, p4d_t, pgd_t};
idexpression T s;
@@
fn@fp(...) {
... when any
s
... when any
}

// The other operand is a read through a pointer: stale when that pointer
// is not one the snapshot was read through.
@read_cmp exists@
identifier pinfn.fn;
position pinfn.fp;
type entry.T;
idexpression T entry.s;
identifier spec = {page_cache_get_speculative, page_cache_add_speculative,
                   get_page_unless_zero, folio_try_get_rcu,
                   try_get_compound_head, try_grab_compound_head,
                   try_grab_folio, try_grab_page, try_get_page};
identifier val = {pte_val, pmd_val, pud_val, p4d_val, pgd_val};
identifier same = {pte_same, pmd_same};
identifier rd = {ACCESS_ONCE, READ_ONCE, ptep_get, ptep_get_lockless,
                 pmdp_get, pmdp_get_lockless, gup_get_pte, gup_get_pmd,
                 huge_ptep_get};
expression p, e;
position q;
@@
fn@fp(...) {
... when any
spec(...)
... when != s = e
(
val(s) != val(\(*p@q\|rd(*p@q)\|rd(p@q)\))
|
val(\(*p@q\|rd(*p@q)\|rd(p@q)\)) != val(s)
|
val(s) == val(\(*p@q\|rd(*p@q)\|rd(p@q)\))
|
val(\(*p@q\|rd(*p@q)\|rd(p@q)\)) == val(s)
|
same(s, \(*p@q\|rd(*p@q)\|rd(p@q)\))
|
same(\(*p@q\|rd(*p@q)\|rd(p@q)\), s)
)
... when any
}

@script:ocaml depends on report || org@
fp << pinfn.fp;
fn << pinfn.fn;
s << entry.s;
p << read_cmp.p;
q << read_cmp.q;
@@
match Hashtbl.find_opt snapshots (key fp s) with
| Some (p0 :: _ as ptrs) when not (List.mem p ptrs) ->
    emit q fn
      (Printf.sprintf
         "compares snapshot '%s', read through '%s', with an entry read through '%s'"
         s p0 p)
| _ -> ()

// The other operand is a variable: stale when it is the snapshot itself,
// or a copy that was not assigned again after the pin.
@var_cmp exists@
identifier pinfn.fn;
position pinfn.fp;
type entry.T;
idexpression T entry.s;
identifier spec = {page_cache_get_speculative, page_cache_add_speculative,
                   get_page_unless_zero, folio_try_get_rcu,
                   try_get_compound_head, try_grab_compound_head,
                   try_grab_folio, try_grab_page, try_get_page};
identifier val = {pte_val, pmd_val, pud_val, p4d_val, pgd_val};
identifier same = {pte_same, pmd_same};
type T2 = {pte_t, pmd_t, pud_t, p4d_t, pgd_t};
idexpression T2 v;
expression e, e2;
position q;
@@
fn@fp(...) {
... when any
spec(...)
... when != s = e
    when != v = e2
(
val(s) != val(v@q)
|
val(v@q) != val(s)
|
val(s) == val(v@q)
|
val(v@q) == val(s)
|
same(s, v@q)
|
same(v@q, s)
)
... when any
}

@script:ocaml depends on report || org@
fp << pinfn.fp;
fn << pinfn.fn;
s << entry.s;
v << var_cmp.v;
q << var_cmp.q;
@@
if Hashtbl.mem snapshots (key fp s) then
  emit q fn
    (if v = s then
       Printf.sprintf "compares snapshot '%s' with itself, not with a fresh read of its entry" s
     else
       Printf.sprintf "compares snapshot '%s' with '%s', which was not read again after the pin" s v)

// One finding per line: `pte_same(a, b)` of two stale snapshots matches
// once for each.
// Runs once at the end of each file, not as a finalizer: under spatch
// --jobs (make coccicheck) workers share no memory, so a finalizer
// would see no findings.  Per-file state is cleared for the next file.
@script:ocaml depends on report || org@
@@
let sorted =
  List.sort (fun (f, l, c, m, _) (f', l', c', m', _) ->
      compare (f, l, c, m) (f', l', c', m')) !findings in
let rec first_per_line = function
  | ((f, l, _, _, _) as x) :: ((f', l', _, _, _) :: _ as rest)
    when (f, l) = (f', l') ->
      first_per_line (x :: List.tl rest)
  | x :: rest -> x :: first_per_line rest
  | [] -> [] in
List.iter
  (fun (f, l, c, m, p) ->
    let msg = m ^ " [ptwalk-stale-recheck]" in
    if !org_mode then Coccilib.print_todo ~msg p
    else Printf.printf "%s:%d:%d: warning: %s\n%!" f l (c + 1) msg)
  (first_per_line sorted);
Hashtbl.reset snapshots;
findings := []
