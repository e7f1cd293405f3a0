/* ERA: 6. torn-read, pte-read-once: the pte snapshot is one READ_ONCE(), not ptep_get_lockless() (the 2014 seed's ACCESS_ONCE(*ptep) in 6.x spelling). */
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
		pte_t pte = READ_ONCE(*ptep);	/* EXPECT: torn-read */
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

		VM_BUG_ON(!pfn_valid(pte_pfn(pte)));
		page = pte_page(pte);

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
