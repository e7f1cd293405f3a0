# The reference corpus must also be clean for the kernel's own tools:
# sparse's context checking on every target, checkpatch from 6.12 (the
# newest tree Debian ships), and the
# shim's entry sizes must match the tear flags of targets.def.
file(GLOB PTWALK_REFERENCE ${PROJECT_SOURCE_DIR}/testsuite/corpus/reference/*.c)
add_test(NAME reference-sparse
  COMMAND ${PROJECT_SOURCE_DIR}/testsuite/compile-corpus.sh --sparse
          ${PTWALK_REFERENCE})
add_test(NAME reference-checkpatch
  COMMAND sh -c "c=$0 f=$1; shift; \"$c\" --checkpatch \"$(\"$f\" 6.12)\" \"$@\""
          ${PROJECT_SOURCE_DIR}/testsuite/compile-corpus.sh
          ${PROJECT_SOURCE_DIR}/testsuite/kernel/fetch-linux
          ${PTWALK_REFERENCE})
add_test(NAME shim-sizes
  COMMAND ${PROJECT_SOURCE_DIR}/testsuite/compile-corpus.sh --sizes)
