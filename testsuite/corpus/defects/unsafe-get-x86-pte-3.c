// SPDX-License-Identifier: GPL-2.0
/*
 * ERA: 3
 *
 * ptwalk defect: unsafe-get, numa-hint and special.  The shape of x86's
 * own fast GUP before 4.13: the pte walker runs with interrupts off,
 * reached only from inside the region, and pins with get_page().  It has
 * no speculative get at all, so only the IRQ-off region makes it a
 * lockless walker.  A page whose count is zero is resurrected, and a
 * count pushed to its limit overflows (CVE-2019-11487).  The walker tests
 * neither pte_numa() (3.13's x86 walker did not) nor pte_special(), so a
 * NUMA-hinted or a special pte is pinned as a page.
 */
#include <linux/mm.h>
#include <asm/pgtable.h>

/* Entries are read whole here: this file is about the reference. */
static inline pte_t gup_get_pte(pte_t *ptep)
{
	return ACCESS_ONCE(*ptep);
}

static inline pmd_t gup_get_pmd(pmd_t *pmdp)
{
	return ACCESS_ONCE(*pmdp);
}

static int gup_pte_range(pmd_t pmd, unsigned long addr, unsigned long end,
			 int write, struct page **pages, int *nr)
{
	pte_t *ptep, *ptem;

	ptem = ptep = pte_offset_map(&pmd, addr);
	do {
		pte_t pte = gup_get_pte(ptep);
		struct page *page;

		if (!pte_present(pte) || (write && !pte_write(pte))) {
			pte_unmap(ptem);
			return 0;
		}
		page = pte_page(pte);
		get_page(page);	/* EXPECT: unsafe-get, numa-hint, special */
		SetPageReferenced(page);
		pages[*nr] = page;
		(*nr)++;
	} while (ptep++, addr += PAGE_SIZE, addr != end);
	pte_unmap(ptem);

	return 1;
}

static int gup_pmd_range(pud_t *pudp, unsigned long addr, unsigned long end,
			 int write, struct page **pages, int *nr)
{
	unsigned long next;
	pmd_t *pmdp;

	pmdp = pmd_offset(pudp, addr);
	do {
		pmd_t pmd = gup_get_pmd(pmdp);

		next = pmd_addr_end(addr, end);
		if (pmd_none(pmd) || pmd_trans_huge(pmd) || pmd_huge(pmd))
			return 0;
		if (!gup_pte_range(pmd, addr, next, write, pages, nr))
			return 0;
	} while (pmdp++, addr = next, addr != end);

	return 1;
}

/* The caller found the pud; the walk below it runs with interrupts off. */
int gup_fast_pud(pud_t *pudp, unsigned long addr, unsigned long end,
		 int write, struct page **pages)
{
	unsigned long flags;
	int nr = 0;

	local_irq_save(flags);
	gup_pmd_range(pudp, addr, end, write, pages, &nr);
	local_irq_restore(flags);

	return nr;
}
