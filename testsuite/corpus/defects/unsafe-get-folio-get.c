// SPDX-License-Identifier: GPL-2.0
/*
 * ERA: 6
 *
 * ptwalk defect: unsafe-get.  A walker in an RCU read-side section reads
 * the pte with ptep_get_lockless() and pins its folio with folio_get():
 * the folio may already be on its way to the allocator, and the count
 * cannot refuse to overflow.  The get must be try_grab_folio().
 */
#include <linux/mm.h>
#include <linux/pgtable.h>
#include <linux/rcupdate.h>

static int walk_pte_range(pmd_t pmd, unsigned long addr, unsigned long end,
			  struct page **pages, int *nr)
{
	pte_t *ptep, *ptem;

	ptem = ptep = pte_offset_map(&pmd, addr);
	do {
		pte_t pte = ptep_get_lockless(ptep);
		struct folio *folio;
		struct page *page;

		if (!pte_present(pte) || pte_special(pte) ||
		    pte_protnone(pte)) {
			pte_unmap(ptem);
			return 0;
		}
		page = pte_page(pte);
		folio = page_folio(page);
		folio_get(folio);	/* EXPECT: unsafe-get */
		pages[*nr] = page;
		(*nr)++;
	} while (ptep++, addr += PAGE_SIZE, addr != end);
	pte_unmap(ptem);

	return 1;
}

int walk_pmd(pmd_t *pmdp, unsigned long addr, unsigned long end,
	     struct page **pages)
{
	int nr = 0;
	pmd_t pmd;

	rcu_read_lock();
	pmd = pmdp_get_lockless(pmdp);
	if (pmd_present(pmd) && !pmd_trans_huge(pmd))
		walk_pte_range(pmd, addr, end, pages, &nr);
	rcu_read_unlock();

	return nr;
}
