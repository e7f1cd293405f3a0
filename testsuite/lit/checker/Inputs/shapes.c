// Which reads are lockless snapshots of a lockless walker.  i386: every
// 64-bit entry of walker-model.h tears.
#include "walker-model.h"

int init_deref(pte_t *ptep)
{
	pte_t pte = *ptep; // expected-warning-re {{lockless pte snapshot 'pte' is read with *ptep, which can tear: pte_t is 8 bytes and a plain load on this target is single-copy atomic up to 4 bytes; use ptep_get_lockless() [ptwalk-torn-read]{{$}}}}

	return get_page_unless_zero(pte_page(pte)); // expected-note {{'init_deref' is a lockless walker: it pins a page here}}
}

int assign_read_once(pmd_t *pmdp)
{
	pmd_t pmd;

	pmd = READ_ONCE(*pmdp); // expected-warning {{lockless pmd snapshot 'pmd' is read with READ_ONCE(*pmdp)}}
	return get_page_unless_zero(pmd_page(pmd)); // expected-note {{pins a page here}}
}

int huge(pte_t *ptep)
{
	pte_t pte = huge_ptep_get(ptep); // expected-warning {{'pte' is read with huge_ptep_get(ptep)}}

	return get_page_unless_zero(pte_page(pte)); // expected-note {{pins a page here}}
}

/* Safe readers are not single-access reads, written as a function or as
 * a macro around READ_ONCE(). */
#define gup_get_pte(p)	READ_ONCE(*(p))

int safe_readers(pte_t *ptep)
{
	pte_t a = ptep_get_lockless(ptep);
	pte_t b = gup_get_pte(ptep);

	return get_page_unless_zero(pte_page(a)) + get_page_unless_zero(pte_page(b));
}

/* Not a walker: it pins nothing and calls nothing that does. */
int not_a_walker(pte_t *ptep)
{
	pte_t pte = READ_ONCE(*ptep);

	return pte_page(pte) != 0;
}

/* A walker by its callee. */
int calls_a_walker(pte_t *ptep)
{
	pte_t pte = READ_ONCE(*ptep); // expected-warning {{'pte' is read with READ_ONCE(*ptep)}}

	return init_deref(&pte); // expected-note {{'calls_a_walker' is a lockless walker: it calls init_deref(), which pins a page}}
}

/* pud entries only go none -> table -> none: not checked. */
int pud_level(pud_t *pudp)
{
	pud_t pud = READ_ONCE(*pudp);

	return get_page_unless_zero(pud_page(pud));
}

/* Half an entry is not a read of the entry. */
int halves(pte_halves_t *ptep)
{
	unsigned long low = READ_ONCE(ptep->pte_low);

	return get_page_unless_zero((struct page *)low);
}

/* Reads after the page-table lock on every path are not lockless ... */
int locked(pte_t *ptep, spinlock_t *ptl)
{
	pte_t pte;
	int ret;

	spin_lock(ptl);
	pte = READ_ONCE(*ptep);
	ret = get_page_unless_zero(pte_page(pte));
	spin_unlock(ptl);
	return ret;
}

/* ... but one path without it is enough. */
int locked_on_one_path(pte_t *ptep, spinlock_t *ptl, int lock)
{
	pte_t pte;

	if (lock)
		spin_lock(ptl);
	pte = READ_ONCE(*ptep); // expected-warning {{'pte' is read with READ_ONCE(*ptep)}}
	return get_page_unless_zero(pte_page(pte)); // expected-note {{pins a page here}}
}

/* A loop that locks at its bottom: the first iteration reads unlocked. */
int locked_late(pte_t *ptep, spinlock_t *ptl, int n)
{
	int ret = 0;

	while (n--) {
		pte_t pte = *ptep; // expected-warning {{'pte' is read with *ptep}}

		ret += get_page_unless_zero(pte_page(pte)); // expected-note {{pins a page here}}
		spin_lock(ptl);
	}
	return ret;
}
