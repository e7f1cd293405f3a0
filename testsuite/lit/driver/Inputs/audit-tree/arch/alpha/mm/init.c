/* No walker: alpha's row of the audit must say so, not "held". */
#include <linux/mm.h>

void free_initmem(void)
{
}
