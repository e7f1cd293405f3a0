/* Driver test input: nothing for the fixture rules to report. */
static int clean(int x)
{
	return x + 1;
}
