/* Driver test input for the shared run (Inputs/cocci-shared). */
static int walk_pte(pte_t *ptep, struct page **pages, int *nr)
{
	pte_t pte = ACCESS_ONCE(*ptep);
	struct page *page = pte_page(pte);

	if (!get_page_unless_zero(page))
		return 0;
	pages[(*nr)++] = page;
	return 1;
}

static int walk_pmd(pmd_t *pmdp, struct page **pages, int *nr)
{
	pmd_t pmd = READ_ONCE(*pmdp);

	return walk_pte((pte_t *)pmdp, pages, nr) + pmd_val(pmd);
}
