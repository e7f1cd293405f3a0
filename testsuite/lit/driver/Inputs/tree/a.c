/* Driver test input. */
int tree_a(pte_t *p)
{
	return pte_val(READ_ONCE(*p));
}
