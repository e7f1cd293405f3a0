/* The rule catalogue and the kernel API tables, compiled in from
 * rules/rules.def and rules/api.def: the one source of rule ids and of
 * the API names each role covers. */
#ifndef PTWALK_CATALOGUE_H
#define PTWALK_CATALOGUE_H

#include <stddef.h>

enum ptwalk_severity {
	PTWALK_SEVERITY_warning,
	PTWALK_SEVERITY_error,
};

enum ptwalk_priority {
	PTWALK_PRIORITY_P0,
	PTWALK_PRIORITY_P1,
	PTWALK_PRIORITY_P2,
};

struct ptwalk_rule {
	const char *name;	/* printed as [ptwalk-<name>] */
	enum ptwalk_severity severity;
	enum ptwalk_priority priority;
	const char *engines;	/* comma-separated engine names */
	const char *summary;
};

#define PTWALK_RULE(id, name, severity, priority, engines, summary) \
	PTWALK_RULE_##id,
enum ptwalk_rule_id {
#include "rules.def"
	PTWALK_RULE_COUNT
};
#undef PTWALK_RULE

extern const struct ptwalk_rule ptwalk_rules[PTWALK_RULE_COUNT];

/*
 * Reported by the driver itself, not by an engine rule: a function that
 * uses the page-table API and that an engine could not parse.  It is not
 * in rules.def because no engine implements it and it cannot be disabled.
 */
extern const struct ptwalk_rule ptwalk_not_analysed_rule;

/* The rules.def rule named NAME, or NULL. */
const struct ptwalk_rule *catalogue_find_rule(const char *name);
const char *severity_name(enum ptwalk_severity severity);
const char *priority_name(enum ptwalk_priority priority);
/* Whether RULE names ENGINE in its comma-separated engine list. */
int rule_has_engine(const struct ptwalk_rule *rule, const char *engine);

/*
 * The roles api.def uses; a role added there without an entry here fails
 * to compile, which is the point.
 */
enum ptwalk_api_role {
	PTWALK_API_ROLE_READ_ONCE_ACCESS,
	PTWALK_API_ROLE_SAFE_READ,
	PTWALK_API_ROLE_SPEC_GET,
	PTWALK_API_ROLE_LOCKED_GET,
	PTWALK_API_ROLE_UNCOND_GET,
	PTWALK_API_ROLE_RELEASE,
	PTWALK_API_ROLE_NUMA_PRED,
	PTWALK_API_ROLE_WRITE_PRED,
	PTWALK_API_ROLE_SPECIAL_PRED,
	PTWALK_API_ROLE_OFFSET,
	PTWALK_API_ROLE_PTE_MAP,
	PTWALK_API_ROLE_PTE_UNMAP,
	PTWALK_API_ROLE_SPLIT_PRED,
	PTWALK_API_ROLE_LEAF_PRED,
	PTWALK_API_ROLE_ENTRY_VAL,
	PTWALK_API_ROLE_ENTRY_SAME,
	PTWALK_API_ROLE_PT_LOCK,
	PTWALK_API_ROLE_PT_LOCK_ASSERT,
	PTWALK_API_ROLE_PT_LOCKPTR,
	PTWALK_API_ROLE_IRQ_OFF,
	PTWALK_API_ROLE_IRQ_ON,
	PTWALK_API_ROLE_SLEEPS,
	PTWALK_API_ROLE_COUNT
};

enum ptwalk_api_level {
	PTWALK_API_LEVEL_any,
	PTWALK_API_LEVEL_pgd,
	PTWALK_API_LEVEL_p4d,
	PTWALK_API_LEVEL_pud,
	PTWALK_API_LEVEL_pmd,
	PTWALK_API_LEVEL_pte,
};

/* What a get's value says (api.def's result column). */
enum ptwalk_api_result {
	PTWALK_API_RESULT_none,
	PTWALK_API_RESULT_ptr,
	PTWALK_API_RESULT_truth,
	PTWALK_API_RESULT_status,
};

/*
 * Kernel versions as LINUX_VERSION_CODE spells them (KERNEL_VERSION(a, b,
 * 0)); api.def's KV(0, 0) is 0 and KV_OPEN is PTWALK_KV_OPEN.
 */
#define PTWALK_KV(major, minor) (((major) << 16) | ((minor) << 8))
#define PTWALK_KV_OPEN 0x7fffffff

struct ptwalk_api {
	enum ptwalk_api_role role;
	enum ptwalk_api_level level;
	int since, until;	/* the versions [since, until) of the role */
	enum ptwalk_api_result result;
	const char *name;
};

extern const struct ptwalk_api ptwalk_apis[];
extern const size_t ptwalk_api_count;

/*
 * Parses "6.12", "6.12.117" or "3.19-rc1" into *VERSION; 0 on success,
 * -1 when TEXT is not a kernel version.
 */
int parse_kernel_version(const char *text, int *version);

/* "SPEC_GET" for PTWALK_API_ROLE_SPEC_GET; NULL when out of range. */
const char *api_role_name(enum ptwalk_api_role role);
/* The role spelled NAME, or -1. */
int api_role_from_name(const char *name);
/*
 * Whether NAME (LEN bytes) is an api.def name that only page-table code
 * uses: not READ_ONCE/ACCESS_ONCE nor a plain get or put, which half the
 * kernel calls.
 */
int api_name_marks_walker(const char *name, size_t len);

#endif
