/* Driver test input: parse errors inside functions. */
static int before(pte_t *ptep)
{
	pte_t pte = READ_ONCE(*ptep);

	return pte_val(pte) != 0;
}

static int broken_walker(pte_t *ptep)
{
	pte_t pte = READ_ONCE(*ptep);

	if (pte_val(pte) == )
		return 0;
	return 1;
}

static int broken_plain(int x)
{
	return x + * ;
}

/* A macro body spatch cannot parse is no code a rule analyses. */
#define DEFINE_SNAPSHOT(ptep)					\
	pte_t snapshot = READ_ONCE(*(ptep))
