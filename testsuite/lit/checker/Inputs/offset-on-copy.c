/* Lower-level pointers from the address of an upper entry's copy.  With
 * -DLOCKLESS the unit has pmd_offset_lockless(), a macro that expands to
 * pmd_offset(&(pud), ...); without, and without a kernel version, its era
 * is before 5.9. */
typedef struct { unsigned long pud; } pud_t;
typedef struct { unsigned long pmd; } pmd_t;
struct page;

#define READ_ONCE(x)	(*(const volatile __typeof__(x) *)&(x))

extern pmd_t *pmd_offset(pud_t *pud, unsigned long addr);
extern struct page *pmd_page(pmd_t pmd);
extern int get_page_unless_zero(struct page *page);
#ifdef LOCKLESS
/* The generic form, with the & one macro further in. */
#define pmd_offset_lockless(pudp, pud, addr) \
	((void)(pudp), __pmd_of_copy(pud, addr))
#define __pmd_of_copy(pud, addr)	pmd_offset(&(pud), addr)
#endif
/* Not the lockless form: the walker's own shorthand. */
#define pmd_of(pud, addr)	pmd_offset(&(pud), addr)

static int pin(pmd_t *pmdp, struct page **pages, int *nr)
{
	pmd_t pmd = READ_ONCE(*pmdp);

	if (!get_page_unless_zero(pmd_page(pmd)))
		return 0;
	pages[(*nr)++] = pmd_page(pmd);
	return 1;
}

int stepped(pud_t pud, unsigned long addr, unsigned long end,
	    struct page **pages, int *nr)
{
	pmd_t *pmdp = pmd_offset(&pud, addr);

	do {
		if (!pin(pmdp, pages, nr))
			return 0;
	} while (pmdp++, addr += 1UL << 21, addr != end);
	return 1;
}

int in_place(pud_t pud, unsigned long addr, struct page **pages, int *nr)
{
	return pin(pmd_offset(&pud, addr), pages, nr);
}

int shorthand(pud_t pud, unsigned long addr, struct page **pages, int *nr)
{
	return pin(pmd_of(pud, addr), pages, nr);
}

#ifdef LOCKLESS
int lockless(pud_t *pudp, pud_t pud, unsigned long addr, unsigned long end,
	     struct page **pages, int *nr)
{
	pmd_t *pmdp = pmd_offset_lockless(pudp, pud, addr);

	do {
		if (!pin(pmdp, pages, nr))
			return 0;
	} while (pmdp++, addr += 1UL << 21, addr != end);
	return 1;
}
#endif

/* KVM's mapping-level lookup: one read, nothing pinned. */
int level(pud_t pud, unsigned long addr)
{
	pmd_t pmd = READ_ONCE(*pmd_offset(&pud, addr));

	return pmd.pmd != 0;
}
