static int pin_one(pte_t *ptep, struct page **pages, int *nr)
{
	pte_t pte = ptep_get_lockless(ptep);
	struct page *page = pte_page(pte);

	if (!page_cache_get_speculative(page))
		return 0;
	if (pte_val(pte) != pte_val(*ptep)) {
		put_page(page);
		return 0;
	}
	pages[(*nr)++] = page;
	return 1;
}

static int walk(pmd_t *pmdp, struct page **pages, int *nr)
{
	pmd_t pmd = pmdp_get_lockless(pmdp);

	return pin_one(pte_offset_map(&pmd, 0), pages, nr);
}
