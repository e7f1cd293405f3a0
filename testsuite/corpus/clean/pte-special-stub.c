/* ERA: 6. clean: an architecture without pte_special() stubs gup_pte_range() to pin nothing; only huge pmds are pinned. */
#include <linux/mm.h>
#include <linux/pgtable.h>

/*
 * A pte cannot be told from a special mapping here, so pte-level pages
 * always take the slow path.
 */
static int gup_pte_range(pmd_t pmd __always_unused,
			 pmd_t *pmdp __always_unused,
			 unsigned long addr __always_unused,
			 unsigned long end __always_unused,
			 unsigned int flags __always_unused,
			 struct page **pages __always_unused,
			 int *nr __always_unused)
{
	return 0;
}

static int gup_huge_pmd(pmd_t orig, pmd_t *pmdp, unsigned long addr,
			unsigned long end, unsigned int flags,
			struct page **pages, int *nr)
{
	struct folio *folio;
	struct page *page;
	int refs;

	if (!pmd_access_permitted(orig, flags & FOLL_WRITE))
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
			if (pmd_protnone(pmd) &&
			    !gup_can_follow_protnone(flags))
				return 0;
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
