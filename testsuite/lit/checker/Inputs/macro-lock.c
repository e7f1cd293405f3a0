/* Reads under a page-table lock taken inside a macro, as 6.1's
 * pte_offset_map_lock() takes it: spin_lock() of a local the macro
 * initialised from pte_lockptr(), named __ptl.  -DOTHER_LOCK takes a lock
 * that is no page-table lock instead: the read is lockless again. */
#include <linux/mm.h>
#include <linux/pgtable.h>

extern spinlock_t *pte_lockptr(struct mm_struct *mm, pmd_t *pmd);

#ifndef OTHER_LOCK
#define map_lock(mm, pmd, address, ptlp)				\
	({								\
		spinlock_t *__ptl = pte_lockptr(mm, pmd);		\
		pte_t *__pte = __pte_offset_map(pmd, address);		\
		*(ptlp) = __ptl;					\
		spin_lock(__ptl);					\
		__pte;							\
	})
#else
extern spinlock_t *other_lock(struct mm_struct *mm);
#define map_lock(mm, pmd, address, ptlp)				\
	({								\
		spinlock_t *__lock = other_lock(mm);			\
		pte_t *__pte = __pte_offset_map(pmd, address);		\
		*(ptlp) = __lock;					\
		spin_lock(__lock);					\
		__pte;							\
	})
#endif

struct page *follow_pte(struct mm_struct *mm, pmd_t *pmd,
			unsigned long address)
{
	struct page *page = NULL;
	spinlock_t *ptl;
	pte_t *ptep, pte;

	ptep = map_lock(mm, pmd, address, &ptl);
	pte = *ptep;
	if (pte_present(pte) && !pte_protnone(pte)) {
		page = pte_page(pte);
		if (!folio_try_get(page_folio(page)))
			page = NULL;
	}
	spin_unlock(ptl);
	pte_unmap(ptep);
	return page;
}
