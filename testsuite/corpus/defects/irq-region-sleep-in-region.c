/* ERA: 6. irq-region, sleep-in-region: the slow path runs before local_irq_restore(), so mmap_read_lock() may sleep with interrupts off (the 2014 review: fall back only after the restore). */
#include <linux/mm.h>
#include <linux/pgtable.h>
#include <linux/rcupdate.h>
#include <linux/rwsem.h>
#include <linux/sched.h>

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

int pin_range(pmd_t pmd, pmd_t *pmdp, unsigned long addr,
	      unsigned int flags, struct page **pages)
{
	struct mm_struct *mm = current->mm;
	unsigned long irqflags;
	int nr = 0;

	local_irq_save(irqflags);
	gup_pte_range(pmd, pmdp, addr, addr + PAGE_SIZE, flags, pages, &nr);
	if (!nr) {
		mmap_read_lock(mm);	/* EXPECT: irq-region */
		nr = get_user_pages(addr, 1, flags, pages, NULL);	/* EXPECT: irq-region */
		mmap_read_unlock(mm);
	}
	local_irq_restore(irqflags);
	return nr;
}
