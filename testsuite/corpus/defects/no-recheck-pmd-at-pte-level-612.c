/* ERA: 612. no-recheck, the pmd above a pte table: the THP-collapse race of 70cbc3cc78a9, in 6.12 names. */
#include <linux/mm.h>
#include <linux/pgtable.h>

int gup_fast_pte_range(pmd_t pmd, pmd_t *pmdp, unsigned long addr,
		       unsigned long end, unsigned int flags,
		       struct page **pages, int *nr)
{
	pte_t *ptep, *ptem;
	int ret = 0;

	(void)pmdp;	/* the pmd is never read again */
	ptem = ptep = pte_offset_map(&pmd, addr);
	if (!ptep)
		return 0;
	do {
		pte_t pte = ptep_get_lockless(ptep);
		struct folio *folio;
		struct page *page;

		if (!pte_present(pte))
			goto pte_unmap;

		if (pte_protnone(pte))
			goto pte_unmap;

		if (!pte_access_permitted(pte, flags & FOLL_WRITE))
			goto pte_unmap;

		if (pte_special(pte))
			goto pte_unmap;

		page = pte_page(pte);
		folio = try_grab_folio_fast(page, 1, flags);	/* EXPECT: no-recheck */
		if (!folio)
			goto pte_unmap;

		if (unlikely(pte_val(pte) != pte_val(ptep_get(ptep)))) {
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
