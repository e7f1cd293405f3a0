/* The identifiers of C text, found without a parse: for code spatch
 * could not parse, and for code a patch shows only in part. */
#ifndef PTWALK_IDENTIFIERS_H
#define PTWALK_IDENTIFIERS_H

#include <stdbool.h>
#include <stddef.h>

/* Whether FOUND holds for an identifier of TEXT (LEN bytes) outside
 * comments and literals. */
bool any_identifier(const char *text, size_t len,
		    int (*found)(const char *name, size_t len));

/* Whether TEXT names an API only page-table code uses (catalogue.h). */
bool mentions_page_table_api(const char *text, size_t len);

#endif
