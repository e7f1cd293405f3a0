/* ERA: 6. clean: powerpc hugepd walk; a huge pte from hugepte_offset() is a hugetlb entry, never NUMA-hinted, so no pte_protnone() is needed. */
#include <linux/hugetlb.h>
#include <linux/mm.h>
#include <linux/pgtable.h>

static unsigned long hugepte_addr_end(unsigned long addr, unsigned long end,
				      unsigned long sz)
{
	unsigned long boundary = (addr + sz) & ~(sz - 1);

	return boundary - 1 < end - 1 ? boundary : end;
}

/*
 * The huge pte is read with ptep_get_lockless(): a 32-bit powerpc with
 * 64-bit ptes would tear a single access.
 */
static int gup_hugepte(pte_t *ptep, unsigned long sz, unsigned long addr,
		       unsigned long end, unsigned int flags,
		       struct page **pages, int *nr)
{
	unsigned long pte_end;
	struct folio *folio;
	struct page *page;
	pte_t pte;
	int refs;

	pte_end = (addr + sz) & ~(sz - 1);
	if (pte_end < end)
		end = pte_end;

	pte = ptep_get_lockless(ptep);

	if (!pte_access_permitted(pte, flags & FOLL_WRITE))
		return 0;

	/* hugetlb pages are never special */
	VM_BUG_ON(!pfn_valid(pte_pfn(pte)));

	page = nth_page(pte_page(pte), (addr & (sz - 1)) >> PAGE_SHIFT);
	for (refs = 0; addr != end; refs++, addr += PAGE_SIZE)
		pages[*nr + refs] = nth_page(page, refs);

	folio = try_grab_folio(page, refs, flags);
	if (!folio)
		return 0;

	if (unlikely(pte_val(pte) != pte_val(*ptep))) {
		gup_put_folio(folio, refs, flags);
		return 0;
	}

	*nr += refs;
	folio_set_referenced(folio);
	return 1;
}

int gup_huge_pd(hugepd_t hugepd, unsigned long addr, unsigned int pdshift,
		unsigned long end, unsigned int flags, struct page **pages,
		int *nr)
{
	unsigned long sz = 1UL << hugepd_shift(hugepd);
	unsigned long next;
	pte_t *ptep;

	ptep = hugepte_offset(hugepd, addr, pdshift);
	do {
		next = hugepte_addr_end(addr, end, sz);
		if (!gup_hugepte(ptep, sz, addr, end, flags, pages, nr))
			return 0;
	} while (ptep++, addr = next, addr != end);

	return 1;
}
