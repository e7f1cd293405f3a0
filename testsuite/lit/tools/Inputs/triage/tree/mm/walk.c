int f(void)
{
	return g();
}

int h(void)
{
	return g();
}
