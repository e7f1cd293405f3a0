# -*- Python -*-
# lit configuration for the ptwalk suites (run under ctest; see lit.cmake).
#
#   python3 lit.py -sv --param build_dir=build testsuite/lit/driver
#
# Parameters: build_dir (default <srcroot>/build), filecheck, cocci_dir
# (default <srcroot>/cocci), spatch (default: $SPATCH, else spatch in PATH).

import glob
import os
import re
import shutil
import sys

import lit.formats

config.name = 'ptwalk'
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = ['.test']
config.excludes = ['Inputs']

config.test_source_root = os.path.dirname(os.path.abspath(__file__))
srcroot = os.path.abspath(os.path.join(config.test_source_root, '..', '..'))
build_dir = os.path.abspath(lit_config.params.get('build_dir',
                                                  os.path.join(srcroot, 'build')))
config.test_exec_root = os.path.join(build_dir, 'testsuite', 'lit')


def newest(pattern):
    """The match of PATTERN with the highest LLVM version number."""
    def version(path):
        return [int(n) for n in re.findall(r'\d+', path)]
    found = sorted(glob.glob(pattern), key=version, reverse=True)
    return found[0] if found else None


def require(what, path):
    if not path or not os.path.exists(path):
        lit_config.fatal('%s not found (%s); build first or pass --param' %
                         (what, path))
    return path


bindir = os.path.join(build_dir, 'bin')
ptwalk = require('ptwalk', os.path.join(bindir, 'ptwalk'))
expect_check = require('expect-check', os.path.join(bindir, 'expect-check'))
api_sync = require('api-sync', os.path.join(bindir, 'api-sync'))
triage_check = require('triage-check', os.path.join(bindir, 'triage-check'))
patch_dump = require('patch-dump', os.path.join(bindir, 'patch-dump'))
filecheck = require('FileCheck', lit_config.params.get('filecheck') or
                    shutil.which('FileCheck') or
                    newest('/usr/lib/llvm-*/bin/FileCheck'))
cocci_dir = os.path.abspath(lit_config.params.get('cocci_dir',
                                                  os.path.join(srcroot, 'cocci')))
spatch = (lit_config.params.get('spatch') or os.environ.get('SPATCH') or
          shutil.which('spatch') or 'spatch')
# scripts/setup installs the SARIF Multitool from npm into build/npm.
sarif_multitool = (lit_config.params.get('sarif_multitool') or
                   os.path.join(build_dir, 'npm', 'node_modules', '@microsoft',
                                'sarif-multitool-linux', 'Sarif.Multitool'))
expect_exit = '%s %s' % (shutil.which('sh') or '/bin/sh',
                         os.path.join(config.test_source_root, 'expect-exit.sh'))

# Longer names first: lit substitutes in this order.
config.substitutions.extend([
    ('%expect-check', expect_check),
    ('%expect-exit', expect_exit),
    ('%api-sync', api_sync),
    ('%triage-check', triage_check),
    ('%patch-dump', patch_dump),
    ('%sarif-validate', '%s %s %s' % (
        shutil.which('sh') or '/bin/sh',
        os.path.join(config.test_source_root, 'sarif-validate.sh'),
        sarif_multitool)),
    ('%audit-html-check', '%s %s' % (
        shutil.which('python3') or 'python3',
        os.path.join(config.test_source_root, 'audit-html-check.py'))),
    ('%ptwalk', ptwalk),
    ('%spatch', spatch),
    ('%cocci_dir', cocci_dir),
    ('%srcroot', srcroot),
    ('%FileCheck', filecheck),
])

# ptwalk finds spatch through $SPATCH, else PATH; the tests see the same.
# spatch 1.1.1 dies with "exception Not_found" when HOME is unset.
config.environment['PATH'] = os.environ.get('PATH', '/usr/bin:/bin')
for name in ('SPATCH', 'HOME', 'TMPDIR'):
    if name in os.environ:
        config.environment[name] = os.environ[name]
config.environment['LC_ALL'] = 'C'

# For the custom formats in ptwalk_lit.py (corpus and mutation suites).
sys.path.insert(0, config.test_source_root)
config.ptwalk_paths = {
    'srcroot': srcroot,
    'ptwalk': ptwalk,
    'expect_check': expect_check,
    'cocci_dir': cocci_dir,
    'corpus': os.path.join(srcroot, 'testsuite', 'corpus'),
    'compile_corpus': os.path.join(srcroot, 'testsuite', 'compile-corpus.sh'),
    'rules_def': os.path.join(srcroot, 'rules', 'rules.def'),
}
