/* Driver test input: two fixture findings per function. */
static int walk_a_pte(pte_t *ptep, struct page **pages, int *nr)
{
	pte_t pte = ACCESS_ONCE(*ptep);
	struct page *page = pte_page(pte);

	if (!get_page_unless_zero(page))
		return 0;
	pages[(*nr)++] = page;
	return 1;
}

static int walk_a_pmd(pmd_t *pmdp)
{
	pmd_t pmd = READ_ONCE(*pmdp);	pmd_t again = READ_ONCE(*pmdp);

	return pmd_val(pmd) == pmd_val(again);
}
