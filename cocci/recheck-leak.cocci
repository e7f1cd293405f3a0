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
// Prefilter: SPEC_GET

virtual report
virtual org

// BEGIN cocci/model/walker.smpl (the rules embed this block: scripts/embed-cocci-model)
// The walker model every rule shares: the kernel version of the code,
// the role a call of a name that changed role has, and which functions
// run under the page-table lock.  spatch has no include for SmPL or
// OCaml and each rule must run alone under make coccicheck, so each
// embeds this block; testsuite/tools/api-sync checks every copy.

@initialize:ocaml@
@@
(* api.def's rows of the names that change role (api-sync checks them). *)
let api_role_changes = [
  ("try_grab_folio", "SPEC_GET", "ptr", "5.18", "6.10");
  ("try_grab_folio", "LOCKED_GET", "status", "6.10", "") ]

let parse_version s =
  try Scanf.sscanf s "%d.%d" (fun a b -> Some (a, b)) with _ -> None

(* -D kernel_version=X.Y[.Z], as the driver passes it; None without. *)
let kernel_version = ref None

let version_before v s =
  match parse_version s with Some s -> compare v s < 0 | None -> false

let in_range v (_, _, _, since, until) =
  not (version_before v since)
  && (until = "" || version_before v until)

(* What the code shows of a call's value, per file: the results (api.def's
   result column) it is compatible with, by call position, and by name
   for a definition in the file. *)
let call_results = Hashtbl.create 16
let defined_results = Hashtbl.create 4

let pos_key p = (p.Coccilib.file, p.Coccilib.line, p.Coccilib.col)

let role_changes name =
  List.filter (fun (n, _, _, _, _) -> n = name) api_role_changes

let role_of (_, role, _, _, _) = role

(* The role of the call of NAME at P: its only role, else the row the code
   shows, else the row of the kernel version, else the newest row. *)
let call_role name p =
  match role_changes name with
  | [] -> None
  | rows ->
      let shown =
        match Hashtbl.find_opt call_results (pos_key p) with
        | Some r -> Some r
        | None -> Hashtbl.find_opt defined_results name in
      let by_code =
        match shown with
        | Some results ->
            (match List.filter (fun (_, _, r, _, _) -> List.mem r results) rows with
             | [row] -> Some row
             | _ -> None)
        | None -> None in
      let by_version () =
        match !kernel_version with
        | Some v -> List.find_opt (in_range v) rows
        | None -> None in
      let newest () = List.find_opt (fun (_, _, _, _, u) -> u = "") rows in
      (match by_code with
       | Some row -> Some (role_of row)
       | None ->
           (match by_version () with
            | Some row -> Some (role_of row)
            | None ->
                (match newest () with
                 | Some row -> Some (role_of row)
                 | None -> None)))

(* Whether the call of PIN at P, a name of the rule's SPEC_GET list, is a
   speculative get in this code. *)
let speculative pin p =
  match call_role pin p with
  | None -> true
  | Some role -> role = "SPEC_GET"

(* Page-table locks: a *_lockptr() call, or a lock named ptl or
   page_table_lock (lockdep_assert_held(&mm->mmap_lock) is not one). *)
let pt_lock_expr e =
  let words =
    String.split_on_char ' '
      (String.map (fun c -> if c = '_' || (c >= 'a' && c <= 'z')
                              || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                            then c else ' ') e) in
  List.exists (fun w ->
      w = "ptl" || w = "page_table_lock"
      || (String.length w > 7
          && String.sub w (String.length w - 7) 7 = "lockptr")) words

(* Per file: functions asserting a page-table lock, the calls of the
   file's own functions, and which of those calls hold the lock. *)
let defined_fns = Hashtbl.create 64
let asserting = Hashtbl.create 8
let call_sites = Hashtbl.create 64
let locked_calls = Hashtbl.create 16

(* A function runs under the page-table lock when it asserts it, or when
   every call of it in the file holds it (directly, or in a caller that
   runs under it); a function never called in the file does not. *)
let rec locked_in visiting fn =
  Hashtbl.mem asserting fn
  || (not (List.mem fn visiting)
      && (match Hashtbl.find_all call_sites fn with
          | [] -> false
          | sites ->
              List.for_all (fun (caller, key) ->
                  Hashtbl.mem locked_calls key
                  || locked_in (fn :: visiting) caller) sites))

let locked fn = locked_in [] fn

(* Functions of the file with a speculative get, by name. *)
let pinning_fns = Hashtbl.create 16

(* IRQ-off regions (api.def's IRQ_OFF/IRQ_ON: interrupts off, or an RCU
   read-side section).  The calls of the file's own functions that some
   path reaches outside a region of their caller. *)
let irq_open_calls = Hashtbl.create 16

(* Finding the calls outside a region costs most of the model's time, so
   it is done only as far as the rules ask irq_off(), each saying so in its
   own initialize script with ask_irq_regions: Irq_snapshot_walkers for
   snapshot_walker() alone, which asks it of the functions on a chain of
   calls up from a snapshotting one; Irq_supplied when the rule fills
   irq_open_calls itself, from a search of its own that covers every call
   of the file's functions.  The requests add up, so that rules sharing
   one spatch run (the driver's) each get what they asked for: the two
   searches find the same calls where both look.  irq_off() fails where
   no rule asked. *)
type irq_regions = Irq_snapshot_walkers | Irq_supplied
let irq_regions_asked = ref []
let ask_irq_regions r =
  if not (List.mem r !irq_regions_asked) then
    irq_regions_asked := r :: !irq_regions_asked
let irq_regions_wanted r = List.mem r !irq_regions_asked

(* A function runs inside an IRQ-off region when every call of it in the
   file is inside one, on every path to the call, or is made by a function
   that runs inside one; a function never called in the file does not. *)
let rec irq_off_in visiting fn =
  not (List.mem fn visiting)
  && (match Hashtbl.find_all call_sites fn with
      | [] -> false
      | sites ->
          List.for_all (fun (caller, key) ->
              not (Hashtbl.mem irq_open_calls key)
              || irq_off_in (fn :: visiting) caller) sites)

(* In a file without a speculative get, only the functions on a chain of
   calls to a snapshotting function need the regions and locks of their
   calls: asking it of every call of a large file (kernel/events/core.c)
   costs minutes. *)
let chain_fns = Hashtbl.create 16
let on_chain fn = Hashtbl.length pinning_fns > 0 || Hashtbl.mem chain_fns fn

(* The functions on a chain of calls up from a snapshotting function, in
   every file with a walker. *)
let snapshot_chain = Hashtbl.create 16

(* The calls whose region irq_off() needs from the model's own search. *)
let irq_callee fn =
  irq_regions_wanted Irq_snapshot_walkers && Hashtbl.mem snapshot_chain fn

let irq_off fn =
  if not (irq_regions_wanted Irq_supplied) then begin
    if not (irq_regions_wanted Irq_snapshot_walkers) then
      failwith "irq_off: no rule asks for IRQ-off regions";
    if not (Hashtbl.mem snapshot_chain fn) then
      failwith ("irq_off: " ^ fn ^ " is on no chain up from a snapshot")
  end;
  irq_off_in [] fn

(* A lockless walker: takes a speculative reference, and does not run
   under the page-table lock. *)
let lockless_walker fn = Hashtbl.mem pinning_fns fn && not (locked fn)

(* A function of a lockless walk: it takes a speculative reference or
   calls, through the file's own functions, one that does (gup_pmd_range()
   walks the pmd table and leaves the pin to gup_pte_range()). *)
let rec reaches_pin visiting fn =
  Hashtbl.mem pinning_fns fn
  || (not (List.mem fn visiting)
      && Hashtbl.fold (fun callee (caller, _) found ->
             found || (caller = fn && reaches_pin (fn :: visiting) callee))
           call_sites false)

let lockless_walk_fn fn = reaches_pin [] fn && not (locked fn)

(* Functions of the file that read an entry through a pointer into a
   local, and those that open an IRQ-off region themselves. *)
let snapshotting_fns = Hashtbl.create 16
let irq_opening_fns = Hashtbl.create 8

(* The positions of the unconditional gets that some path from their
   function's entry reaches without a speculative get (after one, the page
   is known live: 4.9's page_ref_add(head, refs) after
   page_cache_add_speculative()) and without a page-table lock: the ones
   that pin. *)
let bare_gets = Hashtbl.create 8


(* A lockless walker in the wider sense: it takes entry snapshots, does
   not run under the page-table lock, and runs where the tables cannot be
   freed under it (inside an IRQ-off region, its own or every caller's),
   or pins speculatively (an RCU fast-GUP walker).  Until 4.13, x86's
   gup_pte_range() pinned with get_page() alone, so lockless_walker, which
   asks for a speculative get, does not see it. *)
let snapshot_walker fn =
  Hashtbl.mem snapshotting_fns fn && not (locked fn)
  && (Hashtbl.mem pinning_fns fn || Hashtbl.mem irq_opening_fns fn || irq_off fn)

(* api.def's UNCOND_GET, every era. *)
let unconditional_gets =
  [ "get_page"; "page_cache_get"; "folio_get"; "get_page_foll"; "page_ref_inc" ]

(* api.def's SPEC_GET, every era. *)
let speculative_gets =
  [ "page_cache_get_speculative"; "page_cache_add_speculative";
    "get_page_unless_zero"; "folio_try_get_rcu"; "folio_try_get";
    "try_get_compound_head"; "try_grab_compound_head"; "try_get_folio";
    "try_grab_folio"; "try_grab_folio_fast"; "try_grab_page"; "try_get_page" ]

(* Functions of the file that add to the reference count of a page or
   folio they are passed, by name: true when they take the reference
   speculatively, false when unconditionally (x86's fast GUP before 4.13
   adds a huge page's references to its head in get_head_page_multiple():
   atomic_add() on page->_count until 4.6, page_ref_add() since, which
   the Clang model sees through page_ref.h's definition and this one by
   name, as spatch reads no header).  A call of one is a get of
   its argument, of the same kind, for every rule (the Clang model's
   countHelpers() too).  They are looked for only in files with a walker:
   the search would cost time in every file that takes a get. *)
let count_helpers = Hashtbl.create 4

(* The api.def get a speculative count helper makes, by helper: what it
   tells of the era is the get's. *)
let helper_gets = Hashtbl.create 4

(* Gets and count adds of a bare identifier, by (function, identifier):
   Some get for a speculative get, None for an unconditional one. *)
let count_uses = Hashtbl.create 8
let count_use_fns = Hashtbl.create 8

let api_get name =
  List.mem name speculative_gets || List.mem name unconditional_gets

let helper_candidate fn = not (api_get fn)


(* A get that is a pin only in a snapshot walker, with no speculative get
   or page-table lock before it: an unconditional one. *)
let unconditional_pin name =
  List.mem name unconditional_gets
  || (not (api_get name) && Hashtbl.find_opt count_helpers name = Some false)

(* Whether a call of NAME may pin: an api.def get, or a count helper. *)
let pin_name name = api_get name || Hashtbl.mem count_helpers name

(* A pin of a lockless walk, at P outside the page-table lock: a
   speculative get, or an unconditional one in a snapshot walker, where
   IRQs off keep the page from being freed (x86's own fast GUP, which
   numa-hint, special and write-perm hold to the same tests). *)
let walk_pin pin p =
  let fn = p.Coccilib.current_element in
  not (locked fn)
  && (if unconditional_pin pin then
        Hashtbl.mem bare_gets (pos_key p) && snapshot_walker fn
      else speculative pin p)

// Runs first for every file: spatch processes many files in one run, and
// what one file shows must not leak into the next.
@script:ocaml@
@@
Hashtbl.reset call_results;
Hashtbl.reset defined_results;
Hashtbl.reset defined_fns;
Hashtbl.reset asserting;
Hashtbl.reset call_sites;
Hashtbl.reset locked_calls;
Hashtbl.reset pinning_fns;
Hashtbl.reset irq_open_calls;
Hashtbl.reset snapshotting_fns;
Hashtbl.reset irq_opening_fns;
Hashtbl.reset bare_gets;
Hashtbl.reset chain_fns;
Hashtbl.reset snapshot_chain;
Hashtbl.reset count_helpers;
Hashtbl.reset helper_gets;
Hashtbl.reset count_uses;
Hashtbl.reset count_use_fns

@script:ocaml@
v << virtual.kernel_version;
@@
kernel_version := parse_version v

// What the code shows of the value of a call of a name that changed role.
@walker_result_ptr@
identifier changed = {try_grab_folio};
position p;
{struct page *, struct folio *} x;
@@
x = changed@p(...)

@script:ocaml@
p << walker_result_ptr.p;
@@
Hashtbl.replace call_results (pos_key (List.hd p)) ["ptr"]

@walker_result_int@
identifier changed = {try_grab_folio};
position p;
{int, long} x;
@@
x = changed@p(...)

@script:ocaml@
p << walker_result_int.p;
@@
Hashtbl.replace call_results (pos_key (List.hd p)) ["truth"; "status"]

@walker_defines_int@
identifier changed = {try_grab_folio};
@@
int changed(...) { ... }

@script:ocaml@
changed << walker_defines_int.changed;
@@
Hashtbl.replace defined_results changed ["truth"; "status"]

@walker_defines_ptr@
identifier changed = {try_grab_folio};
@@
struct folio *changed(...) { ... }

@script:ocaml@
changed << walker_defines_ptr.changed;
@@
Hashtbl.replace defined_results changed ["ptr"]

// Speculative gets, by the function that takes them.
@walker_pin@
identifier spec = {page_cache_get_speculative, page_cache_add_speculative,
                   get_page_unless_zero, folio_try_get_rcu,
                   try_get_compound_head, try_grab_compound_head,
                   try_grab_folio, try_grab_page, try_get_page,
                   try_grab_folio_fast, try_get_folio, folio_try_get};
position p;
@@
spec@p(...)

@script:ocaml@
spec << walker_pin.spec;
p << walker_pin.p;
@@
let p = List.hd p in
if speculative spec p then
  Hashtbl.replace pinning_fns p.Coccilib.current_element ()

// Files whose walkers may pin with unconditional gets alone: they take
// one, or add to a page's count directly, and open an IRQ-off region.
@walker_uncond_get@
identifier get = {get_page, page_cache_get, folio_get, get_page_foll,
                  page_ref_inc};
@@
get(...)

// The count of struct page: _count until 4.7, _refcount since.
@walker_count_add@
identifier cnt = {_count, _refcount};
expression e, n;
@@
\(atomic_add(n, &e->cnt)\|atomic_inc(&e->cnt)\|page_ref_add(e, n)\|folio_ref_add(e, n)\)

@walker_region depends on walker_uncond_get || walker_count_add@
position p;
@@
(
local_irq_save@p(...)
|
local_irq_disable@p()
|
rcu_read_lock@p()
)

@script:ocaml@
p << walker_region.p;
@@
Hashtbl.replace irq_opening_fns (List.hd p).Coccilib.current_element ()

// Count helpers (count_helpers above), in files with a walker: first the
// gets and count adds of a bare identifier, by function, then which of
// those identifiers are pointer parameters of their function.
@walker_spec_use depends on walker_pin@
identifier page;
identifier spec = {page_cache_get_speculative, page_cache_add_speculative,
                   get_page_unless_zero, folio_try_get_rcu,
                   try_get_compound_head, try_grab_compound_head,
                   try_grab_folio, try_grab_page, try_get_page,
                   try_grab_folio_fast, try_get_folio, folio_try_get};
position p;
@@
spec@p(page, ...)

@script:ocaml@
page << walker_spec_use.page;
spec << walker_spec_use.spec;
p << walker_spec_use.p;
@@
let p = List.hd p in
let fn = p.Coccilib.current_element in
if helper_candidate fn && speculative spec p then begin
  Hashtbl.replace count_uses (fn, page) (Some spec);
  Hashtbl.replace count_use_fns fn ()
end

@walker_count_use depends on (walker_uncond_get || walker_count_add)
                             && (walker_pin || walker_region)@
identifier page;
identifier cnt = {_count, _refcount};
identifier get = {get_page, page_cache_get, folio_get, get_page_foll,
                  page_ref_inc};
expression n;
position p;
@@
\(atomic_add@p(n, &page->cnt)\|atomic_inc@p(&page->cnt)\|get@p(page)\|
  page_ref_add@p(page, n)\|folio_ref_add@p(page, n)\)

@script:ocaml@
page << walker_count_use.page;
p << walker_count_use.p;
@@
let fn = (List.hd p).Coccilib.current_element in
if helper_candidate fn && not (Hashtbl.mem count_uses (fn, page)) then begin
  Hashtbl.replace count_uses (fn, page) None;
  Hashtbl.replace count_use_fns fn ()
end

@walker_count_helper@
identifier fn : script:ocaml () { Hashtbl.mem count_use_fns fn };
identifier page;
type T;
@@
fn(..., T *page, ...) { ... }

@script:ocaml@
fn << walker_count_helper.fn;
page << walker_count_helper.page;
@@
match Hashtbl.find_opt count_uses (fn, page) with
| Some (Some spec) ->
    Hashtbl.replace count_helpers fn true;
    Hashtbl.replace helper_gets fn spec
| Some None ->
    if not (Hashtbl.mem count_helpers fn) then
      Hashtbl.replace count_helpers fn false
| None -> ()

// The gets that pin: bare_gets above.
@walker_bare_get depends on walker_uncond_get || walker_count_add exists@
identifier fn;
identifier get = {get_page, page_cache_get, folio_get, get_page_foll,
                  page_ref_inc};
identifier helper : script:ocaml () { unconditional_pin helper };
position pg;
@@
fn(...) {
... when != \(page_cache_get_speculative(...)\|page_cache_add_speculative(...)\|get_page_unless_zero(...)\|folio_try_get_rcu(...)\|folio_try_get(...)\|try_get_compound_head(...)\|try_grab_compound_head(...)\|try_get_folio(...)\|try_grab_folio(...)\|try_grab_folio_fast(...)\|try_grab_page(...)\|try_get_page(...)\)
    when != \(pte_offset_map_lock(...)\|pmd_lock(...)\|pud_lock(...)\|huge_pte_lock(...)\|pmd_trans_huge_lock(...)\|pud_trans_huge_lock(...)\|spin_lock(...)\)
    when any
\(get@pg(...)\|helper@pg(...)\)
... when any
}

@script:ocaml@
pg << walker_bare_get.pg;
@@
Hashtbl.replace bare_gets (pos_key (List.hd pg)) ()

@walker_snapshot depends on walker_pin || walker_region@
typedef pgd_t, p4d_t, pud_t, pmd_t, pte_t;
{pte_t *, pmd_t *, pud_t *, p4d_t *, pgd_t *} ptr;
identifier s;
type T;
position p;
@@
(
T s@p = \(ACCESS_ONCE(*ptr)\|READ_ONCE(*ptr)\|*ptr\|ptep_get(ptr)\|ptep_get_lockless(ptr)\|gup_get_pte(ptr)\|pmdp_get(ptr)\|pmdp_get_lockless(ptr)\|gup_get_pmd(ptr)\|pudp_get(ptr)\|huge_ptep_get(ptr)\);
|
s@p = \(ACCESS_ONCE(*ptr)\|READ_ONCE(*ptr)\|*ptr\|ptep_get(ptr)\|ptep_get_lockless(ptr)\|gup_get_pte(ptr)\|pmdp_get(ptr)\|pmdp_get_lockless(ptr)\|gup_get_pmd(ptr)\|pudp_get(ptr)\|huge_ptep_get(ptr)\)
)

@script:ocaml@
p << walker_snapshot.p;
@@
Hashtbl.replace snapshotting_fns (List.hd p).Coccilib.current_element ()

// An entry taken by value is a snapshot its caller took.
@walker_snapshot_pte depends on walker_pin || walker_region@
typedef pte_t;
identifier fn, s;
@@
fn(..., pte_t s, ...) { ... }

@script:ocaml@
fn << walker_snapshot_pte.fn;
@@
Hashtbl.replace snapshotting_fns fn ()

@walker_snapshot_pmd depends on walker_pin || walker_region@
typedef pmd_t;
identifier fn, s;
@@
fn(..., pmd_t s, ...) { ... }

@script:ocaml@
fn << walker_snapshot_pmd.fn;
@@
Hashtbl.replace snapshotting_fns fn ()

@walker_snapshot_pud depends on walker_pin || walker_region@
typedef pud_t;
identifier fn, s;
@@
fn(..., pud_t s, ...) { ... }

@script:ocaml@
fn << walker_snapshot_pud.fn;
@@
Hashtbl.replace snapshotting_fns fn ()

@walker_snapshot_p4d depends on walker_pin || walker_region@
typedef p4d_t;
identifier fn, s;
@@
fn(..., p4d_t s, ...) { ... }

@script:ocaml@
fn << walker_snapshot_p4d.fn;
@@
Hashtbl.replace snapshotting_fns fn ()

@walker_snapshot_pgd depends on walker_pin || walker_region@
typedef pgd_t;
identifier fn, s;
@@
fn(..., pgd_t s, ...) { ... }

@script:ocaml@
fn << walker_snapshot_pgd.fn;
@@
Hashtbl.replace snapshotting_fns fn ()

// The page-table lock, in files that take a speculative reference, or an
// unconditional one in an IRQ-off region: elsewhere no rule has anything
// to ask of it.
@walker_fn depends on walker_pin || walker_region@
identifier fn;
@@
fn(...) { ... }

@script:ocaml@
fn << walker_fn.fn;
@@
Hashtbl.replace defined_fns fn ()

@walker_asserts depends on walker_pin || walker_region@
identifier fn;
expression l;
@@
fn(...) { <+... \(assert_spin_locked\|lockdep_assert_held\)(l) ...+> }

@script:ocaml@
fn << walker_asserts.fn;
l << walker_asserts.l;
@@
if pt_lock_expr l then Hashtbl.replace asserting fn ()

@walker_call depends on walker_pin || walker_region@
identifier callee : script:ocaml () { Hashtbl.mem defined_fns callee };
position p;
@@
callee@p(...)

@script:ocaml@
callee << walker_call.callee;
p << walker_call.p;
@@
let p = List.hd p in
Hashtbl.add call_sites callee (p.Coccilib.current_element, pos_key p)

@script:ocaml depends on walker_pin || walker_region@
@@
let rec up table fn =
  if not (Hashtbl.mem table fn) then begin
    Hashtbl.replace table fn ();
    List.iter (fun (caller, _) -> up table caller)
      (Hashtbl.find_all call_sites fn)
  end in
Hashtbl.iter (fun fn () -> up snapshot_chain fn) snapshotting_fns;
if Hashtbl.length irq_opening_fns > 0 then
  Hashtbl.iter (fun fn () -> Hashtbl.replace chain_fns fn ()) snapshot_chain

@walker_locked_call depends on walker_pin || walker_region exists@
identifier callee : script:ocaml () { Hashtbl.mem defined_fns callee && on_chain callee };
expression l, m;
identifier ptl_fn = {pmd_lock, pud_lock, huge_pte_lock, pmd_trans_huge_lock,
                     pud_trans_huge_lock};
position p;
@@
(
l = ptl_fn(...);
|
m = pte_offset_map_lock(..., &l);
)
... when != spin_unlock(l)
    when != pte_unmap_unlock(..., l)
callee@p(...)

@script:ocaml@
p << walker_locked_call.p;
@@
Hashtbl.replace locked_calls (pos_key (List.hd p)) ()

@walker_spin_locked_call depends on walker_pin || walker_region exists@
identifier callee : script:ocaml () { Hashtbl.mem defined_fns callee && on_chain callee };
expression l : script:ocaml () { pt_lock_expr l };
position p;
@@
spin_lock(l);
... when != spin_unlock(l)
callee@p(...)

@script:ocaml@
p << walker_spin_locked_call.p;
@@
Hashtbl.replace locked_calls (pos_key (List.hd p)) ()
// IRQ-off regions across calls: a call of the file's own functions that
// a path from its caller's entry, or from the end of a region, reaches
// without opening one.
@walker_irq_open_entry depends on walker_pin || walker_region exists@
identifier fn : script:ocaml () { irq_callee fn };
identifier callee : script:ocaml () { irq_callee callee };
position p;
@@
fn(...) {
... when != \(local_irq_save(...)\|local_irq_disable()\|rcu_read_lock()\)
    when any
callee@p(...)
... when any
}

@script:ocaml@
p << walker_irq_open_entry.p;
@@
Hashtbl.replace irq_open_calls (pos_key (List.hd p)) ()

@walker_irq_open_after depends on walker_pin || walker_region exists@
identifier callee : script:ocaml () { irq_callee callee };
position p;
@@
(
local_irq_restore(...);
|
local_irq_enable();
|
rcu_read_unlock();
)
... when != \(local_irq_save(...)\|local_irq_disable()\|rcu_read_lock()\)
    when any
callee@p(...)

@script:ocaml@
p << walker_irq_open_after.p;
@@
Hashtbl.replace irq_open_calls (pos_key (List.hd p)) ()
// END cocci/model/walker.smpl

@initialize:ocaml@
@@
let pos_of l = List.hd l
let fkey (p : Coccilib.pos) = (p.Coccilib.file, p.Coccilib.line)
let pkey (p : Coccilib.pos) = (p.Coccilib.file, p.Coccilib.line, p.Coccilib.col)

(* Snapshots, keyed by (file, line of the function's name, variable). *)
let snapshots = Hashtbl.create 32
let snapshot_fns = Hashtbl.create 32     (* fkey fp: holds a snapshot *)
let add_snapshot fp s =
  Hashtbl.replace snapshots (fkey (pos_of fp), s) ();
  Hashtbl.replace snapshot_fns (fkey (pos_of fp)) ()

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
let releases : (Coccilib.pos * Coccilib.pos * string * string * string
                * Coccilib.pos) list ref = ref []
let unreleased : (Coccilib.pos * Coccilib.pos) list ref = ref []

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
let findings : ((string * int * int) * int * string * Coccilib.pos) list ref =
  ref []
(* A defect on the path to the failing goto or return g is reported at
   the re-check's if when g is in its mismatch branch, else at g.  rank
   orders the defects when one place has several. *)
let add_finding pp (where : Coccilib.pos) path rank what =
  match Hashtbl.find_opt pins (pkey pp) with
  | Some (fn, spec, o, cnt, fk)
    when Hashtbl.mem snapshot_fns fk && lockless_walker fn
         && speculative spec pp ->
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
                   try_grab_folio, try_grab_page, try_get_page,
                   try_grab_folio_fast, try_get_folio, folio_try_get};
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
T s = \(*p\|ACCESS_ONCE(*p)\|READ_ONCE(*p)\|ptep_get(p)\|ptep_get_lockless(p)\|pmdp_get(p)\|pmdp_get_lockless(p)\|pudp_get(p)\|gup_get_pte(p)\|gup_get_pmd(p)\|huge_ptep_get(p)\);
|
se = \(*p\|ACCESS_ONCE(*p)\|READ_ONCE(*p)\|ptep_get(p)\|ptep_get_lockless(p)\|pmdp_get(p)\|pmdp_get_lockless(p)\|pudp_get(p)\|gup_get_pte(p)\|gup_get_pmd(p)\|huge_ptep_get(p)\);
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
                   try_grab_folio, try_grab_page, try_get_page,
                   try_grab_folio_fast, try_get_folio, folio_try_get};
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
               "try_grab_compound_head"; "try_grab_folio";
               "try_grab_folio_fast"; "try_get_folio"] in
let returns_object = ["try_get_compound_head"; "try_grab_compound_head";
                      "try_grab_folio"; "try_grab_folio_fast";
                      "try_get_folio"] in
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
Hashtbl.reset snapshot_fns;
Hashtbl.reset pins;
Hashtbl.reset loop_puts;
branches := [];
releases := [];
unreleased := [];
findings := []
