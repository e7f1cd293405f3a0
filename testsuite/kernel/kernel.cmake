# Checks against real kernels: Debian's linux-source-6.1 and
# linux-source-6.12, each unpacked once into a cache outside the checkout
# by fetch-linux.
foreach(tree 6.1 6.12)
  add_test(NAME kernel-${tree}-cocci
    COMMAND ${PROJECT_SOURCE_DIR}/testsuite/kernel/check-cocci ${tree}
            ${PROJECT_BINARY_DIR})
  set_tests_properties(kernel-${tree}-cocci PROPERTIES TIMEOUT 1800)

  # ptwalk as a CI stage (check-ci-stage): SARIF that validates, a
  # baseline that holds over shifted lines and catches a mutant, and the
  # same bytes at -j1 and -j2.
  add_test(NAME kernel-${tree}-ci-stage
    COMMAND ${PROJECT_SOURCE_DIR}/testsuite/kernel/check-ci-stage ${tree}
            ${PROJECT_BINARY_DIR})
  set_tests_properties(kernel-${tree}-ci-stage PROPERTIES TIMEOUT 1800)

  # The Clang plugin inside Kbuild (build-linux TREE ci): mm/gup.o and
  # kernel/events/core.o built with LLVM=1 for x86_64 and i386 PAE,
  # objects byte-identical with and without the plugin, no crash, every
  # finding triaged in triage-TREE-clang.txt, and the README's three
  # recipes on mm/gup.c.  The prepared build directories are cached in
  # $PTWALK_CACHE; a cold run prepares them first.
  if(PTWALK_BUILD_CHECKER)
    add_test(NAME kernel-${tree}-clang
      COMMAND ${PROJECT_SOURCE_DIR}/testsuite/kernel/build-linux ${tree} ci
              ${PROJECT_BINARY_DIR})
    set_tests_properties(kernel-${tree}-clang PROPERTIES TIMEOUT 3600)
    # Both engines on the real mm/gup.c: clean of the flow rules, and one
    # finding on its line per mutant of mutants-gup-TREE.txt.
    add_test(NAME kernel-${tree}-mutants
      COMMAND ${PROJECT_SOURCE_DIR}/testsuite/kernel/mutate-gup ${tree}
              ${PROJECT_BINARY_DIR})
    set_tests_properties(kernel-${tree}-mutants PROPERTIES TIMEOUT 3600
      DEPENDS kernel-${tree}-clang)
    # The arch port audit (check-audit): the table with both builds as
    # column groups, its known cells, and the HTML page's links.
    add_test(NAME kernel-${tree}-audit
      COMMAND ${PROJECT_SOURCE_DIR}/testsuite/kernel/check-audit ${tree}
              ${PROJECT_BINARY_DIR})
    set_tests_properties(kernel-${tree}-audit PROPERTIES TIMEOUT 3600
      DEPENDS kernel-${tree}-clang)
    # ptwalk --fix on the mutants with mechanical fixes, applied to a
    # copy with git apply: silent after, compiles in both configurations;
    # 6.1's torn pmd read, which has no safe reader in 6.1, gets no fix.
    add_test(NAME kernel-${tree}-fix
      COMMAND ${PROJECT_SOURCE_DIR}/testsuite/kernel/fix-gup ${tree}
              ${PROJECT_BINARY_DIR})
    set_tests_properties(kernel-${tree}-fix PROPERTIES TIMEOUT 1800
      DEPENDS kernel-${tree}-clang)
  endif()
endforeach()

# The fix that shipped between the trees: 6.1's torn pmd read in
# gup_pmd_range() on i386 PAE is reported by both engines, and 6.12's
# gup_fast_pmd_range() (pmdp_get_lockless(), 1180e732c985) by neither.
if(PTWALK_BUILD_CHECKER)
  add_test(NAME kernel-torn-pmd-regression
    COMMAND ${PROJECT_SOURCE_DIR}/testsuite/kernel/regress-torn-pmd
            ${PROJECT_BINARY_DIR})
  set_tests_properties(kernel-torn-pmd-regression PROPERTIES TIMEOUT 1800
    DEPENDS "kernel-6.1-clang;kernel-6.12-clang")
endif()

# Pre-submission review on the real trees (check-patch-review): a walker
# of the seed's shape added to a copy of 6.1's mm/gup.c, 6.12's pmd
# re-check deleted (applied and not, Coccinelle and -p), and an unrelated
# patch of 6.1's mm/gup.c that must give nothing.
if(PTWALK_BUILD_CHECKER)
  add_test(NAME kernel-patch-review
    COMMAND ${PROJECT_SOURCE_DIR}/testsuite/kernel/check-patch-review
            ${PROJECT_BINARY_DIR})
  set_tests_properties(kernel-patch-review PROPERTIES TIMEOUT 1800
    DEPENDS "kernel-6.1-clang;kernel-6.12-clang")
endif()
