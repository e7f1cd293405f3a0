/* A pte walker whose mismatch branch drops the reference through an undo
 * helper of the same file: clean.  -DLEAK empties the helper. */
#include <linux/mm.h>
#include <linux/pgtable.h>

static void drop(struct folio *folio, unsigned int flags)
{
#ifndef LEAK
	gup_put_folio(folio, 1, flags);
#endif
}

int walk(pmd_t pmd, pmd_t *pmdp, unsigned long addr, unsigned int flags,
	 struct page **pages, int *nr)
{
	pte_t *ptep = pte_offset_map(&pmd, addr);
	pte_t pte = ptep_get_lockless(ptep);
	struct folio *folio;
	struct page *page;

	if (pte_protnone(pte) || pte_special(pte) || !pte_write(pte))
		goto unmap;
	page = pte_page(pte);
	folio = try_grab_folio(page, 1, flags);
	if (!folio)
		goto unmap;
	if (pmd_val(pmd) != pmd_val(*pmdp) || !pte_same(pte, ptep_get(ptep))) {
		drop(folio, flags);
		pte_unmap(ptep); return 0;
	}
	pages[*nr] = page;
	(*nr)++;
	pte_unmap(ptep); return 1;
unmap:
	pte_unmap(ptep);
	return 0;
}
