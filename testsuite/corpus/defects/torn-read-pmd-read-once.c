/* ERA: 6. torn-read, pmd-read-once: the pmd snapshot is one READ_ONCE(), which tears on i386 PAE with THP (6.1 gup_pmd_range(), fixed by 4fff2c7e6b8e). */
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

/* pte tables are left to the slow path in this trimmed walker. */
int gup_pmd_range(pud_t *pudp, pud_t pud, unsigned long addr,
		  unsigned long end, unsigned int flags,
		  struct page **pages, int *nr)
{
	unsigned long next;
	pmd_t *pmdp;

	pmdp = pmd_offset_lockless(pudp, pud, addr);
	do {
		pmd_t pmd = READ_ONCE(*pmdp);	/* EXPECT: torn-read */

		next = pmd_addr_end(addr, end);
		if (!pmd_present(pmd))
			return 0;

		if (!pmd_trans_huge(pmd) && !pmd_huge(pmd))
			return 0;

		if (pmd_protnone(pmd) && !gup_can_follow_protnone(flags))
			return 0;

		if (!gup_huge_pmd(pmd, pmdp, addr, next, flags, pages, nr))
			return 0;
	} while (pmdp++, addr = next, addr != end);

	return 1;
}
