// SPDX-License-Identifier: GPL-2.0-only
/// A lockless walker must read each pte or pmd exactly once and as a
/// whole.  Where the entry is wider than the load the CPU performs
/// atomically (i386 PAE, MIPS32 with 64-bit physical addresses, ppc32 with
/// 64-bit PTEs, sh X2TLB, ARC PAE40), ACCESS_ONCE(*p), READ_ONCE(*p),
/// ptep_get(p) or a plain *p can return the low half of one entry and the
/// high half of another.  Use the era's safe reader (ptep_get_lockless,
/// pmdp_get_lockless, or an x86 gup_get_pte()-style low/high/low read), or
/// make the build fail on such configurations with
/// BUILD_BUG_ON(sizeof(pte_t) > sizeof(long)).
///
/// Coccinelle cannot see type sizes, so this reports every such read in a
/// walker that pins pages, except under architecture directories where no
/// configuration has an entry of that level wider than an atomic load
/// (rules/arch.def); the Clang engine decides per configuration.  Upper levels
/// (pud, p4d, pgd) are not checked: on 32-bit configurations they only go
/// from none to a table and back at teardown.
///
// Confidence: Moderate
// Copyright: (C) 2026 The ptwalk authors.
// Options: --no-includes --include-headers
// Requires: 1.1.1
// Keywords: gup, PAE, LPAE, READ_ONCE, ACCESS_ONCE, ptep_get_lockless
// API roles: READ_ONCE_ACCESS, SPEC_GET

virtual report
virtual org

@initialize:ocaml@
@@
(* Architectures where some configuration has a pte (pmd) wider than an
   atomic load; in other arch/ directories that level cannot tear.  Must
   match rules/arch.def (checked by testsuite/tools/api-sync). *)
let arch_pte_tears = [ "arc"; "mips"; "powerpc"; "sh"; "x86" ]
let arch_pmd_tears = [ "sh"; "x86" ]

let arch_of_file file =
  let rec find = function
    | "arch" :: a :: _ :: _ -> Some a
    | _ :: rest -> find rest
    | [] -> None in
  find (String.split_on_char '/' file)

let may_tear file level =
  match arch_of_file file with
  | Some a -> List.mem a (if level = "pte" then arch_pte_tears else arch_pmd_tears)
  | None -> true

let era3_reader rd =
  String.length rd >= 11 && String.sub rd 0 11 = "ACCESS_ONCE"

let advice level reader =
  if era3_reader reader then
    Printf.sprintf "read it with a low/high/low loop like x86's gup_get_pte() or add BUILD_BUG_ON(sizeof(%s_t) > sizeof(long))" level
  else if level = "pte" then "use ptep_get_lockless()"
  else "use pmdp_get_lockless()"

let squeeze s = String.concat "" (String.split_on_char ' ' s)

(* Functions that pin or call a pinning function, by name. *)
let walkers = Hashtbl.create 16

(* Findings are printed as they are found: under spatch --jobs (make
   coccicheck's default) each worker has its own memory, and a finalize
   rule would see none of them. *)
let org_mode = ref false
let printed = Hashtbl.create 16

let emit p level snap rd =
  let reader = squeeze rd in
  let msg =
    Printf.sprintf
      "lockless %s snapshot '%s' is read with %s, which can tear where %s_t is wider than an atomic load; %s [ptwalk-torn-read]"
      level snap reader level (advice level reader) in
  let key = (p.Coccilib.file, p.Coccilib.line, p.Coccilib.col) in
  if may_tear p.Coccilib.file level && not (Hashtbl.mem printed key) then begin
    Hashtbl.add printed key ();
    if !org_mode then Coccilib.print_todo ~msg p
    else
      Printf.printf "%s:%d:%d: warning: %s\n%!" p.Coccilib.file
        p.Coccilib.line (p.Coccilib.col + 1) msg
  end

// Runs first for every file: spatch processes many files in one run, and
// walker names found in one file must not leak into the next.
@script:ocaml@
@@
Hashtbl.reset walkers

@script:ocaml depends on org@
@@
org_mode := true

// A function that pins, or calls a function that pins, is a lockless
// walker; other readers of page tables are out of scope.  Reads after a
// page-table lock is taken are not lockless.
@pinning@
identifier fn;
identifier pin = {page_cache_get_speculative, page_cache_add_speculative,
                  get_page_unless_zero, folio_try_get_rcu,
                  try_get_compound_head, try_grab_compound_head,
                  try_grab_folio, try_grab_page, try_get_page};
@@
fn(...) { <+... pin(...) ...+> }

@script:ocaml@
fn << pinning.fn;
@@
Hashtbl.replace walkers fn ()

@pinning_caller@
identifier pinning.fn;
identifier caller;
@@
caller(...) { <+... fn(...) ...+> }

@script:ocaml@
caller << pinning_caller.caller;
@@
Hashtbl.replace walkers caller ()

@pte_guard@
typedef pte_t;
@@
BUILD_BUG_ON(<+... sizeof(pte_t) ...+>);

@pmd_guard@
typedef pmd_t;
@@
BUILD_BUG_ON(<+... sizeof(pmd_t) ...+>);

@pte_read depends on !pte_guard exists@
identifier fn : script:ocaml () { Hashtbl.mem walkers fn };
identifier snap;
pte_t *ptep;
expression rd;
position ps;
@@
fn(...) {
... when != \(spin_lock\|pte_offset_map_lock\|pmd_lock\|huge_pte_lock\)(...)
    when any
(
pte_t snap = \(rd\&\(ACCESS_ONCE@ps(*ptep)\|READ_ONCE@ps(*ptep)\|ptep_get@ps(ptep)\|huge_ptep_get@ps(ptep)\|*ptep@ps\)\);
|
snap = \(rd\&\(ACCESS_ONCE@ps(*ptep)\|READ_ONCE@ps(*ptep)\|ptep_get@ps(ptep)\|huge_ptep_get@ps(ptep)\|*ptep@ps\)\)
)
... when any
}

@script:ocaml depends on report || org@
ps << pte_read.ps;
snap << pte_read.snap;
rd << pte_read.rd;
@@
emit (List.hd ps) "pte" snap rd

@pmd_read depends on !pmd_guard exists@
identifier fn : script:ocaml () { Hashtbl.mem walkers fn };
identifier snap;
pmd_t *pmdp;
expression rd;
position ps;
@@
fn(...) {
... when != \(spin_lock\|pte_offset_map_lock\|pmd_lock\|pmd_trans_huge_lock\)(...)
    when any
(
pmd_t snap = \(rd\&\(ACCESS_ONCE@ps(*pmdp)\|READ_ONCE@ps(*pmdp)\|pmdp_get@ps(pmdp)\|*pmdp@ps\)\);
|
snap = \(rd\&\(ACCESS_ONCE@ps(*pmdp)\|READ_ONCE@ps(*pmdp)\|pmdp_get@ps(pmdp)\|*pmdp@ps\)\)
)
... when any
}

@script:ocaml depends on report || org@
ps << pmd_read.ps;
snap << pmd_read.snap;
rd << pmd_read.rd;
@@
emit (List.hd ps) "pmd" snap rd
