#include "processing/provider.h"

#include "processing/allocate_algorithm.h"
#include "processing/assign_algorithm.h"
#include "processing/china_coords_algorithm.h"
#include "processing/import_list_algorithm.h"
#include "processing/coverage_algorithm.h"
#include "processing/dbscan_algorithm.h"
#include "processing/density_algorithm.h"
#include "processing/growth_algorithm.h"
#include "processing/hex_density_algorithm.h"
#include "processing/hotspots_algorithm.h"
#include "processing/kde_algorithm.h"
#include "processing/moran_algorithm.h"
#include "processing/nni_algorithm.h"
#include "processing/specialization_algorithm.h"
#include "processing/validate_algorithm.h"

#include <QIcon>

// Q_INIT_RESOURCE must be called outside a namespace.
static void registerToolboxIcons()
{
  Q_INIT_RESOURCE( processing_icons );
}

namespace htsplan
{

Provider::Provider()
{
  registerToolboxIcons();
}

QString Provider::id() const
{
  return QStringLiteral( "htsplan" );
}

QString Provider::name() const
{
  return QStringLiteral( "htsplan" );
}

QString Provider::longName() const
{
  return QStringLiteral( "htsplan — high-tech service planning (高技术服务业规划)" );
}

QIcon Provider::icon() const
{
  return QIcon( svgIconPath() );
}

QString Provider::svgIconPath() const
{
  return QStringLiteral( ":/htsplan-processing/htsplan.svg" );
}

QString Provider::versionInfo() const
{
  return QStringLiteral( HTSPLAN_VERSION );
}

void Provider::loadAlgorithms()
{
  mOrder.clear();
  add( new KdeAlgorithm() );
  add( new DbscanAlgorithm() );
  add( new NniAlgorithm() );
  add( new HotspotsAlgorithm() );
  add( new MoranAlgorithm() );
  add( new SpecializationAlgorithm() );
  add( new HexDensityAlgorithm() );
  add( new DensityAlgorithm() );
  add( new CoverageAlgorithm() );
  add( new AssignAlgorithm() );
  add( new ImportListAlgorithm() );
  add( new ChinaCoordsAlgorithm() );
  add( new GrowthAlgorithm() );
  add( new AllocateAlgorithm() );
  add( new ValidateAlgorithm() );
}

void Provider::add( Algorithm *algorithm )
{
  const QString name = algorithm->name();
  if ( addAlgorithm( algorithm ) )
    mOrder << name;
}

QList<const Algorithm *> Provider::orderedAlgorithms() const
{
  QList<const Algorithm *> ordered;
  for ( const QString &name : mOrder )
    if ( const Algorithm *algorithm = dynamic_cast<const Algorithm *>( this->algorithm( name ) ) )
      ordered << algorithm;
  return ordered;
}

} // namespace htsplan
