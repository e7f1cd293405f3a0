/*
 * ERA: 3. double-read in one condition: gup_pmd_range() tests its pmd
 * snapshot for none and splitting, then asks whether the entry is huge
 * on two new reads of *pmdp, one after the other.  A pmd zapped or split
 * after the snapshot is taken to gup_huge_pmd() as the huge pmd it was.
 */
#include <linux/mm.h>
#include <linux/pgtable.h>

#if defined(CONFIG_GUP_GET_PTE_LOW_HIGH) && CONFIG_PGTABLE_LEVELS > 2
/* A two-word pmd follows the same protocol as a two-word pte. */
static inline pmd_t gup_get_pmd(pmd_t *pmdp)
{
	pmd_t pmd;

	do {
		pmd.pmd_low = pmdp->pmd_low;
		/* the low word is read before the high word */
		smp_rmb();
		pmd.pmd_high = pmdp->pmd_high;
		/* and the high word before the low word again */
		smp_rmb();
	} while (unlikely(pmd.pmd_low != pmdp->pmd_low));

	return pmd;
}
#else
/* The pmd is read with one single-copy atomic load. */
static inline pmd_t gup_get_pmd(pmd_t *pmdp)
{
	return ACCESS_ONCE(*pmdp);
}
#endif

/* The caller has tested orig with pmd_numa(). */
static int gup_huge_pmd(pmd_t orig, pmd_t *pmdp, unsigned long addr,
			unsigned long end, int write, struct page **pages,
			int *nr)
{
	struct page *head, *page, *tail;
	int refs;

	if (write && !pmd_write(orig))
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

/* The pte level, in another file. */
int gup_pte_range(pmd_t pmd, pmd_t *pmdp, unsigned long addr,
		  unsigned long end, int write, struct page **pages, int *nr);

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

		if (unlikely(pmd_trans_huge(*pmdp) ||	/* EXPECT: double-read */
			     pmd_huge(*pmdp))) {		/* EXPECT: double-read */
			/*
			 * NUMA-hinting faults are accounted, and serialised
			 * against THP migration, in the slow path.
			 */
			if (pmd_numa(pmd))
				return 0;

			if (!gup_huge_pmd(pmd, pmdp, addr, next, write,
					  pages, nr))
				return 0;
		} else if (!gup_pte_range(pmd, pmdp, addr, next, write,
					  pages, nr)) {
			return 0;
		}
	} while (pmdp++, addr = next, addr != end);

	return 1;
}
