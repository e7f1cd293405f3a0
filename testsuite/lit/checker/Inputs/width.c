// A 64-bit pte snapshot in a lockless walker: whether it tears is the
// target's single-copy-atomic load width against sizeof(pte_t).
#include "walker-model.h"

int walker(pte_t *ptep)
{
	pte_t pte = READ_ONCE(*ptep); // tears-warning {{can tear: pte_t is 8 bytes and a plain load on this target is single-copy atomic up to 4 bytes}}

	return get_page_unless_zero(pte_page(pte)); // tears-note {{pins a page here}}
}
// atomic-no-diagnostics
