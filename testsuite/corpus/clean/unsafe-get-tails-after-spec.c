// SPDX-License-Identifier: GPL-2.0
/*
 * ERA: 3
 *
 * ptwalk clean variant: unsafe-get after a speculative get.  The reference
 * 3.x walker, except that each tail page of a huge pmd or pud is given a
 * plain get_page() once page_cache_add_speculative() has succeeded on its
 * head and the entry has been re-checked: the compound page is then known
 * to be live and referenced by the walker, and its count was checked by
 * the speculative get.  Every engine must stay silent on it.
 */
#include <linux/mm.h>
#include <linux/rwsem.h>
#include <linux/sched.h>
#include <linux/uaccess.h>
#include <asm/pgtable.h>

#ifdef CONFIG_HAVE_GENERIC_RCU_GUP

/*
 * Generic RCU fast GUP
 *
 * get_user_pages_fast() pins user pages by walking the page tables without
 * taking mmap_sem or any page-table lock.  An architecture selecting
 * HAVE_GENERIC_RCU_GUP must guarantee the following:
 *
 *  *) Page-table pages cannot be freed under the walker.  The walker runs
 *     with interrupts disabled: either freeing waits for a TLB-flush IPI,
 *     or page tables are freed by RCU (HAVE_RCU_TABLE_FREE), whose grace
 *     period the IRQ-off region holds off.  A THP split broadcasts an IPI,
 *     so it cannot complete under the walker either; an rcu_read_lock()
 *     would not block that IPI.
 *
 *  *) pte_special() exists, or the pte level falls back to the slow path.
 *
 *  *) access_ok() is enough to validate the user address range.
 *
 * The walker itself keeps these rules:
 *
 *  *) Every entry is read once, into a snapshot, and as a whole.  A pte or
 *     pmd wider than one atomic load (i386 PAE, MIPS32 with 64-bit
 *     physical addresses) is read low/high/low by gup_get_pte() and
 *     gup_get_pmd().  A THP pmd can change from none to huge under the
 *     walker, so the review's argument that pmd entries only go from none
 *     to table does not hold once THP is enabled.  It does hold for pud
 *     and pgd entries, which are read with one ACCESS_ONCE().
 *
 *  *) Every snapshot is tested before it is trusted: present, special,
 *     writable, and not NUMA-hinting: a pte_numa() or pmd_numa() entry
 *     must fault in the slow path, which accounts it and may migrate the
 *     page.
 *
 *  *) The page reference is taken speculatively, since the page may be on
 *     its way back to the allocator.
 *
 *  *) After the reference is taken, every entry the page was found through
 *     is read again and compared with its snapshot.  At pte level that
 *     includes the pmd: a THP collapse clears the pmd and frees the pte
 *     table while its ptes still look valid.  On a difference the
 *     references are dropped, as many as were taken, the count of pinned
 *     pages is restored and the walk gives up.
 *
 * Whatever the walker cannot pin, get_user_pages_fast() hands to the slow
 * path, after interrupts are enabled again.
 */

#ifdef CONFIG_GUP_GET_PTE_LOW_HIGH
/*
 * The pte is two words written one at a time: the high word first when it
 * becomes present, the low word first when it goes away, and it never
 * switches to another present page without a TLB flush, which the IRQ-off
 * walker holds off.  Reading low, high and low again until the low reads
 * agree gives either the whole pte or one whose low word is not present.
 */
static inline pte_t gup_get_pte(pte_t *ptep)
{
	pte_t pte;

	do {
		pte.pte_low = ptep->pte_low;
		/* the low word is read before the high word */
		smp_rmb();
		pte.pte_high = ptep->pte_high;
		/* and the high word before the low word again */
		smp_rmb();
	} while (unlikely(pte.pte_low != ptep->pte_low));

	return pte;
}
#else
/* The pte is read with one single-copy atomic load. */
static inline pte_t gup_get_pte(pte_t *ptep)
{
	return ACCESS_ONCE(*ptep);
}
#endif

#if defined(CONFIG_GUP_GET_PTE_LOW_HIGH) && CONFIG_PGTABLE_LEVELS > 2
/* A two-word pmd follows the same protocol as a two-word pte. */
static inline pmd_t gup_get_pmd(pmd_t *pmdp)
{
	pmd_t pmd;

	do {
		pmd.pmd_low = pmdp->pmd_low;
		/* the low word is read before the high word */
		smp_rmb();
		pmd.pmd_high = pmdp->pmd_high;
		/* and the high word before the low word again */
		smp_rmb();
	} while (unlikely(pmd.pmd_low != pmdp->pmd_low));

	return pmd;
}
#else
/* The pmd is read with one single-copy atomic load. */
static inline pmd_t gup_get_pmd(pmd_t *pmdp)
{
	return ACCESS_ONCE(*pmdp);
}
#endif

#ifdef __HAVE_ARCH_PTE_SPECIAL
/*
 * The pte table was reached through the snapshot pmd of *pmdp, and a THP
 * collapse can free it while its ptes still look valid: the pmd is
 * re-checked together with the pte.
 */
static int gup_pte_range(pmd_t pmd, pmd_t *pmdp, unsigned long addr,
			 unsigned long end, int write, struct page **pages,
			 int *nr)
{
	pte_t *ptep, *ptem;
	int ret = 0;

	ptem = ptep = pte_offset_map(&pmd, addr);
	do {
		pte_t pte = gup_get_pte(ptep);
		struct page *page;

		/*
		 * NUMA-hinting faults are accounted, and the page perhaps
		 * migrated, in the slow path.
		 */
		if (!pte_present(pte) || pte_special(pte) ||
		    pte_numa(pte) || (write && !pte_write(pte)))
			goto pte_unmap;

		VM_BUG_ON(!pfn_valid(pte_pfn(pte)));
		page = pte_page(pte);

		if (!page_cache_get_speculative(page))
			goto pte_unmap;

		if (unlikely(pmd_val(pmd) != pmd_val(*pmdp)) ||
		    unlikely(pte_val(pte) != pte_val(*ptep))) {
			put_page(page);
			goto pte_unmap;
		}

		pages[*nr] = page;
		(*nr)++;
	} while (ptep++, addr += PAGE_SIZE, addr != end);

	ret = 1;

pte_unmap:
	pte_unmap(ptem);
	return ret;
}
#else
/*
 * Without pte_special() a pte cannot be told from a special mapping, so
 * pte-level pages always take the slow path.  THP and hugetlb pmds are
 * never special and are still pinned here: get_futex_key() needs
 * __get_user_pages_fast() to pin a futex on a THP tail page, and must not
 * fall back to the slow path to do it.
 */
static int gup_pte_range(pmd_t pmd, pmd_t *pmdp, unsigned long addr,
			 unsigned long end, int write, struct page **pages,
			 int *nr)
{
	return 0;
}
#endif /* __HAVE_ARCH_PTE_SPECIAL */

/* The caller has tested orig with pmd_numa(). */
static int gup_huge_pmd(pmd_t orig, pmd_t *pmdp, unsigned long addr,
			unsigned long end, int write, struct page **pages,
			int *nr)
{
	struct page *head, *page, *tail;
	int refs;

	if (write && !pmd_write(orig))
		return 0;

	refs = 0;
	head = pmd_page(orig);
	page = head + ((addr & ~PMD_MASK) >> PAGE_SHIFT);
	tail = page;
	do {
		VM_BUG_ON_PAGE(compound_head(page) != head, page);
		pages[*nr] = page;
		(*nr)++;
		page++;
		refs++;
	} while (addr += PAGE_SIZE, addr != end);

	if (!page_cache_add_speculative(head, refs)) {
		*nr -= refs;
		return 0;
	}

	if (unlikely(pmd_val(orig) != pmd_val(*pmdp))) {
		*nr -= refs;
		while (refs--)
			put_page(head);
		return 0;
	}

	/*
	 * Each tail page also gets the mapcount reference that a later THP
	 * split turns into a reference on that base page.
	 */
	while (refs--) {
		if (PageTail(tail))
			get_page(tail);
		tail++;
	}

	return 1;
}

/* There is no NUMA hinting at pud level. */
static int gup_huge_pud(pud_t orig, pud_t *pudp, unsigned long addr,
			unsigned long end, int write, struct page **pages,
			int *nr)
{
	struct page *head, *page, *tail;
	int refs;

	if (write && !pud_write(orig))
		return 0;

	refs = 0;
	head = pud_page(orig);
	page = head + ((addr & ~PUD_MASK) >> PAGE_SHIFT);
	tail = page;
	do {
		VM_BUG_ON_PAGE(compound_head(page) != head, page);
		pages[*nr] = page;
		(*nr)++;
		page++;
		refs++;
	} while (addr += PAGE_SIZE, addr != end);

	if (!page_cache_add_speculative(head, refs)) {
		*nr -= refs;
		return 0;
	}

	if (unlikely(pud_val(orig) != pud_val(*pudp))) {
		*nr -= refs;
		while (refs--)
			put_page(head);
		return 0;
	}

	while (refs--) {
		if (PageTail(tail))
			get_page(tail);
		tail++;
	}

	return 1;
}

static int gup_pmd_range(pud_t *pudp, unsigned long addr, unsigned long end,
			 int write, struct page **pages, int *nr)
{
	unsigned long next;
	pmd_t *pmdp;

	pmdp = pmd_offset(pudp, addr);
	do {
		pmd_t pmd = gup_get_pmd(pmdp);

		next = pmd_addr_end(addr, end);
		if (pmd_none(pmd) || pmd_trans_splitting(pmd))
			return 0;

		if (unlikely(pmd_trans_huge(pmd) || pmd_huge(pmd))) {
			/*
			 * NUMA-hinting faults are accounted, and serialised
			 * against THP migration, in the slow path.
			 */
			if (pmd_numa(pmd))
				return 0;

			if (!gup_huge_pmd(pmd, pmdp, addr, next, write,
					  pages, nr))
				return 0;
		} else if (!gup_pte_range(pmd, pmdp, addr, next, write,
					  pages, nr)) {
			return 0;
		}
	} while (pmdp++, addr = next, addr != end);

	return 1;
}

static int gup_pud_range(pgd_t *pgdp, unsigned long addr, unsigned long end,
			 int write, struct page **pages, int *nr)
{
	unsigned long next;
	pud_t *pudp;

	pudp = pud_offset(pgdp, addr);
	do {
		pud_t pud = ACCESS_ONCE(*pudp);

		next = pud_addr_end(addr, end);
		if (pud_none(pud))
			return 0;

		if (pud_huge(pud)) {
			if (!gup_huge_pud(pud, pudp, addr, next, write,
					  pages, nr))
				return 0;
		} else if (!gup_pmd_range(pudp, addr, next, write, pages,
					  nr)) {
			return 0;
		}
	} while (pudp++, addr = next, addr != end);

	return 1;
}

/*
 * The lockless walk alone: pins what it can from start on and returns how
 * many pages it pinned.  It never sleeps, so it may be called with
 * interrupts disabled (get_futex_key() does).
 */
int __get_user_pages_fast(unsigned long start, int nr_pages, int write,
			  struct page **pages)
{
	struct mm_struct *mm = current->mm;
	unsigned long addr, len, end;
	unsigned long next, flags;
	pgd_t *pgdp;
	int nr = 0;

	start &= PAGE_MASK;
	addr = start;
	len = (unsigned long)nr_pages << PAGE_SHIFT;
	end = start + len;

	if (unlikely(!access_ok(write ? VERIFY_WRITE : VERIFY_READ,
				start, len)))
		return 0;

	/*
	 * The IRQ-off region keeps page-table pages and THP splits away for
	 * the whole walk (see the comment at the top).  It is the nested
	 * form because the caller may already run with interrupts off.
	 */
	local_irq_save(flags);
	pgdp = pgd_offset(mm, addr);
	do {
		pgd_t pgd = ACCESS_ONCE(*pgdp);

		next = pgd_addr_end(addr, end);
		if (pgd_none(pgd))
			break;
		if (!gup_pud_range(pgdp, addr, next, write, pages, &nr))
			break;
	} while (pgdp++, addr = next, addr != end);
	local_irq_restore(flags);

	return nr;
}

/**
 * get_user_pages_fast() - pin user pages in memory
 * @start:	starting user address
 * @nr_pages:	number of pages from start to pin
 * @write:	whether pages will be written to
 * @pages:	array that receives pointers to the pages pinned;
 *		should be at least nr_pages long
 *
 * Pins what the lockless walk can, then hands the rest of the range to
 * get_user_pages() under mmap_sem, with interrupts enabled again.
 *
 * Return: the number of pages pinned, which may be fewer than requested;
 * 0 if nr_pages is not positive; a negative errno if no page was pinned
 * and the slow path failed.
 */
int get_user_pages_fast(unsigned long start, int nr_pages, int write,
			struct page **pages)
{
	struct mm_struct *mm = current->mm;
	int nr, ret;

	start &= PAGE_MASK;
	nr = __get_user_pages_fast(start, nr_pages, write, pages);
	ret = nr;

	if (nr < nr_pages) {
		/* The slow path takes the rest of the range. */
		start += (unsigned long)nr << PAGE_SHIFT;
		pages += nr;

		down_read(&mm->mmap_sem);
		ret = get_user_pages(current, mm, start, nr_pages - nr,
				     write, 0, pages, NULL);
		up_read(&mm->mmap_sem);

		/* The caller owns the pages already pinned: count them. */
		if (nr > 0) {
			if (ret < 0)
				ret = nr;
			else
				ret += nr;
		}
	}

	return ret;
}

#endif /* CONFIG_HAVE_GENERIC_RCU_GUP */
