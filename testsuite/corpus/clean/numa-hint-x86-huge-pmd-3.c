// SPDX-License-Identifier: GPL-2.0
/*
 * ERA: 3
 *
 * clean: the pmd and pud levels of x86's own fast GUP before 4.13, after
 * 2b4847e73004.  Each huge walker takes its entry by value, reads its bits
 * as a pte through the copy's address, and pins through a helper of the
 * file that adds the walk's references to the head page's count.  A huge
 * pmd reached through gup_pmd_range() is tested with pmd_numa() by the
 * caller; one reached through gup_pmd_huge_only() is tested as the pte
 * copy by the walker itself.  A pud is never NUMA-hinted and needs no
 * test.
 */
#include <linux/mm.h>
#include <asm/pgtable.h>

/* Entries are read whole here: this file is about the NUMA test. */
static inline pmd_t gup_get_pmd(pmd_t *pmdp)
{
	return ACCESS_ONCE(*pmdp);
}

static inline pud_t gup_get_pud(pud_t *pudp)
{
	return ACCESS_ONCE(*pudp);
}

/* The walk's references on a compound page, taken on its head at once. */
static inline void head_add_refs(struct page *head, int refs)
{
	atomic_add(refs, &head->_count);
	SetPageReferenced(head);
}

/* The subpages of a huge page from ADDR to END, head first. */
static int record_huge(struct page *head, unsigned long offset,
		       unsigned long addr, unsigned long end,
		       struct page **pages, int *nr)
{
	struct page *page = head + (offset >> PAGE_SHIFT);
	int refs = 0;

	do {
		pages[*nr] = page;
		if (PageTail(page))
			get_huge_page_tail(page);
		(*nr)++;
		page++;
		refs++;
	} while (addr += PAGE_SIZE, addr != end);

	return refs;
}

static int gup_huge_pmd(pmd_t pmd, unsigned long addr, unsigned long end,
			int write, struct page **pages, int *nr)
{
	pte_t pte = *(pte_t *)&pmd;
	struct page *head;

	if (!pte_present(pte) || (write && !pte_write(pte)))
		return 0;

	head = pte_page(pte);
	head_add_refs(head, record_huge(head, addr & ~PMD_MASK, addr, end,
					pages, nr));

	return 1;
}

/* The walker that tests the copy: a pmd_numa() of the same bits. */
static int gup_huge_pmd_tested(pmd_t pmd, unsigned long addr,
			       unsigned long end, int write,
			       struct page **pages, int *nr)
{
	pte_t pte = *(pte_t *)&pmd;
	struct page *head;

	if (!pte_present(pte) || pte_numa(pte) || (write && !pte_write(pte)))
		return 0;

	head = pte_page(pte);
	head_add_refs(head, record_huge(head, addr & ~PMD_MASK, addr, end,
					pages, nr));

	return 1;
}

static int gup_huge_pud(pud_t pud, unsigned long addr, unsigned long end,
			int write, struct page **pages, int *nr)
{
	pte_t pte = *(pte_t *)&pud;
	struct page *head;

	if (!pte_present(pte) || (write && !pte_write(pte)))
		return 0;

	head = pte_page(pte);
	head_add_refs(head, record_huge(head, addr & ~PUD_MASK, addr, end,
					pages, nr));

	return 1;
}

/* pte tables are left to the slow path in these trimmed walkers. */
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
		/* A NUMA-hinted pmd is left to the slow path. */
		if (pmd_numa(pmd))
			return 0;
		if (!gup_huge_pmd(pmd, addr, next, write, pages, nr))
			return 0;
	} while (pmdp++, addr = next, addr != end);

	return 1;
}

static int gup_pmd_huge_only(pud_t *pudp, unsigned long addr,
			     unsigned long end, int write,
			     struct page **pages, int *nr)
{
	unsigned long next;
	pmd_t *pmdp;

	pmdp = pmd_offset(pudp, addr);
	do {
		pmd_t pmd = gup_get_pmd(pmdp);

		next = pmd_addr_end(addr, end);
		if (pmd_none(pmd) || pmd_trans_splitting(pmd) ||
		    !pmd_trans_huge(pmd))
			return 0;
		if (!gup_huge_pmd_tested(pmd, addr, next, write, pages, nr))
			return 0;
	} while (pmdp++, addr = next, addr != end);

	return 1;
}

/* The caller found the pgd; the walk below it runs with interrupts off. */
int gup_fast_pud_range(pud_t *pudp, unsigned long addr, unsigned long end,
		       int write, struct page **pages, int huge_only)
{
	unsigned long flags, next;
	int nr = 0;

	local_irq_save(flags);
	do {
		pud_t pud = gup_get_pud(pudp);

		next = pud_addr_end(addr, end);
		if (pud_none(pud))
			break;
		if (pud_huge(pud)) {
			if (!gup_huge_pud(pud, addr, next, write, pages, &nr))
				break;
		} else if (huge_only) {
			if (!gup_pmd_huge_only(pudp, addr, next, write, pages,
					       &nr))
				break;
		} else if (!gup_pmd_range(pudp, addr, next, write, pages,
					  &nr)) {
			break;
		}
	} while (pudp++, addr = next, addr != end);
	local_irq_restore(flags);

	return nr;
}
