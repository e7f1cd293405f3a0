// SPDX-License-Identifier: GPL-2.0-only
/// A lockless walker that pins a page speculatively must read every entry
/// the page was found through again, and compare it with its snapshot,
/// before it publishes the page ((*nr)++, *nr += refs, return 1, ret = 1):
/// the entry may have been zapped or remapped, and the page reused, before
/// the reference was taken.  At pte level this includes the pmd the pte
/// table was mapped from: a THP collapse frees the table while its ptes
/// still look valid (70cbc3cc78a9).
///
// Confidence: Moderate
// Copyright: (C) 2026 The ptwalk authors.
// Options: --no-includes --include-headers
// Requires: 1.1.1
// Keywords: gup, fast gup, speculative reference, re-check, THP collapse
// API roles: SPEC_GET, READ_ONCE_ACCESS, SAFE_READ, ENTRY_VAL, ENTRY_SAME

virtual report
virtual org

@initialize:ocaml@
@@
(* Snapshots of each pinning function, keyed by (file, line of the
   function's name, variable): one key per definition, even when #ifdef
   branches define the same function twice. *)
let snapshots = Hashtbl.create 32
(* Parameter snapshots: (file, line, variable) -> (function, index). *)
let param_index = Hashtbl.create 32
(* Calls of a pinning function that pass a parameter snapshot:
   (file, callee, argument index, call position); the positions of those
   followed by a comparison of the argument, and of those with a path to
   a publish without one. *)
let calls = ref []
let compared_calls = Hashtbl.create 32
let uncompared_calls = Hashtbl.create 32

let key fp s = ((List.hd fp).Coccilib.file, (List.hd fp).Coccilib.line, s)
let pkey (p : Coccilib.pos) = (p.Coccilib.file, p.Coccilib.line, p.Coccilib.col)

(* A parameter snapshot may be re-checked by the callers instead: it is
   discharged when the file calls the function and every call is followed
   by a comparison of the argument passed for it, on every path to the
   caller's publish. *)
let discharged_by_callers fp s =
  match Hashtbl.find_opt param_index (key fp s) with
  | None -> false
  | Some (fn, n) ->
      let file = (List.hd fp).Coccilib.file in
      let mine =
        List.filter (fun (f, fn', n', _) -> f = file && fn' = fn && n' = n)
          !calls in
      mine <> []
      && List.for_all
           (fun (_, _, _, pc) ->
             Hashtbl.mem compared_calls pc
             && not (Hashtbl.mem uncompared_calls pc))
           mine

let org_mode = ref false
let findings = ref []

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
// Snapshots.  A local read through an entry pointer counts only when some
// path reaches the read without taking a page-table lock: under the lock
// (follow_page_pte(), hugetlb) the entry cannot change and needs no
// re-check.

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
@@
(* Both defaults: snap_local did not match this function. *)
if s <> "" || se <> "" then
  Hashtbl.replace snapshots (key fp (if s = "" then se else s)) ()

// An entry passed by value is the caller's snapshot
// (gup_huge_pmd(pmd_t orig, ...), gup_pte_range(pmd_t pmd, ...)); n is
// its index, to find the argument in the callers.
@snap_val@
identifier pinfn.fn, s;
position pinfn.fp;
type T = {pte_t, pmd_t, pud_t, p4d_t, pgd_t};
parameter list[n] before;
@@
fn@fp(before, T s, ...) { ... }

@script:ocaml@
fp << pinfn.fp;
fn << pinfn.fn;
s << snap_val.s;
n << snap_val.n;
@@
Hashtbl.replace snapshots (key fp s) ();
Hashtbl.replace param_index (key fp s) (fn, n)

// A caller discharges a parameter snapshot when it compares the argument
// with a fresh read after the call, before its own publish.

@call@
identifier pinfn.fn;
expression list[snap_val.n] before;
expression a;
position pc;
@@
fn@pc(before, a, ...)

@script:ocaml@
fn << pinfn.fn;
n << snap_val.n;
pc << call.pc;
@@
let p = List.hd pc in
calls := (p.Coccilib.file, fn, n, pkey p) :: !calls

@call_compared exists@
identifier pinfn.fn;
expression list[snap_val.n] before;
expression call.a, e;
position call.pc, q;
identifier val = {pte_val, pmd_val, pud_val, p4d_val, pgd_val};
identifier same = {pte_same, pmd_same};
@@
fn@pc(before, a, ...)
... when any
\(val@q(a) != e\|e != val@q(a)\|val@q(a) == e\|e == val@q(a)\|same@q(a, e)\|same@q(e, a)\)

@script:ocaml@
pc << call.pc;
q << call_compared.q;
@@
ignore q;
Hashtbl.replace compared_calls (pkey (List.hd pc)) ()

@call_uncompared exists@
identifier pinfn.fn;
expression list[snap_val.n] before;
expression call.a, e, e2, nr;
position call.pc, q;
identifier val = {pte_val, pmd_val, pud_val, p4d_val, pgd_val};
identifier same = {pte_same, pmd_same};
identifier ret;
@@
fn@pc(before, a, ...)
... when != val(a) != e
    when != e != val(a)
    when != val(a) == e
    when != e == val(a)
    when != same(a, e)
    when != same(e, a)
(
 (*nr)++@q;
|
 *nr += e2@q;
|
return 1@q;
|
ret = 1@q;
)

@script:ocaml@
pc << call.pc;
q << call_uncompared.q;
@@
ignore q;
Hashtbl.replace uncompared_calls (pkey (List.hd pc)) ()

// ---------------------------------------------------------------------
// The check: a path from the pin to a publish on which an entry-typed
// variable is never compared; the report keeps the snapshots.  Any
// comparison counts, even a stale one: stale-recheck reports those, and
// one defect gets one finding.

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

@unchecked exists@
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
identifier ret;
expression e, e2, nr;
position pp;
@@
fn@fp(...) {
... when any
spec@pp(...)
... when != val(s) != e
    when != e != val(s)
    when != val(s) == e
    when != e == val(s)
    when != same(s, e)
    when != same(e, s)
(
 (*nr)++;
|
 *nr += e2;
|
return 1;
|
ret = 1;
)
... when any
}

@script:ocaml depends on report || org@
fp << pinfn.fp;
fn << pinfn.fn;
s << entry.s;
spec << unchecked.spec;
pp << unchecked.pp;
@@
if Hashtbl.mem snapshots (key fp s) && not (discharged_by_callers fp s) then begin
  let p = List.hd pp in
  let msg =
    Printf.sprintf
      "%s() in %s() pins a page that is published without re-checking snapshot '%s' against its entry"
      spec fn s in
  findings := (p.Coccilib.file, p.Coccilib.line, p.Coccilib.col, msg, p)
              :: !findings
end

// One finding per pin: the first snapshot (by name) it misses.
// Runs once at the end of each file, not as a finalizer: under spatch
// --jobs (make coccicheck) workers share no memory, so a finalizer
// would see no findings.  Per-file state is cleared for the next file.
@script:ocaml depends on report || org@
@@
let sorted =
  List.sort (fun (f, l, c, m, _) (f', l', c', m', _) ->
      compare (f, l, c, m) (f', l', c', m')) !findings in
let rec first_per_pin = function
  | ((f, l, c, _, _) as x) :: ((f', l', c', _, _) :: _ as rest)
    when (f, l, c) = (f', l', c') ->
      first_per_pin (x :: List.tl rest)
  | x :: rest -> x :: first_per_pin rest
  | [] -> [] in
List.iter
  (fun (f, l, c, m, p) ->
    let msg = m ^ " [ptwalk-no-recheck]" in
    if !org_mode then Coccilib.print_todo ~msg p
    else Printf.printf "%s:%d:%d: warning: %s\n%!" f l (c + 1) msg)
  (first_per_pin sorted);
Hashtbl.reset snapshots;
Hashtbl.reset param_index;
calls := [];
Hashtbl.reset compared_calls;
Hashtbl.reset uncompared_calls;
findings := []
