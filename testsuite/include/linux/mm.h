/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ptwalk kernel-API shim: pages, page references and get_user_pages.
 *
 * References fall into the roles of rules/api.def:
 *   speculative gets  may fail (the page may be on its way to the
 *                     allocator), and are the only safe way to take a
 *                     reference from a lockless snapshot;
 *   unconditional gets  for pages already known to be referenced;
 *   releases          drop what either kind took.
 */
#ifndef _LINUX_MM_H
#define _LINUX_MM_H

#include <linux/atomic.h>
#include <linux/bug.h>
#include <linux/compiler.h>
#include <linux/irqflags.h>
#include <linux/mm_types.h>
#include <linux/pgtable.h>
#include <linux/spinlock.h>
#include <linux/types.h>

struct dev_pagemap;
struct task_struct;

extern int pfn_valid(unsigned long pfn);
extern struct page *pfn_to_page(unsigned long pfn);
extern unsigned long page_to_pfn(struct page *page);
extern struct page *compound_head(struct page *page);
extern int PageTail(struct page *page);
extern int PageCompound(struct page *page);
extern void SetPageReferenced(struct page *page);
extern void ClearPageReferenced(struct page *page);

static inline struct page *nth_page(struct page *page, unsigned long n)
{
	return page + n;
}

extern bool get_page_unless_zero(struct page *page);
extern void get_page(struct page *page);
extern void put_page(struct page *page);

#if PTWALK_ERA == 3

extern int page_cache_get_speculative(struct page *page);
extern int page_cache_add_speculative(struct page *page, int count);
extern void page_cache_get(struct page *page);
extern void page_cache_release(struct page *page);
/* Takes the tail's mapcount reference that a THP split later converts. */
extern void get_huge_page_tail(struct page *page);

extern long get_user_pages(struct task_struct *tsk, struct mm_struct *mm,
			   unsigned long start, unsigned long nr_pages,
			   int write, int force, struct page **pages,
			   struct vm_area_struct **vmas);
extern int __get_user_pages_fast(unsigned long start, int nr_pages,
				 int write, struct page **pages);
extern int get_user_pages_fast(unsigned long start, int nr_pages, int write,
			       struct page **pages);

#else /* PTWALK_ERA 6 or 612 */

#define FOLL_WRITE	0x01
#define FOLL_GET	0x04
#define FOLL_FORCE	0x10
#define FOLL_NOFAULT	0x80
#define FOLL_LONGTERM	0x100
#define FOLL_FAST_ONLY	0x200
#define FOLL_PIN	0x400

extern struct folio *page_folio(struct page *page);
extern struct page *folio_page(struct folio *folio, unsigned long n);
extern void folio_set_referenced(struct folio *folio);

#if PTWALK_ERA == 6
/* speculative: NULL or false when the page is being freed */
extern struct folio *try_grab_folio(struct page *page, int refs,
				    unsigned int flags);
extern bool __must_check try_grab_page(struct page *page, unsigned int flags);
#else
/* speculative, for GUP-fast only: NULL when the page is being freed */
extern struct folio *try_grab_folio_fast(struct page *page, int refs,
					 unsigned int flags);
extern struct folio *try_get_folio(struct page *page, int refs);
extern bool folio_try_get(struct folio *folio);
/*
 * The slow path's grab, under the page-table lock, of a folio that cannot
 * go away: 0, or -ENOMEM when the count would overflow.
 */
extern int __must_check try_grab_folio(struct folio *folio, int refs,
				       unsigned int flags);
#endif
extern struct page *try_grab_compound_head(struct page *page, int refs,
					   unsigned int flags);
extern struct page *try_get_compound_head(struct page *page, int refs);
extern bool __must_check try_get_page(struct page *page);
extern bool folio_try_get_rcu(struct folio *folio);

/* unconditional */
extern void folio_get(struct folio *folio);
/* page_ref.h (4.6 on): a count add with no test, as the kernel defines
 * it, so that a helper of the unit built on it is a count helper. */
static inline void page_ref_add(struct page *page, int nr)
{
	atomic_add(nr, &page->_refcount);
}

/* releases: drop refs references taken with these flags */
extern void gup_put_folio(struct folio *folio, int refs, unsigned int flags);
extern void put_compound_head(struct page *page, int refs, unsigned int flags);
extern void folio_put_refs(struct folio *folio, int refs);
extern void folio_put(struct folio *folio);
extern void unpin_user_page(struct page *page);

/*
 * Whether GUP may follow a PROT_NONE (NUMA-hinting) entry: only when the
 * caller does not access the page contents through the reference.
 */
#if PTWALK_ERA == 6
extern bool gup_can_follow_protnone(unsigned int flags);
#else
extern bool gup_can_follow_protnone(struct vm_area_struct *vma,
				    unsigned int flags);
#endif

/*
 * Whether a read-only pin of an anonymous page that may be shared must
 * fail, so that the slow path unshares it first.
 */
extern bool gup_must_unshare(unsigned int flags, struct page *page);

extern struct dev_pagemap *get_dev_pagemap(unsigned long pfn,
					   struct dev_pagemap *pgmap);
extern void put_dev_pagemap(struct dev_pagemap *pgmap);

#if PTWALK_ERA == 612
/*
 * The page-table lock of a table: pte_offset_map_lock() maps the pte
 * table and takes its lock, or fails like pte_offset_map().
 */
extern spinlock_t *pmd_lockptr(struct mm_struct *mm, pmd_t *pmd);
extern spinlock_t *pud_lockptr(struct mm_struct *mm, pud_t *pud);
extern spinlock_t *pmd_lock(struct mm_struct *mm, pmd_t *pmd) __acquires(ptl);
extern spinlock_t *pud_lock(struct mm_struct *mm, pud_t *pud) __acquires(ptl);
extern pte_t *__pte_offset_map_lock(struct mm_struct *mm, pmd_t *pmd,
				    unsigned long address, spinlock_t **ptlp);
#define pte_offset_map_lock(mm, pmd, address, ptlp)			\
	({								\
		pte_t *__ptep = __pte_offset_map_lock(mm, pmd, address,	\
						      ptlp);		\
		if (__ptep) {						\
			__acquire(pte_map);				\
			__acquire(ptl);					\
		}							\
		__ptep;							\
	})
extern void pte_unmap_unlock(pte_t *pte, spinlock_t *ptl)
	__releases(pte_map) __releases(ptl);

extern int in_gate_area(struct mm_struct *mm, unsigned long addr);
#endif

extern void mmap_read_lock(struct mm_struct *mm);
extern void mmap_read_unlock(struct mm_struct *mm);

extern long get_user_pages(unsigned long start, unsigned long nr_pages,
			   unsigned int gup_flags, struct page **pages,
			   struct vm_area_struct **vmas);
extern long get_user_pages_unlocked(unsigned long start,
				    unsigned long nr_pages,
				    struct page **pages,
				    unsigned int gup_flags);
extern int get_user_pages_fast_only(unsigned long start, int nr_pages,
				    unsigned int gup_flags,
				    struct page **pages);
extern int get_user_pages_fast(unsigned long start, int nr_pages,
			       unsigned int gup_flags, struct page **pages);

#endif /* PTWALK_ERA */

#endif /* _LINUX_MM_H */
