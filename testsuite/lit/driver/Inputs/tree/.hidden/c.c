/* Driver test input: hidden, never read. */
int tree_c(pte_t *p)
{
	return pte_val(READ_ONCE(*p));
}
