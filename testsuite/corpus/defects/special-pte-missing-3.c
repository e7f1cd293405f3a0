/* ERA: 3. special, pte: the 3.x walker tests present, NUMA and write but not pte_special(), so a special pte is pinned. */
#include <linux/mm.h>
#include <asm/pgtable.h>

int gup_pte_range(pmd_t pmd, pmd_t *pmdp, unsigned long addr,
		  unsigned long end, int write, struct page **pages, int *nr)
{
	pte_t *ptep, *ptem;
	int ret = 0;

	ptem = ptep = pte_offset_map(&pmd, addr);
	do {
		pte_t pte = ACCESS_ONCE(*ptep);	/* EXPECT: torn-read */
		struct page *page;

		if (!pte_present(pte) || pte_numa(pte) ||
		    (write && !pte_write(pte)))
			goto pte_unmap;

		VM_BUG_ON(!pfn_valid(pte_pfn(pte)));
		page = pte_page(pte);

		if (!page_cache_get_speculative(page))	/* EXPECT: special */
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
