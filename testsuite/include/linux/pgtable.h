/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ptwalk kernel-API shim: the generic page-table layer on top of
 * <asm/pgtable.h> (asm-generic/pgtable.h in 3.x, linux/pgtable.h after).
 */
#ifndef _LINUX_PGTABLE_H
#define _LINUX_PGTABLE_H

#include <asm/pgtable.h>

static inline unsigned long pgd_addr_end(unsigned long addr, unsigned long end)
{
	unsigned long boundary = (addr + PGDIR_SIZE) & PGDIR_MASK;

	return boundary - 1 < end - 1 ? boundary : end;
}

#if PTWALK_ERA != 3
static inline unsigned long p4d_addr_end(unsigned long addr, unsigned long end)
{
	unsigned long boundary = (addr + P4D_SIZE) & P4D_MASK;

	return boundary - 1 < end - 1 ? boundary : end;
}
#endif

static inline unsigned long pud_addr_end(unsigned long addr, unsigned long end)
{
	unsigned long boundary = (addr + PUD_SIZE) & PUD_MASK;

	return boundary - 1 < end - 1 ? boundary : end;
}

static inline unsigned long pmd_addr_end(unsigned long addr, unsigned long end)
{
	unsigned long boundary = (addr + PMD_SIZE) & PMD_MASK;

	return boundary - 1 < end - 1 ? boundary : end;
}

static inline int pte_same(pte_t a, pte_t b)
{
	return pte_val(a) == pte_val(b);
}

static inline int pmd_same(pmd_t a, pmd_t b)
{
	return pmd_val(a) == pmd_val(b);
}

#if PTWALK_ERA != 3
/* One access of the whole entry: tears where the entry is two words. */
static inline pte_t ptep_get(pte_t *ptep)
{
	return READ_ONCE(*ptep);
}

static inline pmd_t pmdp_get(pmd_t *pmdp)
{
	return READ_ONCE(*pmdp);
}

#if PTWALK_ERA == 612
static inline pud_t pudp_get(pud_t *pudp)
{
	return READ_ONCE(*pudp);
}
#endif

/*
 * Lockless readers for fast GUP.  Where the entry is two words, an entry
 * only goes from not present to present (high word written first) or back
 * (low word cleared first), never to another present page without a TLB
 * flush, which the IRQ-off walker holds off.  Reading low, high, then low
 * again until both low reads agree therefore gives either the whole entry
 * or one whose low word is not present.  Elsewhere a single access is
 * atomic (ARM LPAE: LDRD) and is enough.
 */
#ifdef CONFIG_GUP_GET_PTE_LOW_HIGH
static inline pte_t ptep_get_lockless(pte_t *ptep)
{
	pte_t pte;

	do {
		pte.pte_low = ptep->pte_low;
		smp_rmb();
		pte.pte_high = ptep->pte_high;
		smp_rmb();
	} while (unlikely(pte.pte_low != ptep->pte_low));

	return pte;
}
#else
static inline pte_t ptep_get_lockless(pte_t *ptep)
{
	return ptep_get(ptep);
}
#endif

#if defined(CONFIG_GUP_GET_PTE_LOW_HIGH) && CONFIG_PGTABLE_LEVELS > 2
static inline pmd_t pmdp_get_lockless(pmd_t *pmdp)
{
	pmd_t pmd;

	do {
		pmd.pmd_low = pmdp->pmd_low;
		smp_rmb();
		pmd.pmd_high = pmdp->pmd_high;
		smp_rmb();
	} while (unlikely(pmd.pmd_low != pmdp->pmd_low));

	return pmd;
}
#else
static inline pmd_t pmdp_get_lockless(pmd_t *pmdp)
{
	return pmdp_get(pmdp);
}
#endif

/*
 * Offsets from a snapshot of the upper entry instead of a second read of
 * it.  Macros, because on a folded level the lower "table" is the
 * caller's snapshot itself.  s390 uses the pointer for dynamic folding;
 * the generic form only evaluates it.
 */
#define p4d_offset_lockless(pgdp, pgd, address)		\
	((void)(pgdp), p4d_offset(&(pgd), address))
#define pud_offset_lockless(p4dp, p4d, address)		\
	((void)(p4dp), pud_offset(&(p4d), address))
#define pmd_offset_lockless(pudp, pud, address)		\
	((void)(pudp), pmd_offset(&(pud), address))
#endif /* PTWALK_ERA != 3 */

#endif /* _LINUX_PGTABLE_H */
