// A BUILD_BUG_ON on sizeof(pte_t) silences torn-read for ptes only.
#include "walker-model.h"

#define BUILD_BUG_ON(cond) _Static_assert(!(cond), #cond)

int walker(pte_t *ptep, pmd_t *pmdp)
{
	pte_t pte = READ_ONCE(*ptep);
	pmd_t pmd = READ_ONCE(*pmdp); // expected-warning {{lockless pmd snapshot 'pmd'}}

	BUILD_BUG_ON(sizeof(pte_t) > 2 * sizeof(long));
	return get_page_unless_zero(pte_page(pte)) + // expected-note {{pins a page here}}
	       get_page_unless_zero(pmd_page(pmd));
}
