#include "processing/provider.h"

#include "processing/assign_algorithm.h"
#include "processing/coverage_algorithm.h"
#include "processing/dbscan_algorithm.h"
#include "processing/density_algorithm.h"
#include "processing/hex_density_algorithm.h"
#include "processing/kde_algorithm.h"
#include "processing/nni_algorithm.h"

#include <qgsapplication.h>

namespace htsplan
{

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
  return QgsApplication::getThemeIcon( QStringLiteral( "/processingAlgorithm.svg" ) );
}

QString Provider::versionInfo() const
{
  return QStringLiteral( HTSPLAN_VERSION );
}

void Provider::loadAlgorithms()
{
  addAlgorithm( new AssignAlgorithm() );
  addAlgorithm( new DensityAlgorithm() );
  addAlgorithm( new HexDensityAlgorithm() );
  addAlgorithm( new CoverageAlgorithm() );
  addAlgorithm( new NniAlgorithm() );
  addAlgorithm( new DbscanAlgorithm() );
  addAlgorithm( new KdeAlgorithm() );
}

} // namespace htsplan
