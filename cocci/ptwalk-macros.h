/*
 * Extra macro definitions for spatch --macro-file.  spatch does not expand
 * the kernel's headers (rules run with --no-includes), so a few kernel
 * idioms stop it from parsing a function; the driver passes this file and
 * reports every page-table function that still does not parse as
 * "not analysed".  Add a definition here only when it makes a real walker
 * parse, never to hide one.
 */


#define __section(s)
#define __visible
#define __ro_after_init
#define __init_or_module
#define __ref
