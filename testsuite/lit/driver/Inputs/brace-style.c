/* Driver test input: a function whose braces are not in column 0. */
static int walk(pte_t *ptep) {
	pte_t pte = READ_ONCE(*ptep);

	if (pte_val(pte) == )
		return 0;
	return 1;
}
