/* Driver test input: one fixture finding. */
static int walk_b(pte_t *ptep)
{
	pte_t pte = READ_ONCE(*ptep);

	return pte_val(pte) != 0;
}
