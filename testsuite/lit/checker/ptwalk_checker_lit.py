# lit test format of the Clang engine's suite (see lit.local.cfg).  A
# module of its own: lit pickles test formats for its worker processes,
# and classes defined in a lit.local.cfg cannot be pickled.

import os
import re
import subprocess

import lit.formats
import lit.Test

from ptwalk_lit import corpus_files

def targets(targets_def):
    """(name, triple, extra flags, pte_tears, pmd_tears) per target."""
    entry = re.compile(r'^PTWALK_TARGET\(\s*"([^"]*)"\s*,\s*"([^"]*)"\s*,'
                       r'\s*"([^"]*)"\s*,\s*([01])\s*,\s*([01])\s*\)\s*$')
    found = []
    with open(targets_def) as f:
        for line in f:
            if line.startswith('PTWALK_TARGET('):
                m = entry.match(line)
                if not m:
                    raise ValueError('cannot parse %s: %s' % (targets_def, line))
                found.append((m.group(1), m.group(2), m.group(3).split(),
                              m.group(4) == '1', m.group(5) == '1'))
    return found


def eras(source):
    """The eras of a corpus file: its leading comments' ERA: n, else 3 and
    6 (the rule of compile-corpus.sh)."""
    with open(source) as f:
        lines = f.read().splitlines()
    leading = []
    in_comment = False
    for line in lines:
        s = line.strip()
        if not s:
            continue
        if in_comment:
            leading.append(s)
            in_comment = '*/' not in s
        elif s.startswith('//'):
            leading.append(s)
        elif s.startswith('/*'):
            leading.append(s)
            in_comment = '*/' not in s
        else:
            break
    for s in leading:
        m = re.search(r'ERA:\s*([0-9]+)', s)
        if m:
            return [m.group(1)]
    return ['3', '6']


def rule_engines(rules_def):
    with open(rules_def) as f:
        text = f.read()
    return dict(re.findall(r'^PTWALK_RULE\(\s*\w+\s*,\s*"([^"]+)"\s*,'
                           r'[^,]*,[^,]*,\s*"([^"]*)"', text, re.M))


FINDING = re.compile(r'^(.*):(\d+):(\d+): (warning|error): .* \[ptwalk-([a-z-]+)\]$')
NOTE = re.compile(r'^.*:\d+:\d+: note: ')
GENERATED = re.compile(r'^\d+ (warning|error)s? generated\.$')


def run(argv, stdin=None):
    proc = subprocess.run(argv, input=stdin, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, universal_newlines=True)
    return proc.returncode, proc.stdout, proc.stderr


def show(argv, code, out, err):
    return '$ %s\n# exit %d\n%s%s' % (' '.join(argv), code,
                                      ('# stdout:\n' + out) if out else '',
                                      ('# stderr:\n' + err) if err else '')


class CheckerCorpusFormat(lit.formats.ShTest):
    """The ShTest files of this directory, plus one test per corpus file,
    target and era."""

    def __init__(self, directory):
        super().__init__(execute_external=False)
        self.directory = directory

    def getTestsInDirectory(self, testSuite, path_in_suite, litConfig,
                            localConfig):
        yield from super().getTestsInDirectory(testSuite, path_in_suite,
                                               litConfig, localConfig)
        here = os.path.join(testSuite.source_root, *path_in_suite)
        if os.path.realpath(here) != os.path.realpath(self.directory):
            return  # a subdirectory such as Inputs
        corpus = localConfig.ptwalk_paths['corpus']
        targets_def = os.path.join(localConfig.ptwalk_paths['srcroot'],
                                   'testsuite', 'targets.def')
        for rel in corpus_files(corpus):
            source = os.path.join(corpus, rel)
            for era in eras(source):
                for target in targets(targets_def):
                    name = '%s:%s:era%s' % (rel.replace(os.sep, '/'),
                                            target[0], era)
                    test = lit.Test.Test(testSuite,
                                         path_in_suite + ('corpus', name),
                                         localConfig, file_path=source)
                    test.ptwalk_target = target
                    test.ptwalk_era = era
                    yield test
        yield lit.Test.Test(testSuite,
                            path_in_suite + ('rules-def-engines',), localConfig,
                            file_path=localConfig.ptwalk_paths['rules_def'])

    def execute(self, test, litConfig):
        if test.path_in_suite[-1] == 'rules-def-engines':
            return self.check_engines(test)
        if len(test.path_in_suite) > 1 and test.path_in_suite[-2] == 'corpus':
            return self.check_corpus(test)
        return super().execute(test, litConfig)

    def check_engines(self, test):
        engines = rule_engines(test.config.ptwalk_paths['rules_def'])
        listed = {r for r, e in engines.items() if 'clang' in e.split(',')}
        implemented = set(test.config.ptwalk_checker['rules'])
        if listed == implemented:
            return lit.Test.PASS, ''
        return lit.Test.FAIL, (
            'rules/rules.def lists clang for %s; the engine implements %s\n'
            % (sorted(listed), sorted(implemented)))

    def check_corpus(self, test):
        paths = test.config.ptwalk_paths
        tools = test.config.ptwalk_checker
        clang, plugin, srcroot = tools['clang'], tools['plugin'], paths['srcroot']
        name, triple, extra, tears_pte, tears_pmd = test.ptwalk_target
        source = test.file_path
        argv = ([clang, '--target=' + triple] + extra +
                ['-DPTWALK_ERA=' + test.ptwalk_era, '-fsyntax-only',
                 '-Wall', '-Wextra', '-Werror', '-nostdinc', '-ffreestanding',
                 '-I', os.path.join(srcroot, 'testsuite', 'include'),
                 '-fplugin=' + plugin, '-fno-caret-diagnostics',
                 '-fno-color-diagnostics', source])
        code, out, err = run(argv)
        log = show(argv, code, out, err)
        if code != 0:
            return lit.Test.FAIL, log + '# the compile failed\n'
        findings = []
        for line in err.splitlines():
            if FINDING.match(line) or NOTE.match(line):
                findings.append(line)
            elif not GENERATED.match(line):
                return lit.Test.FAIL, log + '# not a ptwalk diagnostic: %s\n' % line
        check = [paths['expect_check'], '--engine=clang']
        check += ['--tears-pte'] if tears_pte else []
        check += ['--tears-pmd'] if tears_pmd else []
        check.append(source)
        ccode, cout, cerr = run(check, stdin='\n'.join(findings) + '\n')
        log += show(check + ['< (plugin findings)'], ccode, cout, cerr)
        if ccode not in (0, 1) or cerr:
            return lit.Test.FAIL, log
        # Differences that count: anything unexpected, and a missing
        # finding of a rule this engine implements.
        differences = []
        for line in cout.splitlines():
            m = re.match(r'^.*:\d+: missing ([a-z-]+)$', line)
            if m and m.group(1) not in tools['rules']:
                continue
            differences.append(line)
        if differences:
            return lit.Test.FAIL, log + '# differences:\n%s\n' % '\n'.join(differences)
        return lit.Test.PASS, log
