// SPDX-License-Identifier: GPL-2.0
/*
 * ERA: 3
 *
 * ptwalk defect: numa-hint, at pmd level.  The huge-pmd walker takes the
 * pmd by value and pins the head page through a helper of the file that
 * adds the walk's references speculatively; the caller tests the pmd for
 * splitting but not with pmd_numa(), so a NUMA-hinted huge pmd is pinned
 * behind THP migration's back (2b4847e73004).
 */
#include <linux/mm.h>
#include <asm/pgtable.h>

/* Entries are read whole here: this file is about the NUMA test. */
static inline pmd_t gup_get_pmd(pmd_t *pmdp)
{
	return ACCESS_ONCE(*pmdp);
}

/* REFS references on HEAD, unless it is on its way to the allocator. */
static int grab_head_refs(struct page *head, int refs)
{
	return page_cache_add_speculative(head, refs);
}

static int gup_huge_pmd(pmd_t orig, pmd_t *pmdp, unsigned long addr,
			unsigned long end, int write, struct page **pages,
			int *nr)
{
	struct page *head, *page;
	int refs;

	if (write && !pmd_write(orig))
		return 0;

	refs = 0;
	head = pmd_page(orig);
	page = head + ((addr & ~PMD_MASK) >> PAGE_SHIFT);
	do {
		pages[*nr] = page;
		(*nr)++;
		page++;
		refs++;
	} while (addr += PAGE_SIZE, addr != end);

	if (!grab_head_refs(head, refs)) {
		*nr -= refs;
		return 0;
	}

	if (unlikely(pmd_val(orig) != pmd_val(*pmdp))) {
		*nr -= refs;
		while (refs--)
			put_page(head);
		return 0;
	}

	return 1;
}

/* pte tables are left to the slow path in this trimmed walker. */
int gup_pmd_range(pud_t *pudp, unsigned long addr, unsigned long end,
		  int write, struct page **pages, int *nr)
{
	unsigned long next;
	pmd_t *pmdp;

	pmdp = pmd_offset(pudp, addr);
	do {
		pmd_t pmd = gup_get_pmd(pmdp);

		next = pmd_addr_end(addr, end);
		if (pmd_none(pmd) || pmd_trans_splitting(pmd))
			return 0;
		if (!pmd_trans_huge(pmd))
			return 0;
		if (!gup_huge_pmd(pmd, pmdp, addr, next, write, pages, nr))	/* EXPECT: numa-hint */
			return 0;
	} while (pmdp++, addr = next, addr != end);

	return 1;
}
