// SPDX-License-Identifier: GPL-2.0
/*
 * ERA: 3
 *
 * ptwalk defect: numa-hint, at pmd level.  The shape of x86's own fast GUP
 * before 4.13: the huge-pmd walker takes the pmd by value, reads its bits
 * as a pte through the copy's address, and pins through a helper of the
 * file that adds the walk's references to the head page's count at once.
 * IRQs off are all that keep the page alive.  The caller tests the pmd for
 * splitting but not with pmd_numa(), so a huge pmd that NUMA balancing
 * made inaccessible is pinned while THP migration may be moving its page
 * (2b4847e73004 added the test to x86's gup_pmd_range()).
 */
#include <linux/mm.h>
#include <asm/pgtable.h>

/* Entries are read whole here: this file is about the NUMA test. */
static inline pmd_t gup_get_pmd(pmd_t *pmdp)
{
	return ACCESS_ONCE(*pmdp);
}

/* The walk's references on a compound page, taken on its head at once. */
static inline void head_add_refs(struct page *head, int refs)
{
	atomic_add(refs, &head->_count);
	SetPageReferenced(head);
}

static int gup_huge_pmd(pmd_t pmd, unsigned long addr, unsigned long end,
			int write, struct page **pages, int *nr)
{
	pte_t pte = *(pte_t *)&pmd;
	struct page *head, *page;
	int refs = 0;

	if (!pte_present(pte) || (write && !pte_write(pte)))
		return 0;

	head = pte_page(pte);
	page = head + ((addr & ~PMD_MASK) >> PAGE_SHIFT);
	do {
		pages[*nr] = page;
		if (PageTail(page))
			get_huge_page_tail(page);
		(*nr)++;
		page++;
		refs++;
	} while (addr += PAGE_SIZE, addr != end);
	head_add_refs(head, refs);

	return 1;
}

/* pte tables are left to the slow path in this trimmed walker. */
static int gup_pmd_range(pud_t *pudp, unsigned long addr, unsigned long end,
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
		if (!gup_huge_pmd(pmd, addr, next, write, pages, nr))	/* EXPECT: numa-hint */
			return 0;
	} while (pmdp++, addr = next, addr != end);

	return 1;
}

/* The caller found the pud; the walk below it runs with interrupts off. */
int gup_fast_pud(pud_t *pudp, unsigned long addr, unsigned long end,
		 int write, struct page **pages)
{
	unsigned long flags;
	int nr = 0;

	local_irq_save(flags);
	gup_pmd_range(pudp, addr, end, write, pages, &nr);
	local_irq_restore(flags);

	return nr;
}
