// The C functions QGIS 3.22 looks up in a C++ plugin (see qgisplugin.h):
// metadata returns const QString *, and nothing may throw across them.
#include "plugin/htsplan_plugin.h"
#include "plugin_metadata.h"

#include <qgis.h>
#include <qgsmessagelog.h>

QGISEXTERN QgisPlugin *classFactory( QgisInterface *iface )
{
  try
  {
    return new htsplan::HtsplanPlugin( iface );
  }
  catch ( const std::exception &e )
  {
    QgsMessageLog::logMessage( QStringLiteral( "cannot start: %1" ).arg( e.what() ), QStringLiteral( "htsplan" ), Qgis::MessageLevel::Critical );
  }
  catch ( ... )
  {
    QgsMessageLog::logMessage( QStringLiteral( "cannot start" ), QStringLiteral( "htsplan" ), Qgis::MessageLevel::Critical );
  }
  return nullptr;
}

QGISEXTERN const QString *name()
{
  static const QString value = QStringLiteral( HTSPLAN_PLUGIN_NAME );
  return &value;
}

QGISEXTERN const QString *description()
{
  static const QString value = QString::fromUtf8( HTSPLAN_PLUGIN_DESCRIPTION );
  return &value;
}

QGISEXTERN const QString *category()
{
  static const QString value = QStringLiteral( HTSPLAN_PLUGIN_CATEGORY );
  return &value;
}

QGISEXTERN const QString *version()
{
  static const QString value = QStringLiteral( HTSPLAN_PLUGIN_VERSION );
  return &value;
}

QGISEXTERN const QString *icon()
{
  static const QString value = QStringLiteral( HTSPLAN_PLUGIN_ICON );
  return &value;
}

QGISEXTERN int type()
{
  return QgisPlugin::UI;
}

QGISEXTERN void unload( QgisPlugin *plugin )
{
  delete plugin;
}
