# Included from app/CMakeLists.txt (the arbor target's directory).
# lupdate must see every tr() of core/, widgets/ and app/: qt_add_translations scans only the target's
# own sources unless SOURCES names them. `cmake --build B --target update_translations` refreshes the
# .ts files; the build compiles them to .qm, embedded under :/i18n and installed to share/arbor/translations.
file(GLOB_RECURSE ARBOR_TR_SOURCES CONFIGURE_DEPENDS
  ${PROJECT_SOURCE_DIR}/core/*.cpp ${PROJECT_SOURCE_DIR}/core/*.h
  ${PROJECT_SOURCE_DIR}/widgets/*.cpp ${PROJECT_SOURCE_DIR}/widgets/*.h
  ${PROJECT_SOURCE_DIR}/app/*.cpp ${PROJECT_SOURCE_DIR}/app/*.h)
list(FILTER ARBOR_TR_SOURCES EXCLUDE REGEX "/guiguard/")
set(ARBOR_TS_FILES
  ${PROJECT_SOURCE_DIR}/translations/arbor_de.ts
  ${PROJECT_SOURCE_DIR}/translations/arbor_en.ts)
# The .qm files land in <build>/app (no OUTPUT_LOCATION: elsewhere the resource alias would become
# "../…" and :/i18n/arbor_de.qm would not exist); tests load them from there; they are installed too.
qt_add_translations(arbor
  TS_FILES ${ARBOR_TS_FILES}
  SOURCES ${ARBOR_TR_SOURCES}
  INCLUDE_DIRECTORIES ${PROJECT_SOURCE_DIR}/core ${PROJECT_SOURCE_DIR}/widgets ${PROJECT_SOURCE_DIR}/app
  LUPDATE_OPTIONS -no-obsolete -locations none
  RESOURCE_PREFIX /i18n)
foreach(ts IN LISTS ARBOR_TS_FILES)
  get_filename_component(qm ${ts} NAME_WE)
  install(FILES ${CMAKE_CURRENT_BINARY_DIR}/${qm}.qm DESTINATION share/arbor/translations)
endforeach()
