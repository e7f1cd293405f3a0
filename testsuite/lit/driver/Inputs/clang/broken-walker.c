/* Driver test input: spatch parses it, clang does not compile it
 * (walker_flags is never declared). */
#include <linux/mm.h>
#include <linux/pgtable.h>

int broken_walker(pte_t *ptep, struct page **pages, int *nr)
{
	pte_t pte = READ_ONCE(*ptep);
	struct page *page = pte_page(pte);

	if (walker_flags)
		return 0;
	pages[(*nr)++] = page;
	return 1;
}
