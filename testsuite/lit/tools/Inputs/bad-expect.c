/* expect-check test input: malformed expectations. */
int a;	/* EXPECT: no-such-rule */
int b;	/* EXPECT: torn-read numa-hint */
int c;	/* EXPECT: numa-hint[gcc] */
