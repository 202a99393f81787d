#include "plugin/dashboard_task.h"

#include "report/inputs.h"

#include <QFileInfo>

#include <chrono>

namespace htsplan
{

DashboardTask::DashboardTask( const DashboardState &state, FinishedCallback onFinished )
  : EngineTask( tr( "htsplan dashboard" ) )
  , mState( state )
  , mOnFinished( std::move( onFinished ) )
{
  // Reading takes the first 40% of the bar, the dashboard the rest.
  connect( &feedback(), &QgsFeedback::progressChanged, this, [this]( double progress ) { setProgress( 40.0 + 0.6 * progress ); }, Qt::DirectConnection );
}

void DashboardTask::work()
{
  const auto start = std::chrono::steady_clock::now();
  QgsFeedback loading;
  connect( &loading, &QgsFeedback::progressChanged, this, [this]( double progress ) { setProgress( 0.4 * progress ); }, Qt::DirectConnection );
  connect( &feedback(), &QgsFeedback::canceled, &loading, &QgsFeedback::cancel, Qt::DirectConnection );
  InputPaths paths;
  paths.adminPath = mState.adminPath.toStdString();
  paths.facilitiesPath = mState.facilitiesPath.toStdString();
  paths.targetsPath = mState.targetsPath.toStdString();
  paths.vintage = mState.vintage;
  PlanningInputs inputs = loadPlanningInputs( paths, &loading );
  if ( !mState.centralCities.isEmpty() )
  {
    inputs.targets.centralCities.clear();
    for ( const QString &city : mState.centralCities )
      inputs.targets.centralCities.push_back( city.trimmed().toStdString() );
  }

  auto data = std::make_shared<DashboardData>();
  data->state = mState;
  data->facilitiesModified = QFileInfo( mState.facilitiesPath ).lastModified();
  const double radiusKm = mState.radiusKm > 0 ? mState.radiusKm : DEFAULT_COVERAGE_RADIUS_KM;
  data->dashboard = std::make_shared<Dashboard>( Dashboard::build( inputs.admin, inputs.facilities, inputs.targets, radiusKm, &feedback() ) );

  const Metrics &m = data->dashboard->metrics();
  const std::vector<Facility> &items = inputs.facilities.items;
  data->placed.reserve( items.size() );
  for ( size_t i = 0; i < items.size() && i < m.facilityCounty.size(); ++i )
    if ( m.facilityCounty[i] >= 0 )
      data->placed.push_back( { items[i].kind, items[i].fid, m.facilityCounty[i], data->dashboard->countsFromYear( items[i] ) } );
  auto extentOf = []( const AdminUnit &unit ) {
    OGREnvelope e;
    if ( unit.geometry )
      unit.geometry->getEnvelope( &e );
    return unit.geometry ? QRectF( QPointF( e.MinX, e.MinY ), QPointF( e.MaxX, e.MaxY ) ) : QRectF();
  };
  for ( const AdminUnit &c : inputs.admin.cities )
  {
    data->cityExtents.push_back( extentOf( c ) );
    data->cityBlueZone.push_back( c.blueZoneText );
  }
  for ( const AdminUnit &c : inputs.admin.counties )
    data->countyExtents.push_back( extentOf( c ) );
  // The metrics' problems hold the reader's; the central cities' are said once more there.
  Problems central;
  data->centralCities = centralCityCodes( inputs.admin, inputs.targets, central );
  data->problemLines = summariseProblems( m.problems );
  data->seconds = std::chrono::duration<double>( std::chrono::steady_clock::now() - start ).count();
  mData = data;
}

void DashboardTask::deliver( bool canceled, const QString &error )
{
  DashboardOutcome outcome;
  outcome.canceled = canceled;
  outcome.error = error;
  if ( !canceled && error.isEmpty() )
    outcome.data = mData;
  if ( mOnFinished )
    mOnFinished( outcome );
}

} // namespace htsplan
