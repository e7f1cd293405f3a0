/* ERA: 3. recheck-leak, wrong-page: the mismatch branch puts page, not head, which holds the references (powerpc 405e44f2e312). */
#include <linux/mm.h>
#include <asm/pgtable.h>

/* The caller, left out of this file, read orig; it is tested here. */
int gup_huge_pmd(pmd_t orig, pmd_t *pmdp, unsigned long addr,
		 unsigned long end, int write, struct page **pages, int *nr)
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

	if (unlikely(pmd_val(orig) != pmd_val(*pmdp))) {	/* EXPECT: recheck-leak */
		*nr -= refs;
		while (refs--)
			put_page(page);
		return 0;
	}

	while (refs--) {
		if (PageTail(tail))
			get_huge_page_tail(tail);
		tail++;
	}

	return 1;
}
