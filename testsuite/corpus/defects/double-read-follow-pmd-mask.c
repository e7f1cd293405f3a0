// SPDX-License-Identifier: GPL-2.0
/*
 * ERA: 6
 *
 * double-read, the shape 688272809fcc fixed: the slow path's pmd step
 * holds mmap_lock for read but not the pmd lock, and tests *pmd afresh
 * for each decision.  MADV_DONTNEED runs under mmap_lock for read too
 * and can zap a huge pmd between two tests, so the walk goes on with an
 * entry it did not test.  The tests after pmd_lock() are stable.
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
	pmd_t *pmd;

	pmd = pmd_offset(pudp, address);
	if (pmd_none(*pmd))
		return NULL;
retry:
	if (!pmd_present(*pmd)) {	/* EXPECT: double-read */
		pmd_migration_entry_wait(mm, pmd);
		goto retry;
	}
	if (!pmd_trans_huge(*pmd))	/* EXPECT: double-read */
		return NULL;

	ptl = pmd_lock(mm, pmd);
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
