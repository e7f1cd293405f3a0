// SPDX-License-Identifier: GPL-2.0
/*
 * ERA: 612
 *
 * ptwalk clean variant: unmap-balance on loops under the pte lock, in
 * the shapes of mm/memory.c:
 *
 *  - pte_offset_map_lock() balanced by pte_unmap_unlock() of the same
 *    pointer, with the NULL return of a failed map (6.5 on) taking no
 *    unmap;
 *  - a zap loop that keeps start_pte and advances pte;
 *  - a copy loop that copies the mappings into orig_* before advancing;
 *  - pte_unmap_unlock(pte - 1, ptl) after a do-while that every path
 *    leaves through its pte++.
 */
#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/pgtable.h>

extern int clear_entry(struct mm_struct *mm, unsigned long addr, pte_t *ptep);
extern void copy_entry(pte_t *dst, pte_t *src);

int zap_ptes(struct mm_struct *mm, pmd_t *pmd, unsigned long addr,
	     unsigned long end)
{
	pte_t *start_pte, *pte;
	spinlock_t *ptl;
	int freed = 0;

	start_pte = pte = pte_offset_map_lock(mm, pmd, addr, &ptl);
	if (!pte)
		return 0;
	do {
		if (clear_entry(mm, addr, pte))
			freed++;
		if (freed > 32)
			break;
	} while (pte++, addr += PAGE_SIZE, addr != end);
	pte_unmap_unlock(start_pte, ptl);

	return freed;
}

int copy_ptes(struct mm_struct *mm, pmd_t *dst_pmd, pmd_t *src_pmd,
	      unsigned long addr, unsigned long end)
{
	pte_t *orig_src_pte, *orig_dst_pte, *src_pte, *dst_pte;
	spinlock_t *src_ptl, *dst_ptl;

	dst_pte = pte_offset_map_lock(mm, dst_pmd, addr, &dst_ptl);
	if (!dst_pte)
		return -ENOMEM;
	src_pte = pte_offset_map_lock(mm, src_pmd, addr, &src_ptl);
	if (!src_pte) {
		pte_unmap_unlock(dst_pte, dst_ptl);
		return 0;
	}
	orig_src_pte = src_pte;
	orig_dst_pte = dst_pte;
	do {
		copy_entry(dst_pte, src_pte);
	} while (dst_pte++, src_pte++, addr += PAGE_SIZE, addr != end);
	pte_unmap_unlock(orig_src_pte, src_ptl);
	pte_unmap_unlock(orig_dst_pte, dst_ptl);

	return 0;
}

int clear_ptes(struct mm_struct *mm, pmd_t *pmd, unsigned long addr,
	       unsigned long end)
{
	spinlock_t *ptl;
	int cleared = 0;
	pte_t *pte;

	pte = pte_offset_map_lock(mm, pmd, addr, &ptl);
	if (!pte)
		return -EINVAL;
	do {
		if (!clear_entry(mm, addr, pte))
			continue;
		cleared++;
	} while (pte++, addr += PAGE_SIZE, addr != end);
	pte_unmap_unlock(pte - 1, ptl);

	return cleared;
}
