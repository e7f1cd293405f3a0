/* x86: pmd_t is 64 bits with PAE */
static int walk_pmds(pud_t pud, unsigned long addr, unsigned long end,
		     struct page **pages, int *nr)
{
	pmd_t *pmdp = pmd_offset(&pud, addr);

	do {
		pmd_t pmd = READ_ONCE(*pmdp);
		struct page *page = pmd_page(pmd);

		if (pmd_none(pmd) || pmd_protnone(pmd))
			return 0;
		if (!page_cache_get_speculative(page))
			return 0;
		if (pmd_val(pmd) != pmd_val(*pmdp)) {
			put_page(page);
			return 0;
		}
		pages[(*nr)++] = page;
	} while (pmdp++, addr += PMD_SIZE, addr != end);
	return 1;
}
