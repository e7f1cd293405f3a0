/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ptwalk kernel-API shim: the architecture's page tables.
 *
 * Entry widths follow the real configurations (see testsuite/targets.def):
 *
 *   configuration  pte  pmd  note
 *   x86_64          8    8
 *   i386            4    4   pud and pmd folded into the pgd
 *   i386-pae        8    8   two 32-bit loads: pte and pmd can tear
 *   mips32          4    4
 *   mips32-xpa      8    4   64-bit pte as two words: pte can tear
 *   armv7           4    4
 *   armv7-lpae      8    8   LDRD is single-copy atomic: no tear
 *   aarch64         8    8
 *
 * The predicates are declared, not defined: the corpus is only compiled
 * with -fsyntax-only and analysed, never run.  What matters to a checker
 * is their names, types and sizes.  This header pulls in the generic
 * layer, <linux/pgtable.h>, as the 3.x asm headers did.
 */
#ifndef _ASM_PGTABLE_H
#define _ASM_PGTABLE_H

#include <linux/compiler.h>
#include <linux/types.h>

struct page;
struct mm_struct;

#define PAGE_SHIFT	12
#define PAGE_SIZE	(1UL << PAGE_SHIFT)
#define PAGE_MASK	(~(PAGE_SIZE - 1))

#if defined(CONFIG_64BIT)
typedef unsigned long pteval_t;
typedef unsigned long pmdval_t;
typedef unsigned long pudval_t;
typedef unsigned long p4dval_t;
typedef unsigned long pgdval_t;
#elif defined(CONFIG_X86_PAE) || defined(CONFIG_ARM_LPAE)
typedef u64 pteval_t;
typedef u64 pmdval_t;
typedef u64 pudval_t;
typedef u64 p4dval_t;
typedef u64 pgdval_t;
#elif defined(CONFIG_MIPS) && defined(CONFIG_PHYS_ADDR_T_64BIT)
/* 64-bit physical addresses widen the pte only: the pmd is a pointer. */
typedef u64 pteval_t;
typedef unsigned long pmdval_t;
typedef unsigned long pudval_t;
typedef unsigned long p4dval_t;
typedef unsigned long pgdval_t;
#else
typedef unsigned long pteval_t;
typedef unsigned long pmdval_t;
typedef unsigned long pudval_t;
typedef unsigned long p4dval_t;
typedef unsigned long pgdval_t;
#endif

#ifdef CONFIG_GUP_GET_PTE_LOW_HIGH
/*
 * Written high word first when it becomes present and low word first when
 * it goes away, so a reader can take low, high, low again and retry until
 * the two reads of the low word agree.
 */
typedef union {
	struct {
		unsigned long pte_low;
		unsigned long pte_high;
	};
	pteval_t pte;
} pte_t;
#else
typedef struct {
	pteval_t pte;
} pte_t;
#endif

#if defined(CONFIG_GUP_GET_PTE_LOW_HIGH) && CONFIG_PGTABLE_LEVELS > 2
typedef union {
	struct {
		unsigned long pmd_low;
		unsigned long pmd_high;
	};
	pmdval_t pmd;
} pmd_t;
#else
typedef struct {
	pmdval_t pmd;
} pmd_t;
#endif

typedef struct {
	pudval_t pud;
} pud_t;

#if PTWALK_ERA != 3
typedef struct {
	p4dval_t p4d;
} p4d_t;
#endif

typedef struct {
	pgdval_t pgd;
} pgd_t;

static inline pteval_t pte_val(pte_t pte)
{
	return pte.pte;
}

static inline pmdval_t pmd_val(pmd_t pmd)
{
	return pmd.pmd;
}

static inline pudval_t pud_val(pud_t pud)
{
	return pud.pud;
}

#if PTWALK_ERA != 3
static inline p4dval_t p4d_val(p4d_t p4d)
{
	return p4d.p4d;
}
#endif

static inline pgdval_t pgd_val(pgd_t pgd)
{
	return pgd.pgd;
}

/* Address split: folded levels take the shift of the level above. */
#if CONFIG_PGTABLE_LEVELS == 4
# define PMD_SHIFT	21
# define PUD_SHIFT	30
# define PGDIR_SHIFT	39
#elif CONFIG_PGTABLE_LEVELS == 3
# define PMD_SHIFT	21
# define PUD_SHIFT	30
# define PGDIR_SHIFT	30
#elif defined(CONFIG_X86_32) || (defined(CONFIG_MIPS) && \
				   !defined(CONFIG_PHYS_ADDR_T_64BIT))
# define PMD_SHIFT	22
# define PUD_SHIFT	22
# define PGDIR_SHIFT	22
#else
# define PMD_SHIFT	21
# define PUD_SHIFT	21
# define PGDIR_SHIFT	21
#endif
#define P4D_SHIFT	PGDIR_SHIFT

#define PMD_SIZE	(1UL << PMD_SHIFT)
#define PMD_MASK	(~(PMD_SIZE - 1))
#define PUD_SIZE	(1UL << PUD_SHIFT)
#define PUD_MASK	(~(PUD_SIZE - 1))
#define P4D_SIZE	(1UL << P4D_SHIFT)
#define P4D_MASK	(~(P4D_SIZE - 1))
#define PGDIR_SIZE	(1UL << PGDIR_SHIFT)
#define PGDIR_MASK	(~(PGDIR_SIZE - 1))

/* pte level */
extern int pte_none(pte_t pte);
extern int pte_present(pte_t pte);
extern int pte_special(pte_t pte);
extern int pte_write(pte_t pte);
extern int pte_young(pte_t pte);
extern unsigned long pte_pfn(pte_t pte);
extern struct page *pte_page(pte_t pte);

/* pmd level */
extern int pmd_none(pmd_t pmd);
extern int pmd_present(pmd_t pmd);
extern int pmd_bad(pmd_t pmd);
extern int pmd_write(pmd_t pmd);
extern int pmd_huge(pmd_t pmd);
extern int pmd_trans_huge(pmd_t pmd);
extern unsigned long pmd_pfn(pmd_t pmd);
extern struct page *pmd_page(pmd_t pmd);

/* pud level */
extern int pud_none(pud_t pud);
extern int pud_present(pud_t pud);
extern int pud_write(pud_t pud);
extern int pud_huge(pud_t pud);
extern unsigned long pud_pfn(pud_t pud);
extern struct page *pud_page(pud_t pud);

/* pgd level */
extern int pgd_none(pgd_t pgd);
extern int pgd_present(pgd_t pgd);
extern int pgd_huge(pgd_t pgd);
extern struct page *pgd_page(pgd_t pgd);

#if PTWALK_ERA == 3
/* NUMA hinting: a pte or pmd made inaccessible to catch the next touch. */
extern int pte_numa(pte_t pte);
extern int pmd_numa(pmd_t pmd);
/* A THP pmd being split: the walker must leave it to the slow path. */
extern int pmd_trans_splitting(pmd_t pmd);
#else
/* NUMA hinting: PROT_NONE entries that fault on the next access. */
extern int pte_protnone(pte_t pte);
extern int pmd_protnone(pmd_t pmd);
extern int pte_devmap(pte_t pte);
extern int pmd_devmap(pmd_t pmd);
extern int pud_devmap(pud_t pud);
extern int pgd_devmap(pgd_t pgd);
extern bool pte_access_permitted(pte_t pte, bool write);
extern bool pmd_access_permitted(pmd_t pmd, bool write);
extern bool pud_access_permitted(pud_t pud, bool write);
extern bool pgd_access_permitted(pgd_t pgd, bool write);
extern int p4d_none(p4d_t p4d);
extern int p4d_present(p4d_t p4d);
#endif

#if PTWALK_ERA == 612
/* Leaves: the entry maps a page of its level's size, not a table. */
extern int pmd_leaf(pmd_t pmd);
extern int pud_leaf(pud_t pud);
extern int pmd_special(pmd_t pmd);
extern int pud_special(pud_t pud);
#endif

/* Offsets: derive the entry pointer of the next level down. */
extern pgd_t *pgd_offset(struct mm_struct *mm, unsigned long address);
#if PTWALK_ERA == 3
extern pud_t *pud_offset(pgd_t *pgd, unsigned long address);
#else
extern p4d_t *p4d_offset(pgd_t *pgd, unsigned long address);
extern pud_t *pud_offset(p4d_t *p4d, unsigned long address);
#endif
extern pmd_t *pmd_offset(pud_t *pud, unsigned long address);

/*
 * Maps the pte table (kmap_atomic with HIGHPTE); every mapping must be
 * unmapped, with the pointer pte_offset_map() returned.
 */
#if PTWALK_ERA != 612
extern pte_t *pte_offset_map(pmd_t *pmd, unsigned long address)
	__acquires(pte_map);
#else
/*
 * Since 6.5 the mapping fails (NULL) when the pmd no longer points to a
 * pte table (0d940a9b270b), and only a mapping that succeeded is held.
 */
extern pte_t *__pte_offset_map(pmd_t *pmd, unsigned long address);
#define pte_offset_map(pmd, address)					\
	({								\
		pte_t *__ptep = __pte_offset_map(pmd, address);		\
		if (__ptep)						\
			__acquire(pte_map);				\
		__ptep;							\
	})
#endif
extern void pte_unmap(pte_t *pte) __releases(pte_map);

#include <linux/pgtable.h>

#endif /* _ASM_PGTABLE_H */
