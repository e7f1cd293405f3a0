// SPDX-License-Identifier: GPL-2.0
/*
 * ptwalk clean variant: unmap-balance's accepted cursor styles, in eras 3
 * and 6.
 *
 *  - x86's fast GUP before 4.13 unmaps the cursor on an early return
 *    inside the loop, where it still points into the table it was read
 *    through, and pte_unmap(ptep - 1) after the loop, where the last
 *    ptep++ has run: both are the mapped page;
 *  - a scan with a separate cursor (pte_ptr = pte_map) unmaps the
 *    mapping it kept.
 *
 * Neither function pins anything, so the lockless rules have nothing to
 * say either.
 */
#include <linux/mm.h>
#include <linux/pgtable.h>

extern int entry_is_young(pte_t *ptep);

int count_young_x86_style(pmd_t pmd, unsigned long addr, unsigned long end)
{
	int young = 0;
	pte_t *ptep;

	ptep = pte_offset_map(&pmd, addr);
	do {
		if (!entry_is_young(ptep)) {
			pte_unmap(ptep);
			return young;
		}
		young++;
	} while (ptep++, addr += PAGE_SIZE, addr != end);
	pte_unmap(ptep - 1);

	return young;
}

int count_young_kept_map(pmd_t pmd, unsigned long addr, unsigned long end)
{
	pte_t *pte_map, *pte_ptr;
	int young = 0;

	pte_map = pte_offset_map(&pmd, addr);
	for (pte_ptr = pte_map; addr != end; pte_ptr++, addr += PAGE_SIZE) {
		if (!entry_is_young(pte_ptr))
			break;
		young++;
	}
	pte_unmap(pte_map);

	return young;
}
