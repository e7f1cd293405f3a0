/* Driver test input: defines a function called from cross-caller.c. */
int cross_callee(void)
{
	return 1;
}
