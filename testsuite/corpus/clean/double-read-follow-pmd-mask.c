// SPDX-License-Identifier: GPL-2.0
/*
 * ERA: 6
 *
 * ptwalk clean variant for double-read: the slow path's pmd step as
 * 688272809fcc left it.  Without the pmd lock it decides only on its
 * snapshot, and takes a new one after each wait, before the label it
 * jumps back to; under pmd_lock() the entry cannot change, and *pmd is
 * read as often as the code likes, also after the lock was dropped to
 * wait and taken again.
 */
#include <linux/mm.h>
#include <linux/pgtable.h>
#include <linux/spinlock.h>

/* 6.1's slow-path helpers, which this era's shim leaves out. */
extern spinlock_t *pmd_lock(struct mm_struct *mm, pmd_t *pmd) __acquires(ptl);
extern void pmd_migration_entry_wait(struct mm_struct *mm, pmd_t *pmd);

struct page *follow_pmd_mask(struct vm_area_struct *vma,
			     unsigned long address, pud_t *pudp)
{
	struct mm_struct *mm = vma->vm_mm;
	struct page *page;
	spinlock_t *ptl;
	pmd_t *pmd, pmdval;

	pmd = pmd_offset(pudp, address);
	pmdval = pmdp_get_lockless(pmd);
	if (pmd_none(pmdval))
		return NULL;
retry:
	if (!pmd_present(pmdval)) {
		pmd_migration_entry_wait(mm, pmd);
		pmdval = pmdp_get_lockless(pmd);
		if (pmd_none(pmdval))
			return NULL;
		goto retry;
	}
	if (!pmd_trans_huge(pmdval))
		return NULL;

retry_locked:
	ptl = pmd_lock(mm, pmd);
	if (unlikely(pmd_none(*pmd))) {
		spin_unlock(ptl);
		return NULL;
	}
	if (unlikely(!pmd_present(*pmd))) {
		spin_unlock(ptl);
		pmd_migration_entry_wait(mm, pmd);
		goto retry_locked;
	}
	if (unlikely(!pmd_trans_huge(*pmd))) {
		spin_unlock(ptl);
		return NULL;
	}
	page = pmd_page(*pmd);
	if (!try_get_page(page))
		page = NULL;
	spin_unlock(ptl);
	return page;
}
