#pragma once
// The dock's first load off the GUI thread: the files read through their own
// GDAL handles (no QgsVectorLayer is touched here) and Dashboard::build; then
// every year is arithmetic on the GUI thread.
#include "maps/dashboard_state.h"
#include "planning/dashboard.h"
#include "plugin/engine_task.h"

#include <QDateTime>
#include <QRectF>

#include <functional>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace htsplan
{

//! A facility placed in a county, to select a city's or a county's features on the map.
struct PlacedFacility
{
    Kind kind = Kind::Base;
    long long fid = 0;
    int county = -1;
    int countsFrom = 0; //!< the first year it counts toward its target (countsTowardTarget), 0: in no year of the dashboard
};

//! What the dock shows: the dashboard of one set of files and choices.
struct DashboardData
{
    DashboardState state;                     //!< the choices it was made from (paths absolute)
    //! Not const: the dock points its behind-pace flags at the what-if split (Dashboard::setAllocation, main thread only).
    std::shared_ptr<Dashboard> dashboard;
    std::vector<PlacedFacility> placed;       //!< in the file's order
    std::vector<QRectF> cityExtents, countyExtents; //!< EPSG:4490, Metrics order
    std::set<std::string> centralCities;      //!< codes
    std::vector<std::string> cityBlueZone;    //!< per city: "full", "partial" or "none" (the admin map's blue_zone)
    std::vector<std::string> problemLines;    //!< summariseProblems of the read and the metrics
    QDateTime facilitiesModified;             //!< the file's time when it was read
    double seconds = 0;                       //!< how long the load took
};

struct DashboardOutcome
{
    std::shared_ptr<const DashboardData> data; //!< null unless the load succeeded
    QString error;
    bool canceled = false;
};

class DashboardTask : public EngineTask
{
    Q_OBJECT

  public:
    //! onFinished is called on the GUI thread when the task ends, however it ends.
    using FinishedCallback = std::function<void( const DashboardOutcome & )>;

    DashboardTask( const DashboardState &state, FinishedCallback onFinished );

  protected:
    void work() override;
    void deliver( bool canceled, const QString &error ) override;

  private:
    DashboardState mState;
    std::shared_ptr<DashboardData> mData;
    FinishedCallback mOnFinished;
};

} // namespace htsplan
