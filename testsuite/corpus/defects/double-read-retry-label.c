// SPDX-License-Identifier: GPL-2.0
/*
 * ERA: 6
 *
 * double-read across a retry label: the walker takes its snapshot and
 * tests it, but the label the wait jumps back to re-tests *pmd rather
 * than a new snapshot.  On the first pass the test after the label reads
 * an entry other than the one found not none.  The fix takes the
 * snapshot after the label, once per pass (688272809fcc).
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
	if (!pmd_present(*pmd)) {	/* EXPECT: double-read */
		pmd_migration_entry_wait(mm, pmd);
		goto retry;
	}
	if (!pmd_trans_huge(pmdval))
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
