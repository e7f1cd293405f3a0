/* ERA: 612. numa-hint and torn-read under the wrong lock: lockdep_assert_held(&mm->mmap_lock) holds off no page-table change, so the pmd read here is a lockless snapshot (the negative control of clean/locked-slow-path-612.c). */
#include <linux/mm.h>
#include <linux/pgtable.h>

int gup_pmd_leaf_mmap_locked(struct mm_struct *mm, pmd_t *pmdp,
			     unsigned long addr, unsigned int flags,
			     struct page **pages, int *nr)
{
	pmd_t orig = *pmdp;	/* EXPECT: torn-read */
	struct folio *folio;
	struct page *page;

	lockdep_assert_held(&mm->mmap_lock);

	if (!pmd_present(orig) || !pmd_leaf(orig) || pmd_special(orig) ||
	    !pmd_access_permitted(orig, flags & FOLL_WRITE))
		return 0;

	page = nth_page(pmd_page(orig), (addr & ~PMD_MASK) >> PAGE_SHIFT);
	folio = try_grab_folio_fast(page, 1, flags);	/* EXPECT: numa-hint */
	if (!folio)
		return 0;

	if (unlikely(pmd_val(orig) != pmd_val(*pmdp))) {
		gup_put_folio(folio, 1, flags);
		return 0;
	}

	pages[*nr] = page;
	(*nr)++;
	return 1;
}
