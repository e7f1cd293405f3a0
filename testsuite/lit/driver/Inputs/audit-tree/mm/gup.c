// SPDX-License-Identifier: GPL-2.0
/*
 * ERA: 6
 *
 * ptwalk reference corpus: the generic fast GUP walker with the 4.x to
 * 6.x API and every fix it needed.  Every engine must stay silent on it,
 * on every target configuration.
 */
#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/pgtable.h>
#include <linux/sched.h>
#include <linux/uaccess.h>

/*
 * Fast GUP
 *
 * get_user_pages_fast() pins user pages by walking the page tables without
 * taking mmap_lock or any page-table lock.  It depends on the following,
 * and an architecture selecting HAVE_FAST_GUP must provide them:
 *
 *  *) Page-table pages cannot be freed under the walker.  The walker runs
 *     with interrupts disabled, so either freeing waits for a TLB-flush
 *     IPI, or page tables are freed by RCU (MMU_GATHER_RCU_TABLE_FREE) and
 *     the IRQ-off region holds off the grace period.  A THP split or
 *     collapse also sends an IPI or waits for RCU, so it cannot complete
 *     under the walker.
 *
 *  *) Every entry is read once, into a snapshot, and as a whole.  Where an
 *     entry is wider than one atomic load (i386 PAE, MIPS32 with 64-bit
 *     physical addresses), ptep_get_lockless() and pmdp_get_lockless()
 *     read it low/high/low; a single READ_ONCE() could return the halves
 *     of two different entries.
 *
 *  *) Every snapshot is tested before it is trusted: present, special,
 *     permission, and NUMA hinting.  A PROT_NONE (NUMA-hinting) entry must
 *     take the slow path, which accounts the fault and migrates the page,
 *     unless the caller will not touch the page contents.
 *
 *  *) The page reference is taken speculatively (try_grab_folio()), since
 *     the page may be on its way back to the allocator.
 *
 *  *) After the reference is taken, every entry the page was found through
 *     is read again and compared with its snapshot; on any difference the
 *     reference is dropped, with the count it was taken with, and the walk
 *     gives up.  At pte level this includes the pmd: a THP collapse clears
 *     the pmd and frees the pte table while leaving its ptes intact.
 *
 *  *) access_ok() is enough to validate the user address range.
 *
 * Whatever the walker cannot pin, get_user_pages_fast() hands to the slow
 * path, after interrupts are enabled again.
 */

/*
 * Drops the references a device-memory walk took on pages[nr_start] to
 * pages[*nr - 1] and takes them back out of the count.
 */
static void undo_devmap(int *nr, int nr_start, unsigned int flags,
			struct page **pages)
{
	while (*nr > nr_start) {
		struct page *page = pages[--(*nr)];

		ClearPageReferenced(page);
		gup_put_folio(page_folio(page), 1, flags);
	}
}

#ifdef CONFIG_ARCH_HAS_PTE_SPECIAL
/*
 * The pte table was reached through the snapshot pmd of *pmdp.  A THP
 * collapse can clear *pmdp and free this table while its ptes still look
 * valid, so the pmd is re-checked together with the pte.
 */
static int gup_pte_range(pmd_t pmd, pmd_t *pmdp, unsigned long addr,
			 unsigned long end, unsigned int flags,
			 struct page **pages, int *nr)
{
	pte_t *ptep, *ptem;
	int ret = 0;

	ptem = ptep = pte_offset_map(&pmd, addr);
	do {
		pte_t pte = ptep_get_lockless(ptep);
		struct folio *folio;
		struct page *page;

		if (!pte_present(pte))
			goto pte_unmap;

		if (pte_protnone(pte) && !gup_can_follow_protnone(flags))
			goto pte_unmap;

		if (!pte_access_permitted(pte, flags & FOLL_WRITE))
			goto pte_unmap;

		if (pte_special(pte))
			goto pte_unmap;

		VM_BUG_ON(!pfn_valid(pte_pfn(pte)));
		page = pte_page(pte);

		folio = try_grab_folio(page, 1, flags);
		if (!folio)
			goto pte_unmap;

		if (unlikely(pmd_val(pmd) != pmd_val(*pmdp)) ||
		    unlikely(!pte_same(pte, ptep_get(ptep)))) {
			gup_put_folio(folio, 1, flags);
			goto pte_unmap;
		}

		folio_set_referenced(folio);
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
 * never special and are still pinned here: a futex on a THP tail page
 * needs get_user_pages_fast_only() to pin it.
 */
static int gup_pte_range(pmd_t pmd, pmd_t *pmdp, unsigned long addr,
			 unsigned long end, unsigned int flags,
			 struct page **pages, int *nr)
{
	return 0;
}
#endif /* CONFIG_ARCH_HAS_PTE_SPECIAL */

/*
 * Pins the device-memory pages from pfn on and counts them in *nr.  The
 * caller re-checks the entry it read pfn from.
 */
static int gup_devmap_range(unsigned long pfn, unsigned long addr,
			    unsigned long end, unsigned int flags,
			    struct page **pages, int *nr)
{
	struct dev_pagemap *pgmap = NULL;
	int nr_start = *nr;

	do {
		struct page *page = pfn_to_page(pfn);

		pgmap = get_dev_pagemap(pfn, pgmap);
		if (unlikely(!pgmap)) {
			undo_devmap(nr, nr_start, flags, pages);
			break;
		}

		if (unlikely(!try_grab_page(page, flags))) {
			undo_devmap(nr, nr_start, flags, pages);
			break;
		}

		SetPageReferenced(page);
		pages[*nr] = page;
		(*nr)++;
		pfn++;
	} while (addr += PAGE_SIZE, addr != end);

	if (pgmap)
		put_dev_pagemap(pgmap);
	return addr == end;
}

static int gup_devmap_pmd(pmd_t orig, pmd_t *pmdp, unsigned long addr,
			  unsigned long end, unsigned int flags,
			  struct page **pages, int *nr)
{
	unsigned long pfn;
	int nr_start = *nr;

	pfn = pmd_pfn(orig) + ((addr & ~PMD_MASK) >> PAGE_SHIFT);
	if (!gup_devmap_range(pfn, addr, end, flags, pages, nr))
		return 0;

	if (unlikely(pmd_val(orig) != pmd_val(*pmdp))) {
		undo_devmap(nr, nr_start, flags, pages);
		return 0;
	}

	return 1;
}

/* Stores the subpages of a huge page into pages[] and returns how many. */
static int record_subpages(struct page *page, unsigned long addr,
			   unsigned long end, struct page **pages)
{
	int nr;

	for (nr = 0; addr != end; nr++, addr += PAGE_SIZE)
		pages[nr] = nth_page(page, nr);

	return nr;
}

/* The caller has tested orig with pmd_protnone(). */
static int gup_huge_pmd(pmd_t orig, pmd_t *pmdp, unsigned long addr,
			unsigned long end, unsigned int flags,
			struct page **pages, int *nr)
{
	struct folio *folio;
	struct page *page;
	int refs;

	if (!pmd_access_permitted(orig, flags & FOLL_WRITE))
		return 0;

	if (pmd_devmap(orig)) {
		if (unlikely(flags & FOLL_LONGTERM))
			return 0;
		return gup_devmap_pmd(orig, pmdp, addr, end, flags, pages, nr);
	}

	page = nth_page(pmd_page(orig), (addr & ~PMD_MASK) >> PAGE_SHIFT);
	refs = record_subpages(page, addr, end, pages + *nr);

	folio = try_grab_folio(page, refs, flags);
	if (!folio)
		return 0;

	if (unlikely(pmd_val(orig) != pmd_val(*pmdp))) {
		gup_put_folio(folio, refs, flags);
		return 0;
	}

	*nr += refs;
	folio_set_referenced(folio);
	return 1;
}

/* There is no NUMA hinting at pud level. */
static int gup_huge_pud(pud_t orig, pud_t *pudp, unsigned long addr,
			unsigned long end, unsigned int flags,
			struct page **pages, int *nr)
{
	struct folio *folio;
	struct page *page;
	int refs;

	if (!pud_access_permitted(orig, flags & FOLL_WRITE))
		return 0;

	page = nth_page(pud_page(orig), (addr & ~PUD_MASK) >> PAGE_SHIFT);
	refs = record_subpages(page, addr, end, pages + *nr);

	folio = try_grab_folio(page, refs, flags);
	if (!folio)
		return 0;

	if (unlikely(pud_val(orig) != pud_val(*pudp))) {
		gup_put_folio(folio, refs, flags);
		return 0;
	}

	*nr += refs;
	folio_set_referenced(folio);
	return 1;
}

static int gup_pmd_range(pud_t *pudp, pud_t pud, unsigned long addr,
			 unsigned long end, unsigned int flags,
			 struct page **pages, int *nr)
{
	unsigned long next;
	pmd_t *pmdp;

	pmdp = pmd_offset_lockless(pudp, pud, addr);
	do {
		pmd_t pmd = pmdp_get_lockless(pmdp);

		next = pmd_addr_end(addr, end);
		if (!pmd_present(pmd))
			return 0;

		if (unlikely(pmd_trans_huge(pmd) || pmd_huge(pmd) ||
			     pmd_devmap(pmd))) {
			/*
			 * NUMA-hinting faults are accounted, and serialised
			 * against THP migration, in the slow path.
			 */
			if (pmd_protnone(pmd) &&
			    !gup_can_follow_protnone(flags))
				return 0;

			if (!gup_huge_pmd(pmd, pmdp, addr, next, flags,
					  pages, nr))
				return 0;
		} else if (!gup_pte_range(pmd, pmdp, addr, next, flags,
					  pages, nr)) {
			return 0;
		}
	} while (pmdp++, addr = next, addr != end);

	return 1;
}

static int gup_pud_range(p4d_t *p4dp, p4d_t p4d, unsigned long addr,
			 unsigned long end, unsigned int flags,
			 struct page **pages, int *nr)
{
	unsigned long next;
	pud_t *pudp;

	pudp = pud_offset_lockless(p4dp, p4d, addr);
	do {
		pud_t pud = READ_ONCE(*pudp);

		next = pud_addr_end(addr, end);
		if (unlikely(!pud_present(pud)))
			return 0;

		if (unlikely(pud_huge(pud) || pud_devmap(pud))) {
			if (!gup_huge_pud(pud, pudp, addr, next, flags,
					  pages, nr))
				return 0;
		} else if (!gup_pmd_range(pudp, pud, addr, next, flags,
					  pages, nr)) {
			return 0;
		}
	} while (pudp++, addr = next, addr != end);

	return 1;
}

static int gup_p4d_range(pgd_t *pgdp, pgd_t pgd, unsigned long addr,
			 unsigned long end, unsigned int flags,
			 struct page **pages, int *nr)
{
	unsigned long next;
	p4d_t *p4dp;

	p4dp = p4d_offset_lockless(pgdp, pgd, addr);
	do {
		p4d_t p4d = READ_ONCE(*p4dp);

		next = p4d_addr_end(addr, end);
		if (p4d_none(p4d))
			return 0;

		if (!gup_pud_range(p4dp, p4d, addr, next, flags, pages, nr))
			return 0;
	} while (p4dp++, addr = next, addr != end);

	return 1;
}

static void gup_pgd_range(unsigned long addr, unsigned long end,
			  unsigned int flags, struct page **pages, int *nr)
{
	unsigned long next;
	pgd_t *pgdp;

	pgdp = pgd_offset(current->mm, addr);
	do {
		pgd_t pgd = READ_ONCE(*pgdp);

		next = pgd_addr_end(addr, end);
		if (pgd_none(pgd))
			return;

		if (!gup_p4d_range(pgdp, pgd, addr, next, flags, pages, nr))
			return;
	} while (pgdp++, addr = next, addr != end);
}

/*
 * Pins what the lockless walk can and returns how many pages it pinned,
 * from start on; it never sleeps.  The nested IRQ-off form lets it run
 * where interrupts are already disabled.
 */
static int lockless_pages_from_mm(unsigned long start, unsigned long end,
				  unsigned int gup_flags, struct page **pages)
{
	unsigned long flags;
	int nr_pinned = 0;

	local_irq_save(flags);
	gup_pgd_range(start, end, gup_flags, pages, &nr_pinned);
	local_irq_restore(flags);

	return nr_pinned;
}

/**
 * get_user_pages_fast_only() - pin user pages with the lockless walk only
 * @start:	first user address
 * @nr_pages:	how many pages to pin from start on
 * @gup_flags:	FOLL_ flags of the pin
 * @pages:	receives the pinned pages
 *
 * Never sleeps and never takes the slow path, so it may be called with
 * interrupts disabled.
 *
 * Return: the number of pages pinned, 0 if none.
 */
int get_user_pages_fast_only(unsigned long start, int nr_pages,
			     unsigned int gup_flags, struct page **pages)
{
	unsigned long len, end;

	start &= PAGE_MASK;
	len = (unsigned long)nr_pages << PAGE_SHIFT;
	end = start + len;
	if (end <= start || unlikely(!access_ok((void __user *)start, len)))
		return 0;

	return lockless_pages_from_mm(start, end, gup_flags, pages);
}

/**
 * get_user_pages_fast() - pin user pages, lockless walk first
 * @start:	first user address
 * @nr_pages:	how many pages to pin from start on
 * @gup_flags:	FOLL_ flags of the pin
 * @pages:	receives the pinned pages; at least nr_pages long
 *
 * Whatever the lockless walk could not pin is handed to get_user_pages()
 * under mmap_lock, with interrupts enabled again.
 *
 * Return: the number of pages pinned, which may be fewer than requested;
 * a negative errno if no page was pinned and the slow path failed.
 */
int get_user_pages_fast(unsigned long start, int nr_pages,
			unsigned int gup_flags, struct page **pages)
{
	struct mm_struct *mm = current->mm;
	unsigned long len, end;
	int nr_pinned;
	long ret;

	start &= PAGE_MASK;
	len = (unsigned long)nr_pages << PAGE_SHIFT;
	end = start + len;
	if (end <= start)
		return 0;
	if (unlikely(!access_ok((void __user *)start, len)))
		return -EFAULT;

	nr_pinned = lockless_pages_from_mm(start, end, gup_flags, pages);
	if (nr_pinned == nr_pages)
		return nr_pinned;

	/* The slow path takes the rest of the range. */
	start += (unsigned long)nr_pinned << PAGE_SHIFT;
	pages += nr_pinned;

	mmap_read_lock(mm);
	ret = get_user_pages(start, nr_pages - nr_pinned, gup_flags, pages,
			     NULL);
	mmap_read_unlock(mm);

	/* The caller owns the pages already pinned: report those. */
	if (ret < 0)
		return nr_pinned ? nr_pinned : ret;
	return ret + nr_pinned;
}
