// SPDX-License-Identifier: GPL-2.0
/*
 * ERA: 612
 *
 * ptwalk clean variant for double-read: reads of an entry a lockless
 * walker is meant to make again.  The pmd snapshot is taken anew on each
 * pass of a retry loop and on each step of the table; the pte and the pmd
 * are read again only to be compared with their snapshots, after the pin
 * (pte_same(), pmd_val() != pmd_val()), or for the wait loop's own test.
 */
#include <linux/mm.h>
#include <linux/pgtable.h>

extern void cpu_relax(void);

static int walk_ptes(pmd_t pmd, pmd_t *pmdp, unsigned long addr,
		     unsigned long end, unsigned int flags,
		     struct page **pages, int *nr)
{
	pte_t *ptep, *ptem;
	int ret = 0;

	ptem = ptep = pte_offset_map(&pmd, addr);
	if (!ptep)
		return 0;
	do {
		pte_t pte = ptep_get_lockless(ptep);
		struct folio *folio;
		struct page *page;

		if (!pte_present(pte) || pte_special(pte))
			goto pte_unmap;

		if (pte_protnone(pte))
			goto pte_unmap;

		if (!pte_access_permitted(pte, flags & FOLL_WRITE))
			goto pte_unmap;

		page = pte_page(pte);
		folio = try_grab_folio_fast(page, 1, flags);
		if (!folio)
			goto pte_unmap;

		if (unlikely(pmd_val(pmd) != pmd_val(*pmdp)) ||
		    unlikely(!pte_same(pte, ptep_get(ptep)))) {
			gup_put_folio(folio, 1, flags);
			goto pte_unmap;
		}

		folio_set_referenced(folio);
		pages[*nr] = page;
		(*nr)++;
	} while (ptep++, addr += PAGE_SIZE, addr != end);

	ret = 1;

pte_unmap:
	pte_unmap(ptem);
	return ret;
}

int walk_pmds(pud_t *pudp, pud_t pud, unsigned long addr, unsigned long end,
	      unsigned int flags, struct page **pages, int *nr)
{
	unsigned long next;
	pmd_t *pmdp;
	pmd_t pmd;

	pmdp = pmd_offset_lockless(pudp, pud, addr);
	do {
		next = pmd_addr_end(addr, end);
		/* a THP being collapsed: wait until it is one */
		while (pmd_none(pmdp_get_lockless(pmdp)))
			cpu_relax();
retry:
		pmd = pmdp_get_lockless(pmdp);
		if (!pmd_present(pmd))
			return 0;
		if (pmd_trans_huge(pmd)) {
			/* a THP being split: wait for its page table */
			cpu_relax();
			goto retry;
		}
		if (!walk_ptes(pmd, pmdp, addr, next, flags, pages, nr))
			return 0;
	} while (pmdp++, addr = next, addr != end);

	return 1;
}
