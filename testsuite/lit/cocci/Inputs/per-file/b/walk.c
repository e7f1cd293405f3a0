/* no speculative pin anywhere in this file: not a lockless walker */
static int walk(pmd_t *pmdp, struct page **pages, int *nr)
{
	pmd_t pmd = READ_ONCE(*pmdp);

	get_page(pmd_page(pmd));
	pages[(*nr)++] = pmd_page(pmd);
	return 1;
}
