# The lit suites, run under ctest: one ctest entry per suite.
#
# lit and FileCheck come from an LLVM install (Debian: llvm-N-tools puts
# lit.py under /usr/lib/llvm-N/build/utils/lit); the newest one found wins,
# and PTWALK_LIT / PTWALK_FILECHECK override the search.

# The system Python: lit must not depend on a user's virtualenv.
find_program(PTWALK_PYTHON NAMES python3 PATHS /usr/bin NO_DEFAULT_PATH)
find_program(PTWALK_PYTHON NAMES python3 REQUIRED)

file(GLOB _ptwalk_lit_candidates /usr/lib/llvm-*/build/utils/lit/lit.py)
file(GLOB _ptwalk_filecheck_candidates /usr/lib/llvm-*/bin/FileCheck)
list(SORT _ptwalk_lit_candidates COMPARE NATURAL ORDER DESCENDING)
list(SORT _ptwalk_filecheck_candidates COMPARE NATURAL ORDER DESCENDING)

find_program(_ptwalk_lit_program NAMES lit llvm-lit)
set(_ptwalk_lit_default "")
if(_ptwalk_lit_candidates)
  list(GET _ptwalk_lit_candidates 0 _ptwalk_lit_default)
elseif(_ptwalk_lit_program)
  set(_ptwalk_lit_default ${_ptwalk_lit_program})
endif()
set(PTWALK_LIT "${_ptwalk_lit_default}" CACHE FILEPATH "lit.py or lit")

find_program(_ptwalk_filecheck_program NAMES FileCheck FileCheck-14)
set(_ptwalk_filecheck_default "")
if(_ptwalk_filecheck_candidates)
  list(GET _ptwalk_filecheck_candidates 0 _ptwalk_filecheck_default)
elseif(_ptwalk_filecheck_program)
  set(_ptwalk_filecheck_default ${_ptwalk_filecheck_program})
endif()
set(PTWALK_FILECHECK "${_ptwalk_filecheck_default}" CACHE FILEPATH "FileCheck")

if(NOT PTWALK_LIT OR NOT PTWALK_FILECHECK)
  message(WARNING "lit or FileCheck not found (install llvm-14-tools or "
                  "set PTWALK_LIT/PTWALK_FILECHECK): no lit tests")
  return()
endif()

set(_ptwalk_lit_params
  --param build_dir=${PROJECT_BINARY_DIR}
  --param filecheck=${PTWALK_FILECHECK})

set(_ptwalk_lit_suites driver hardening tools cocci corpus mutation)
if(PTWALK_BUILD_CHECKER)
  list(APPEND _ptwalk_lit_suites checker)
  list(APPEND _ptwalk_lit_params --param clang=${PTWALK_CHECKER_CLANG})
endif()
foreach(suite ${_ptwalk_lit_suites})
  add_test(NAME lit-${suite}
    COMMAND ${PTWALK_PYTHON} ${PTWALK_LIT} -sv ${_ptwalk_lit_params}
            ${PROJECT_SOURCE_DIR}/testsuite/lit/${suite})
  # The mutation suite runs every rule over the whole corpus per rule.
  set_tests_properties(lit-${suite} PROPERTIES TIMEOUT 3600)
endforeach()

# The seed corpus has findings: ptwalk must exit 1 on it, not 0 (missed)
# and not 2 (trouble).
add_test(NAME seed
  COMMAND sh -c "\"$0\" \"$1\"; test $? -eq 1"
          $<TARGET_FILE:ptwalk> ${PROJECT_SOURCE_DIR}/testsuite/corpus/seed)
