/* ERA: 6. clean: sparc/mips naming (entry pointer first, head page pinned, other local names) with the 5.x compound-head API. */
#include <linux/mm.h>
#include <linux/pgtable.h>

static int gup_pte_range(pmd_t *pmdp, pmd_t pmd, unsigned long addr,
			 unsigned long end, unsigned int flags,
			 struct page **pages, int *nr)
{
	pte_t *pte_map, *pte_ptr;
	int ok = 0;

	pte_map = pte_ptr = pte_offset_map(&pmd, addr);
	do {
		pte_t entry = ptep_get_lockless(pte_ptr);
		struct page *head, *page;

		if (!pte_present(entry) || pte_special(entry) ||
		    !pte_access_permitted(entry, flags & FOLL_WRITE))
			goto out;
		if (pte_protnone(entry) && !gup_can_follow_protnone(flags))
			goto out;

		page = pte_page(entry);
		head = try_grab_compound_head(page, 1, flags);
		if (!head)
			goto out;

		if (unlikely(pte_val(entry) != pte_val(*pte_ptr) ||
			     pmd_val(pmd) != pmd_val(*pmdp))) {
			put_compound_head(head, 1, flags);
			goto out;
		}

		pages[*nr] = page;
		(*nr)++;
	} while (pte_ptr++, addr += PAGE_SIZE, addr != end);
	ok = 1;
out:
	pte_unmap(pte_map);
	return ok;
}

static int gup_huge_pmd(pmd_t *pmdp, pmd_t pmd, unsigned long addr,
			unsigned long end, unsigned int flags,
			struct page **pages, int *nr)
{
	struct page *head, *page;
	int refs;

	if (!pmd_access_permitted(pmd, flags & FOLL_WRITE))
		return 0;

	refs = 0;
	page = nth_page(pmd_page(pmd), (addr & ~PMD_MASK) >> PAGE_SHIFT);
	do {
		pages[*nr + refs] = nth_page(page, refs);
		refs++;
	} while (addr += PAGE_SIZE, addr != end);

	head = try_grab_compound_head(page, refs, flags);
	if (!head)
		return 0;

	if (unlikely(pmd_val(pmd) != pmd_val(*pmdp))) {
		put_compound_head(head, refs, flags);
		return 0;
	}

	*nr += refs;
	return 1;
}

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
		if (pmd_none(pmd))
			return 0;
		if (pmd_trans_huge(pmd) || pmd_huge(pmd)) {
			if (pmd_protnone(pmd) &&
			    !gup_can_follow_protnone(flags))
				return 0;
			if (!gup_huge_pmd(pmdp, pmd, addr, next, flags,
					  pages, nr))
				return 0;
		} else if (!gup_pte_range(pmdp, pmd, addr, next, flags,
					  pages, nr)) {
			return 0;
		}
	} while (pmdp++, addr = next, addr != end);

	return 1;
}
