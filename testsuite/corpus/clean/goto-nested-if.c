/* ERA: 6. clean: nested-if tests and goto cleanup labels; the pmd and the pte are re-checked in two separate ifs. */
#include <linux/mm.h>
#include <linux/pgtable.h>

int gup_pte_range(pmd_t pmd, pmd_t *pmdp, unsigned long addr,
		  unsigned long end, unsigned int flags,
		  struct page **pages, int *nr)
{
	struct folio *folio;
	pte_t *ptep, *ptem;
	struct page *page;
	int ret = 0;
	pte_t pte;

	ptem = ptep = pte_offset_map(&pmd, addr);
	do {
		pte = ptep_get_lockless(ptep);
		if (pte_present(pte)) {
			if (pte_protnone(pte)) {
				if (!gup_can_follow_protnone(flags))
					goto unmap;
			}
			if (pte_special(pte))
				goto unmap;
			if (flags & FOLL_WRITE) {
				if (!pte_write(pte))
					goto unmap;
			}
		} else {
			goto unmap;
		}

		page = pte_page(pte);
		folio = try_grab_folio(page, 1, flags);
		if (!folio)
			goto unmap;
		if (pmd_val(pmd) != pmd_val(*pmdp))
			goto put;
		if (!pte_same(pte, ptep_get(ptep)))
			goto put;

		pages[*nr] = page;
		(*nr)++;
	} while (ptep++, addr += PAGE_SIZE, addr != end);
	ret = 1;
	goto unmap;

put:
	gup_put_folio(folio, 1, flags);
unmap:
	pte_unmap(ptem);
	return ret;
}
