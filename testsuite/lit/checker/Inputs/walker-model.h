/* Just enough of a kernel for the checker's own tests: 64-bit entries on
 * every target, so that the target alone decides whether a read tears. */
typedef struct { unsigned long long pte; } pte_t;
typedef struct { unsigned long long pmd; } pmd_t;
typedef struct { unsigned long long pud; } pud_t;
typedef struct { unsigned long pte_low, pte_high; } pte_halves_t;
struct page;
typedef struct { int locked; } spinlock_t;

#define READ_ONCE(x)	(*(const volatile __typeof__(x) *)&(x))

extern int get_page_unless_zero(struct page *page);
extern struct page *pte_page(pte_t pte);
extern struct page *pmd_page(pmd_t pmd);
extern struct page *pud_page(pud_t pud);
extern void spin_lock(spinlock_t *lock);
extern void spin_unlock(spinlock_t *lock);
extern pte_t ptep_get_lockless(pte_t *ptep);
extern pte_t huge_ptep_get(pte_t *ptep);
