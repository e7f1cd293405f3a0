// SPDX-License-Identifier: GPL-2.0
/*
 * ERA: 612
 *
 * ptwalk clean variant: mappings that unmap-balance must leave to
 * someone else, in the shapes of mm/memory.c's fault path and of the
 * page-table walkers of 6.12:
 *
 *  - the mapping stored into a structure (vmf->pte) and unmapped by
 *    another function, or by the caller;
 *  - a mapping returned to the caller, which unmaps it;
 *  - a helper that unmaps the mapping it is passed;
 *  - the NULL a failed pte_offset_map() returns, which holds nothing.
 */
#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/pgtable.h>

struct pte_fault {
	struct mm_struct *mm;
	pmd_t *pmd;
	unsigned long address;
	pte_t *pte;
	spinlock_t *ptl;
};

extern int entry_is_young(pte_t *ptep);

static int fault_map(struct pte_fault *vmf)
{
	vmf->pte = pte_offset_map_lock(vmf->mm, vmf->pmd, vmf->address,
				       &vmf->ptl);
	if (!vmf->pte)
		return -EFAULT;
	return 0;
}

static void fault_unmap(struct pte_fault *vmf)
{
	pte_unmap_unlock(vmf->pte, vmf->ptl);
}

int fault_young(struct pte_fault *vmf)
{
	int young;

	if (fault_map(vmf))
		return 0;
	young = entry_is_young(vmf->pte);
	fault_unmap(vmf);
	return young;
}

static pte_t *map_entry(pmd_t *pmd, unsigned long addr)
{
	pte_t *ptep = pte_offset_map(pmd, addr);

	if (!ptep)
		return NULL;
	if (!entry_is_young(ptep))
		return ptep;
	return ptep;
}

int entry_young(pmd_t *pmd, unsigned long addr)
{
	pte_t *ptep = map_entry(pmd, addr);
	int young;

	if (!ptep)
		return 0;
	young = entry_is_young(ptep);
	pte_unmap(ptep);
	return young;
}

static int check_and_unmap(pte_t *ptep)
{
	if (entry_is_young(ptep))
		return 0;
	pte_unmap(ptep);
	return -EINVAL;
}

int scan_young(pmd_t *pmd, unsigned long addr, unsigned long end)
{
	pte_t *ptep;
	int err;

	ptep = pte_offset_map(pmd, addr);
	if (ptep == NULL)
		return 0;
	for (; addr != end; addr += PAGE_SIZE, ptep++) {
		err = check_and_unmap(ptep);
		if (err)
			return err;
	}
	pte_unmap(ptep - 1);
	return 0;
}
