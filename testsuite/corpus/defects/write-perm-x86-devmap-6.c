// SPDX-License-Identifier: GPL-2.0
/*
 * ERA: 6
 *
 * ptwalk defect: write-perm, x86-devmap.  x86's own fast GUP from 4.6 to
 * 4.12: it runs with interrupts off, pins with get_page(), and tests the
 * permission with pte_allows_gup() only in the else of pte_devmap(), so a
 * device pte is pinned for write unchecked (fixed by ef947b2529f9).  The
 * same get_page() is unsafe-get's: a freed page can be resurrected
 * (CVE-2019-11487).
 */
#include <linux/mm.h>
#include <linux/pgtable.h>

#define GUP_PTE_PRESENT	0x001UL
#define GUP_PTE_RW	0x002UL
#define GUP_PTE_USER	0x004UL

/* The value may be a pte's, a pmd's or a pud's: the bits are the same. */
static inline int pte_allows_gup(unsigned long pteval, int write)
{
	unsigned long need = GUP_PTE_PRESENT | GUP_PTE_USER;

	if (write)
		need |= GUP_PTE_RW;
	return (pteval & need) == need;
}

static int gup_pte_range(pmd_t pmd, unsigned long addr, unsigned long end,
			 int write, struct page **pages, int *nr)
{
	struct dev_pagemap *pgmap = NULL;
	pte_t *ptep, *ptem;

	ptem = ptep = pte_offset_map(&pmd, addr);
	do {
		pte_t pte = ptep_get_lockless(ptep);
		struct page *page;

		if (pte_protnone(pte))
			break;
		if (pte_devmap(pte)) {
			pgmap = get_dev_pagemap(pte_pfn(pte), pgmap);
			if (!pgmap)
				break;
		} else if (!pte_allows_gup(pte_val(pte), write) ||
			   pte_special(pte)) {
			break;
		}
		page = pte_page(pte);
		get_page(page);	/* EXPECT: write-perm, unsafe-get */
		put_dev_pagemap(pgmap);
		pages[(*nr)++] = page;
	} while (ptep++, addr += PAGE_SIZE, addr != end);
	pte_unmap(ptem);

	return addr == end;
}

static int gup_pmd_range(pud_t *pudp, unsigned long addr, unsigned long end,
			 int write, struct page **pages, int *nr)
{
	pmd_t *pmdp = pmd_offset(pudp, addr);
	unsigned long next;

	for (; addr != end; pmdp++, addr = next) {
		pmd_t pmd = pmdp_get_lockless(pmdp);

		next = pmd_addr_end(addr, end);
		if (pmd_none(pmd) || pmd_trans_huge(pmd) || pmd_devmap(pmd))
			return 0;
		if (!gup_pte_range(pmd, addr, next, write, pages, nr))
			return 0;
	}
	return 1;
}

/* The caller found the pud; nr_pages pages from start, IRQs off. */
int x86_gup_fast(pud_t *pudp, unsigned long start, int nr_pages, int write,
		 struct page **pages)
{
	unsigned long end = start + ((unsigned long)nr_pages << PAGE_SHIFT);
	unsigned long flags;
	int nr = 0;

	if (end <= start)
		return 0;
	local_irq_save(flags);
	if (!gup_pmd_range(pudp, start, end, write, pages, &nr))
		pages[nr] = NULL;
	local_irq_restore(flags);
	return nr;
}
