/* unmap-balance's fix-its: which local a fixed unmap takes (fixits.test). */
#include <linux/mm.h>
#include <linux/pgtable.h>

extern int pte_is_young(pte_t pte);

/* ptem = ptep = pte_offset_map(): the fix unmaps ptem, nothing else. */
int chained(pmd_t pmd, unsigned long addr, unsigned long end)
{
	pte_t *ptep, *ptem;
	int young = 0;

	ptem = ptep = pte_offset_map(&pmd, addr);
	do {
		young += pte_is_young(ptep_get(ptep));
	} while (ptep++, addr += PAGE_SIZE, addr != end);
	pte_unmap(ptep);
	return young;
}

/* The map kept in pte_map, a cursor copied from it: unmap pte_map. */
int kept(pmd_t pmd, unsigned long addr, unsigned long end)
{
	pte_t *pte_map, *pte_ptr;
	int young = 0;

	pte_map = pte_offset_map(&pmd, addr);
	for (pte_ptr = pte_map; addr != end; pte_ptr++, addr += PAGE_SIZE)
		young += pte_is_young(ptep_get(pte_ptr));
	pte_unmap(pte_ptr);
	return young;
}

/* Only the cursor holds the mapping, declared with it: ptem follows. */
int declared(pmd_t pmd, unsigned long addr, unsigned long end)
{
	pte_t *ptep = pte_offset_map(&pmd, addr);
	int young = 0;

	do {
		young += pte_is_young(ptep_get(ptep));
	} while (ptep++, addr += PAGE_SIZE, addr != end);
	pte_unmap(ptep);
	return young;
}

/* The name ptem is taken: no fix rather than a clash. */
int taken(pmd_t pmd, unsigned long addr, unsigned long end, int ptem)
{
	pte_t *ptep;
	int young = ptem;

	ptep = pte_offset_map(&pmd, addr);
	do {
		young += pte_is_young(ptep_get(ptep));
	} while (ptep++, addr += PAGE_SIZE, addr != end);
	pte_unmap(ptep);
	return young;
}

/* The cursor mapped twice: which map the unmap balances is the code's. */
int twice(pmd_t pmd, pmd_t pmd2, unsigned long addr, unsigned long end)
{
	pte_t *ptep;
	int young = 0;

	ptep = pte_offset_map(&pmd, addr);
	young += pte_is_young(ptep_get(ptep));
	pte_unmap(ptep);
	ptep = pte_offset_map(&pmd2, addr);
	do {
		young += pte_is_young(ptep_get(ptep));
	} while (ptep++, addr += PAGE_SIZE, addr != end);
	pte_unmap(ptep);
	return young;
}
