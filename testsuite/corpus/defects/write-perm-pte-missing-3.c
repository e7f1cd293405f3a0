/* ERA: 3. write-perm, pte: the 3.x walker tests present, special and NUMA but not pte_write() when write is asked, so a read-only pte is pinned for writing. */
#include <linux/mm.h>
#include <asm/pgtable.h>

int gup_pte_range(pmd_t pmd, pmd_t *pmdp, unsigned long addr,
		  unsigned long end, int write, struct page **pages, int *nr)
{
	pte_t *ptep, *ptem;
	int ret = 0;

	(void)write;	/* asked for, and never looked at */
	ptem = ptep = pte_offset_map(&pmd, addr);
	do {
		pte_t pte = ACCESS_ONCE(*ptep);	/* EXPECT: torn-read */
		struct page *page;

		if (!pte_present(pte) || pte_special(pte) ||
		    pte_numa(pte))
			goto pte_unmap;

		VM_BUG_ON(!pfn_valid(pte_pfn(pte)));
		page = pte_page(pte);

		if (!page_cache_get_speculative(page))	/* EXPECT: write-perm */
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
