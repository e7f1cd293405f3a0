/* SPDX-License-Identifier: GPL-2.0 */
/* ptwalk kernel-API shim: struct page, struct folio and the mm. */
#ifndef _LINUX_MM_TYPES_H
#define _LINUX_MM_TYPES_H

#include <linux/rwsem.h>
#include <linux/types.h>

struct page {
	unsigned long flags;
#if PTWALK_ERA == 3
	atomic_t _count;
	atomic_t _mapcount;
	struct page *first_page;
#else
	atomic_t _refcount;
	atomic_t _mapcount;
	unsigned long compound_head;
#endif
};

#if PTWALK_ERA != 3
/* A head page and its tails, referenced as one. */
struct folio {
	struct page page;
};
#endif

struct mm_struct {
	unsigned long flags;
#if PTWALK_ERA == 3
	struct rw_semaphore mmap_sem;
#else
	struct rw_semaphore mmap_lock;
#endif
};

struct vm_area_struct {
	unsigned long vm_start;
	unsigned long vm_end;
	struct mm_struct *vm_mm;
};

#endif /* _LINUX_MM_TYPES_H */
