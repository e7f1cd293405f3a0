/* Driver test input for --fix: no newline at the end. */
static int last(pte_t *ptep) { return pte_val(READ_ONCE(*ptep)); }