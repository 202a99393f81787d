# Qwt 6.1 for Qt 5 (Debian's libqwt-qt5-dev, the version QGIS 3.22's GUI
# library is built with) as the imported target qwt::qwt. Debian ships no CMake
# package for it: headers in /usr/include/qwt, the library libqwt-qt5.so.
find_path(QWT_INCLUDE_DIR qwt_plot.h PATHS /usr/include/qwt /usr/include/qwt-qt5 NO_DEFAULT_PATH)
find_library(QWT_LIBRARY NAMES qwt-qt5)
if(NOT QWT_INCLUDE_DIR OR NOT QWT_LIBRARY)
  message(FATAL_ERROR "htsplan needs Qwt 6.1 for Qt 5 for its charts (maps/charts.cpp): "
                      "install libqwt-qt5-dev (scripts/setup.sh); found headers: '${QWT_INCLUDE_DIR}', library: '${QWT_LIBRARY}'")
endif()
file(STRINGS "${QWT_INCLUDE_DIR}/qwt_global.h" _qwt_version_line REGEX "^#define QWT_VERSION_STR" LIMIT_COUNT 1)
string(REGEX MATCH "[0-9]+\\.[0-9]+\\.[0-9]+" QWT_VERSION "${_qwt_version_line}")
if(NOT QWT_VERSION VERSION_GREATER_EQUAL 6.1 OR NOT QWT_VERSION VERSION_LESS 6.2)
  message(FATAL_ERROR "htsplan's charts are written for Qwt 6.1, found '${QWT_VERSION}' in ${QWT_INCLUDE_DIR}")
endif()
message(STATUS "Found Qwt ${QWT_VERSION}: ${QWT_LIBRARY}")

add_library(qwt::qwt SHARED IMPORTED)
set_target_properties(qwt::qwt PROPERTIES
  IMPORTED_LOCATION "${QWT_LIBRARY}"
  INTERFACE_INCLUDE_DIRECTORIES "${QWT_INCLUDE_DIR}"
  # Qwt's headers are not ours to keep free of warnings (-Wshadow, -Wconversion).
  INTERFACE_SYSTEM_INCLUDE_DIRECTORIES "${QWT_INCLUDE_DIR}"
  INTERFACE_LINK_LIBRARIES "Qt5::Core;Qt5::Gui;Qt5::Widgets;Qt5::Svg;Qt5::PrintSupport")
