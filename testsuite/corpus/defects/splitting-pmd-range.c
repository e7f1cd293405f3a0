/* ERA: 3. splitting, pmd-range: gup_pmd_range() takes THP pmds to gup_huge_pmd() without leaving a splitting pmd to the slow path (the generic 3.x walker and every arch one test pmd_trans_splitting() next to pmd_none()). */
#include <linux/mm.h>
#include <linux/pgtable.h>

#ifdef CONFIG_GUP_GET_PTE_LOW_HIGH
/*
 * The pte is two words written one at a time: the high word first when it
 * becomes present, the low word first when it goes away, and it never
 * switches to another present page without a TLB flush, which the IRQ-off
 * walker holds off.  Reading low, high and low again until the low reads
 * agree gives either the whole pte or one whose low word is not present.
 */
static inline pte_t gup_get_pte(pte_t *ptep)
{
	pte_t pte;

	do {
		pte.pte_low = ptep->pte_low;
		/* the low word is read before the high word */
		smp_rmb();
		pte.pte_high = ptep->pte_high;
		/* and the high word before the low word again */
		smp_rmb();
	} while (unlikely(pte.pte_low != ptep->pte_low));

	return pte;
}
#else
/* The pte is read with one single-copy atomic load. */
static inline pte_t gup_get_pte(pte_t *ptep)
{
	return ACCESS_ONCE(*ptep);
}
#endif

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

#ifdef __HAVE_ARCH_PTE_SPECIAL
/*
 * The pte table was reached through the snapshot pmd of *pmdp, and a THP
 * collapse can free it while its ptes still look valid: the pmd is
 * re-checked together with the pte.
 */
static int gup_pte_range(pmd_t pmd, pmd_t *pmdp, unsigned long addr,
			 unsigned long end, int write, struct page **pages,
			 int *nr)
{
	pte_t *ptep, *ptem;
	int ret = 0;

	ptem = ptep = pte_offset_map(&pmd, addr);
	do {
		pte_t pte = gup_get_pte(ptep);
		struct page *page;

		/*
		 * NUMA-hinting faults are accounted, and the page perhaps
		 * migrated, in the slow path.
		 */
		if (!pte_present(pte) || pte_special(pte) ||
		    pte_numa(pte) || (write && !pte_write(pte)))
			goto pte_unmap;

		VM_BUG_ON(!pfn_valid(pte_pfn(pte)));
		page = pte_page(pte);

		if (!page_cache_get_speculative(page))
			goto pte_unmap;

		if (unlikely(pmd_val(pmd) != pmd_val(*pmdp)) ||
		    unlikely(pte_val(pte) != pte_val(*ptep))) {
			put_page(page);
			goto pte_unmap;
		}

		pages[*nr] = page;
		(*nr)++;
	} while (ptep++, addr += PAGE_SIZE, addr != end);

	ret = 1;

pte_unmap:
	pte_unmap(ptem);
	return ret;
}
#else
/*
 * Without pte_special() a pte cannot be told from a special mapping, so
 * pte-level pages always take the slow path.  THP and hugetlb pmds are
 * never special and are still pinned here: get_futex_key() needs
 * __get_user_pages_fast() to pin a futex on a THP tail page, and must not
 * fall back to the slow path to do it.
 */
static int gup_pte_range(pmd_t pmd, pmd_t *pmdp, unsigned long addr,
			 unsigned long end, int write, struct page **pages,
			 int *nr)
{
	return 0;
}
#endif /* __HAVE_ARCH_PTE_SPECIAL */

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

int gup_pmd_range(pud_t *pudp, unsigned long addr, unsigned long end,
		  int write, struct page **pages, int *nr)
{
	unsigned long next;
	pmd_t *pmdp;

	pmdp = pmd_offset(pudp, addr);
	do {
		pmd_t pmd = gup_get_pmd(pmdp);	/* EXPECT: splitting */

		next = pmd_addr_end(addr, end);
		if (pmd_none(pmd))
			return 0;

		if (unlikely(pmd_trans_huge(pmd) || pmd_huge(pmd))) {
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
