#include "processing/growth_algorithm.h"
#include "processing/planning_files.h"

#include "layers/admin.h"
#include "layers/facilities.h"
#include "layers/targets.h"
#include "planning/metrics.h"

#include <qgsprocessingoutputs.h>
#include <qgsprocessingparameters.h>
#include <qgsgeometry.h>
#include <qgsfeaturesink.h>

namespace htsplan
{

QString GrowthAlgorithm::name() const
{
  return QStringLiteral( "growth" );
}

QString GrowthAlgorithm::displayName() const
{
  return QStringLiteral( "Revenue growth per city (营收增长)" );
}

Algorithm::Group GrowthAlgorithm::toolboxGroup() const
{
  return Group::Units;
}

QString GrowthAlgorithm::menuLabel() const
{
  return QString::fromUtf8( QT_TRANSLATE_NOOP( "htsplan::Algorithm", "Revenue growth per city" ) );
}

QStringList GrowthAlgorithm::tags() const
{
  return QStringLiteral( "revenue,growth,cagr,city,target,blue economic zone,营收,增长" ).split( ',' );
}

GrowthAlgorithm *GrowthAlgorithm::createInstance() const
{
  return new GrowthAlgorithm();
}

void GrowthAlgorithm::initAlgorithm( const QVariantMap & )
{
  for ( QgsProcessingParameterDefinition *parameter : planningFileParameters( QStringLiteral( "Facilities (GeoPackage with an enterprise_revenue table)" ) ) )
    addParameter( parameter );
  addParameter( new QgsProcessingParameterNumber( QStringLiteral( "FROM_YEAR" ), QStringLiteral( "First year of the span (0: the plan's start year)" ),
                                                  QgsProcessingParameterNumber::Integer, 0, false, 0, 2100 ) );
  addParameter( new QgsProcessingParameterNumber( QStringLiteral( "TO_YEAR" ), QStringLiteral( "Last year of the span (0: the targets' target year)" ),
                                                  QgsProcessingParameterNumber::Integer, 0, false, 0, 2100 ) );
  addParameter( new QgsProcessingParameterFeatureSink( QStringLiteral( "OUTPUT" ), QStringLiteral( "Growth per city" ), QgsProcessing::TypeVectorPolygon ) );
  addOutput( new QgsProcessingOutputNumber( QStringLiteral( "PROVINCE_CAGR" ), QStringLiteral( "Province's annual growth (fraction; empty without a rate)" ) ) );
  addOutput( new QgsProcessingOutputNumber( QStringLiteral( "PANEL_ENTERPRISES" ), QStringLiteral( "Enterprises in the balanced panel" ) ) );
  addOutput( new QgsProcessingOutputNumber( QStringLiteral( "LEFT_OUT" ), QStringLiteral( "Enterprises left out (revenue in the span, not in both ends)" ) ) );
}

QString GrowthAlgorithm::helpEnglish() const
{
  return QStringLiteral(
    "Compound annual growth of the enterprises' revenue per city, CAGR = (revenue in TO_YEAR / revenue in FROM_YEAR)^(1 / years) - 1, "
    "against the policy's line: 25% a year for the central cities and the cities wholly in the Blue Economic Zone, 20% elsewhere, Binzhou included (only two of its counties lie in the zone) "
    "(the targets file's growth_targets). Revenues come from the facilities' enterprise_revenue table (enterprise_id, year, revenue_cny). "
    "Rule for enterprises that enter or leave: a balanced panel, only enterprises with revenue in both FROM_YEAR and TO_YEAR, so that "
    "newcomers do not pass for growth; how many are left out is reported (LEFT_OUT). Fields: N_ENTERP, REV_FROM, REV_TO (yuan), CAGR, "
    "TARGET (fractions), ON_TRACK (1 on track, 0 behind, empty without a rate), STATUS, and per year after FROM_YEAR CAGR_YYYY and "
    "TRACK_YYYY (growth from FROM_YEAR to that year). Rows of the table with an unknown enterprise id, a negative revenue or a year "
    "outside the plan are reported and not used." );
}

QString GrowthAlgorithm::helpChinese() const
{
  return QStringLiteral(
    "按城市计算企业营业收入的年均复合增长率（CAGR =（末年收入 / 首年收入）^(1/年数) − 1），与政策目标比较：中心城市及全部区县位于"
    "蓝色经济区的城市为每年 25%，其他城市（包括仅两县在区内的滨州）为 20%（取自目标文件的 growth_targets）。收入取自设施文件的 enterprise_revenue 表"
    "（enterprise_id、year、revenue_cny）。企业进入或退出的规则：平衡面板，只计首末两年均有收入的企业，以免新进企业被算作增长；"
    "被排除的企业数另行报告（LEFT_OUT）。字段：N_ENTERP、REV_FROM、REV_TO（元）、CAGR、TARGET（小数）、ON_TRACK（1 达标，0 落后，"
    "无法计算时为空）、STATUS，以及首年之后每年的 CAGR_YYYY 和 TRACK_YYYY。企业编号未知、收入为负或年份超出规划期的行会被报告且不使用。" );
}

QVariantMap GrowthAlgorithm::run( const QVariantMap &parameters, QgsProcessingContext &context, QgsProcessingFeedback *feedback )
{
  ReportOptions options;
  options.growthFrom = parameterAsInt( parameters, QStringLiteral( "FROM_YEAR" ), context );
  options.growthTo = parameterAsInt( parameters, QStringLiteral( "TO_YEAR" ), context );

  PlanningFiles files = readPlanningFiles( *this, parameters, context );
  const QString &facilitiesPath = files.facilitiesPath;
  const Targets &targets = files.targets;
  const AdminData &admin = files.admin;
  const FacilitySet facilities = loadFacilities( facilitiesPath.toStdString(), targets, feedback );
  if ( !facilities.revenueTable )
    throw InputError( "FACILITIES (" + facilitiesPath.toStdString() + "): no enterprise_revenue table (enterprise_id, year, revenue_cny)" );
  const Metrics m = computeMetrics( admin, facilities, targets, options, feedback );
  for ( const std::string &line : summariseProblems( m.problems ) )
    feedback->pushWarning( QString::fromStdString( line ) );
  const GrowthStats &g = m.growth;

  QgsFields fields;
  fields.append( QgsField( QStringLiteral( "code" ), QVariant::String ) );
  fields.append( QgsField( QStringLiteral( "name_zh" ), QVariant::String ) );
  fields.append( QgsField( QStringLiteral( "FROM_YEAR" ), QVariant::Int ) );
  fields.append( QgsField( QStringLiteral( "TO_YEAR" ), QVariant::Int ) );
  fields.append( QgsField( QStringLiteral( "N_ENTERP" ), QVariant::Int ) );
  fields.append( QgsField( QStringLiteral( "REV_FROM" ), QVariant::Double ) );
  fields.append( QgsField( QStringLiteral( "REV_TO" ), QVariant::Double ) );
  fields.append( QgsField( QStringLiteral( "CAGR" ), QVariant::Double ) );
  fields.append( QgsField( QStringLiteral( "TARGET" ), QVariant::Double ) );
  fields.append( QgsField( QStringLiteral( "ON_TRACK" ), QVariant::Int ) );
  fields.append( QgsField( QStringLiteral( "STATUS" ), QVariant::String ) );
  for ( int y = g.fromYear + 1; y <= g.toYear; ++y )
  {
    fields.append( QgsField( QStringLiteral( "CAGR_%1" ).arg( y ), QVariant::Double ) );
    fields.append( QgsField( QStringLiteral( "TRACK_%1" ).arg( y ), QVariant::Int ) );
  }
  QString destination;
  std::unique_ptr<QgsFeatureSink> sink( parameterAsSink( parameters, QStringLiteral( "OUTPUT" ), context, destination, fields,
                                                         QgsWkbTypes::MultiPolygon, QgsCoordinateReferenceSystem( QStringLiteral( "EPSG:4490" ) ) ) );
  if ( !sink )
    throw sinkError( parameters, QStringLiteral( "OUTPUT" ) );
  auto number = []( const std::optional<double> &v ) { return v ? QVariant( *v ) : QVariant(); };
  auto flag = []( const std::optional<bool> &b ) { return b ? QVariant( *b ? 1 : 0 ) : QVariant(); };
  for ( size_t c = 0; c < g.cities.size(); ++c )
  {
    const UnitGrowth &u = g.cities[c];
    QgsFeature feature( fields );
    if ( admin.cities[c].geometry )
      feature.setGeometry( QgsGeometry::fromWkt( QString::fromStdString( admin.cities[c].geometry->exportToWkt() ) ) );
    QgsAttributes a;
    a << QString::fromStdString( u.code ) << QString::fromStdString( u.name ) << g.fromYear << g.toYear << u.span.enterprises << u.span.revenueFrom
      << u.span.revenueTo << number( u.cagr ) << number( u.line ) << flag( u.onTrack )
      << ( u.onTrack ? QString( *u.onTrack ? "on track 达标" : "behind 落后" ) : QString() );
    for ( int y = g.fromYear + 1; y <= g.toYear; ++y )
      a << number( u.cagrByYear.at( y ) ) << flag( u.onTrackByYear.at( y ) );
    feature.setAttributes( a );
    if ( !sink->addFeature( feature, QgsFeatureSink::FastInsert ) )
      throw writeError( sink.get(), parameters, QStringLiteral( "OUTPUT" ) );
  }
  feedback->pushInfo( QStringLiteral( "%1-%2: %3 enterprises in the balanced panel, %4 left out (revenue in the span but not in both years)" )
                        .arg( g.fromYear ).arg( g.toYear ).arg( g.panel.panel ).arg( g.panel.leftOut ) );
  QVariantMap results;
  results.insert( QStringLiteral( "OUTPUT" ), destination );
  results.insert( QStringLiteral( "PROVINCE_CAGR" ), g.groups.empty() ? QVariant() : number( g.groups[0].cagr ) );
  results.insert( QStringLiteral( "PANEL_ENTERPRISES" ), g.panel.panel );
  results.insert( QStringLiteral( "LEFT_OUT" ), g.panel.leftOut );
  return results;
}

} // namespace htsplan
