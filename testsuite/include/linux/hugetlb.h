/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ptwalk kernel-API shim: hugetlb entries and powerpc's hugepd, a directory
 * of huge ptes hung from any level.  hugetlb entries are never NUMA-hinted.
 */
#ifndef _LINUX_HUGETLB_H
#define _LINUX_HUGETLB_H

#include <linux/pgtable.h>

typedef struct {
	unsigned long pd;
} hugepd_t;

#define __hugepd(x) ((hugepd_t) { (x) })

extern int is_hugepd(hugepd_t hpd);
extern unsigned int hugepd_shift(hugepd_t hpd);
extern pte_t *hugepte_offset(hugepd_t hpd, unsigned long addr,
			     unsigned int pdshift);

/* One access of a huge pte, like ptep_get(). */
static inline pte_t huge_ptep_get(pte_t *ptep)
{
#if PTWALK_ERA == 3
	return ACCESS_ONCE(*ptep);
#else
	return ptep_get(ptep);
#endif
}

#endif /* _LINUX_HUGETLB_H */
