/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ptwalk kernel-API shim: BUG, BUILD_BUG_ON, WARN and the VM_BUG_ON family
 * (modelled with CONFIG_DEBUG_VM on, so their conditions are compiled and
 * type-checked).
 */
#ifndef _LINUX_BUG_H
#define _LINUX_BUG_H

#include <linux/compiler.h>

struct page;
struct folio;

extern void __warn(const char *cond);
extern void dump_page(struct page *page, const char *reason);
extern void dump_folio(struct folio *folio, const char *reason);

#define BUG()	__builtin_trap()

#define BUG_ON(cond)					\
	do {						\
		if (unlikely(cond))			\
			BUG();				\
	} while (0)

/* A build-time guard: the build fails where cond is true. */
#define BUILD_BUG_ON(cond)					\
	do {							\
		_Static_assert(!(cond), "BUILD_BUG_ON(" #cond ")");	\
	} while (0)

#define WARN_ON(cond)						\
	({							\
		int __ret_warn_on = !!(cond);			\
		if (unlikely(__ret_warn_on))			\
			__warn(#cond);				\
		unlikely(__ret_warn_on);			\
	})
#define WARN_ON_ONCE(cond)	WARN_ON(cond)

#define VM_BUG_ON(cond)		BUG_ON(cond)
#define VM_BUG_ON_PAGE(cond, page)					\
	do {								\
		if (unlikely(cond)) {					\
			dump_page(page, "VM_BUG_ON_PAGE(" #cond ")");	\
			BUG();						\
		}							\
	} while (0)

#define VM_BUG_ON_FOLIO(cond, folio)					\
	do {								\
		if (unlikely(cond)) {					\
			dump_folio(folio, "VM_BUG_ON_FOLIO(" #cond ")");\
			BUG();						\
		}							\
	} while (0)

#endif /* _LINUX_BUG_H */
