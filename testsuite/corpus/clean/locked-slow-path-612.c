// SPDX-License-Identifier: GPL-2.0
/*
 * ERA: 612
 *
 * ptwalk clean variant: walkers that hold the page-table lock, in the
 * shape of 6.12's slow path (follow_huge_pmd(), follow_huge_pud(),
 * follow_page_pte(), get_gate_page()).  Under the lock an entry cannot
 * change, so a plain `*pmd` read is no torn snapshot and needs neither a
 * NUMA test nor a re-check, even where the reference is taken with a
 * get that could fail.  Every engine must stay silent:
 *
 *  - follow_huge_pmd() reads *pmd before it asserts the lock its caller
 *    took (assert_spin_locked(pmd_lockptr(...)));
 *  - follow_huge_pud() asserts nothing, but its only caller calls it
 *    between pud_lock() and spin_unlock();
 *  - follow_page_pte() maps and locks the pte table itself;
 *  - get_gate_page() takes the locked grab, try_grab_folio(), which
 *    returns a status and is no speculative get since 6.10.
 */
#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/pgtable.h>

static struct page *follow_huge_pmd(struct vm_area_struct *vma,
				    unsigned long addr, pmd_t *pmd,
				    unsigned int flags)
{
	struct mm_struct *mm = vma->vm_mm;
	pmd_t pmdval = *pmd;
	struct folio *folio;
	struct page *page;

	assert_spin_locked(pmd_lockptr(mm, pmd));

	if ((flags & FOLL_WRITE) && !pmd_write(pmdval))
		return NULL;

	page = nth_page(pmd_page(pmdval), (addr & ~PMD_MASK) >> PAGE_SHIFT);
	folio = page_folio(page);
	if (!folio_try_get(folio))
		return NULL;
	return page;
}

static struct page *follow_huge_pud(unsigned long addr, pud_t *pudp,
				    unsigned int flags)
{
	pud_t pud = *pudp;
	struct folio *folio;
	struct page *page;

	if ((flags & FOLL_WRITE) && !pud_write(pud))
		return NULL;

	page = nth_page(pud_page(pud), (addr & ~PUD_MASK) >> PAGE_SHIFT);
	folio = page_folio(page);
	if (!folio_try_get(folio))
		return NULL;
	return page;
}

static struct page *follow_page_pte(struct vm_area_struct *vma,
				    unsigned long address, pmd_t *pmd,
				    unsigned int flags)
{
	struct mm_struct *mm = vma->vm_mm;
	struct page *page = NULL;
	spinlock_t *ptl;
	pte_t *ptep, pte;

	ptep = pte_offset_map_lock(mm, pmd, address, &ptl);
	if (!ptep)
		return NULL;
	pte = ptep_get(ptep);
	if (!pte_present(pte) || ((flags & FOLL_WRITE) && !pte_write(pte)))
		goto out;
	page = pte_page(pte);
	if (try_grab_folio(page_folio(page), 1, flags))
		page = NULL;
out:
	pte_unmap_unlock(ptep, ptl);
	return page;
}

static struct page *follow_pmd_mask(struct vm_area_struct *vma,
				    unsigned long address, pud_t *pudp,
				    unsigned int flags)
{
	struct mm_struct *mm = vma->vm_mm;
	spinlock_t *ptl;
	struct page *page;
	pmd_t *pmd;

	ptl = pud_lock(mm, pudp);
	if (pud_leaf(*pudp)) {
		page = follow_huge_pud(address, pudp, flags);
		spin_unlock(ptl);
		return page;
	}
	spin_unlock(ptl);

	pmd = pmd_offset(pudp, address);
	if (!pmd_present(pmdp_get_lockless(pmd)))
		return NULL;
	if (!pmd_leaf(pmdp_get_lockless(pmd)))
		return follow_page_pte(vma, address, pmd, flags);

	ptl = pmd_lock(mm, pmd);
	page = follow_huge_pmd(vma, address, pmd, flags);
	spin_unlock(ptl);
	return page;
}

/* The gate area's kernel mapping: its page is never freed. */
static int get_gate_page(unsigned long address, pmd_t *pmd,
			 unsigned int gup_flags, struct page **page)
{
	pte_t *ptep, entry;
	int ret;

	ptep = pte_offset_map(pmd, address);
	if (!ptep)
		return -EFAULT;
	entry = ptep_get(ptep);
	if (pte_none(entry)) {
		ret = -EFAULT;
		goto unmap;
	}
	*page = pte_page(entry);
	ret = try_grab_folio(page_folio(*page), 1, gup_flags);
unmap:
	pte_unmap(ptep);
	return ret;
}

struct page *follow_page_mask(struct vm_area_struct *vma,
			      unsigned long address, pud_t *pudp,
			      unsigned int flags)
{
	return follow_pmd_mask(vma, address, pudp, flags);
}

int gate_page(unsigned long address, pmd_t *pmd, unsigned int gup_flags,
	      struct page **page)
{
	return get_gate_page(address, pmd, gup_flags, page);
}
