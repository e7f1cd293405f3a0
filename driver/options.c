#include "options.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "output.h"
#include "paths.h"
#include "util.h"

#define DEFAULT_JOBS 2
#define MAX_JOBS 256
/* Per file and rule.  A kernel file takes seconds; a minute is a file
 * spatch will not finish, and it is reported, not waited for. */
#define DEFAULT_TIMEOUT 60

/*
 * Where the rules and docs are when no option or variable says: beside an
 * installed ptwalk (cmake --install: BIN/../share/ptwalk/cocci and
 * BIN/../share/doc/ptwalk/rules), else in the source tree it was built
 * from.
 */
static const char *default_cocci_dir(void)
{
	static char *dir;

	if (!dir)
		dir = installed_dir("../share/ptwalk/cocci");
	return dir ? dir : PTWALK_DEFAULT_COCCI_DIR;
}

static const char *default_doc_dir(void)
{
	static char *dir;

	if (!dir)
		dir = installed_dir("../share/doc/ptwalk/rules");
	return dir ? dir : PTWALK_DEFAULT_DOC_DIR;
}

static void print_usage(FILE *out)
{
	fprintf(out, "usage: ptwalk [options] PATH... [-- COMPILER_FLAG...]\n"
	      "       ptwalk --audit [options] [-p BUILD_DIR]... [TREE]\n"
	      "Check lockless page-table walkers in C files and directories\n"
	      "(directories are searched for *.c and *.h), and in patches\n"
	      "(*.patch, *.diff, - for standard input): the functions a patch\n"
	      "touches, as they are after it, in the kernel tree around the\n"
	      "current directory.\n"
	      "\n"
	      "  --list-rules          list the rules and exit\n"
	      "  --print-shared-smpl   print the selected rules' Coccinelle semantic\n"
	      "                        patches as the one file ptwalk runs them as\n"
	      "                        (the walker model once), for spatch --sp-file\n"
	      "                        or make coccicheck COCCI=, and exit\n"
	      "  --audit [TREE]        the arch port audit of a kernel tree (default .):\n"
	      "                        its walkers under mm/, arch/*/mm, arch/*/kvm,\n"
	      "                        kernel/events and virt/kvm, and a table of\n"
	      "                        architecture by rule (held, violated, not\n"
	      "                        applicable, no walker found); each -p DIR adds\n"
	      "                        the Clang engine's findings for that build as\n"
	      "                        a column group of its own\n"
	      "  --doc-base=URL        where the audit's markdown and HTML link the\n"
	      "                        rule docs (default: the docs directory below)\n"
	      "  --rules=ID,...        run only these rules\n"
	      "  --disable=ID,...      do not run these rules\n"
	      "  --engine=NAME         cocci, clang or all (default: all when -p or\n"
	      "                        compiler flags are given, else cocci)\n"
	      "  -p DIR                the Clang engine compiles the .c files as\n"
	      "                        DIR/compile_commands.json says\n"
	      "  -- COMPILER_FLAG...   the Clang engine compiles every .c file with\n"
	      "                        these flags (-I, -D, --target=, ...)\n"
	      "  --kernel-version=X.Y  read every input as code of that kernel version\n"
	      "                        (default: from the top Makefile of the kernel\n"
	      "                        tree a file sits in, else from the code)\n"
	      "  --format=NAME         output format: text (default), json, or sarif\n"
	      "                        (SARIF 2.1.0, for code scanning); for --audit,\n"
	      "                        text, markdown or html (a self-contained page)\n"
	      "  --text-output=FILE    also write the report to FILE as text;\n"
	      "  --json-output=FILE    as JSON;\n"
	      "  --sarif-output=FILE   as SARIF (each once per run, with --format\n"
	      "                        for standard output)\n"
	      "  -j, --jobs=N          run up to N engine processes at once (default 2)\n"
	      "  --timeout=SECS        give up on a file after SECS seconds of one\n"
	      "                        Coccinelle rule, as trouble naming it\n"
	      "                        (default 60; 0: no limit)\n"
	      "  --no-prefilter        run every Coccinelle rule on every file, not\n"
	      "                        only on those that name what the rule needs\n"
	      "  --fix                 print the mechanical fixes of the findings as one\n"
	      "                        unified diff for git apply, instead of the report\n"
	      "                        (which the --FORMAT-output files still get)\n"
	      "  --terse               a patch's findings one line each, not quoted\n"
	      "                        with their line as checkpatch does\n"
	      "  --stats               say on stderr how many files each Coccinelle\n"
	      "                        rule read and how many spatch runs it took\n"
	      "  --baseline=FILE       report only findings that FILE does not record\n"
	      "  --write-baseline=FILE record the findings in FILE (exit 0 unless\n"
	      "                        there was trouble)\n"
	      "  --fail-on=LEVEL       error, warning (default) or none: the least\n"
	      "                        severe finding that makes the exit status 1\n"
	      "  --cocci-dir=DIR       directory of the Coccinelle rules\n"
	      "                        (default $PTWALK_COCCI_DIR, else %s)\n"
	      "  --help                show this help\n"
	      "  --version             show the version\n"
	      "\n"
	      "Environment: SPATCH names the spatch binary (default: spatch in PATH);\n"
	      "PTWALK_CLANG names ptwalk-clang (default: the one next to ptwalk);\n"
	      "PTWALK_DOC_DIR is where the rule docs are (default %s).\n"
	      "Exit status: 0 clean, 1 findings (at --fail-on or above), 2 trouble or\n"
	      "functions not analysed (a baseline can record those).\n",
	      default_cocci_dir(), default_doc_dir());
}

static void usage_error(const char *fmt, const char *arg)
{
	fputs("ptwalk: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs(" (try --help)\n", stderr);
}

/* --FORMAT-output=PATH; the last one of a format counts. */
static void add_file_output(struct options *opts, const char *format,
			    const char *path)
{
	const struct output_format *f = output_format_find(format);
	size_t i;

	for (i = 0; i < opts->nfile_outputs; i++)
		if (opts->file_outputs[i].format == f)
			break;
	if (i == opts->nfile_outputs)
		opts->nfile_outputs++;
	opts->file_outputs[i].format = f;
	opts->file_outputs[i].path = path;
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

/*
 * Where the compiler flags start: the index of the first "--" that is not
 * the value of an option, or ARGC.  It must be found before getopt runs:
 * GNU getopt moves "--" in front of the paths it permutes, after which
 * paths and flags can no longer be told apart.
 */
static int find_flags_separator(int argc, char **argv,
				const struct option *longopts,
				const char *shortopts_with_value)
{
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i];

		if (strcmp(arg, "--") == 0)
			return i;
		if (arg[0] != '-' || arg[1] == '\0')
			continue;
		if (arg[1] != '-') {
			/* -j N, -p DIR: the value is the next word. */
			if (arg[2] == '\0' && strchr(shortopts_with_value, arg[1]))
				i++;
			continue;
		}
		if (strchr(arg, '='))
			continue;
		/* --name VALUE, with getopt's unambiguous abbreviations. */
		for (const struct option *o = longopts; o->name; o++) {
			if (o->has_arg == required_argument &&
			    strncmp(o->name, arg + 2, strlen(arg + 2)) == 0) {
				i++;
				break;
			}
		}
	}
	return argc;
}

bool clang_rule_selected(const struct options *opts, size_t rule)
{
	return opts->rule_enabled[rule] &&
	       rule_has_engine(&ptwalk_rules[rule], "clang");
}

static bool any_clang_rule_selected(const struct options *opts)
{
	for (size_t i = 0; i < PTWALK_RULE_COUNT; i++)
		if (clang_rule_selected(opts, i))
			return true;
	return false;
}

static bool parse_engine_name(const char *name, unsigned int *engines)
{
	if (strcmp(name, "cocci") == 0)
		*engines = ENGINE_COCCI;
	else if (strcmp(name, "clang") == 0)
		*engines = ENGINE_CLANG;
	else if (strcmp(name, "all") == 0)
		*engines = ENGINE_COCCI | ENGINE_CLANG;
	else
		return false;
	return true;
}

/*
 * Settles which engines run.  The default runs the Clang engine only when
 * it has compile commands (-p or flags), so that a plain `ptwalk PATH`
 * needs no build; naming the engine makes a missing input an error.
 */
static bool choose_engines(struct options *opts, const char *engine_name)
{
	bool have_commands = opts->compile_db_dir || opts->have_compile_flags;

	if (opts->compile_db_dir && opts->have_compile_flags) {
		fputs("ptwalk: -p and compiler flags after -- exclude each other (try --help)\n",
		      stderr);
		return false;
	}
	if (!engine_name) {
		opts->engines = ENGINE_COCCI;
		if (have_commands && any_clang_rule_selected(opts))
			opts->engines |= ENGINE_CLANG;
		return true;
	}
	if (!(opts->engines & ENGINE_CLANG))
		return true;
	if (!have_commands) {
		fprintf(stderr, "ptwalk: --engine=%s: the Clang engine needs -p DIR (a compile_commands.json) or compiler flags after --\n",
			engine_name);
		return false;
	}
	if (!any_clang_rule_selected(opts)) {
		if (opts->engines & ENGINE_COCCI) {
			/* "all" is both engines where both can run. */
			opts->engines = ENGINE_COCCI;
			return true;
		}
		fprintf(stderr, "ptwalk: --engine=%s: none of the selected rules has a Clang implementation (see --list-rules)\n",
			engine_name);
		return false;
	}
	return true;
}

/*
 * What --audit allows: one tree, -p builds (each its own column group, so
 * the engines are the audit's to choose), and its own formats; not the
 * options of a report of findings.
 */
static enum options_result audit_options(struct options *opts,
					 const char *format_name,
					 const char *engine_name)
{
	static const char *const formats[] = { "text", "markdown", "html" };
	const char *clash = NULL;

	if (opts->npaths > 1) {
		usage_error("--audit: one kernel tree, not %s more", "several");
		return OPTIONS_USAGE_ERROR;
	}
	opts->audit_format = NULL;
	for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
		if (strcmp(format_name, formats[i]) == 0)
			opts->audit_format = formats[i];
	if (!opts->audit_format) {
		usage_error("--audit: --format=%s: the audit prints text, markdown or html",
			    format_name);
		return OPTIONS_USAGE_ERROR;
	}
	if (engine_name)
		clash = "--engine (each -p DIR adds the Clang engine)";
	else if (opts->have_compile_flags)
		clash = "compiler flags after -- (give -p DIR)";
	else if (opts->baseline || opts->write_baseline)
		clash = "a baseline";
	else if (opts->nfile_outputs)
		clash = "--text-output, --json-output or --sarif-output";
	if (clash) {
		usage_error("--audit: not with %s", clash);
		return OPTIONS_USAGE_ERROR;
	}
	opts->engines = ENGINE_COCCI;
	return OPTIONS_RUN;
}

enum options_result options_parse(int argc, char **argv, struct options *opts)
{
	enum { OPT_LIST_RULES = 256, OPT_PRINT_SHARED, OPT_RULES, OPT_DISABLE, OPT_ENGINE,
	       OPT_FORMAT, OPT_COCCI_DIR, OPT_KERNEL_VERSION, OPT_TIMEOUT,
	       OPT_NO_PREFILTER, OPT_STATS, OPT_TERSE, OPT_FIX, OPT_BASELINE, OPT_WRITE_BASELINE,
	       OPT_FAIL_ON, OPT_TEXT_OUTPUT, OPT_JSON_OUTPUT, OPT_SARIF_OUTPUT,
	       OPT_AUDIT, OPT_DOC_BASE, OPT_HELP, OPT_VERSION };
	static const struct option longopts[] = {
		{ "list-rules", no_argument, NULL, OPT_LIST_RULES },
		{ "print-shared-smpl", no_argument, NULL, OPT_PRINT_SHARED },
		{ "rules", required_argument, NULL, OPT_RULES },
		{ "disable", required_argument, NULL, OPT_DISABLE },
		{ "engine", required_argument, NULL, OPT_ENGINE },
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "jobs", required_argument, NULL, 'j' },
		{ "cocci-dir", required_argument, NULL, OPT_COCCI_DIR },
		{ "kernel-version", required_argument, NULL, OPT_KERNEL_VERSION },
		{ "timeout", required_argument, NULL, OPT_TIMEOUT },
		{ "no-prefilter", no_argument, NULL, OPT_NO_PREFILTER },
		{ "stats", no_argument, NULL, OPT_STATS },
		{ "terse", no_argument, NULL, OPT_TERSE },
		{ "fix", no_argument, NULL, OPT_FIX },
		{ "baseline", required_argument, NULL, OPT_BASELINE },
		{ "write-baseline", required_argument, NULL, OPT_WRITE_BASELINE },
		{ "fail-on", required_argument, NULL, OPT_FAIL_ON },
		{ "text-output", required_argument, NULL, OPT_TEXT_OUTPUT },
		{ "json-output", required_argument, NULL, OPT_JSON_OUTPUT },
		{ "sarif-output", required_argument, NULL, OPT_SARIF_OUTPUT },
		{ "audit", no_argument, NULL, OPT_AUDIT },
		{ "doc-base", required_argument, NULL, OPT_DOC_BASE },
		{ "help", no_argument, NULL, OPT_HELP },
		{ "version", no_argument, NULL, OPT_VERSION },
		{ NULL, 0, NULL, 0 },
	};
	const char *only = NULL, *disable = NULL, *engine_name = NULL;
	const char *format_name = "text";
	const char *env_dir = getenv("PTWALK_COCCI_DIR");
	int separator, c;

	memset(opts, 0, sizeof(*opts));
	opts->format = output_format_find("text");
	opts->jobs = DEFAULT_JOBS;
	opts->timeout = DEFAULT_TIMEOUT;
	opts->prefilter = true;
	opts->fail_on = PTWALK_SEVERITY_warning;
	opts->cocci_dir = env_dir && *env_dir ? env_dir : default_cocci_dir();
	env_dir = getenv("PTWALK_DOC_DIR");
	opts->doc_dir = env_dir && *env_dir ? env_dir : default_doc_dir();

	separator = find_flags_separator(argc, argv, longopts, "jp");
	if (separator < argc) {
		opts->have_compile_flags = true;
		opts->compile_flags = argv + separator + 1;
		opts->ncompile_flags = argc - separator - 1;
		argc = separator;
	}

	opterr = 0;
	for (;;) {
		/* The word being read: getopt stays on it inside a cluster. */
		const char *word = optind < argc ? argv[optind] : "";

		c = getopt_long(argc, argv, "j:p:", longopts, NULL);
		if (c == -1)
			break;
		switch (c) {
		case OPT_LIST_RULES:
			opts->list_rules = true;
			break;
		case OPT_PRINT_SHARED:
			opts->print_shared_smpl = true;
			break;
		case OPT_RULES:
			only = optarg;
			break;
		case OPT_DISABLE:
			disable = optarg;
			break;
		case OPT_ENGINE:
			engine_name = optarg;
			if (!parse_engine_name(optarg, &opts->engines)) {
				usage_error("--engine: unknown engine '%s' (cocci, clang or all)",
					    optarg);
				return OPTIONS_USAGE_ERROR;
			}
			break;
		case 'p':
			if (!*optarg) {
				usage_error("-p: %s", "empty directory name");
				return OPTIONS_USAGE_ERROR;
			}
			if (!opts->builds)
				opts->builds = xmalloc((size_t)argc * sizeof(*opts->builds));
			opts->builds[opts->nbuilds++] = optarg;
			break;
		case OPT_FORMAT:
			format_name = optarg;
			if (!output_format_find(optarg) &&
			    strcmp(optarg, "markdown") != 0 &&
			    strcmp(optarg, "html") != 0) {
				usage_error("--format: unknown format '%s' (text, json or sarif)", optarg);
				return OPTIONS_USAGE_ERROR;
			}
			break;
		case OPT_AUDIT:
			opts->audit = true;
			break;
		case OPT_DOC_BASE:
			opts->doc_base = optarg;
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
		case OPT_KERNEL_VERSION: {
			int version;

			if (parse_kernel_version(optarg, &version) != 0) {
				usage_error("--kernel-version: expected a kernel version such as 6.12, got '%s'",
					    optarg);
				return OPTIONS_USAGE_ERROR;
			}
			opts->kernel_version = optarg;
			break;
		}
		case OPT_TIMEOUT: {
			char *end;
			long n = strtol(optarg, &end, 10);

			if (*optarg == '\0' || *end || n < 0 || n > 86400) {
				usage_error("--timeout: expected seconds from 0 to 86400, got '%s'",
					    optarg);
				return OPTIONS_USAGE_ERROR;
			}
			opts->timeout = (unsigned int)n;
			break;
		}
		case OPT_NO_PREFILTER:
			opts->prefilter = false;
			break;
		case OPT_TERSE:
			opts->terse = true;
			break;
		case OPT_FIX:
			opts->fix = true;
			break;
		case OPT_STATS:
			opts->stats = true;
			break;
		case OPT_BASELINE:
			opts->baseline = optarg;
			break;
		case OPT_TEXT_OUTPUT:
			add_file_output(opts, "text", optarg);
			break;
		case OPT_JSON_OUTPUT:
			add_file_output(opts, "json", optarg);
			break;
		case OPT_SARIF_OUTPUT:
			add_file_output(opts, "sarif", optarg);
			break;
		case OPT_WRITE_BASELINE:
			opts->write_baseline = optarg;
			break;
		case OPT_FAIL_ON:
			if (strcmp(optarg, "error") == 0) {
				opts->fail_on = PTWALK_SEVERITY_error;
			} else if (strcmp(optarg, "warning") == 0) {
				opts->fail_on = PTWALK_SEVERITY_warning;
			} else if (strcmp(optarg, "none") == 0) {
				opts->fail_on = FAIL_ON_NONE;
			} else {
				usage_error("--fail-on: unknown level '%s' (error, warning or none)",
					    optarg);
				return OPTIONS_USAGE_ERROR;
			}
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
			else if (optopt == 'p')
				usage_error("-p: %s", "missing directory");
			else if (optopt > 0 && optopt < 256 && has_suffix(word, ".c"))
				fprintf(stderr, "ptwalk: unknown option '%s' (a file whose name starts with '-' is ./%s)\n",
					word, word);
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
	opts->format = output_format_find(format_name);
	if (!opts->doc_base)
		opts->doc_base = opts->doc_dir;

	opts->paths = argv + optind;
	opts->npaths = argc - optind;
	if (opts->list_rules || opts->print_shared_smpl)
		return OPTIONS_RUN;
	if (opts->audit)
		return audit_options(opts, format_name, engine_name);
	if (!opts->format) {
		usage_error("--format=%s: only with --audit", format_name);
		return OPTIONS_USAGE_ERROR;
	}
	if (opts->nbuilds > 1) {
		usage_error("-p: %s", "one build directory (more only with --audit)");
		return OPTIONS_USAGE_ERROR;
	}
	opts->compile_db_dir = opts->nbuilds ? opts->builds[0] : NULL;
	if (opts->npaths == 0) {
		fputs("ptwalk: no input files or directories (try --help)\n",
		      stderr);
		return OPTIONS_USAGE_ERROR;
	}
	if (!choose_engines(opts, engine_name))
		return OPTIONS_USAGE_ERROR;
	return OPTIONS_RUN;
}
