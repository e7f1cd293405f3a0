/* ERA: 3. unmap-balance, cursor: the seed's gup_pte_range() without ptem: the unmap takes the cursor the loop advanced, which may point past the pte table. */
#include <linux/mm.h>
#include <linux/pgtable.h>

/* The two-word-safe reader, as the reference defines it. */
extern pte_t gup_get_pte(pte_t *ptep);

int gup_pte_range(pmd_t pmd, pmd_t *pmdp, unsigned long addr,
			 unsigned long end, int write, struct page **pages,
			 int *nr)
{
	pte_t *ptep;
	int ret = 0;

	ptep = pte_offset_map(&pmd, addr);
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
	pte_unmap(ptep);	/* EXPECT: unmap-balance */
	return ret;
}
