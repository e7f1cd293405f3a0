/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ptwalk kernel-API shim: compiler attributes, sparse annotations and the
 * single-access read of the era (ACCESS_ONCE in 3.x, READ_ONCE after).
 */
#ifndef _LINUX_COMPILER_H
#define _LINUX_COMPILER_H

#include <linux/kconfig.h>

#ifdef __CHECKER__
/*
 * sparse -Wcontext: the IRQ-off region (context irq_off) and a mapped pte
 * table (context pte_map) must be entered and left the same number of
 * times on every path of a function.
 */
# define __user		__attribute__((noderef, address_space(__user)))
# define __acquires(x)	__attribute__((context(x, 0, 1)))
# define __releases(x)	__attribute__((context(x, 1, 0)))
# define __acquire(x)	__context__(x, 1)
# define __release(x)	__context__(x, -1)
#else
# define __user
# define __acquires(x)
# define __releases(x)
# define __acquire(x)	((void)0)
# define __release(x)	((void)0)
#endif

#define likely(x)	__builtin_expect(!!(x), 1)
#define unlikely(x)	__builtin_expect(!!(x), 0)

#define __always_inline	inline __attribute__((__always_inline__))
#define noinline	__attribute__((__noinline__))
#define __must_check	__attribute__((__warn_unused_result__))
#define __maybe_unused	__attribute__((__unused__))
#define __always_unused	__attribute__((__unused__))

#define barrier()	__asm__ __volatile__("" : : : "memory")

/* Loads before the barrier are ordered before loads after it. */
#define smp_rmb()	__atomic_thread_fence(__ATOMIC_ACQUIRE)
#define smp_wmb()	__atomic_thread_fence(__ATOMIC_RELEASE)

/*
 * One volatile access of the whole object.  It is single-copy atomic only
 * when the target loads an object of that size in one instruction: a
 * 64-bit pte on i386-PAE is two loads and can tear.
 */
#if PTWALK_ERA == 3
# define ACCESS_ONCE(x)	(*(volatile __typeof__(x) *)&(x))
#else
# define READ_ONCE(x)	(*(const volatile __typeof__(x) *)&(x))
# define WRITE_ONCE(x, val)					\
	do {							\
		*(volatile __typeof__(x) *)&(x) = (val);	\
	} while (0)
#endif

#endif /* _LINUX_COMPILER_H */
