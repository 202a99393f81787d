#include "provider.h"

#include "alg_assign.h"
#include "alg_coverage.h"
#include "alg_dbscan.h"
#include "alg_density.h"
#include "alg_hexdensity.h"
#include "alg_kde.h"
#include "alg_nni.h"

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
