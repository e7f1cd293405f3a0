# Custom lit test formats for the corpus and mutation suites.
#
# Neither suite has test files of its own: the corpus suite turns every
# testsuite/corpus/**/*.c into tests, the mutation suite every rule of
# rules/rules.def.  Paths come from config.ptwalk_paths (lit.cfg.py).

import os
import re
import subprocess

import lit.formats
import lit.Test

SUMMARY = re.compile(r'^ptwalk: \d+ findings in \d+ files \(\d+ functions not analysed\)$')


def corpus_files(corpus):
    """Every .c file under CORPUS, relative to it, in byte order."""
    found = []
    for root, dirs, files in os.walk(corpus):
        dirs[:] = sorted(d for d in dirs if not d.startswith('.'))
        for name in files:
            if name.endswith('.c') and not name.startswith('.'):
                found.append(os.path.relpath(os.path.join(root, name), corpus))
    return sorted(found)


def run(argv, stdin=None):
    proc = subprocess.run(argv, input=stdin, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, universal_newlines=True)
    return proc.returncode, proc.stdout, proc.stderr


def ptwalk_trouble(stderr):
    """ptwalk's stderr lines other than its summary: engine or input trouble."""
    return [l for l in stderr.splitlines() if l and not SUMMARY.match(l)]


def show(argv, code, out, err):
    return '$ %s\n# exit %d\n%s%s' % (' '.join(argv), code,
                                      ('# stdout:\n' + out) if out else '',
                                      ('# stderr:\n' + err) if err else '')


def ptwalk_argv(paths, extra, target):
    return [paths['ptwalk'], '--engine=cocci', '--cocci-dir',
            paths['cocci_dir']] + extra + [target]


class CorpusFormat(lit.formats.base.TestFormat):
    """For each corpus file, two tests:
    <file>:cocci    ptwalk --engine=cocci FILE | expect-check --engine=cocci FILE
    <file>:compile  testsuite/compile-corpus.sh FILE (every target, each of its eras)
    """

    def getTestsInDirectory(self, testSuite, path_in_suite, litConfig,
                            localConfig):
        paths = localConfig.ptwalk_paths
        for rel in corpus_files(paths['corpus']):
            source = os.path.join(paths['corpus'], rel)
            for step in ('cocci', 'compile'):
                parts = tuple(rel.split(os.sep))
                yield lit.Test.Test(testSuite,
                                    path_in_suite + parts[:-1] +
                                    (parts[-1] + ':' + step,),
                                    localConfig, file_path=source)

    def execute(self, test, litConfig):
        paths = test.config.ptwalk_paths
        source = test.file_path
        if test.path_in_suite[-1].endswith(':compile'):
            return self.compile(paths, source)
        return self.expect(paths, source)

    def compile(self, paths, source):
        script = paths['compile_corpus']
        if not os.path.exists(script):
            return lit.Test.UNRESOLVED, '%s does not exist' % script
        argv = ['bash', script, source]
        code, out, err = run(argv)
        return (lit.Test.PASS if code == 0 else lit.Test.FAIL,
                show(argv, code, out, err))

    def expect(self, paths, source):
        argv = ptwalk_argv(paths, [], source)
        code, out, err = run(argv)
        log = show(argv, code, out, err)
        trouble = ptwalk_trouble(err)
        if trouble or code not in (0, 1, 2):
            return lit.Test.FAIL, log + '# ptwalk reported trouble\n'
        check = [paths['expect_check'], '--engine=cocci', source]
        code, cout, cerr = run(check, stdin=out)
        log += show(check + ['< (ptwalk stdout)'], code, cout, cerr)
        return (lit.Test.PASS if code == 0 else lit.Test.FAIL), log


def rule_ids(rules_def):
    with open(rules_def) as f:
        text = f.read()
    return re.findall(r'^PTWALK_RULE\(\s*\w+\s*,\s*"([^"]+)"', text, re.M)


class MutationFormat(lit.formats.base.TestFormat):
    """For each rule: with the rule disabled, the corpus check must fail
    with a finding of that rule missing.  A rule whose findings no corpus
    file expects would pass here vacuously otherwise."""

    def getTestsInDirectory(self, testSuite, path_in_suite, litConfig,
                            localConfig):
        for rule in rule_ids(localConfig.ptwalk_paths['rules_def']):
            yield lit.Test.Test(testSuite, path_in_suite + (rule,),
                                localConfig,
                                file_path=localConfig.ptwalk_paths['rules_def'])

    def execute(self, test, litConfig):
        paths = test.config.ptwalk_paths
        rule = test.path_in_suite[-1]
        argv = ptwalk_argv(paths, ['--disable=' + rule], paths['corpus'])
        code, out, err = run(argv)
        if ptwalk_trouble(err) or code not in (0, 1, 2):
            return lit.Test.FAIL, show(argv, code, out, err) + \
                '# ptwalk reported trouble\n'
        log = show(argv, code, '', err)
        caught = []
        for rel in corpus_files(paths['corpus']):
            source = os.path.join(paths['corpus'], rel)
            check = [paths['expect_check'], '--engine=cocci', source]
            ccode, cout, cerr = run(check, stdin=out)
            if ccode == 2:
                return lit.Test.FAIL, log + show(check, ccode, cout, cerr)
            caught += [l for l in cout.splitlines()
                       if l.endswith(': missing ' + rule)]
        if not caught:
            return lit.Test.FAIL, log + \
                '# no corpus file missed a %s finding: the suite cannot ' \
                'tell whether this rule works\n' % rule
        return lit.Test.PASS, log + '# caught:\n' + '\n'.join(caught) + '\n'
