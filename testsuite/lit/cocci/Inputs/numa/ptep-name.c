static int walk_ptes(pmd_t pmd, unsigned long addr, unsigned long end,
		     int write, struct page **pages, int *nr)
{
	pte_t *ptep = pte_offset_kernel(&pmd, addr);

	do {
		pte_t pte = *ptep;
		struct page *page;

		if (pte_numa(pte))
			return 0;
		page = pte_page(pte);
		if (!page_cache_get_speculative(page))
			return 0;
		if (pte_val(pte) != pte_val(*ptep)) {
			put_page(page);
			return 0;
		}
		pages[(*nr)++] = page;
	} while (ptep++, addr += PAGE_SIZE, addr != end);
	return 1;
}

/* ptep here is a hugepte pointer handed in by the caller */
static int walk_hugepte(pte_t *ptep, unsigned long addr, struct page **pages,
			int *nr)
{
	pte_t pte = *ptep;
	struct page *head = pte_page(pte);

	if (!page_cache_add_speculative(head, 1))
		return 0;
	if (pte_val(pte) != pte_val(*ptep)) {
		put_page(head);
		return 0;
	}
	pages[(*nr)++] = head;
	return 1;
}
