/* ERA: 612. recheck-leak, success on mismatch: the pud leaf drops the reference but returns 1 (s390/powerpc 2011). */
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

/* There is no NUMA hinting at pud level. */
int gup_fast_pud_leaf(pud_t orig, pud_t *pudp, unsigned long addr,
		      unsigned long end, unsigned int flags,
		      struct page **pages, int *nr)
{
	struct folio *folio;
	struct page *page;
	int refs;

	if (!pud_access_permitted(orig, flags & FOLL_WRITE))
		return 0;

	if (pud_special(orig))
		return 0;

	page = nth_page(pud_page(orig), (addr & ~PUD_MASK) >> PAGE_SHIFT);
	refs = record_subpages(page, addr, end, pages + *nr);

	folio = try_grab_folio_fast(page, refs, flags);
	if (!folio)
		return 0;

	if (unlikely(pud_val(orig) != pud_val(*pudp))) {	/* EXPECT: recheck-leak */
		gup_put_folio(folio, refs, flags);
		return 1;
	}

	*nr += refs;
	folio_set_referenced(folio);
	return 1;
}
