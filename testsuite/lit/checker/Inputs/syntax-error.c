/* A unit that does not compile: ptwalk-clang must call it trouble, not clean. */
int broken(void)
{
	return
}
