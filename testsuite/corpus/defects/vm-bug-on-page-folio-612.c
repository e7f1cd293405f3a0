/* ERA: 612. vm-bug-on-page, folio: gup_fast_pmd_leaf() asserts on the folio it pinned with a bare VM_BUG_ON(), where gup_fast_pud_leaf() already uses VM_BUG_ON_FOLIO() (no real commit: the 6.12 walkers assert nothing there). */
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

int gup_fast_pmd_leaf(pmd_t orig, pmd_t *pmdp, unsigned long addr,
			unsigned long end, unsigned int flags,
			struct page **pages, int *nr)
{
	struct folio *folio;
	struct page *page;
	int refs;

	if (pmd_protnone(orig))
		return 0;

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

	VM_BUG_ON(folio_page(folio, 0) != pmd_page(orig));	/* EXPECT: vm-bug-on-page */
	*nr += refs;
	folio_set_referenced(folio);
	return 1;
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

	if (unlikely(pud_val(orig) != pud_val(*pudp))) {
		gup_put_folio(folio, refs, flags);
		return 0;
	}

	VM_BUG_ON_FOLIO(folio_page(folio, 0) != pud_page(orig), folio);
	*nr += refs;
	folio_set_referenced(folio);
	return 1;
}
