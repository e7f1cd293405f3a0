/* Driver test input: a lexer error loses the rest of the file. */
static int fine(int x)
{
	return x;
}

static int unterminated(pmd_t *pmdp)
{
	pmd_t pmd = READ_ONCE(*pmdp);
	const char *s = "no closing quote;

	return pmd_val(pmd) != 0;
}

static int
lost_walker(pte_t *ptep)
{
	return pte_val(READ_ONCE(*ptep)) != 0;
}

static int lost_plain(void)
{
	return 0;
}
