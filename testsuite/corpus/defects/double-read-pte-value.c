/*
 * ERA: 6. double-read, the value the walk goes on with: gup_pte_range()
 * tests its pte snapshot, then takes the page from a new read of *ptep.
 * A pte that changed in between (zapped, remapped to another page)
 * hands out a page none of the tests looked at; the re-check after the
 * pin compares the snapshot, which has not changed.
 */
#include <linux/mm.h>
#include <linux/pgtable.h>

int gup_pte_range(pmd_t pmd, pmd_t *pmdp, unsigned long addr,
		  unsigned long end, unsigned int flags,
		  struct page **pages, int *nr)
{
	pte_t *ptep, *ptem;
	int ret = 0;

	ptem = ptep = pte_offset_map(&pmd, addr);
	do {
		pte_t pte = ptep_get_lockless(ptep);
		struct folio *folio;
		struct page *page;

		if (!pte_present(pte))
			goto pte_unmap;

		if (pte_protnone(pte) && !gup_can_follow_protnone(flags))
			goto pte_unmap;

		if (!pte_access_permitted(pte, flags & FOLL_WRITE))
			goto pte_unmap;

		if (pte_special(pte))
			goto pte_unmap;

		page = pte_page(ptep_get(ptep));	/* EXPECT: double-read */

		folio = try_grab_folio(page, 1, flags);
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
