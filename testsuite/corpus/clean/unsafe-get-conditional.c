// SPDX-License-Identifier: GPL-2.0
/*
 * ERA: 6
 *
 * ptwalk clean variant: unsafe-get traps.  The x86 shape of the
 * CVE-2019-11487 fix: the pte walker pins with try_get_page(), which
 * fails on a page being freed or a count near overflow, and re-checks
 * the entries; and an unconditional get on a page that no snapshot gave
 * (the caller's page, held by it) inside the same IRQ-off region.
 */
#include <linux/mm.h>
#include <linux/pgtable.h>

struct walk_state {
	struct page *held;
};

static int gup_pte_range(pmd_t pmd, pmd_t *pmdp, unsigned long addr,
			 unsigned long end, int write, struct page **pages,
			 int *nr)
{
	pte_t *ptep, *ptem;
	int ret = 0;

	ptem = ptep = pte_offset_map(&pmd, addr);
	do {
		pte_t pte = ptep_get_lockless(ptep);
		struct page *page;

		if (!pte_present(pte) || pte_special(pte) ||
		    pte_protnone(pte) || (write && !pte_write(pte)))
			goto pte_unmap;
		page = pte_page(pte);
		if (unlikely(!try_get_page(page)))
			goto pte_unmap;
		if (unlikely(pmd_val(pmd) != pmd_val(*pmdp)) ||
		    unlikely(pte_val(pte) != pte_val(ptep_get(ptep)))) {
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

/* The walk's bookkeeping: the held page is the caller's, not the walk's. */
static void hold_page(struct walk_state *ws, pmd_t *pmdp)
{
	pmd_t pmd = pmdp_get_lockless(pmdp);

	if (pmd_none(pmd))
		return;
	get_page(ws->held);
}

int gup_fast_pmd(struct walk_state *ws, pmd_t *pmdp, unsigned long addr,
		 unsigned long end, int write, struct page **pages)
{
	unsigned long flags;
	int nr = 0;
	pmd_t pmd;

	local_irq_save(flags);
	hold_page(ws, pmdp);
	pmd = pmdp_get_lockless(pmdp);
	if (pmd_present(pmd) && !pmd_trans_huge(pmd) && !pmd_protnone(pmd))
		gup_pte_range(pmd, pmdp, addr, end, write, pages, &nr);
	local_irq_restore(flags);

	return nr;
}
