# Imported targets for Debian's QGIS 3.22 libraries.
# FindQGIS.cmake reports the plugin folder wrongly on merged-/usr systems and
# gives plain variables; we want targets and the forwarding headers below.
find_path(QGIS_INCLUDE_DIR qgis_core.h PATHS /usr/include/qgis REQUIRED)
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
