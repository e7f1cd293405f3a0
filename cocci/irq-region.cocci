// SPDX-License-Identifier: GPL-2.0-only
/// A lockless page-table walker must run where the tables it reads cannot
/// be freed: with interrupts disabled (local_irq_save/local_irq_disable),
/// so that the TLB-flush IPI or the RCU grace period that frees a table
/// waits for it, or inside an RCU read-side section.  The region may be in
/// a caller: a walker reached only through calls made inside the region
/// is inside it.  Nothing in the region may sleep: the slow GUP path
/// (get_user_pages, mmap_read_lock, down_read) comes only after
/// local_irq_restore.
///
/// A walker is a function that reads an entry through a pgd/p4d/pud/pmd/
/// pte pointer outside the page-table lock and pins a page with a
/// speculative get, or calls such a walker.  A walk that leaves the region
/// open is reported where it is entered: the call of the walker made
/// outside any region, or the walker's own pin or descent when nothing in
/// the file calls it.  A sleeping call is reported where the region
/// reaches it, directly or through a function of the file that sleeps.
///
// Confidence: High
// Copyright: (C) 2026 The ptwalk authors.
// Options: --no-includes --include-headers
// Requires: 1.1.1
// Keywords: gup, local_irq_save, IRQ-off, RCU, sleeping in atomic
// API roles: SPEC_GET, IRQ_OFF, IRQ_ON, SLEEPS, READ_ONCE_ACCESS, SAFE_READ
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
(* The model's IRQ-off regions: irq_open below is a superset of what
   irq_off() needs, and is handed to it (irq_open_calls). *)
let () = ask_irq_regions Irq_supplied

let org_mode = ref false
let printed = Hashtbl.create 16
let emit p msg =
  let key = (p.Coccilib.file, p.Coccilib.line, p.Coccilib.col, msg) in
  if not (Hashtbl.mem printed key) then begin
    Hashtbl.add printed key ();
    let msg = msg ^ " [ptwalk-irq-region]" in
    if !org_mode then Coccilib.print_todo ~msg p
    else
      Printf.printf "%s:%d:%d: warning: %s\n%!" p.Coccilib.file
        p.Coccilib.line (p.Coccilib.col + 1) msg
  end

(* Per file, by function: entry reads and speculative gets made outside
   the page-table lock, calls of the file's functions, sleeping calls. *)
let irq_reads = Hashtbl.create 16
let irq_pins = Hashtbl.create 16
let irq_calls = Hashtbl.create 64
let irq_sleeps = Hashtbl.create 8
(* Points some path reaches outside the function's own region (must), and
   points some path reaches inside one (may). *)
let irq_open = Hashtbl.create 64
let irq_inside = Hashtbl.create 16
(* Functions that open or close a region themselves. *)
let irq_toggles = Hashtbl.create 8

let fn_of p = p.Coccilib.current_element

(* Names whose calls the region questions are asked about: the file's
   functions, the speculative gets, the readers (a reader the rule does not
   name is a function of some file; irq_read_call's calls are those
   recorded in irq_called_readers). *)
let spec_gets = ["page_cache_get_speculative"; "page_cache_add_speculative";
                 "get_page_unless_zero"; "folio_try_get_rcu";
                 "try_get_compound_head"; "try_grab_compound_head";
                 "try_grab_folio"; "try_grab_page"; "try_get_page";
                 "try_grab_folio_fast"; "try_get_folio"; "folio_try_get"]
let readers = ["ACCESS_ONCE"; "READ_ONCE"; "ptep_get"; "huge_ptep_get";
               "pmdp_get"; "pudp_get"; "ptep_get_lockless"; "pmdp_get_lockless";
               "gup_get_pte"; "gup_get_pmd"]
let sleeping = ["get_user_pages"; "get_user_pages_fast";
                "get_user_pages_unlocked"; "get_user_pages_remote";
                "pin_user_pages"; "pin_user_pages_fast";
                "pin_user_pages_remote"; "pin_user_pages_unlocked";
                "down_read"; "down_write"; "down_read_killable";
                "mmap_read_lock"; "mmap_write_lock";
                "mmap_read_lock_killable"; "mutex_lock"; "might_sleep";
                "might_fault"; "cond_resched"; "msleep"; "schedule"]
let irq_called_readers = Hashtbl.create 8
let walk_point f =
  Hashtbl.mem defined_fns f || List.mem f spec_gets || List.mem f readers
  || Hashtbl.mem irq_called_readers f

(* Functions that walk kernel page tables, which are never freed. *)
let kernel_tables = Hashtbl.create 4

(* A walker: reads an entry and pins, or calls a walker, outside the
   page-table lock, in user page tables. *)
let walkers () =
  let w = Hashtbl.create 16 in
  let changed = ref true in
  while !changed do
    changed := false;
    Hashtbl.iter (fun fn () ->
        if not (Hashtbl.mem w fn) && not (locked fn)
           && not (Hashtbl.mem kernel_tables fn)
           && (Hashtbl.mem irq_pins fn
               || List.exists (fun (callee, _) -> Hashtbl.mem w callee)
                    (Hashtbl.find_all irq_calls fn)) then begin
          Hashtbl.replace w fn (); changed := true end)
      (let r = Hashtbl.create 16 in
       Hashtbl.iter (fun fn _ -> Hashtbl.replace r fn ()) irq_reads; r)
  done;
  w

let is_open p = Hashtbl.mem irq_open (pos_key p)

(* A walker needs a region from its callers when one of its reads, pins
   or calls of such walkers is outside its own, unless it opens or closes
   a region itself: then the region is its own business. *)
let needing w =
  let n = Hashtbl.create 16 in
  let changed = ref true in
  while !changed do
    changed := false;
    Hashtbl.iter (fun fn () ->
        if not (Hashtbl.mem n fn) && not (Hashtbl.mem irq_toggles fn)
           && (List.exists is_open (Hashtbl.find_all irq_reads fn)
               || List.exists (fun (p, _) -> is_open p) (Hashtbl.find_all irq_pins fn)
               || List.exists (fun (callee, p) -> Hashtbl.mem n callee && is_open p)
                    (Hashtbl.find_all irq_calls fn)) then begin
          Hashtbl.replace n fn (); changed := true end) w
  done;
  n

(* The functions whose points' regions the findings ask about: the
   walkers and every function that reaches one through the file's calls
   (irq_off() asks of the callers of a function, up the chain).  Asking
   it of every function of a large file costs seconds (mm/memory.c). *)
let region_fns = ref None
let region_fn fn =
  let fns =
    match !region_fns with
    | Some fns -> fns
    | None ->
        let fns = Hashtbl.create 16 in
        let rec up fn =
          if not (Hashtbl.mem fns fn) then begin
            Hashtbl.replace fns fn ();
            List.iter (fun (caller, _) -> up caller)
              (Hashtbl.find_all call_sites fn)
          end in
        Hashtbl.iter (fun fn () -> up fn) (walkers ());
        region_fns := Some fns;
        fns in
  Hashtbl.mem fns fn

(* Functions that may sleep: a SLEEPS call, or a call of one of them. *)
let sleepers () =
  let s = Hashtbl.create 16 in
  Hashtbl.iter (fun fn _ -> Hashtbl.replace s fn ()) irq_sleeps;
  let changed = ref true in
  while !changed do
    changed := false;
    Hashtbl.iter (fun fn (callee, _) ->
        if Hashtbl.mem s callee && not (Hashtbl.mem s fn) then begin
          Hashtbl.replace s fn (); changed := true end) irq_calls
  done;
  s

// Runs first for every file.
@script:ocaml@
@@
Hashtbl.reset irq_reads;
Hashtbl.reset irq_open;
Hashtbl.reset irq_inside;
Hashtbl.reset irq_toggles;
Hashtbl.reset kernel_tables;
Hashtbl.reset irq_called_readers;
Hashtbl.reset irq_pins;
Hashtbl.reset irq_calls;
Hashtbl.reset irq_sleeps;
region_fns := None

@script:ocaml depends on org@
@@
org_mode := true

// Walks of kernel page tables: init_mm's, and the gate area's
// (get_gate_page()).
@irq_kernel_tables depends on walker_pin@
identifier fn;
@@
fn(...) { <+... \(pgd_offset_k(...)\|pgd_offset_gate(...)\|init_mm\) ...+> }

@script:ocaml@
fn << irq_kernel_tables.fn;
@@
Hashtbl.replace kernel_tables fn ()

// Entry reads outside the page-table lock.
@irq_read depends on walker_pin exists@
identifier fn;
typedef pgd_t, p4d_t, pud_t, pmd_t, pte_t;
{pgd_t *, p4d_t *, pud_t *, pmd_t *, pte_t *} ep;
// READ_ONCE(*p) is the *p above; READ_ONCE(x->field) reads no entry.
identifier reader = {ACCESS_ONCE, READ_ONCE, ptep_get, huge_ptep_get,
                     pmdp_get, pudp_get, ptep_get_lockless, pmdp_get_lockless,
                     gup_get_pte, gup_get_pmd};
identifier ptl_fn = {pmd_lock, pud_lock, huge_pte_lock, pmd_trans_huge_lock,
                     pud_trans_huge_lock, pte_offset_map_lock};
expression l : script:ocaml () { pt_lock_expr l };
position p;
@@
fn(...) {
... when != ptl_fn(...)
    when != spin_lock(l)
    when any
(
 *ep@p
|
reader@p(..., ep, ...)
)
... when any
}

@script:ocaml@
p << irq_read.p;
@@
let p = List.hd p in
Hashtbl.add irq_reads (fn_of p) p

// A reader the rule does not name (6.12's pgdp_get(), p4dp_get()): a
// call that takes an entry pointer and whose value is stored as an entry.
@irq_read_call depends on walker_pin exists@
identifier fn, f, x;
{pgd_t *, p4d_t *, pud_t *, pmd_t *, pte_t *} ep;
{pgd_t, p4d_t, pud_t, pmd_t, pte_t} ev;
identifier ptl_fn = {pmd_lock, pud_lock, huge_pte_lock, pmd_trans_huge_lock,
                     pud_trans_huge_lock, pte_offset_map_lock};
expression l : script:ocaml () { pt_lock_expr l };
position p;
@@
fn(...) {
... when != ptl_fn(...)
    when != spin_lock(l)
    when any
(
pgd_t x = f@p(..., ep, ...);
|
p4d_t x = f@p(..., ep, ...);
|
pud_t x = f@p(..., ep, ...);
|
pmd_t x = f@p(..., ep, ...);
|
pte_t x = f@p(..., ep, ...);
|
ev = f@p(..., ep, ...)
)
... when any
}

@script:ocaml@
p << irq_read_call.p;
f << irq_read_call.f;
@@
let p = List.hd p in
Hashtbl.replace irq_called_readers f ();
Hashtbl.add irq_reads (fn_of p) p

// Speculative gets outside the page-table lock.
@irq_pin depends on walker_pin exists@
identifier fn;
identifier spec = {page_cache_get_speculative, page_cache_add_speculative,
                   get_page_unless_zero, folio_try_get_rcu,
                   try_get_compound_head, try_grab_compound_head,
                   try_grab_folio, try_grab_page, try_get_page,
                   try_grab_folio_fast, try_get_folio, folio_try_get};
identifier ptl_fn = {pmd_lock, pud_lock, huge_pte_lock, pmd_trans_huge_lock,
                     pud_trans_huge_lock, pte_offset_map_lock};
expression l : script:ocaml () { pt_lock_expr l };
position p;
@@
fn(...) {
... when != ptl_fn(...)
    when != spin_lock(l)
    when any
spec@p(...)
... when any
}

@script:ocaml@
p << irq_pin.p;
spec << irq_pin.spec;
@@
let p = List.hd p in
if speculative spec p then Hashtbl.add irq_pins (fn_of p) (p, spec)

@irq_call depends on walker_pin@
identifier callee : script:ocaml () { Hashtbl.mem defined_fns callee };
position p;
@@
callee@p(...)

@script:ocaml@
callee << irq_call.callee;
p << irq_call.p;
@@
let p = List.hd p in
Hashtbl.add irq_calls (fn_of p) (callee, p)

@irq_sleep depends on walker_pin@
identifier sleeper = {get_user_pages, get_user_pages_fast,
                      get_user_pages_unlocked, get_user_pages_remote,
                      pin_user_pages, pin_user_pages_fast,
                      pin_user_pages_remote, pin_user_pages_unlocked,
                      down_read, down_write, down_read_killable,
                      mmap_read_lock, mmap_write_lock,
                      mmap_read_lock_killable, mutex_lock, might_sleep,
                      might_fault, cond_resched, msleep, schedule};
position p;
@@
sleeper@p(...)

@script:ocaml@
sleeper << irq_sleep.sleeper;
p << irq_sleep.p;
@@
let p = List.hd p in
Hashtbl.add irq_sleeps (fn_of p) (p, sleeper)

@irq_toggle depends on walker_pin@
identifier toggle = {local_irq_save, local_irq_disable, rcu_read_lock,
                     local_irq_restore, local_irq_enable, rcu_read_unlock};
position p;
@@
toggle@p(...)

@script:ocaml@
p << irq_toggle.p;
@@
Hashtbl.replace irq_toggles (fn_of (List.hd p)) ()

// Points outside the function's own region: some path from its entry, or
// from the end of a region, reaches them without opening one.
@irq_open_entry depends on walker_pin exists@
identifier fn : script:ocaml () { region_fn fn };
identifier f : script:ocaml () { walk_point f };
typedef pgd_t, p4d_t, pud_t, pmd_t, pte_t;
{pgd_t *, p4d_t *, pud_t *, pmd_t *, pte_t *} ep;
position p;
@@
fn(...) {
... when != \(local_irq_save(...)\|local_irq_disable()\|rcu_read_lock()\)
    when any
(
 *ep@p
|
f@p(...)
)
... when any
}

@script:ocaml@
p << irq_open_entry.p;
@@
Hashtbl.replace irq_open (pos_key (List.hd p)) ()

@irq_open_after depends on walker_pin exists@
identifier f : script:ocaml () { walk_point f };
typedef pgd_t, p4d_t, pud_t, pmd_t, pte_t;
{pgd_t *, p4d_t *, pud_t *, pmd_t *, pte_t *} ep;
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
(
 *ep@p
|
f@p(...)
)

@script:ocaml@
p << irq_open_after.p;
@@
Hashtbl.replace irq_open (pos_key (List.hd p)) ()

// Calls some path reaches inside a region.
@irq_in_region depends on walker_pin exists@
identifier f : script:ocaml () { Hashtbl.mem defined_fns f || List.mem f sleeping };
position p;
@@
(
local_irq_save(...);
|
local_irq_disable();
|
rcu_read_lock();
)
... when != \(local_irq_restore(...)\|local_irq_enable()\|rcu_read_unlock()\)
    when any
f@p(...)

@script:ocaml@
p << irq_in_region.p;
@@
Hashtbl.replace irq_inside (pos_key (List.hd p)) ()

// The findings of the file, once everything above has run on it.
@script:ocaml depends on report || org@
@@
Hashtbl.iter (fun k () -> Hashtbl.replace irq_open_calls k ()) irq_open;
let w = walkers () in
let n = needing w in
let has_caller fn = Hashtbl.find_all call_sites fn <> [] in
let entered = Hashtbl.create 16 in
Hashtbl.iter (fun fn (callee, p) -> Hashtbl.replace entered fn ()) irq_calls;
Hashtbl.iter (fun fn _ -> Hashtbl.replace entered fn ()) irq_pins;
Hashtbl.iter (fun fn () ->
    (* Who answers for the region: a function that opens or closes one
       itself, or one that is no walker and is called in this file, but
       not by a walker (the caller entering the walk, not a helper in its
       middle).  Any other function is called from another file, inside a
       region or not, which the rule cannot see. *)
    let walker = Hashtbl.mem w fn in
    let called_by_walker =
      List.exists (fun (caller, _) -> Hashtbl.mem w caller)
        (Hashtbl.find_all call_sites fn) in
    let answers =
      Hashtbl.mem irq_toggles fn
      || (not walker && has_caller fn && not called_by_walker) in
    if answers && not (irq_off fn) then begin
      List.iter (fun (callee, p) ->
          if Hashtbl.mem n callee && is_open p then
            emit p
              (Printf.sprintf
                 "lockless page-table walk %s() entered outside an IRQ-off region"
                 callee))
        (Hashtbl.find_all irq_calls fn);
      if walker then
        List.iter (fun (p, spec) ->
            if is_open p then
              emit p
                (Printf.sprintf
                   "%s() pins a page from a lockless walk outside the IRQ-off region of %s()"
                   spec fn))
          (Hashtbl.find_all irq_pins fn)
    end) entered;
if Hashtbl.length w > 0 then begin
  let s = sleepers () in
  Hashtbl.iter (fun fn (p, sleeper) ->
      if Hashtbl.mem irq_inside (pos_key p) then
        emit p (Printf.sprintf "%s() may sleep inside an IRQ-off region" sleeper))
    irq_sleeps;
  Hashtbl.iter (fun fn (callee, p) ->
      if Hashtbl.mem s callee && Hashtbl.mem irq_inside (pos_key p) then
        emit p
          (Printf.sprintf "%s() may sleep and is called inside an IRQ-off region"
             callee))
    irq_calls
end
