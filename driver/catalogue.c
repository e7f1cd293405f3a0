#include "catalogue.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#define PTWALK_RULE(id, name, severity, priority, engines, summary) \
	[PTWALK_RULE_##id] = { name, PTWALK_SEVERITY_##severity,   \
			       PTWALK_PRIORITY_##priority, engines, summary },
const struct ptwalk_rule ptwalk_rules[PTWALK_RULE_COUNT] = {
#include "rules.def"
};
#undef PTWALK_RULE

const struct ptwalk_rule ptwalk_not_analysed_rule = {
	"not-analysed", PTWALK_SEVERITY_warning, PTWALK_PRIORITY_P0, "driver",
	"function using the page-table API that an engine cannot parse",
};

#define KV(major, minor) PTWALK_KV(major, minor)
#define KV_OPEN PTWALK_KV_OPEN
#define PTWALK_API(role, level, since, until, result, name) \
	{ PTWALK_API_ROLE_##role, PTWALK_API_LEVEL_##level, since, until, \
	  PTWALK_API_RESULT_##result, #name },
const struct ptwalk_api ptwalk_apis[] = {
#include "api.def"
};
#undef PTWALK_API
#undef KV_OPEN
#undef KV

const size_t ptwalk_api_count = sizeof(ptwalk_apis) / sizeof(ptwalk_apis[0]);

static const char *const role_names[PTWALK_API_ROLE_COUNT] = {
	[PTWALK_API_ROLE_READ_ONCE_ACCESS] = "READ_ONCE_ACCESS",
	[PTWALK_API_ROLE_SAFE_READ] = "SAFE_READ",
	[PTWALK_API_ROLE_SPEC_GET] = "SPEC_GET",
	[PTWALK_API_ROLE_LOCKED_GET] = "LOCKED_GET",
	[PTWALK_API_ROLE_UNCOND_GET] = "UNCOND_GET",
	[PTWALK_API_ROLE_RELEASE] = "RELEASE",
	[PTWALK_API_ROLE_NUMA_PRED] = "NUMA_PRED",
	[PTWALK_API_ROLE_WRITE_PRED] = "WRITE_PRED",
	[PTWALK_API_ROLE_SPECIAL_PRED] = "SPECIAL_PRED",
	[PTWALK_API_ROLE_OFFSET] = "OFFSET",
	[PTWALK_API_ROLE_PTE_MAP] = "PTE_MAP",
	[PTWALK_API_ROLE_PTE_UNMAP] = "PTE_UNMAP",
	[PTWALK_API_ROLE_SPLIT_PRED] = "SPLIT_PRED",
	[PTWALK_API_ROLE_LEAF_PRED] = "LEAF_PRED",
	[PTWALK_API_ROLE_ENTRY_VAL] = "ENTRY_VAL",
	[PTWALK_API_ROLE_ENTRY_SAME] = "ENTRY_SAME",
	[PTWALK_API_ROLE_PT_LOCK] = "PT_LOCK",
	[PTWALK_API_ROLE_PT_LOCK_ASSERT] = "PT_LOCK_ASSERT",
	[PTWALK_API_ROLE_PT_LOCKPTR] = "PT_LOCKPTR",
	[PTWALK_API_ROLE_IRQ_OFF] = "IRQ_OFF",
	[PTWALK_API_ROLE_IRQ_ON] = "IRQ_ON",
	[PTWALK_API_ROLE_SLEEPS] = "SLEEPS",
};

const struct ptwalk_rule *catalogue_find_rule(const char *name)
{
	for (size_t i = 0; i < PTWALK_RULE_COUNT; i++)
		if (strcmp(ptwalk_rules[i].name, name) == 0)
			return &ptwalk_rules[i];
	return NULL;
}

const char *severity_name(enum ptwalk_severity severity)
{
	return severity == PTWALK_SEVERITY_error ? "error" : "warning";
}

const char *priority_name(enum ptwalk_priority priority)
{
	switch (priority) {
	case PTWALK_PRIORITY_P0:
		return "P0";
	case PTWALK_PRIORITY_P1:
		return "P1";
	case PTWALK_PRIORITY_P2:
		return "P2";
	}
	return "?";
}

int rule_has_engine(const struct ptwalk_rule *rule, const char *engine)
{
	size_t len = strlen(engine);
	const char *p = rule->engines;

	while (*p) {
		size_t n = strcspn(p, ",");

		if (n == len && strncmp(p, engine, len) == 0)
			return 1;
		p += n;
		if (*p == ',')
			p++;
	}
	return 0;
}

int parse_kernel_version(const char *text, int *version)
{
	char *end;
	long major, minor;

	if (!isdigit((unsigned char)*text))
		return -1;
	major = strtol(text, &end, 10);
	if (*end != '.' || !isdigit((unsigned char)end[1]))
		return -1;
	minor = strtol(end + 1, &end, 10);
	/* A sublevel or an -rc/-stable suffix does not move the API. */
	if (*end && *end != '.' && *end != '-')
		return -1;
	if (major < 2 || major > 99 || minor > 255)
		return -1;
	*version = PTWALK_KV((int)major, (int)minor);
	return 0;
}

const char *api_role_name(enum ptwalk_api_role role)
{
	if ((int)role < 0 || role >= PTWALK_API_ROLE_COUNT)
		return NULL;
	return role_names[role];
}

int api_role_from_name(const char *name)
{
	for (int i = 0; i < PTWALK_API_ROLE_COUNT; i++)
		if (strcmp(role_names[i], name) == 0)
			return i;
	return -1;
}

static int generic_api(const struct ptwalk_api *api)
{
	switch (api->role) {
	case PTWALK_API_ROLE_READ_ONCE_ACCESS:
		return api->level == PTWALK_API_LEVEL_any;
	case PTWALK_API_ROLE_PT_LOCK:
		return api->level == PTWALK_API_LEVEL_any;
	case PTWALK_API_ROLE_UNCOND_GET:
	case PTWALK_API_ROLE_RELEASE:
	case PTWALK_API_ROLE_PT_LOCK_ASSERT:
		return 1;
	default:
		return 0;
	}
}

int api_name_marks_walker(const char *name, size_t len)
{
	for (size_t i = 0; i < ptwalk_api_count; i++)
		if (strlen(ptwalk_apis[i].name) == len &&
		    strncmp(ptwalk_apis[i].name, name, len) == 0 &&
		    !generic_api(&ptwalk_apis[i]))
			return 1;
	return 0;
}
