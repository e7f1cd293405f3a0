/* Driver test input: a file of a release-candidate tree. */
int walk_rc(void)
{
	return 0;
}
