/* Driver test input: calls a function of its own and one of another file. */
int cross_callee(void);

static int own_callee(void)
{
	return 2;
}

int cross_caller(void)
{
	return cross_callee() + own_callee();
}
