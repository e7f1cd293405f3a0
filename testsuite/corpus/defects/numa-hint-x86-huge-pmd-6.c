// SPDX-License-Identifier: GPL-2.0
/*
 * ERA: 6
 *
 * ptwalk defect: numa-hint, at pmd level.  x86's own fast GUP from 4.6 to
 * 4.12: the huge-pmd walker reads the pmd's bits as a pte through the
 * copy's address and pins through a helper of the file that adds the
 * walk's references to the head page with page_ref_add(), the page_ref.h
 * spelling of 3.x's atomic_add() on _count.  IRQs off are all that keep
 * the page alive.  The caller leaves a huge pmd that NUMA balancing made
 * inaccessible (pmd_protnone()) to no one, so the walker pins a page THP
 * migration may be moving.
 */
#include <linux/mm.h>
#include <linux/pgtable.h>

/* The walk's references on a compound page, taken on its head at once. */
static inline void head_add_refs(struct page *head, int refs)
{
	page_ref_add(head, refs);
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
		pmd_t pmd = pmdp_get_lockless(pmdp);

		next = pmd_addr_end(addr, end);
		if (pmd_none(pmd) || !pmd_trans_huge(pmd))
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
