/* Driver test input for --fix: edits come from Inputs/clang-fake. */
static int walk(pmd_t pmd, unsigned long addr, unsigned long end)
{
	pte_t *ptep;
	int young = 0;

	ptep = pte_offset_map(&pmd, addr);
	do {
		pte_t pte = READ_ONCE(*ptep);

		if (pte_young(pte))
			young++;
	} while (ptep++, addr += PAGE_SIZE, addr != end);
	pte_unmap(ptep);
	return young;
}

static int walk_again(pte_t *ptep)
{
	pte_t pte = READ_ONCE(*ptep);

	return pte_young(pte);
}

static int walk_twice(pte_t *ptep)
{
	pte_t pte = READ_ONCE(*ptep);

	return pte_young(pte);
}
