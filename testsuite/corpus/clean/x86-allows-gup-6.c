// SPDX-License-Identifier: GPL-2.0
/*
 * ERA: 6
 *
 * ptwalk clean variant: x86's own fast GUP after ef947b2529f9 and the
 * CVE-2019-11487 fix, as 4.9-stable had it: interrupts off,
 * pte_allows_gup() before the pte_devmap() branch, and try_get_page(),
 * which fails on a page being freed, with the entries compared again
 * after it.
 */
#include <linux/mm.h>
#include <linux/pgtable.h>

#define GUP_PTE_PRESENT	0x001UL
#define GUP_PTE_RW	0x002UL
#define GUP_PTE_USER	0x004UL

static inline int pte_allows_gup(unsigned long pteval, int write)
{
	unsigned long need = write ? GUP_PTE_PRESENT | GUP_PTE_USER | GUP_PTE_RW :
				     GUP_PTE_PRESENT | GUP_PTE_USER;

	return (pteval & need) == need;
}

static int gup_pte_range(pmd_t pmd, pmd_t *pmdp, unsigned long addr,
			 unsigned long end, int write, struct page **pages,
			 int *nr)
{
	struct dev_pagemap *pgmap = NULL;
	pte_t *ptem = pte_offset_map(&pmd, addr);
	pte_t *ptep = ptem;
	int ok = 0;

	for (; addr != end; ptep++, addr += PAGE_SIZE) {
		pte_t pte = ptep_get_lockless(ptep);
		struct page *page;

		if (pte_protnone(pte) || !pte_allows_gup(pte_val(pte), write))
			goto out;
		if (pte_devmap(pte)) {
			pgmap = get_dev_pagemap(pte_pfn(pte), pgmap);
			if (!pgmap)
				goto out;
		} else if (pte_special(pte)) {
			goto out;
		}
		page = pte_page(pte);
		if (!try_get_page(page))
			goto out;
		put_dev_pagemap(pgmap);
		if (pmd_val(pmd) != pmd_val(*pmdp) ||
		    pte_val(pte) != pte_val(ptep_get(ptep))) {
			put_page(page);
			goto out;
		}
		pages[(*nr)++] = page;
	}
	ok = 1;
out:
	pte_unmap(ptem);
	return ok;
}

long x86_gup_fast_pmd(pmd_t *pmdp, unsigned long start, unsigned long end,
		      int write, struct page **pages)
{
	unsigned long flags;
	int nr = 0;
	pmd_t pmd;

	local_irq_save(flags);
	pmd = pmdp_get_lockless(pmdp);
	if (!pmd_none(pmd) && !pmd_trans_huge(pmd) && !pmd_devmap(pmd) &&
	    !pmd_protnone(pmd))
		gup_pte_range(pmd, pmdp, start, end, write, pages, &nr);
	local_irq_restore(flags);
	return nr;
}
