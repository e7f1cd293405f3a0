/* ERA: 3. irq-region, walk-after-enable: the walker enables interrupts after the first pmd and walks the second with them on. */
#include <linux/mm.h>
#include <linux/pgtable.h>
#include <linux/sched.h>

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

int pin_two_pmds(pud_t *pudp, unsigned long addr, int write,
		 struct page **pages)
{
	pmd_t *pmdp = pmd_offset(pudp, addr);
	pmd_t pmd;
	int nr = 0;

	local_irq_disable();
	pmd = gup_get_pmd(pmdp);
	if (!pmd_none(pmd) && !pmd_trans_splitting(pmd) &&
	    !pmd_trans_huge(pmd))
		gup_pte_range(pmd, pmdp, addr, addr + PAGE_SIZE, write, pages,
			      &nr);
	local_irq_enable();

	pmd = gup_get_pmd(pmdp + 1);
	if (!pmd_none(pmd) && !pmd_trans_splitting(pmd) &&
	    !pmd_trans_huge(pmd))
		gup_pte_range(pmd, pmdp + 1, addr + PMD_SIZE,	/* EXPECT: irq-region */
			      addr + PMD_SIZE + PAGE_SIZE, write, pages, &nr);
	return nr;
}
