/* ERA: 3. clean: x86 style pte walk; a gup_get_pte() reads the two-word PAE pte low/high/low, early returns unmap the original mapping. */
#include <linux/mm.h>
#include <asm/pgtable.h>

#ifdef CONFIG_GUP_GET_PTE_LOW_HIGH
/*
 * The pte is two words.  It becomes present high word first and goes away
 * low word first, and never turns into another present page without a
 * TLB flush, which the IRQ-off walker holds off.  So low, high, then low
 * again until both low reads agree yields the whole pte, or one whose low
 * word is not present.
 */
static inline pte_t gup_get_pte(pte_t *ptep)
{
	pte_t pte;

retry:
	pte.pte_low = ptep->pte_low;
	smp_rmb();	/* low word before high word */
	pte.pte_high = ptep->pte_high;
	smp_rmb();	/* high word before the second low read */
	if (unlikely(pte.pte_low != ptep->pte_low))
		goto retry;

	return pte;
}
#else
/* One load of the pte is single-copy atomic here. */
static inline pte_t gup_get_pte(pte_t *ptep)
{
	return ACCESS_ONCE(*ptep);
}
#endif

int gup_pte_range(pmd_t pmd, pmd_t *pmdp, unsigned long addr,
		  unsigned long end, int write, struct page **pages, int *nr)
{
	pte_t *ptep, *ptem;

	ptem = ptep = pte_offset_map(&pmd, addr);
	do {
		pte_t pte = gup_get_pte(ptep);
		struct page *page;

		/* NUMA-hinting faults must be taken in the slow path. */
		if (pte_numa(pte)) {
			pte_unmap(ptem);
			return 0;
		}
		if (!pte_present(pte) || pte_special(pte) ||
		    (write && !pte_write(pte))) {
			pte_unmap(ptem);
			return 0;
		}
		VM_BUG_ON(!pfn_valid(pte_pfn(pte)));
		page = pte_page(pte);

		if (!get_page_unless_zero(page)) {
			pte_unmap(ptem);
			return 0;
		}
		if (unlikely(pte_val(pte) != pte_val(*ptep) ||
			     pmd_val(pmd) != pmd_val(*pmdp))) {
			put_page(page);
			pte_unmap(ptem);
			return 0;
		}
		pages[*nr] = page;
		(*nr)++;
	} while (ptep++, addr += PAGE_SIZE, addr != end);
	pte_unmap(ptem);

	return 1;
}
