// SPDX-License-Identifier: GPL-2.0-only
/// A lockless walker must not pin a page from a pte or huge-pmd snapshot
/// that NUMA balancing has made inaccessible: such an entry is present but
/// carries no access rights (pte_numa/pmd_numa up to 3.19,
/// pte_protnone/pmd_protnone since), and pinning it bypasses the hinting
/// fault that would have migrated the page.  Every path from the snapshot
/// to the speculative get must test it.  The test may sit in a condition
/// (`pte_protnone(pte) && !gup_can_follow_protnone(flags)`) or, for a
/// snapshot passed as a parameter, in every caller before the call.
/// Hugetlb entries (huge_ptep_get, hugepte) are never NUMA-hinted, and
/// architectures without NUMA balancing in the walker's era are skipped.
///
// Confidence: High
// Copyright: (C) 2026 The ptwalk authors.
// Options: --no-includes --include-headers
// Requires: 1.1.1
// Keywords: gup, numa balancing, pte_protnone, pte_numa
// API roles: SPEC_GET, NUMA_PRED, SAFE_READ

virtual report
virtual org

@initialize:ocaml@
@@
(* Architectures that select ARCH_SUPPORTS_NUMA_BALANCING, by era; must
   match rules/arch.def (checked by testsuite/tools/api-sync). *)
let arch_numa_balancing_era3 = [ "powerpc"; "x86" ]
let arch_numa_balancing_era6 = [ "arm64"; "loongarch"; "powerpc"; "riscv"; "s390"; "x86" ]

let era_of_pin pin =
  match pin with
  | "page_cache_get_speculative" | "page_cache_add_speculative" -> 3
  | _ -> 6

let arch_of_file file =
  let parts = String.split_on_char '/' file in
  let rec find = function
    | "arch" :: a :: _ :: _ -> Some a
    | _ :: rest -> find rest
    | [] -> None in
  find parts

(* Generic code is always checked; arch code only where the era had NUMA
   balancing on that architecture. *)
let numa_applies file pin =
  match arch_of_file file with
  | None -> true
  | Some a ->
      let table =
        if era_of_pin pin = 3 then arch_numa_balancing_era3
        else arch_numa_balancing_era6 in
      List.mem a table

let predicate level pin =
  if era_of_pin pin = 3 then level ^ "_numa" else level ^ "_protnone"

(* Findings are printed as they are found: under spatch --jobs (make
   coccicheck's default) each worker has its own memory, and a finalize
   rule would see none of them. *)
let org_mode = ref false
let printed = Hashtbl.create 16
let emit p msg =
  let key = (p.Coccilib.file, p.Coccilib.line, p.Coccilib.col, msg) in
  if not (Hashtbl.mem printed key) then begin
    Hashtbl.add printed key ();
    let msg = msg ^ " [ptwalk-numa-hint]" in
    if !org_mode then Coccilib.print_todo ~msg p
    else
      Printf.printf "%s:%d:%d: warning: %s\n%!" p.Coccilib.file
        p.Coccilib.line (p.Coccilib.col + 1) msg
  end

let pte_derived = Hashtbl.create 16   (* snapshots a page is taken from *)
let pmd_derived = Hashtbl.create 16
let param_callers = Hashtbl.create 16 (* (file, fn) of called pin helpers *)

// Runs first for every file: spatch processes many files in one run, and
// names found in one file must not leak into the next.
@script:ocaml@
@@
Hashtbl.reset pte_derived;
Hashtbl.reset pmd_derived;
Hashtbl.reset param_callers

@script:ocaml depends on org@
@@
org_mode := true

// Only a snapshot the pinned page is derived from needs the test; a second
// read kept for comparison does not.
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

// ---------------------------------------------------------------------
// pte level, snapshot local to the pinning function.  The pte pointer must
// come from pte_offset_map() in the same function: a hugepte pointer has
// no NUMA hinting.

@pte_local exists@
pte_t *ptep;
identifier pte : script:ocaml () { Hashtbl.mem pte_derived pte };
identifier pin = {page_cache_get_speculative, page_cache_add_speculative,
                  get_page_unless_zero, folio_try_get_rcu,
                  try_get_compound_head, try_grab_compound_head,
                  try_grab_folio, try_grab_page, try_get_page};
position ps, pp;
@@
ptep = \(pte_offset_map\|pte_offset_kernel\)(...)
... when any
(
pte_t pte@ps = \(ACCESS_ONCE(*ptep)\|READ_ONCE(*ptep)\|*ptep\|ptep_get(ptep)\|ptep_get_lockless(ptep)\|gup_get_pte(ptep)\);
|
pte@ps = \(ACCESS_ONCE(*ptep)\|READ_ONCE(*ptep)\|*ptep\|ptep_get(ptep)\|ptep_get_lockless(ptep)\|gup_get_pte(ptep)\);
)
... when != pte_numa(pte)
    when != pte_protnone(pte)
pin@pp(...)

@script:ocaml depends on report || org@
pp << pte_local.pp;
ps << pte_local.ps;
pte << pte_local.pte;
pin << pte_local.pin;
@@
let p = List.hd pp and s = List.hd ps in
if numa_applies p.Coccilib.file pin then
  emit p
    (Printf.sprintf
       "%s() pins a page from pte snapshot '%s' (line %d) that is not tested with %s() on some path"
       pin pte s.Coccilib.line (predicate "pte" pin))

// ---------------------------------------------------------------------
// pmd level, snapshot local to the pinning function (a walker that pins
// huge pmds inline).  A path that maps the pte table is pte_local's.

@pmd_local exists@
pmd_t *pmdp;
identifier pmd : script:ocaml () { Hashtbl.mem pmd_derived pmd };
identifier pin = {page_cache_get_speculative, page_cache_add_speculative,
                  get_page_unless_zero, folio_try_get_rcu,
                  try_get_compound_head, try_grab_compound_head,
                  try_grab_folio, try_grab_page, try_get_page};
position ps, pp;
@@
(
pmd_t pmd@ps = \(ACCESS_ONCE(*pmdp)\|READ_ONCE(*pmdp)\|*pmdp\|pmdp_get(pmdp)\|pmdp_get_lockless(pmdp)\|gup_get_pmd(pmdp)\);
|
pmd@ps = \(ACCESS_ONCE(*pmdp)\|READ_ONCE(*pmdp)\|*pmdp\|pmdp_get(pmdp)\|pmdp_get_lockless(pmdp)\|gup_get_pmd(pmdp)\);
)
... when != pmd_numa(pmd)
    when != pmd_protnone(pmd)
    when != pte_offset_map(...)
pin@pp(...)

@script:ocaml depends on report || org@
pp << pmd_local.pp;
ps << pmd_local.ps;
pmd << pmd_local.pmd;
pin << pmd_local.pin;
@@
let p = List.hd pp and s = List.hd ps in
if numa_applies p.Coccilib.file pin then
  emit p
    (Printf.sprintf
       "%s() pins a page from pmd snapshot '%s' (line %d) that is not tested with %s() on some path"
       pin pmd s.Coccilib.line (predicate "pmd" pin))

// ---------------------------------------------------------------------
// pmd snapshot passed by value (gup_huge_pmd(pmd_t orig, ...)): when the
// callee pins without a test, each caller must test before the call.

@pmd_param exists@
identifier fn;
identifier orig : script:ocaml () { Hashtbl.mem pmd_derived orig };
parameter list[n] before;
identifier pin = {page_cache_get_speculative, page_cache_add_speculative,
                  get_page_unless_zero, folio_try_get_rcu,
                  try_get_compound_head, try_grab_compound_head,
                  try_grab_folio, try_grab_page, try_get_page};
position pp;
@@
fn(before, pmd_t orig, ...)
{
... when != pmd_numa(orig)
    when != pmd_protnone(orig)
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
... when != pmd_numa(pmd)
    when != pmd_protnone(pmd)
fn@pc(args, pmd, ...)

@script:ocaml depends on report || org@
fn << pmd_param.fn;
pp << pmd_param.pp;
pin << pmd_param.pin;
pc << pmd_param_untested.pc;
pmd << pmd_param_untested.pmd;
@@
let c = List.hd pc and p = List.hd pp in
if numa_applies c.Coccilib.file pin then
  emit c
    (Printf.sprintf
       "pmd snapshot '%s' reaches %s() in %s() (line %d) without a %s() test on some path"
       pmd pin fn p.Coccilib.line (predicate "pmd" pin))

// A pinning helper with no caller in this file: report at its pin.
@script:ocaml depends on report || org@
fn << pmd_param.fn;
pp << pmd_param.pp;
pin << pmd_param.pin;
@@
let p = List.hd pp in
if numa_applies p.Coccilib.file pin
   && not (Hashtbl.mem param_callers (p.Coccilib.file, fn)) then
  emit p
    (Printf.sprintf
       "%s() pins a page from the pmd parameter of %s() that is not tested with %s(), and no caller in this file tests it"
       pin fn (predicate "pmd" pin))
