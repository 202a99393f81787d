# Imported targets for Debian's QGIS 3.22 libraries.
# FindQGIS.cmake reports the plugin folder wrongly on merged-/usr systems and
# gives plain variables; we want targets and the forwarding headers below.
find_path(QGIS_INCLUDE_DIR qgis_core.h PATHS /usr/include/qgis REQUIRED)

# Debian 12's libqgis-dev is 3.22 (LTR); the plugin ABI and the exported
# metadata functions are 3.22's, so any other version is refused here.
file(STRINGS "${QGIS_INCLUDE_DIR}/qgsconfig.h" _qgis_version_line
     REGEX "^#define _?QGIS_VERSION_INT [0-9]+" LIMIT_COUNT 1)
if(NOT _qgis_version_line)
  file(STRINGS "${QGIS_INCLUDE_DIR}/qgsconfig.h" _qgis_version_line
       REGEX "^#define VERSION_INT [0-9]+" LIMIT_COUNT 1)
endif()
string(REGEX MATCH "[0-9]+$" _qgis_version_int "${_qgis_version_line}")
if(NOT _qgis_version_int)
  message(FATAL_ERROR "htsplan needs QGIS 3.22 (libqgis-dev), found no version in ${QGIS_INCLUDE_DIR}/qgsconfig.h")
endif()
math(EXPR _qgis_major "${_qgis_version_int} / 10000")
math(EXPR _qgis_minor "(${_qgis_version_int} / 100) % 100")
math(EXPR _qgis_patch "${_qgis_version_int} % 100")
set(QGIS_VERSION "${_qgis_major}.${_qgis_minor}.${_qgis_patch}")
if(NOT QGIS_VERSION VERSION_GREATER_EQUAL 3.22 OR NOT QGIS_VERSION VERSION_LESS 3.23)
  message(FATAL_ERROR "htsplan needs QGIS 3.22 (libqgis-dev), found ${QGIS_VERSION} in ${QGIS_INCLUDE_DIR}")
endif()
message(STATUS "Found QGIS ${QGIS_VERSION}: ${QGIS_INCLUDE_DIR}")

foreach(_c core gui analysis)
  find_library(QGIS_${_c}_LIBRARY NAMES qgis_${_c} PATHS /usr/lib REQUIRED)
endforeach()

# A dozen installed headers include siblings with a folder prefix
# ("scalebar/qgsscalebarsettings.h") while Debian installs them flat: forward
# each to the flat file by absolute path.
set(QGIS_FWD_DIR "${CMAKE_BINARY_DIR}/qgis_forward")
file(GLOB _qgis_headers "${QGIS_INCLUDE_DIR}/*.h")
set(_prefixed "")
foreach(_h ${_qgis_headers})
  file(STRINGS "${_h}" _lines REGEX "^#include \"[a-z0-9_]+/[a-z0-9_]+\\.h\"")
  foreach(_l ${_lines})
    string(REGEX REPLACE "^#include \"([a-z0-9_]+/[a-z0-9_]+\\.h)\".*" "\\1" _p "${_l}")
    list(APPEND _prefixed "${_p}")
  endforeach()
endforeach()
list(REMOVE_DUPLICATES _prefixed)
foreach(_p ${_prefixed})
  get_filename_component(_name "${_p}" NAME)
  if(EXISTS "${QGIS_INCLUDE_DIR}/${_name}")
    file(WRITE "${QGIS_FWD_DIR}/${_p}.tmp" "#include \"${QGIS_INCLUDE_DIR}/${_name}\"\n")
    configure_file("${QGIS_FWD_DIR}/${_p}.tmp" "${QGIS_FWD_DIR}/${_p}" COPYONLY)
  endif()
endforeach()

# Debian's QGIS was built with QtWebKit but qgsconfig.h does not say so; some
# core headers (qgswebpage.h, via the layout label) need WITH_QTWEBKIT.
find_package(Qt5 REQUIRED COMPONENTS WebKitWidgets)
add_library(qgis::core SHARED IMPORTED)
set_target_properties(qgis::core PROPERTIES
  IMPORTED_LOCATION "${QGIS_core_LIBRARY}"
  INTERFACE_INCLUDE_DIRECTORIES "${QGIS_INCLUDE_DIR};${QGIS_FWD_DIR}"
  # Warnings (deprecations included) inside QGIS's headers are not ours to fix.
  INTERFACE_SYSTEM_INCLUDE_DIRECTORIES "${QGIS_INCLUDE_DIR};${QGIS_FWD_DIR}"
  INTERFACE_COMPILE_DEFINITIONS "WITH_QTWEBKIT"
  INTERFACE_LINK_LIBRARIES "Qt5::Core;Qt5::Gui;Qt5::Xml;Qt5::Svg;Qt5::Widgets;Qt5::PrintSupport;Qt5::Network;Qt5::Concurrent;Qt5::WebKitWidgets;GDAL::GDAL;PROJ::proj")

add_library(qgis::analysis SHARED IMPORTED)
set_target_properties(qgis::analysis PROPERTIES
  IMPORTED_LOCATION "${QGIS_analysis_LIBRARY}"
  INTERFACE_LINK_LIBRARIES "qgis::core")

add_library(qgis::gui SHARED IMPORTED)
set_target_properties(qgis::gui PROPERTIES
  IMPORTED_LOCATION "${QGIS_gui_LIBRARY}"
  INTERFACE_LINK_LIBRARIES "qgis::core")

# The same for GDAL's headers (included directly by our I/O code).
get_target_property(_gdal_includes GDAL::GDAL INTERFACE_INCLUDE_DIRECTORIES)
if(_gdal_includes)
  set_property(TARGET GDAL::GDAL APPEND PROPERTY INTERFACE_SYSTEM_INCLUDE_DIRECTORIES "${_gdal_includes}")
endif()
