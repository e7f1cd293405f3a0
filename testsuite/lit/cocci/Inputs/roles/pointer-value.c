/* The value of try_grab_folio() is a folio: the speculative get of 5.18
 * to 6.9, whatever the version says. */
static int walk(pmd_t pmd, unsigned long addr, unsigned int flags,
		struct page **pages, int *nr)
{
	pte_t *ptep = pte_offset_map(&pmd, addr);
	pte_t pte = ptep_get_lockless(ptep);
	struct page *page = pte_page(pte);
	struct folio *folio;

	folio = try_grab_folio(page, 1, flags);
	if (!folio)
		return 0;
	pages[(*nr)++] = page;
	return 1;
}
