/* ERA: 6. clean: pte_protnone() && !gup_can_follow_protnone() inside a longer condition, and pmd_protnone() tested in the pinning function itself. */
#include <linux/mm.h>
#include <linux/pgtable.h>

static int gup_pte_range(pmd_t pmd, pmd_t *pmdp, unsigned long addr,
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

		if (!pte_present(pte) || pte_special(pte) ||
		    (pte_protnone(pte) && !gup_can_follow_protnone(flags)) ||
		    !pte_access_permitted(pte, flags & FOLL_WRITE))
			goto pte_unmap;

		page = pte_page(pte);
		folio = try_grab_folio(page, 1, flags);
		if (!folio)
			goto pte_unmap;

		if (unlikely(pmd_val(pmd) != pmd_val(*pmdp) ||
			     pte_val(pte) != pte_val(*ptep))) {
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

static int gup_huge_pmd(pmd_t orig, pmd_t *pmdp, unsigned long addr,
			unsigned long end, unsigned int flags,
			struct page **pages, int *nr)
{
	struct folio *folio;
	struct page *page;
	int refs;

	if ((pmd_protnone(orig) && !gup_can_follow_protnone(flags)) ||
	    !pmd_access_permitted(orig, flags & FOLL_WRITE))
		return 0;

	page = nth_page(pmd_page(orig), (addr & ~PMD_MASK) >> PAGE_SHIFT);
	for (refs = 0; addr != end; refs++, addr += PAGE_SIZE)
		pages[*nr + refs] = nth_page(page, refs);

	folio = try_grab_folio(page, refs, flags);
	if (!folio)
		return 0;

	if (unlikely(pmd_val(orig) != pmd_val(*pmdp))) {
		gup_put_folio(folio, refs, flags);
		return 0;
	}

	*nr += refs;
	return 1;
}

int gup_pmd_range(pud_t *pudp, pud_t pud, unsigned long addr,
		  unsigned long end, unsigned int flags, struct page **pages,
		  int *nr)
{
	unsigned long next;
	pmd_t *pmdp;

	pmdp = pmd_offset_lockless(pudp, pud, addr);
	do {
		pmd_t pmd = pmdp_get_lockless(pmdp);

		next = pmd_addr_end(addr, end);
		if (!pmd_present(pmd))
			return 0;

		if (pmd_trans_huge(pmd) || pmd_huge(pmd)) {
			if (!gup_huge_pmd(pmd, pmdp, addr, next, flags,
					  pages, nr))
				return 0;
		} else if (!gup_pte_range(pmd, pmdp, addr, next, flags,
					  pages, nr)) {
			return 0;
		}
	} while (pmdp++, addr = next, addr != end);

	return 1;
}
