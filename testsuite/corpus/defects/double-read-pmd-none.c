/*
 * ERA: 6. double-read, gup_pmd_range() in 6.1's shape with its none test
 * made on a new read of *pmdp instead of on the snapshot it took: the
 * entry that is found not none is not the one the walk goes on with.
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
	refs = record_subpages(page, addr, end, pages + *nr);

	folio = try_grab_folio(page, refs, flags);
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

int gup_pmd_range(pud_t *pudp, pud_t pud, unsigned long addr,
		  unsigned long end, unsigned int flags,
		  struct page **pages, int *nr)
{
	unsigned long next;
	pmd_t *pmdp;

	pmdp = pmd_offset_lockless(pudp, pud, addr);
	do {
		pmd_t pmd = pmdp_get_lockless(pmdp);

		next = pmd_addr_end(addr, end);
		if (pmd_none(*pmdp))	/* EXPECT: double-read */
			return 0;

		if (unlikely(pmd_trans_huge(pmd) || pmd_huge(pmd))) {
			if (pmd_protnone(pmd) &&
			    !gup_can_follow_protnone(flags))
				return 0;
			if (!gup_huge_pmd(pmd, pmdp, addr, next, flags,
					  pages, nr))
				return 0;
		} else {
			/* pte tables are left to the slow path here. */
			return 0;
		}
	} while (pmdp++, addr = next, addr != end);

	return 1;
}
