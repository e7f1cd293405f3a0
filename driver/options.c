#include "options.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engines.h"
#include "output.h"
#include "util.h"

#define DEFAULT_JOBS 2
#define MAX_JOBS 256

static void print_usage(FILE *out)
{
	fputs("usage: ptwalk [options] PATH...\n"
	      "Check lockless page-table walkers in C files and directories\n"
	      "(directories are searched for *.c and *.h).\n"
	      "\n"
	      "  --list-rules          list the rules and exit\n"
	      "  --rules=ID,...        run only these rules\n"
	      "  --disable=ID,...      do not run these rules\n"
	      "  --engine=NAME         analysis engine: cocci (default)\n"
	      "  --format=NAME         output format: text (default)\n"
	      "  -j, --jobs=N          run up to N engine processes at once (default 2)\n"
	      "  --cocci-dir=DIR       directory of the Coccinelle rules\n"
	      "                        (default $PTWALK_COCCI_DIR, else " PTWALK_DEFAULT_COCCI_DIR ")\n"
	      "  --help                show this help\n"
	      "  --version             show the version\n"
	      "\n"
	      "Environment: SPATCH names the spatch binary (default: spatch in PATH).\n"
	      "Exit status: 0 clean, 1 findings, 2 trouble or functions not analysed.\n",
	      out);
}

static void usage_error(const char *fmt, const char *arg)
{
	fputs("ptwalk: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs(" (try --help)\n", stderr);
}

/* Applies ENABLE to each rule of a comma-separated list of rule ids. */
static bool set_rules(bool *enabled, const char *list, bool enable,
		      const char *option)
{
	char *copy, *save = NULL;
	bool ok = true;

	if (list[strspn(list, ",")] == '\0') {
		fprintf(stderr, "ptwalk: %s: empty list of rules (see --list-rules)\n",
			option);
		return false;
	}
	copy = xstrdup(list);

	for (char *id = strtok_r(copy, ",", &save); id;
	     id = strtok_r(NULL, ",", &save)) {
		const struct ptwalk_rule *rule = catalogue_find_rule(id);

		if (!rule) {
			fprintf(stderr, "ptwalk: %s: unknown rule '%s'%s\n",
				option, id,
				strcmp(id, ptwalk_not_analysed_rule.name) == 0 ?
				" (parse failures are always reported)" :
				" (see --list-rules)");
			ok = false;
			continue;
		}
		enabled[rule - ptwalk_rules] = enable;
	}
	free(copy);
	return ok;
}

enum options_result options_parse(int argc, char **argv, struct options *opts)
{
	enum { OPT_LIST_RULES = 256, OPT_RULES, OPT_DISABLE, OPT_ENGINE,
	       OPT_FORMAT, OPT_COCCI_DIR, OPT_HELP, OPT_VERSION };
	static const struct option longopts[] = {
		{ "list-rules", no_argument, NULL, OPT_LIST_RULES },
		{ "rules", required_argument, NULL, OPT_RULES },
		{ "disable", required_argument, NULL, OPT_DISABLE },
		{ "engine", required_argument, NULL, OPT_ENGINE },
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "jobs", required_argument, NULL, 'j' },
		{ "cocci-dir", required_argument, NULL, OPT_COCCI_DIR },
		{ "help", no_argument, NULL, OPT_HELP },
		{ "version", no_argument, NULL, OPT_VERSION },
		{ NULL, 0, NULL, 0 },
	};
	const char *only = NULL, *disable = NULL;
	const char *env_dir = getenv("PTWALK_COCCI_DIR");
	int c;

	memset(opts, 0, sizeof(*opts));
	opts->engine = engine_find("cocci");
	opts->format = output_format_find("text");
	opts->jobs = DEFAULT_JOBS;
	opts->cocci_dir = env_dir && *env_dir ? env_dir : PTWALK_DEFAULT_COCCI_DIR;

	opterr = 0;
	while ((c = getopt_long(argc, argv, "j:", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_LIST_RULES:
			opts->list_rules = true;
			break;
		case OPT_RULES:
			only = optarg;
			break;
		case OPT_DISABLE:
			disable = optarg;
			break;
		case OPT_ENGINE:
			opts->engine = engine_find(optarg);
			if (!opts->engine) {
				usage_error("--engine: unknown engine '%s'", optarg);
				return OPTIONS_USAGE_ERROR;
			}
			if (!opts->engine->run) {
				fprintf(stderr, "ptwalk: --engine=%s: the %s engine is not built yet; use --engine=cocci\n",
					optarg, optarg);
				return OPTIONS_USAGE_ERROR;
			}
			break;
		case OPT_FORMAT:
			opts->format = output_format_find(optarg);
			if (!opts->format) {
				usage_error("--format: unknown format '%s'", optarg);
				return OPTIONS_USAGE_ERROR;
			}
			if (!opts->format->write) {
				fprintf(stderr, "ptwalk: --format=%s: not implemented yet; use --format=text\n",
					optarg);
				return OPTIONS_USAGE_ERROR;
			}
			break;
		case 'j': {
			char *end;
			long n = strtol(optarg, &end, 10);

			if (*optarg == '\0' || *end || n < 1 || n > MAX_JOBS) {
				usage_error("-j: expected a number of jobs from 1 to 256, got '%s'",
					    optarg);
				return OPTIONS_USAGE_ERROR;
			}
			opts->jobs = (unsigned int)n;
			break;
		}
		case OPT_COCCI_DIR:
			opts->cocci_dir = optarg;
			break;
		case OPT_HELP:
			print_usage(stdout);
			return OPTIONS_DONE;
		case OPT_VERSION:
			printf("ptwalk %s\n", PTWALK_VERSION);
			return OPTIONS_DONE;
		default:
			if (optopt == 'j')
				usage_error("-j: %s", "missing number of jobs");
			else if (optopt > 0 && optopt < 256)
				fprintf(stderr, "ptwalk: unknown option '-%c' (try --help)\n",
					optopt);
			else
				usage_error("unknown option or missing argument: '%s'",
					    argv[optind - 1]);
			return OPTIONS_USAGE_ERROR;
		}
	}

	for (size_t i = 0; i < PTWALK_RULE_COUNT; i++)
		opts->rule_enabled[i] = !only;
	if (only && !set_rules(opts->rule_enabled, only, true, "--rules"))
		return OPTIONS_USAGE_ERROR;
	if (disable && !set_rules(opts->rule_enabled, disable, false, "--disable"))
		return OPTIONS_USAGE_ERROR;

	opts->paths = argv + optind;
	opts->npaths = argc - optind;
	if (!opts->list_rules && opts->npaths == 0) {
		fputs("ptwalk: no input files or directories (try --help)\n",
		      stderr);
		return OPTIONS_USAGE_ERROR;
	}
	return OPTIONS_RUN;
}
