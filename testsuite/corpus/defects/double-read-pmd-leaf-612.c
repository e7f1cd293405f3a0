/*
 * ERA: 612. double-read, gup_fast_pmd_range() in 6.12's shape: it takes
 * its pmd snapshot with pmdp_get_lockless() and tests it for presence,
 * then reads *pmdp again to decide whether the entry is a leaf.  A
 * collapse or a zap between the two reads sends a pmd that was never
 * tested for presence to gup_fast_pmd_leaf().
 */
#include <linux/mm.h>
#include <linux/pgtable.h>

static int record_subpages(struct page *page, unsigned long addr,
			   unsigned long end, struct page **pages)
{
	int nr;

	for (nr = 0; addr != end; nr++, addr += PAGE_SIZE)
		pages[nr] = nth_page(page, nr);

	return nr;
}

/* The caller has tested orig with pmd_protnone(). */
static int gup_fast_pmd_leaf(pmd_t orig, pmd_t *pmdp, unsigned long addr,
			     unsigned long end, unsigned int flags,
			     struct page **pages, int *nr)
{
	struct folio *folio;
	struct page *page;
	int refs;

	if (!pmd_access_permitted(orig, flags & FOLL_WRITE))
		return 0;

	if (pmd_special(orig))
		return 0;

	page = nth_page(pmd_page(orig), (addr & ~PMD_MASK) >> PAGE_SHIFT);
	refs = record_subpages(page, addr, end, pages + *nr);

	folio = try_grab_folio_fast(page, refs, flags);
	if (!folio)
		return 0;

	if (unlikely(pmd_val(orig) != pmd_val(*pmdp))) {
		gup_put_folio(folio, refs, flags);
		return 0;
	}

	*nr += refs;
	folio_set_referenced(folio);
	return 1;
}

int gup_fast_pmd_range(pud_t *pudp, pud_t pud, unsigned long addr,
		       unsigned long end, unsigned int flags,
		       struct page **pages, int *nr)
{
	unsigned long next;
	pmd_t *pmdp;

	pmdp = pmd_offset_lockless(pudp, pud, addr);
	do {
		pmd_t pmd = pmdp_get_lockless(pmdp);

		next = pmd_addr_end(addr, end);
		if (!pmd_present(pmd))
			return 0;

		if (unlikely(pmd_leaf(pmdp_get_lockless(pmdp)))) {	/* EXPECT: double-read */
			if (pmd_protnone(pmd))
				return 0;
			if (!gup_fast_pmd_leaf(pmd, pmdp, addr, next, flags,
					       pages, nr))
				return 0;
		} else {
			/* pte tables are left to the slow path here. */
			return 0;
		}
	} while (pmdp++, addr = next, addr != end);

	return 1;
}
