# libFuzzer targets (testsuite/fuzz/), built with the clang of the LLVM the
# checker uses, -fsanitize=fuzzer,address,undefined: the readers of
# untrusted text.  ctest runs each briefly on its committed corpus
# (fuzz-NAME); testsuite/fuzz/run-fuzz runs one for as long as asked.
#
# They are built by custom commands because CMake has one C compiler per
# project, and the driver is built with the system's.

if(NOT PTWALK_BUILD_CHECKER)
  return()
endif()
get_filename_component(_fuzz_llvm_bin ${PTWALK_CHECKER_CLANG} DIRECTORY)
set(_fuzz_cc ${PTWALK_CHECKER_CLANG})
set(_fuzz_cxx ${_fuzz_llvm_bin}/clang++)
set(_fuzz_flags -g -O1 -fsanitize=fuzzer,address,undefined
    -fno-sanitize-recover=undefined)
set(_fuzz_c_flags ${_fuzz_flags} -std=c11 -D_POSIX_C_SOURCE=200809L
    -D_DEFAULT_SOURCE -I${PROJECT_SOURCE_DIR}/driver
    -I${PROJECT_SOURCE_DIR}/rules -I${PROJECT_SOURCE_DIR}/testsuite/fuzz)
set(_fuzz_dir ${PROJECT_BINARY_DIR}/fuzz)
set(_fuzz_src ${PROJECT_SOURCE_DIR}/testsuite/fuzz)
set(_driver ${PROJECT_SOURCE_DIR}/driver)
file(MAKE_DIRECTORY ${_fuzz_dir})

# NAME, then its sources; C targets link jansson.
function(ptwalk_c_fuzzer name)
  add_custom_command(OUTPUT ${_fuzz_dir}/fuzz_${name}
    COMMAND ${_fuzz_cc} ${_fuzz_c_flags} -o ${_fuzz_dir}/fuzz_${name} ${ARGN}
            ${_fuzz_src}/fuzz_file.c ${_fuzz_src}/fuzz_diag.c ${_driver}/util.c
            ${JANSSON_LDFLAGS}
    DEPENDS ${ARGN} ${_fuzz_src}/fuzz_file.c ${_fuzz_src}/fuzz_diag.c
            ${_driver}/util.c
    COMMENT "Building fuzz target fuzz_${name}" VERBATIM)
  add_custom_target(fuzz_${name} ALL DEPENDS ${_fuzz_dir}/fuzz_${name})
endfunction()

ptwalk_c_fuzzer(compile_db ${_fuzz_src}/fuzz_compile_db.c
  ${_driver}/compile_db.c ${_driver}/paths.c)
ptwalk_c_fuzzer(patch ${_fuzz_src}/fuzz_patch.c ${_driver}/patch.c)
ptwalk_c_fuzzer(baseline ${_fuzz_src}/fuzz_baseline.c
  ${_driver}/baseline.c ${_driver}/findings.c ${_driver}/catalogue.c)

separate_arguments(_fuzz_llvm_defs NATIVE_COMMAND "${PTWALK_LLVM_DEFINITIONS}")
set(_fuzz_llvm_includes)
foreach(dir ${PTWALK_LLVM_INCLUDE_DIRS})
  list(APPEND _fuzz_llvm_includes -isystem ${dir})
endforeach()
set(_fuzz_kbuild_sources ${_fuzz_src}/fuzz_kbuild_args.cpp
  ${PROJECT_SOURCE_DIR}/checker/tool/CompileArgs.cpp
  ${PROJECT_SOURCE_DIR}/checker/lib/Options.cpp
  ${PROJECT_SOURCE_DIR}/checker/lib/Catalogue.cpp)
add_custom_command(OUTPUT ${_fuzz_dir}/fuzz_kbuild_args
  COMMAND ${_fuzz_cxx} ${_fuzz_flags} -std=c++17 -fno-rtti ${_fuzz_llvm_defs}
          -DPTWALK_CLANG_RESOURCE_DIR="${PTWALK_CLANG_RESOURCE_DIR}"
          ${_fuzz_llvm_includes}
          -I${PROJECT_SOURCE_DIR}/checker/tool -I${PROJECT_SOURCE_DIR}/checker/lib
          -I${PROJECT_SOURCE_DIR}/rules
          -o ${_fuzz_dir}/fuzz_kbuild_args ${_fuzz_kbuild_sources}
          -L${PTWALK_LLVM_LIBRARY_DIR} -lclang-cpp -lLLVM
  DEPENDS ${_fuzz_kbuild_sources}
  COMMENT "Building fuzz target fuzz_kbuild_args" VERBATIM)
add_custom_target(fuzz_kbuild_args ALL DEPENDS ${_fuzz_dir}/fuzz_kbuild_args)

foreach(target patch compile_db baseline kbuild_args)
  if(target STREQUAL "kbuild_args")
    set(_dict ${_fuzz_src}/args.dict)
  elseif(target STREQUAL "patch")
    set(_dict ${_fuzz_src}/patch.dict)
  else()
    set(_dict ${_fuzz_src}/json.dict)
  endif()
  add_test(NAME fuzz-${target}
    COMMAND ${_fuzz_src}/run-fuzz ${_fuzz_dir}/fuzz_${target}
            ${_fuzz_src}/corpus/${target} ${_dict} 10)
endforeach()
