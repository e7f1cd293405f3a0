/* The value of try_grab_folio() is an int status: the 6.10 locked grab,
 * whatever the version says. */
static int walk(pmd_t pmd, unsigned long addr, unsigned int flags,
		struct page **pages, int *nr)
{
	pte_t *ptep = pte_offset_map(&pmd, addr);
	pte_t pte = ptep_get_lockless(ptep);
	struct page *page = pte_page(pte);
	int ret;

	ret = try_grab_folio(page_folio(page), 1, flags);
	if (ret)
		return 0;
	pages[(*nr)++] = page;
	return 1;
}
