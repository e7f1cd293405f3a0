/* try_grab_folio() whose value the code never shows: a speculative get
 * before 6.10, the locked grab after.  The pte it pins from is never
 * tested with pte_protnone(). */
static int walk(pmd_t pmd, unsigned long addr, unsigned int flags,
		struct page **pages, int *nr)
{
	pte_t *ptep = pte_offset_map(&pmd, addr);
	pte_t pte = ptep_get_lockless(ptep);
	struct page *page = pte_page(pte);

	if (!try_grab_folio(page, 1, flags))
		return 0;
	pages[(*nr)++] = page;
	return 1;
}
