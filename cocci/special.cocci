// SPDX-License-Identifier: GPL-2.0-only
/// A lockless walker must not pin a page from a pte snapshot that may be
/// special (pte_special(): a pfn mapping, the zero page, memory whose
/// owner refcounts it its own way): every path from the snapshot to the
/// pin (a speculative get, or get_page() in an IRQ-off walker) must test
/// it, and the test's true branch must leave.
/// The true branch of a pte_devmap() test is exempt: device ptes are
/// special on x86 and are pinned through their pagemap.  Architectures
/// without pte_special() stub the pte walk to pin nothing, which is
/// clean.  Where huge pfnmaps exist (the file tests pmd_special() or
/// pud_special(), or the kernel is 6.12 or later), pmd and pud leaves
/// need the test too.  Hugetlb entries are never special.
///
// Confidence: High
// Copyright: (C) 2026 The ptwalk authors.
// Options: --no-includes --include-headers
// Requires: 1.1.1
// Keywords: gup, pte_special, pfnmap, devmap
// API roles: SPEC_GET, UNCOND_GET, SPECIAL_PRED, SAFE_READ
// Prefilter: SPEC_GET UNCOND_GET
// Prefilter: SPEC_GET IRQ_OFF

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
(* The model's IRQ-off regions, for snapshot_walker(). *)
let () = ask_irq_regions Irq_snapshot_walkers

(* Findings are printed as they are found: under spatch --jobs each
   worker has its own memory, and a finalize rule would see none. *)
let org_mode = ref false
let printed = Hashtbl.create 16
let emit p msg =
  let key = (p.Coccilib.file, p.Coccilib.line, p.Coccilib.col, msg) in
  if not (Hashtbl.mem printed key) then begin
    Hashtbl.add printed key ();
    let msg = msg ^ " [ptwalk-special]" in
    if !org_mode then Coccilib.print_todo ~msg p
    else
      Printf.printf "%s:%d:%d: warning: %s\n%!" p.Coccilib.file
        p.Coccilib.line (p.Coccilib.col + 1) msg
  end

(* Whether the code TEXT names W (a test in an else branch). *)
let mentions text w =
  let n = String.length w and m = String.length text in
  let rec at i = i + n <= m && (String.sub text i n = w || at (i + 1)) in
  at 0


(* Huge pfnmaps: the code tests pmd_special()/pud_special(), else the
   kernel is 6.12 or later. *)
let file_huge_special = ref false
let huge_pfnmaps () =
  !file_huge_special
  || (match !kernel_version with
      | Some v -> compare v (6, 12) >= 0
      | None -> false)

let pte_derived = Hashtbl.create 16   (* snapshots a page is taken from *)
let pmd_derived = Hashtbl.create 16
let pud_derived = Hashtbl.create 16
let param_callers : (string * string, unit) Hashtbl.t = Hashtbl.create 16 (* (file, fn) of called pin helpers *)

// Runs first for every file: names found in one file must not leak into
// the next.
@script:ocaml@
@@
Hashtbl.reset pte_derived;
Hashtbl.reset pmd_derived;
Hashtbl.reset pud_derived;
Hashtbl.reset param_callers;
file_huge_special := false

@script:ocaml depends on org@
@@
org_mode := true

@huge_special@
expression e;
@@
\(pmd_special(e)\|pud_special(e)\)

@script:ocaml depends on huge_special@
@@
file_huge_special := true

// Only a snapshot the pinned page is derived from needs the test.
@pte_derivation@
identifier s;
@@
\(pte_page(s)\|pte_pfn(s)\)

@script:ocaml@
s << pte_derivation.s;
@@
Hashtbl.replace pte_derived s ()

@pmd_derivation@
identifier s;
@@
\(pmd_page(s)\|pmd_pfn(s)\)

@script:ocaml@
s << pmd_derivation.s;
@@
Hashtbl.replace pmd_derived s ()

@pud_derivation@
identifier s;
@@
\(pud_page(s)\|pud_pfn(s)\)

@script:ocaml@
s << pud_derivation.s;
@@
Hashtbl.replace pud_derived s ()

// ---------------------------------------------------------------------
// pte level, snapshot local to the pinning function.  The pte pointer
// must come from pte_offset_map(): a hugepte is never special.  The old
// arch idiom `(pte_val(pte) & (mask | _PAGE_SPECIAL)) != mask` is a test.

@pte_local exists@
pte_t *ptep;
identifier pte : script:ocaml () { Hashtbl.mem pte_derived pte };
identifier pin = {page_cache_get_speculative, page_cache_add_speculative,
                  get_page_unless_zero, folio_try_get_rcu,
                  try_get_compound_head, try_grab_compound_head,
                  try_grab_folio, try_grab_page, try_get_page,
                  try_grab_folio_fast, try_get_folio, folio_try_get,
                  get_page, page_cache_get, folio_get, get_page_foll,
                  page_ref_inc
};
position ps, pp;
@@
ptep = \(pte_offset_map\|pte_offset_kernel\)(...)
... when any
(
pte_t pte@ps = \(ACCESS_ONCE(*ptep)\|READ_ONCE(*ptep)\|*ptep\|ptep_get(ptep)\|ptep_get_lockless(ptep)\|gup_get_pte(ptep)\);
|
pte@ps = \(ACCESS_ONCE(*ptep)\|READ_ONCE(*ptep)\|*ptep\|ptep_get(ptep)\|ptep_get_lockless(ptep)\|gup_get_pte(ptep)\);
)
... when != pte_special(pte)
    when != pte_devmap(pte)
    when != _PAGE_SPECIAL
pin@pp(...)

@script:ocaml depends on report || org@
pp << pte_local.pp;
ps << pte_local.ps;
pte << pte_local.pte;
pin << pte_local.pin;
@@
let p = List.hd pp and s = List.hd ps in
if walk_pin pin p then
  emit p
    (Printf.sprintf
       "%s() pins a page from pte snapshot '%s' (line %d) that is not tested with pte_special() on some path"
       pin pte s.Coccilib.line)

// The pte_devmap() branch is exempt, not the path around it: a walker
// whose else branch does not test pte_special() pins special ptes there.
@pte_devmap_else exists@
pte_t *ptep;
identifier pte : script:ocaml () { Hashtbl.mem pte_derived pte };
identifier pin = {page_cache_get_speculative, page_cache_add_speculative,
                  get_page_unless_zero, folio_try_get_rcu,
                  try_get_compound_head, try_grab_compound_head,
                  try_grab_folio, try_grab_page, try_get_page,
                  try_grab_folio_fast, try_get_folio, folio_try_get,
                  get_page, page_cache_get, folio_get, get_page_foll,
                  page_ref_inc
};
statement S1, S2;
position ps, pp;
@@
ptep = \(pte_offset_map\|pte_offset_kernel\)(...)
... when any
(
pte_t pte@ps = \(ACCESS_ONCE(*ptep)\|READ_ONCE(*ptep)\|*ptep\|ptep_get(ptep)\|ptep_get_lockless(ptep)\|gup_get_pte(ptep)\);
|
pte@ps = \(ACCESS_ONCE(*ptep)\|READ_ONCE(*ptep)\|*ptep\|ptep_get(ptep)\|ptep_get_lockless(ptep)\|gup_get_pte(ptep)\);
)
... when != pte_special(pte)
    when != pte_devmap(pte)
    when != _PAGE_SPECIAL
if (\(pte_devmap(pte)\|unlikely(pte_devmap(pte))\)) S1 else S2
... when != pte_special(pte)
    when != _PAGE_SPECIAL
pin@pp(...)

@script:ocaml depends on report || org@
pp << pte_devmap_else.pp;
ps << pte_devmap_else.ps;
pte << pte_devmap_else.pte;
pin << pte_devmap_else.pin;
s2 << pte_devmap_else.S2;
@@
let p = List.hd pp and s = List.hd ps in
if walk_pin pin p
   && not (mentions s2 "pte_special" || mentions s2 "_PAGE_SPECIAL") then
  emit p
    (Printf.sprintf
       "%s() pins a page from pte snapshot '%s' (line %d) that is not tested with pte_special() on some path"
       pin pte s.Coccilib.line)

@pte_devmap_only exists@
pte_t *ptep;
identifier pte : script:ocaml () { Hashtbl.mem pte_derived pte };
identifier pin = {page_cache_get_speculative, page_cache_add_speculative,
                  get_page_unless_zero, folio_try_get_rcu,
                  try_get_compound_head, try_grab_compound_head,
                  try_grab_folio, try_grab_page, try_get_page,
                  try_grab_folio_fast, try_get_folio, folio_try_get,
                  get_page, page_cache_get, folio_get, get_page_foll,
                  page_ref_inc
};
statement S1;
position ps, pp;
@@
ptep = \(pte_offset_map\|pte_offset_kernel\)(...)
... when any
(
pte_t pte@ps = \(ACCESS_ONCE(*ptep)\|READ_ONCE(*ptep)\|*ptep\|ptep_get(ptep)\|ptep_get_lockless(ptep)\|gup_get_pte(ptep)\);
|
pte@ps = \(ACCESS_ONCE(*ptep)\|READ_ONCE(*ptep)\|*ptep\|ptep_get(ptep)\|ptep_get_lockless(ptep)\|gup_get_pte(ptep)\);
)
... when != pte_special(pte)
    when != pte_devmap(pte)
    when != _PAGE_SPECIAL
if (\(pte_devmap(pte)\|unlikely(pte_devmap(pte))\)) S1
... when != pte_special(pte)
    when != _PAGE_SPECIAL
pin@pp(...)

@script:ocaml depends on report || org@
pp << pte_devmap_only.pp;
ps << pte_devmap_only.ps;
pte << pte_devmap_only.pte;
pin << pte_devmap_only.pin;
@@
let p = List.hd pp and s = List.hd ps in
if walk_pin pin p then
  emit p
    (Printf.sprintf
       "%s() pins a page from pte snapshot '%s' (line %d) that is not tested with pte_special() on some path"
       pin pte s.Coccilib.line)

// ---------------------------------------------------------------------
// pmd level, snapshot local to the pinning function (a walker that pins
// huge pmds inline).  A path that maps the pte table is pte_local's.

@pmd_local exists@
pmd_t *pmdp;
identifier pmd : script:ocaml () { Hashtbl.mem pmd_derived pmd };
identifier pin = {page_cache_get_speculative, page_cache_add_speculative,
                  get_page_unless_zero, folio_try_get_rcu,
                  try_get_compound_head, try_grab_compound_head,
                  try_grab_folio, try_grab_page, try_get_page,
                  try_grab_folio_fast, try_get_folio, folio_try_get,
                  get_page, page_cache_get, folio_get, get_page_foll,
                  page_ref_inc
};
position ps, pp;
@@
(
pmd_t pmd@ps = \(ACCESS_ONCE(*pmdp)\|READ_ONCE(*pmdp)\|*pmdp\|pmdp_get(pmdp)\|pmdp_get_lockless(pmdp)\|gup_get_pmd(pmdp)\);
|
pmd@ps = \(ACCESS_ONCE(*pmdp)\|READ_ONCE(*pmdp)\|*pmdp\|pmdp_get(pmdp)\|pmdp_get_lockless(pmdp)\|gup_get_pmd(pmdp)\);
)
... when != pmd_special(pmd)
    when != pte_offset_map(...)
pin@pp(...)

@script:ocaml depends on report || org@
pp << pmd_local.pp;
ps << pmd_local.ps;
pmd << pmd_local.pmd;
pin << pmd_local.pin;
@@
let p = List.hd pp and s = List.hd ps in
if huge_pfnmaps () && walk_pin pin p then
  emit p
    (Printf.sprintf
       "%s() pins a page from pmd snapshot '%s' (line %d) that is not tested with pmd_special() on some path"
       pin pmd s.Coccilib.line)

// pmd snapshot passed by value (gup_huge_pmd(pmd_t orig, ...)): when the
// callee pins without a test, each caller must test before the call.

@pmd_param exists@
identifier fn;
identifier orig : script:ocaml () { Hashtbl.mem pmd_derived orig };
parameter list[n] before;
identifier pin = {page_cache_get_speculative, page_cache_add_speculative,
                  get_page_unless_zero, folio_try_get_rcu,
                  try_get_compound_head, try_grab_compound_head,
                  try_grab_folio, try_grab_page, try_get_page,
                  try_grab_folio_fast, try_get_folio, folio_try_get,
                  get_page, page_cache_get, folio_get, get_page_foll,
                  page_ref_inc
};
position pp;
@@
fn(before, pmd_t orig, ...)
{
... when != pmd_special(orig)
    when != pte_offset_map(...)
pin@pp(...)
... when any
}

@pmd_param_call@
identifier pmd_param.fn;
position pc;
@@
fn@pc(...)

@script:ocaml depends on report || org@
fn << pmd_param.fn;
pc << pmd_param_call.pc;
@@
Hashtbl.replace param_callers ((List.hd pc).Coccilib.file, fn) ()

@pmd_param_untested exists@
identifier pmd_param.fn;
expression list[pmd_param.n] args;
pmd_t *pmdp;
identifier pmd;
position pc;
@@
(
pmd_t pmd = \(ACCESS_ONCE(*pmdp)\|READ_ONCE(*pmdp)\|*pmdp\|pmdp_get(pmdp)\|pmdp_get_lockless(pmdp)\|gup_get_pmd(pmdp)\);
|
pmd = \(ACCESS_ONCE(*pmdp)\|READ_ONCE(*pmdp)\|*pmdp\|pmdp_get(pmdp)\|pmdp_get_lockless(pmdp)\|gup_get_pmd(pmdp)\);
)
... when != pmd_special(pmd)
fn@pc(args, pmd, ...)

@script:ocaml depends on report || org@
fn << pmd_param.fn;
pp << pmd_param.pp;
pin << pmd_param.pin;
pc << pmd_param_untested.pc;
pmd << pmd_param_untested.pmd;
@@
let c = List.hd pc and p = List.hd pp in
if huge_pfnmaps () && walk_pin pin p
   && not (locked c.Coccilib.current_element) then
  emit c
    (Printf.sprintf
       "pmd snapshot '%s' reaches %s() in %s() (line %d) without a pmd_special() test on some path"
       pmd pin fn p.Coccilib.line)

// A pinning helper with no caller in this file: report at its pin.
@script:ocaml depends on report || org@
fn << pmd_param.fn;
pp << pmd_param.pp;
pin << pmd_param.pin;
@@
let p = List.hd pp in
if huge_pfnmaps () && walk_pin pin p
   && not (Hashtbl.mem param_callers (p.Coccilib.file, fn)) then
  emit p
    (Printf.sprintf
       "%s() pins a page from the pmd parameter of %s() that is not tested with pmd_special(), and no caller in this file tests it"
       pin fn)

// ---------------------------------------------------------------------
// pud level, snapshot local to the pinning function (a walker that pins
// huge puds inline).  A path that maps the pte table is pte_local's.

@pud_local exists@
pud_t *pudp;
identifier pud : script:ocaml () { Hashtbl.mem pud_derived pud };
identifier pin = {page_cache_get_speculative, page_cache_add_speculative,
                  get_page_unless_zero, folio_try_get_rcu,
                  try_get_compound_head, try_grab_compound_head,
                  try_grab_folio, try_grab_page, try_get_page,
                  try_grab_folio_fast, try_get_folio, folio_try_get,
                  get_page, page_cache_get, folio_get, get_page_foll,
                  page_ref_inc
};
position ps, pp;
@@
(
pud_t pud@ps = \(ACCESS_ONCE(*pudp)\|READ_ONCE(*pudp)\|*pudp\|pudp_get(pudp)\);
|
pud@ps = \(ACCESS_ONCE(*pudp)\|READ_ONCE(*pudp)\|*pudp\|pudp_get(pudp)\);
)
... when != pud_special(pud)
    when != pte_offset_map(...)
pin@pp(...)

@script:ocaml depends on report || org@
pp << pud_local.pp;
ps << pud_local.ps;
pud << pud_local.pud;
pin << pud_local.pin;
@@
let p = List.hd pp and s = List.hd ps in
if huge_pfnmaps () && walk_pin pin p then
  emit p
    (Printf.sprintf
       "%s() pins a page from pud snapshot '%s' (line %d) that is not tested with pud_special() on some path"
       pin pud s.Coccilib.line)

// pud snapshot passed by value (gup_huge_pud(pud_t orig, ...)): when the
// callee pins without a test, each caller must test before the call.

@pud_param exists@
identifier fn;
identifier orig : script:ocaml () { Hashtbl.mem pud_derived orig };
parameter list[n] before;
identifier pin = {page_cache_get_speculative, page_cache_add_speculative,
                  get_page_unless_zero, folio_try_get_rcu,
                  try_get_compound_head, try_grab_compound_head,
                  try_grab_folio, try_grab_page, try_get_page,
                  try_grab_folio_fast, try_get_folio, folio_try_get,
                  get_page, page_cache_get, folio_get, get_page_foll,
                  page_ref_inc
};
position pp;
@@
fn(before, pud_t orig, ...)
{
... when != pud_special(orig)
    when != pte_offset_map(...)
pin@pp(...)
... when any
}

@pud_param_call@
identifier pud_param.fn;
position pc;
@@
fn@pc(...)

@script:ocaml depends on report || org@
fn << pud_param.fn;
pc << pud_param_call.pc;
@@
Hashtbl.replace param_callers ((List.hd pc).Coccilib.file, fn) ()

@pud_param_untested exists@
identifier pud_param.fn;
expression list[pud_param.n] args;
pud_t *pudp;
identifier pud;
position pc;
@@
(
pud_t pud = \(ACCESS_ONCE(*pudp)\|READ_ONCE(*pudp)\|*pudp\|pudp_get(pudp)\);
|
pud = \(ACCESS_ONCE(*pudp)\|READ_ONCE(*pudp)\|*pudp\|pudp_get(pudp)\);
)
... when != pud_special(pud)
fn@pc(args, pud, ...)

@script:ocaml depends on report || org@
fn << pud_param.fn;
pp << pud_param.pp;
pin << pud_param.pin;
pc << pud_param_untested.pc;
pud << pud_param_untested.pud;
@@
let c = List.hd pc and p = List.hd pp in
if huge_pfnmaps () && walk_pin pin p
   && not (locked c.Coccilib.current_element) then
  emit c
    (Printf.sprintf
       "pud snapshot '%s' reaches %s() in %s() (line %d) without a pud_special() test on some path"
       pud pin fn p.Coccilib.line)

// A pinning helper with no caller in this file: report at its pin.
@script:ocaml depends on report || org@
fn << pud_param.fn;
pp << pud_param.pp;
pin << pud_param.pin;
@@
let p = List.hd pp in
if huge_pfnmaps () && walk_pin pin p
   && not (Hashtbl.mem param_callers (p.Coccilib.file, fn)) then
  emit p
    (Printf.sprintf
       "%s() pins a page from the pud parameter of %s() that is not tested with pud_special(), and no caller in this file tests it"
       pin fn)
