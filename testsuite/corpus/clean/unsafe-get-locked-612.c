// SPDX-License-Identifier: GPL-2.0
/*
 * ERA: 612
 *
 * ptwalk clean variant: unsafe-get under the page-table lock.  Under the
 * lock the entry cannot change and the page it maps cannot be freed, so
 * an unconditional get is sound there, even in code that runs with
 * interrupts off: the pte walker locks the pte table, the leaf helper is
 * called only between pmd_lock() and spin_unlock().
 */
#include <linux/mm.h>
#include <linux/pgtable.h>

static struct page *locked_pte(struct mm_struct *mm, pmd_t *pmd,
			       unsigned long address)
{
	struct page *page = NULL;
	spinlock_t *ptl;
	pte_t *ptep, pte;

	ptep = pte_offset_map_lock(mm, pmd, address, &ptl);
	if (!ptep)
		return NULL;
	pte = ptep_get(ptep);
	if (!pte_present(pte) || pte_special(pte))
		goto out;
	page = pte_page(pte);
	get_page(page);
out:
	pte_unmap_unlock(ptep, ptl);
	return page;
}

static struct page *locked_pmd_leaf(pmd_t *pmd, unsigned long address)
{
	pmd_t pmdval = *pmd;
	struct page *page;

	if (!pmd_present(pmdval))
		return NULL;
	page = nth_page(pmd_page(pmdval), (address & ~PMD_MASK) >> PAGE_SHIFT);
	folio_get(page_folio(page));
	return page;
}

struct page *locked_lookup(struct mm_struct *mm, pmd_t *pmd,
			   unsigned long address)
{
	unsigned long flags;
	struct page *page;
	spinlock_t *ptl;

	local_irq_save(flags);
	if (pmd_leaf(pmdp_get_lockless(pmd))) {
		ptl = pmd_lock(mm, pmd);
		page = locked_pmd_leaf(pmd, address);
		spin_unlock(ptl);
	} else {
		page = locked_pte(mm, pmd, address);
	}
	local_irq_restore(flags);

	return page;
}
