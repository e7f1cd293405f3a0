# Checks against a real kernel: Debian's linux-source-6.1, unpacked once
# into a cache outside the checkout by fetch-linux-6.1.
add_test(NAME kernel-6.1-cocci
  COMMAND ${PROJECT_SOURCE_DIR}/testsuite/kernel/check-cocci-6.1
          ${PROJECT_BINARY_DIR})
set_tests_properties(kernel-6.1-cocci PROPERTIES TIMEOUT 1800)

# The Clang plugin inside Kbuild (build-linux-6.1 ci): mm/gup.o and
# kernel/events/core.o built with LLVM=1 for x86_64 and i386 PAE, objects
# byte-identical with and without the plugin, no crash, every finding
# triaged in triage-6.1-clang.txt, and the README's three recipes on
# mm/gup.c.  The prepared build directories are cached in $PTWALK_CACHE;
# a cold run prepares both first.
if(PTWALK_BUILD_CHECKER)
  add_test(NAME kernel-6.1-clang
    COMMAND ${PROJECT_SOURCE_DIR}/testsuite/kernel/build-linux-6.1 ci
            ${PROJECT_BINARY_DIR})
  set_tests_properties(kernel-6.1-clang PROPERTIES TIMEOUT 3600)
  # The flow rules on the real mm/gup.c: clean, and one finding per mutant.
  add_test(NAME kernel-6.1-clang-mutants
    COMMAND ${PROJECT_SOURCE_DIR}/testsuite/kernel/mutate-gup-6.1
            ${PROJECT_BINARY_DIR})
  set_tests_properties(kernel-6.1-clang-mutants PROPERTIES TIMEOUT 3600
    DEPENDS kernel-6.1-clang)
endif()
