# Checks against a real kernel: Debian's linux-source-6.1, unpacked once
# into a cache outside the checkout by fetch-linux-6.1.
add_test(NAME kernel-6.1-cocci
  COMMAND ${PROJECT_SOURCE_DIR}/testsuite/kernel/check-cocci-6.1
          ${PROJECT_BINARY_DIR})
set_tests_properties(kernel-6.1-cocci PROPERTIES TIMEOUT 1800)
