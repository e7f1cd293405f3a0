/* expect-check test input: EXPECT comments on known lines. */
static int walk(pte_t *ptep, pmd_t *pmdp, struct page **pages, int *nr)
{
	pte_t pte = ACCESS_ONCE(*ptep);	/* EXPECT: torn-read */
	pmd_t pmd = READ_ONCE(*pmdp);	// EXPECT: torn-read
	const char *s = "EXPECT: numa-hint";
	struct page *page = pte_page(pte);

	if (!get_page_unless_zero(page))	/* EXPECT: numa-hint, no-recheck */
		return 0;
	pages[(*nr)++] = page;	/* EXPECT: no-recheck[clang] */
	/*
	 * EXPECT: recheck-leak[cocci]
	 */
	return pmd_val(pmd) != 0;
}
