/* ERA: 3. clean: the pre-4.13 x86 style; one mask test stands for the present, user, special and write tests, the write bit added when write is asked. */
#include <linux/mm.h>
#include <asm/pgtable.h>

#define GUP_PAGE_PRESENT	0x001UL
#define GUP_PAGE_RW		0x002UL
#define GUP_PAGE_USER		0x004UL
#define GUP_PAGE_SPECIAL	0x200UL
/* The arch's names, as the idiom spells them. */
#define _PAGE_PRESENT	GUP_PAGE_PRESENT
#define _PAGE_RW	GUP_PAGE_RW
#define _PAGE_USER	GUP_PAGE_USER
#define _PAGE_SPECIAL	GUP_PAGE_SPECIAL

#ifdef CONFIG_GUP_GET_PTE_LOW_HIGH
/*
 * The pte is two words.  It becomes present high word first and goes away
 * low word first, and never turns into another present page without a
 * TLB flush, which the IRQ-off walker holds off.  So low, high, then low
 * again until both low reads agree yields the whole pte, or one whose low
 * word is not present.
 */
static inline pte_t gup_get_pte(pte_t *ptep)
{
	pte_t pte;

retry:
	pte.pte_low = ptep->pte_low;
	smp_rmb();	/* low word before high word */
	pte.pte_high = ptep->pte_high;
	smp_rmb();	/* high word before the second low read */
	if (unlikely(pte.pte_low != ptep->pte_low))
		goto retry;

	return pte;
}
#else
/* One load of the pte is single-copy atomic here. */
static inline pte_t gup_get_pte(pte_t *ptep)
{
	return ACCESS_ONCE(*ptep);
}
#endif

int gup_pte_range(pmd_t pmd, pmd_t *pmdp, unsigned long addr,
		  unsigned long end, int write, struct page **pages, int *nr)
{
	unsigned long mask;
	pte_t *ptep, *ptem;
	int ret = 0;

	mask = _PAGE_PRESENT | _PAGE_USER;
	if (write)
		mask |= _PAGE_RW;

	ptem = ptep = pte_offset_map(&pmd, addr);
	do {
		pte_t pte = gup_get_pte(ptep);
		struct page *page;

		if (pte_numa(pte))
			goto pte_unmap;
		if ((pte_val(pte) & (mask | _PAGE_SPECIAL)) != mask)
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
