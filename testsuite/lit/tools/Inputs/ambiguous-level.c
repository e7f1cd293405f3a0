/* expect-check test input: a torn-read whose level cannot be told. */
int x = foo(bar);	/* EXPECT: torn-read */
