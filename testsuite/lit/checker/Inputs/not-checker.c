/* ptwalk-clang never defines __CHECKER__ (kernel headers would turn __user
 * and __rcu into address spaces), and finds clang's builtin headers. */
#ifdef __CHECKER__
#error __CHECKER__ is defined
#endif
#include <stddef.h>

size_t not_checker(void)
{
	return sizeof(ptrdiff_t);
}
