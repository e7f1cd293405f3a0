/* Driver test input: a file of a kernel tree. */
int walk(void)
{
	return 0;
}
