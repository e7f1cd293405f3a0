// SPDX-License-Identifier: GPL-2.0
/*
 * ERA: 612
 *
 * ptwalk defect: unsafe-get.  A 6.12-style GUP-fast pte walker that pins
 * with get_page() of the head page instead of try_grab_folio_fast(), and
 * a pmd-leaf walker that takes folio_get() on the leaf's folio: both run
 * with interrupts off, both snapshots are lockless.
 */
#include <linux/mm.h>
#include <linux/pgtable.h>

static int gup_fast_pte_range(pmd_t pmd, unsigned long addr,
			      unsigned long end, struct page **pages, int *nr)
{
	pte_t *ptep, *ptem;
	int ret = 0;

	ptem = ptep = pte_offset_map(&pmd, addr);
	if (!ptep)
		return 0;
	do {
		pte_t pte = ptep_get_lockless(ptep);
		struct page *page, *head;

		if (!pte_present(pte) || pte_special(pte) ||
		    pte_protnone(pte))
			goto pte_unmap;
		page = pte_page(pte);
		head = compound_head(page);
		get_page(head);	/* EXPECT: unsafe-get */
		pages[*nr] = page;
		(*nr)++;
	} while (ptep++, addr += PAGE_SIZE, addr != end);
	ret = 1;

pte_unmap:
	pte_unmap(ptem);
	return ret;
}

static int gup_fast_pmd_leaf(pmd_t orig, unsigned long addr,
			     struct page **pages, int *nr)
{
	struct page *page;

	if (pmd_protnone(orig) || pmd_special(orig))
		return 0;
	page = nth_page(pmd_page(orig), (addr & ~PMD_MASK) >> PAGE_SHIFT);
	folio_get(page_folio(page));	/* EXPECT: unsafe-get */
	pages[*nr] = page;
	(*nr)++;
	return 1;
}

int gup_fast_pmd_range(pmd_t *pmdp, unsigned long addr, unsigned long end,
		       struct page **pages)
{
	unsigned long flags;
	int nr = 0;
	pmd_t pmd;

	local_irq_save(flags);
	pmd = pmdp_get_lockless(pmdp);
	if (pmd_leaf(pmd))
		gup_fast_pmd_leaf(pmd, addr, pages, &nr);
	else if (pmd_present(pmd))
		gup_fast_pte_range(pmd, addr, end, pages, &nr);
	local_irq_restore(flags);

	return nr;
}
