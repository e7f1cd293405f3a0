// SPDX-License-Identifier: GPL-2.0-only
/// Once a lockless walker holds a speculative reference, every way out
/// that does not publish the page must undo the pin exactly: drop the
/// reference on the page that was pinned (not a tail: 405e44f2e312), with
/// the count it was taken with, take pages already counted in *nr back
/// out of the count, and report failure.  A mismatch branch of the
/// re-check that falls through publishes a page whose entry changed
/// (s390 and powerpc, 2011).
///
// Confidence: Moderate
// Copyright: (C) 2026 The ptwalk authors.
// Options: --no-includes --include-headers
// Requires: 1.1.1
// Keywords: gup, fast gup, speculative reference, re-check, refcount leak
// API roles: SPEC_GET, RELEASE, READ_ONCE_ACCESS, SAFE_READ, ENTRY_VAL, ENTRY_SAME

virtual report
virtual org

@initialize:ocaml@
@@
let pos_of l = List.hd l
let fkey (p : Coccilib.pos) = (p.Coccilib.file, p.Coccilib.line)
let pkey (p : Coccilib.pos) = (p.Coccilib.file, p.Coccilib.line, p.Coccilib.col)

(* Snapshots, keyed by (file, line of the function's name, variable). *)
let snapshots = Hashtbl.create 32
let pinning_fns = Hashtbl.create 32      (* fkey fp: holds a snapshot *)
let add_snapshot fp s =
  Hashtbl.replace snapshots (fkey (pos_of fp), s) ();
  Hashtbl.replace pinning_fns (fkey (pos_of fp)) ()

(* Pins, by position of the speculative get: (function, get, object,
   count taken, function key). *)
let pins = Hashtbl.create 16
(* put_page() positions inside `while (c--) put_page(o);`: count c. *)
let loop_puts = Hashtbl.create 16
(* Mismatch branches of re-checks: (if position, branch start, branch
   end, snapshot), in match order. *)
let branches = ref []
(* Releases between a pin and an exit: (pin, exit, release, object,
   count, position); exits that drop nothing on the pinned object. *)
let releases = ref []
let unreleased = ref []

let before (l, c) (l', c') = l < l' || (l = l' && c <= c')
(* The re-check whose mismatch branch holds the exit g, if any. *)
let branch_of (g : Coccilib.pos) =
  List.find_opt
    (fun ((i : Coccilib.pos), (b : Coccilib.pos), _) ->
      i.Coccilib.file = g.Coccilib.file
      && before (b.Coccilib.line, b.Coccilib.col) (g.Coccilib.line, g.Coccilib.col)
      && before (g.Coccilib.line, g.Coccilib.col) (b.Coccilib.line_end, b.Coccilib.col_end))
    (List.rev !branches)

let org_mode = ref false
let findings = ref []
(* A defect on the path to the failing goto or return g is reported at
   the re-check's if when g is in its mismatch branch, else at g.  rank
   orders the defects when one place has several. *)
let add_finding pp (where : Coccilib.pos) path rank what =
  match Hashtbl.find_opt pins (pkey pp) with
  | Some (fn, spec, o, cnt, fk) when Hashtbl.mem pinning_fns fk ->
      let msg =
        Printf.sprintf "%s in %s() %s; %s() pinned '%s' with count %s"
          path fn what spec o cnt in
      findings := (pkey where, rank, msg, where) :: !findings
  | _ -> ()
let mismatch s = Printf.sprintf "the mismatch branch of the re-check of '%s'" s
let report pp (g : Coccilib.pos) rank what =
  match branch_of g with
  | Some (i, _, s) -> add_finding pp i (mismatch s) rank what
  | None -> add_finding pp g "the failure path" rank what
let report_at_if pp (i : Coccilib.pos) s rank what =
  add_finding pp i (mismatch s) rank what

@script:ocaml depends on org@
@@
org_mode := true

// ---------------------------------------------------------------------
// Functions that take a speculative reference, and their snapshots: a
// speculative get is a pin only in a function that holds a snapshot.  A
// read under a page-table lock is no snapshot.

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
if s <> "" || se <> "" then add_snapshot fp (if s = "" then se else s)

// An entry passed by value is the caller's snapshot
// (gup_huge_pmd(pmd_t orig, ...), gup_pte_range(pmd_t pmd, ...)).
@snap_val@
identifier pinfn.fn, s;
position pinfn.fp;
type T = {pte_t, pmd_t, pud_t, p4d_t, pgd_t};
@@
fn@fp(..., T s, ...) { ... }

@script:ocaml@
fp << pinfn.fp;
s << snap_val.s;
@@
add_snapshot fp s

// ---------------------------------------------------------------------
// Pins: the speculative get with the test of its failure (`if (!get)`,
// `if (!folio)`).  That then-branch holds no reference, so the failure
// paths start after the test.  o is the object the reference is held on.

@pin depends on snap_local || snap_val exists@
identifier pinfn.fn;
position pinfn.fp;
identifier spec = {page_cache_get_speculative, page_cache_add_speculative,
                   get_page_unless_zero, folio_try_get_rcu,
                   try_get_compound_head, try_grab_compound_head,
                   try_grab_folio, try_grab_page, try_get_page};
expression o, a2, x;
statement S1;
position pp, pt;
@@
fn@fp(...) {
... when any
(
if@pt (<+... !spec@pp(o) ...+>) S1
|
if@pt (<+... !spec@pp(o, a2) ...+>) S1
|
o = spec@pp(x, a2, ...);
if@pt (!o) S1
)
... when any
}

// The count is the second argument of the gets that take several
// references; the others take one.  A get whose result is the object
// (try_grab_folio() returns the folio) must be assigned.
@script:ocaml@
fp << pinfn.fp;
fn << pinfn.fn;
spec << pin.spec;
o << pin.o;
a2 << pin.a2 = "1";
x << pin.x = "";
pp << pin.pp;
@@
let counted = ["page_cache_add_speculative"; "try_get_compound_head";
               "try_grab_compound_head"; "try_grab_folio"] in
let returns_object = ["try_get_compound_head"; "try_grab_compound_head";
                      "try_grab_folio"] in
if (x <> "") = List.mem spec returns_object then
  Hashtbl.replace pins (pkey (pos_of pp))
    (fn, spec, o, (if List.mem spec counted then a2 else "1"),
     fkey (pos_of fp))

// ---------------------------------------------------------------------
// Re-checks: an if whose condition says that a snapshot differs from its
// entry.  Its then-branch is the mismatch branch.

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

@recheck exists@
identifier pinfn.fn;
position pinfn.fp;
type entry.T;
idexpression T entry.s;
identifier val = {pte_val, pmd_val, pud_val, p4d_val, pgd_val};
identifier same = {pte_same, pmd_same};
expression e;
statement S1;
position i, b;
@@
fn@fp(...) {
... when any
if@i (<+... \(val(s) != e\|e != val(s)\|!same(s, e)\|!same(e, s)\) ...+>) S1@b
... when any
}

@script:ocaml@
fp << pinfn.fp;
s << entry.s;
i << recheck.i;
b << recheck.b;
@@
if Hashtbl.mem snapshots (fkey (pos_of fp), s) then
  branches := (pos_of i, pos_of b, s) :: !branches

// ---------------------------------------------------------------------
// Failure paths after a successful pin: up to the first goto (the label
// may still drop the reference: the path goes on to the return) or up to
// a return of a failure value.  A path ends at the first publish:
// (*nr)++, *nr += n, ret = 1 or return 1.  g is where it fails.

// No reference dropped on the pinned object: a leak, or a drop of
// another page (put_page(page) for a pin on head).
@unreleased exists@
identifier pinfn.fn;
position pinfn.fp, pin.pt;
expression pin.o;
identifier rel = {put_page, folio_put, page_cache_release, gup_put_folio,
                  put_compound_head, folio_put_refs};
expression e, e0, e2, e3, nr;
identifier l, ret;
symbol false;
statement S1;
position g;
@@
fn@fp(...) {
... when any
if@pt (e0) S1
... when != rel(o, ...)
    when != while (e3--) put_page(o);
    when != (*nr)++
    when != *nr += e2
    when != ret = 1
(
goto@g l;
... when != rel(o, ...)
    when != while (e3--) put_page(o);
    when != (*nr)++
    when != *nr += e2
    when != ret = 1
return ...;
|
return@g \(0\|NULL\|false\|-e\|ERR_PTR(...)\);
)
... when any
}

@script:ocaml depends on report || org@
pp << pin.pp;
g << unreleased.g;
@@
unreleased := (pos_of pp, pos_of g) :: !unreleased

// Every release on a failure path, checked for the object and the count
// in the finalizer, once the put_page() loops are known.
@loop_put@
expression c, o;
position rp;
@@
while (c--) put_page@rp(o);

@script:ocaml@
c << loop_put.c;
rp << loop_put.rp;
@@
Hashtbl.replace loop_puts (pkey (pos_of rp)) c

@released exists@
identifier pinfn.fn;
position pinfn.fp, pin.pt;
identifier rel = {put_page, folio_put, page_cache_release, gup_put_folio,
                  put_compound_head, folio_put_refs};
expression e, e0, e2, nr, ro, c;
identifier l, ret;
symbol false;
statement S1;
position rp, g;
@@
fn@fp(...) {
... when any
if@pt (e0) S1
... when != (*nr)++
    when != *nr += e2
    when != ret = 1
(
\(rel@rp(ro)\|rel@rp(ro, c, ...)\);
... when != (*nr)++
    when != *nr += e2
    when != ret = 1
\(goto@g l;\|return@g \(0\|NULL\|false\|-e\|ERR_PTR(...)\);\)
|
goto@g l;
... when != (*nr)++
    when != *nr += e2
    when != ret = 1
\(rel@rp(ro)\|rel@rp(ro, c, ...)\);
)
... when any
}

@script:ocaml depends on report || org@
pp << pin.pp;
rel << released.rel;
ro << released.ro;
c << released.c = "1";
rp << released.rp;
g << released.g;
@@
releases := (pos_of pp, pos_of g, rel, ro, c, pos_of rp) :: !releases

// 3.x shape: pages[] and *nr are filled before the pin (gup_huge_pmd
// counts each subpage, then takes all references at once), and the
// success path publishes nothing more.  Every failure path after the pin
// must take those pages back out of *nr.
@prepublished exists@
identifier pinfn.fn;
position pinfn.fp, pin.pt;
expression nr, e0, e2;
identifier ret;
statement S1;
@@
fn@fp(...) {
... when any
\( (*nr)++; \| *nr += e2; \)
... when any
if@pt (e0) S1
... when != (*nr)++
    when != *nr += e2
\( return 1; \| ret = 1; \)
... when any
}

@not_rolled_back exists@
identifier pinfn.fn;
position pinfn.fp, pin.pt;
expression prepublished.nr;
expression e, e0, e2, e3;
identifier l, ret;
symbol false;
statement S1;
position g;
@@
fn@fp(...) {
... when any
if@pt (e0) S1
... when != *nr -= e3
    when != *nr = e3
    when != (*nr)--
    when != (*nr)++
    when != *nr += e2
    when != ret = 1
(
goto@g l;
... when != *nr -= e3
    when != *nr = e3
    when != (*nr)--
    when != (*nr)++
    when != *nr += e2
    when != ret = 1
return ...;
|
return@g \(0\|NULL\|false\|-e\|ERR_PTR(...)\);
)
... when any
}

@script:ocaml depends on report || org@
pp << pin.pp;
nr << prepublished.nr;
g << not_rolled_back.g;
@@
report (pos_of pp) (pos_of g) 2
  (Printf.sprintf "does not take the pages counted before the pin back out of *%s" nr)

// A mismatch branch that does not leave, or leaves with success, lets the
// page be published although its entry changed.
@mismatch_succeeds disable braces0 exists@
identifier pinfn.fn;
position pinfn.fp, pin.pt;
type entry.T;
idexpression T entry.s;
identifier val = {pte_val, pmd_val, pud_val, p4d_val, pgd_val};
identifier same = {pte_same, pmd_same};
expression e, e0, e2;
identifier l;
statement S1;
position i;
@@
fn@fp(...) {
... when any
if@pt (e0) S1
... when any
(
if@i (<+... \(val(s) != e\|e != val(s)\|!same(s, e)\|!same(e, s)\) ...+>) {
  ... when != return ...;
      when != goto l;
      when != break;
      when != continue;
}
|
if@i (<+... \(val(s) != e\|e != val(s)\|!same(s, e)\|!same(e, s)\) ...+>) e2;
|
if@i (<+... \(val(s) != e\|e != val(s)\|!same(s, e)\|!same(e, s)\) ...+>) {
  ... when any
  return 1;
}
)
... when any
}

@script:ocaml depends on report || org@
fp << pinfn.fp;
s << entry.s;
pp << pin.pp;
i << mismatch_succeeds.i;
@@
if Hashtbl.mem snapshots (fkey (pos_of fp), s) then
  report_at_if (pos_of pp) (pos_of i) s 3 "does not fail: the page is still published"

// ---------------------------------------------------------------------
// Runs once at the end of each file, not as a finalizer: under spatch
// --jobs (make coccicheck) workers share no memory, so a finalizer
// would see no findings.  Per-file state is cleared for the next file.
@script:ocaml depends on report || org@
@@
(* A release of the pinned object must drop the count taken; a release
   of another object is named when the pinned one is not released. *)
List.iter
  (fun (pp, g, rel, ro, c, rp) ->
    match Hashtbl.find_opt pins (pkey pp) with
    | Some (_, _, o, cnt, _) when ro = o ->
        let dropped =
          match Hashtbl.find_opt loop_puts (pkey rp) with
          | Some n -> n
          | None -> c in
        if dropped <> cnt then
          report pp g 1
            (Printf.sprintf "drops count %s with %s() instead of %s"
               dropped rel cnt)
    | _ -> ())
  !releases;
(* With no release of the pinned object, name a release of another. *)
List.iter
  (fun (pp, g) ->
    match Hashtbl.find_opt pins (pkey pp) with
    | None -> ()
    | Some (_, _, o, _, _) ->
        let other =
          List.find_opt
            (fun (pp', g', _, ro, _, _) -> pp' = pp && g' = g && ro <> o)
            (List.rev !releases) in
        match other with
        | Some (_, _, rel, ro, _, _) ->
            report pp g 0
              (Printf.sprintf "drops '%s' with %s() instead of the pinned '%s'"
                 ro rel o)
        | None -> report pp g 0 "does not drop the reference")
  !unreleased;
(* One finding per place, the lowest rank: a missing or misplaced drop,
   a wrong count, a count not rolled back, a mismatch that succeeds. *)
let sorted = List.sort compare !findings in
let rec first_per_place = function
  | ((k, _, _, _) as x) :: ((k', _, _, _) :: _ as rest) when k = k' ->
      first_per_place (x :: List.tl rest)
  | x :: rest -> x :: first_per_place rest
  | [] -> [] in
List.iter
  (fun ((f, l, c), _, m, p) ->
    let msg = m ^ " [ptwalk-recheck-leak]" in
    if !org_mode then Coccilib.print_todo ~msg p
    else Printf.printf "%s:%d:%d: warning: %s\n%!" f l (c + 1) msg)
  (first_per_place sorted);
Hashtbl.reset snapshots;
Hashtbl.reset pinning_fns;
Hashtbl.reset pins;
Hashtbl.reset loop_puts;
branches := [];
releases := [];
unreleased := [];
findings := []
