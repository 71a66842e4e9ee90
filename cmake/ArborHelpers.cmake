# One place for the flags every Arbor target gets (Qt Creator's add_qtc_library idea).

function(arbor_set_common_options target)
  target_compile_features(${target} PUBLIC cxx_std_20)
  target_compile_definitions(${target} PRIVATE
    QT_NO_CAST_FROM_ASCII QT_NO_CAST_TO_ASCII QT_NO_FOREACH QT_NO_KEYWORDS
    QT_DISABLE_DEPRECATED_BEFORE=0x060400 QT_NO_URL_CAST_FROM_STRING)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow=local -Wno-missing-field-initializers)
  if(ARBOR_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()

# arbor_add_library(NAME SOURCES ... PUBLIC_LIBS ... PRIVATE_LIBS ...)
function(arbor_add_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;PUBLIC_LIBS;PRIVATE_LIBS" ${ARGN})
  add_library(${name} STATIC ${ARG_SOURCES})
  target_link_libraries(${name} PUBLIC ${ARG_PUBLIC_LIBS} PRIVATE ${ARG_PRIVATE_LIBS})
  arbor_set_common_options(${name})
endfunction()

# arbor_add_executable(NAME SOURCES ... LIBS ... [EXCLUDE_FROM_ALL] [INSTALL_DESTINATION dir])
# The product's binaries, the tools and the benchmarks: the same flags as the libraries and tests.
function(arbor_add_executable name)
  cmake_parse_arguments(ARG "EXCLUDE_FROM_ALL" "INSTALL_DESTINATION" "SOURCES;LIBS" ${ARGN})
  if(ARG_EXCLUDE_FROM_ALL)
    add_executable(${name} EXCLUDE_FROM_ALL ${ARG_SOURCES})
  else()
    add_executable(${name} ${ARG_SOURCES})
  endif()
  target_link_libraries(${name} PRIVATE ${ARG_LIBS})
  arbor_set_common_options(${name})
  if(ARG_INSTALL_DESTINATION)
    install(TARGETS ${name} RUNTIME DESTINATION ${ARG_INSTALL_DESTINATION})
  endif()
endfunction()

# arbor_add_test(NAME SOURCES ... LIBS ... LABELS unit|integration|gui [TIMEOUT s])
# Every test runs with the offscreen platform and its own temporary HOME-independent paths.
function(arbor_add_test name)
  # WRAPPER: a script the test runs under (it gets the test binary and its arguments).
  cmake_parse_arguments(ARG "" "TIMEOUT;WRAPPER" "SOURCES;LIBS;LABELS" ${ARGN})
  if(NOT ARG_TIMEOUT)
    set(ARG_TIMEOUT 300)
  endif()
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE Qt6::Test ${ARG_LIBS})
  arbor_set_common_options(${name})
  if(ARG_WRAPPER)
    add_test(NAME ${name} COMMAND ${ARG_WRAPPER} $<TARGET_FILE:${name}>)
  else()
    add_test(NAME ${name} COMMAND ${name})
  endif()
  set_tests_properties(${name} PROPERTIES
    LABELS "${ARG_LABELS}"
    TIMEOUT ${ARG_TIMEOUT}
    ENVIRONMENT "QT_QPA_PLATFORM=offscreen;ARBOR_SANDBOX_TOOL=$<TARGET_FILE_DIR:${name}>")
endfunction()
