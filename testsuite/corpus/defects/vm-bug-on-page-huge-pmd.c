/* ERA: 3. vm-bug-on-page, page: gup_huge_pmd() asserts on a page with a bare VM_BUG_ON(), where gup_huge_pud() in the same file already uses VM_BUG_ON_PAGE() (the 2014 review's point, which the seed itself leaves as it was). */
#include <linux/mm.h>
#include <linux/pgtable.h>

int gup_huge_pmd(pmd_t orig, pmd_t *pmdp, unsigned long addr,
		 unsigned long end, int write, struct page **pages,
		 int *nr)
{
	struct page *head, *page, *tail;
	int refs;

	if (pmd_numa(orig) || (write && !pmd_write(orig)))
		return 0;

	refs = 0;
	head = pmd_page(orig);
	page = head + ((addr & ~PMD_MASK) >> PAGE_SHIFT);
	tail = page;
	do {
		VM_BUG_ON(compound_head(page) != head);	/* EXPECT: vm-bug-on-page */
		pages[*nr] = page;
		(*nr)++;
		page++;
		refs++;
	} while (addr += PAGE_SIZE, addr != end);

	if (!page_cache_add_speculative(head, refs)) {
		*nr -= refs;
		return 0;
	}

	if (unlikely(pmd_val(orig) != pmd_val(*pmdp))) {
		*nr -= refs;
		while (refs--)
			put_page(head);
		return 0;
	}

	/*
	 * Each tail page also gets the mapcount reference that a later THP
	 * split turns into a reference on that base page.
	 */
	while (refs--) {
		if (PageTail(tail))
			get_huge_page_tail(tail);
		tail++;
	}

	return 1;
}

/* There is no NUMA hinting at pud level. */
int gup_huge_pud(pud_t orig, pud_t *pudp, unsigned long addr,
		 unsigned long end, int write, struct page **pages,
		 int *nr)
{
	struct page *head, *page, *tail;
	int refs;

	if (write && !pud_write(orig))
		return 0;

	refs = 0;
	head = pud_page(orig);
	page = head + ((addr & ~PUD_MASK) >> PAGE_SHIFT);
	tail = page;
	do {
		VM_BUG_ON_PAGE(compound_head(page) != head, page);
		pages[*nr] = page;
		(*nr)++;
		page++;
		refs++;
	} while (addr += PAGE_SIZE, addr != end);

	if (!page_cache_add_speculative(head, refs)) {
		*nr -= refs;
		return 0;
	}

	if (unlikely(pud_val(orig) != pud_val(*pudp))) {
		*nr -= refs;
		while (refs--)
			put_page(head);
		return 0;
	}

	while (refs--) {
		if (PageTail(tail))
			get_huge_page_tail(tail);
		tail++;
	}

	return 1;
}
