/* ERA: 6. clean: counterpart of stale-recheck-earlier-local; the entries are re-read into locals after the pin and compared with pte_same()/pmd_same(). */
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
		pmd_t pmd_now;
		pte_t pte_now;

		if (!pte_present(pte) || pte_special(pte))
			goto pte_unmap;

		if (pte_protnone(pte) && !gup_can_follow_protnone(flags))
			goto pte_unmap;

		if (!pte_access_permitted(pte, flags & FOLL_WRITE))
			goto pte_unmap;

		page = pte_page(pte);
		folio = try_grab_folio(page, 1, flags);
		if (!folio)
			goto pte_unmap;

		pmd_now = pmdp_get_lockless(pmdp);
		pte_now = ptep_get_lockless(ptep);
		if (!pmd_same(pmd, pmd_now) || !pte_same(pte, pte_now)) {
			gup_put_folio(folio, 1, flags);
			goto pte_unmap;
		}

		pages[*nr] = page;
		(*nr)++;
	} while (ptep++, addr += PAGE_SIZE, addr != end);

	ret = 1;

pte_unmap:
	pte_unmap(ptem);
	return ret;
}
