/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ptwalk kernel-API shim: the page-table lock (split ptlocks: one per
 * pte table page, per pmd table page, and the mm's page_table_lock for
 * puds).  A walker holding it reads stable entries: ptwalk's lockless
 * rules leave such reads alone.  For sparse, every page-table lock is one
 * context, ptl.
 */
#ifndef _LINUX_SPINLOCK_H
#define _LINUX_SPINLOCK_H

#include <linux/bug.h>
#include <linux/compiler.h>

typedef struct spinlock {
	unsigned int slock;
} spinlock_t;

extern void spin_lock(spinlock_t *lock) __acquires(ptl);
extern void spin_unlock(spinlock_t *lock) __releases(ptl);
extern int spin_is_locked(spinlock_t *lock);

/*
 * Debug checks that the caller holds a lock; no effect on the context.
 * Macros, as in the kernel: without CONFIG_LOCKDEP lockdep_assert_held()
 * only evaluates its argument, which may be any lock (&mm->mmap_lock).
 */
#define assert_spin_locked(lock)	BUG_ON(!spin_is_locked(lock))
#define lockdep_assert_held(lock)	do { (void)(lock); } while (0)

#endif /* _LINUX_SPINLOCK_H */
