/* Driver test input. */
static inline int tree_b(pmd_t *p)
{
	return pmd_val(READ_ONCE(*p));
}
