/* A pte walker with no NUMA-hinting predicate in sight: whether it needs
 * one depends on whether its architecture had NUMA balancing in its
 * kernel's era (rules/arch.def), and only the kernel version can say.
 * The tests copy it under arch/arm64/mm/: arm64 gained NUMA balancing
 * after the pte_numa era. */
typedef struct { unsigned long pte; } pte_t;
struct page;

extern struct page *pte_page(pte_t pte);
extern int pte_present(pte_t pte), pte_special(pte_t pte);
extern int get_page_unless_zero(struct page *page);
extern void put_page(struct page *page);

static inline unsigned long pte_val(pte_t pte)
{
	return pte.pte;
}

int walk(pte_t *ptep, struct page **pages, int *nr)
{
	pte_t pte = *ptep;
	struct page *page;

	if (!pte_present(pte) || pte_special(pte))
		return 0;
	page = pte_page(pte);
	if (!get_page_unless_zero(page))
		return 0;
	if (pte_val(pte) != pte_val(*ptep)) {
		put_page(page);
		return 0;
	}
	pages[(*nr)++] = page;
	return 1;
}
