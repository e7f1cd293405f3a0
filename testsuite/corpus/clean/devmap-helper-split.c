/* ERA: 6. clean: 6.1 __gup_device_huge_pmd() shape; a helper pins and counts, its caller re-checks the pmd after the call and undoes on mismatch. */
#include <linux/mm.h>
#include <linux/pgtable.h>

static void undo_devmap(int *nr, int nr_start, unsigned int flags,
			struct page **pages)
{
	while (*nr > nr_start) {
		struct page *page = pages[--(*nr)];

		ClearPageReferenced(page);
		gup_put_folio(page_folio(page), 1, flags);
	}
}

/* Pins from pfn on; the caller re-checks the entry pfn came from. */
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

/* Device-memory pmds only: other pmds take the slow path here. */
int gup_pmd_range(pud_t *pudp, pud_t pud, unsigned long addr,
		  unsigned long end, unsigned int flags, struct page **pages,
		  int *nr)
{
	unsigned long next;
	pmd_t *pmdp;

	pmdp = pmd_offset_lockless(pudp, pud, addr);
	do {
		pmd_t pmd = pmdp_get_lockless(pmdp);

		next = pmd_addr_end(addr, end);
		if (!pmd_present(pmd) || !pmd_devmap(pmd))
			return 0;

		if (pmd_protnone(pmd) && !gup_can_follow_protnone(flags))
			return 0;

		if (!pmd_access_permitted(pmd, flags & FOLL_WRITE) ||
		    unlikely(flags & FOLL_LONGTERM))
			return 0;

		if (!gup_devmap_pmd(pmd, pmdp, addr, next, flags, pages, nr))
			return 0;
	} while (pmdp++, addr = next, addr != end);

	return 1;
}
