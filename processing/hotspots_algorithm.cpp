#include "processing/hotspots_algorithm.h"

#include "processing/statistics_units.h"

#include "planning/spatial_statistics.h"
#include "layers/problems.h"
#include "processing/ogr_bridge.h"
#include "processing/output_style.h"
#include "processing/point_source.h"

#include <qgscoordinatetransform.h>
#include <qgsexception.h>
#include <qgsfeaturesink.h>
#include <qgsprocessingfeedback.h>
#include <qgsprocessingparameters.h>

#include <cmath>

namespace htsplan
{

QString HotspotsAlgorithm::name() const
{
  return QStringLiteral( "hotspots" );
}

QString HotspotsAlgorithm::displayName() const
{
  return QStringLiteral( "Hot spots, Getis-Ord Gi* (热点分析)" );
}

Algorithm::Group HotspotsAlgorithm::toolboxGroup() const
{
  return Group::Pattern;
}

QString HotspotsAlgorithm::menuLabel() const
{
  return QString::fromUtf8( QT_TRANSLATE_NOOP( "htsplan::Algorithm", "Hot spots (Getis-Ord Gi*)" ) );
}

QStringList HotspotsAlgorithm::tags() const
{
  return QStringLiteral( "hot,spot,hotspot,cold,getis,ord,gi,gistar,cluster,statistics,spdep,热点" ).split( ',' );
}

HotspotsAlgorithm *HotspotsAlgorithm::createInstance() const
{
  return new HotspotsAlgorithm();
}

void HotspotsAlgorithm::initAlgorithm( const QVariantMap & )
{
  for ( QgsProcessingParameterDefinition *parameter : unitAndNeighbourParameters( QStringLiteral( "Neighbours" ) ) )
    addParameter( parameter );
  addParameter( new QgsProcessingParameterBoolean( QStringLiteral( "FDR" ), QStringLiteral( "False discovery rate correction (Benjamini-Hochberg)" ), false ) );
  addParameter( new QgsProcessingParameterFeatureSink( QStringLiteral( "OUTPUT" ), QStringLiteral( "Hot spots" ), QgsProcessing::TypeVectorPolygon ) );
  addOutput( new QgsProcessingOutputNumber( QStringLiteral( "HOT_SPOTS" ), QStringLiteral( "Units in hot spots (Gi_Bin > 0)" ) ) );
  addOutput( new QgsProcessingOutputNumber( QStringLiteral( "COLD_SPOTS" ), QStringLiteral( "Units in cold spots (Gi_Bin < 0)" ) ) );
  addOutput( new QgsProcessingOutputNumber( QStringLiteral( "ISOLATED" ), QStringLiteral( "Units without a neighbour" ) ) );
  addOutput( new QgsProcessingOutputNumber( QStringLiteral( "BAND_M" ), QStringLiteral( "Distance band used (m; 0 unless WEIGHTS is 2)" ) ) );
}

QString HotspotsAlgorithm::helpEnglish() const
{
  return QStringLiteral(
    "Getis-Ord Gi* hot spot analysis of FIELD over polygon units: adds GiZScore, GiPValue (two-sided), NNeighbors (the units in "
    "the sum, the unit itself included), Gi_Bin (3, 2, 1: hot spot at 99, 95, 90% confidence; -1, -2, -3 cold; 0 not significant) "
    "and GiLabel / GiLabel_zh (\"Hot Spot - 99% Confidence\" … \"Not Significant\" … \"Cold Spot - 99% Confidence\"; "
    "热点（99%置信度）… 不显著 … 冷点（99%置信度）), as ArcGIS's Hot Spot Analysis names them. Neighbours: queen contiguity (a shared "
    "vertex within SNAP m), rook (two shared vertex pairs as spdep counts them: an edge; a further ring's first vertex counts twice, as in spdep), a fixed distance band between centroids (DISTANCE m; 0 takes "
    "the smallest band that gives every unit a neighbour) or the K nearest centroids; binary weights, each unit its own neighbour. "
    "Distances are metres: layers in degrees are projected to htsplan's Albers CRS for Shandong first. FDR applies the "
    "Benjamini-Hochberg false discovery rate to each confidence level. The numbers equal R spdep's localG on include.self "
    "binary weights (tested). Differences from ArcGIS: a unit without neighbours (长岛县 under contiguity) keeps itself, so its "
    "GiZScore is its own standardised value (x - mean) / sd, as spdep computes it, where ArcGIS warns that it has no neighbours; "
    "spdep's (and this tool's) variance uses the population standard deviation, as ArcGIS does. Units whose value is null are "
    "left out of the analysis (reported with a count) and written with empty fields. A unit whose band spans every unit has no "
    "variance: z 0, p 1 (reported)." );
}

QString HotspotsAlgorithm::helpChinese() const
{
  return QStringLiteral(
    "对面状单元（区县、城市、六边形格网）的 FIELD 字段做 Getis-Ord Gi* 热点分析，输出 GiZScore、GiPValue（双侧）、NNeighbors（参与求和的单元数，含自身）、"
    "Gi_Bin（3、2、1 为 99%、95%、90% 置信度的热点，-1、-2、-3 为冷点，0 为不显著）及 GiLabel / GiLabel_zh（与 ArcGIS 热点分析一致："
    "热点（99%置信度）… 不显著 … 冷点（99%置信度））。邻接方式：后（queen）邻接（SNAP 米内共享顶点）、车（rook）邻接（共享边）、质心固定距离带"
    "（DISTANCE 米，0 为使每个单元至少有一个邻居的最小距离）或 K 个最近质心；二值权重，单元自身计入。距离以米计：经纬度图层先投影到山东 Albers 投影。"
    "FDR 对各置信度做 Benjamini-Hochberg 错误发现率校正。结果与 R spdep 的 localG（include.self，二值权重）一致（有测试）。与 ArcGIS 的差别："
    "无邻居的单元（如邻接方式下的长岛县）仍包含自身，其 GiZScore 为自身的标准化值，与 spdep 相同。字段值为空的单元不参与分析（报告数量），输出时结果字段为空。" );
}

QVariantMap HotspotsAlgorithm::run( const QVariantMap &parameters, QgsProcessingContext &context, QgsProcessingFeedback *feedback )
{
  std::unique_ptr<QgsProcessingFeatureSource> source( parameterAsSource( parameters, QStringLiteral( "INPUT" ), context ) );
  if ( !source )
    throw sourceError( parameters, QStringLiteral( "INPUT" ) );
  const QString field = parameterAsString( parameters, QStringLiteral( "FIELD" ), context );
  const StatisticsUnits units = readStatisticsUnits( *source, field, context, feedback );
  double bandUsed = 0;
  const NeighbourLists lists = statisticsNeighbours( units, parameterAsEnum( parameters, QStringLiteral( "WEIGHTS" ), context ),
                                                     parameterAsDouble( parameters, QStringLiteral( "SNAP" ), context ),
                                                     parameterAsDouble( parameters, QStringLiteral( "DISTANCE" ), context ),
                                                     parameterAsInt( parameters, QStringLiteral( "K" ), context ), bandUsed, feedback );
  const GetisOrd gi = hotSpots( units.values, lists, parameterAsBoolean( parameters, QStringLiteral( "FDR" ), context ) );
  for ( const std::string &warning : gi.warnings )
    feedback->pushWarning( QString::fromStdString( warning ) );

  QgsFields fields = source->fields();
  for ( const QgsField &added : { QgsField( QStringLiteral( "GiZScore" ), QVariant::Double ), QgsField( QStringLiteral( "GiPValue" ), QVariant::Double ),
                                  QgsField( QStringLiteral( "NNeighbors" ), QVariant::Int ), QgsField( QStringLiteral( "Gi_Bin" ), QVariant::Int ),
                                  QgsField( QStringLiteral( "GiLabel" ), QVariant::String ), QgsField( QStringLiteral( "GiLabel_zh" ), QVariant::String ) } )
  {
    if ( fields.lookupField( added.name() ) >= 0 )
      throw InputError( QStringLiteral( "OUTPUT: INPUT already has a field '%1' (a previous hot spot run?): remove it first" ).arg( added.name() ).toStdString() );
    fields.append( added );
  }
  QString destination;
  std::unique_ptr<QgsFeatureSink> sink( parameterAsSink( parameters, QStringLiteral( "OUTPUT" ), context, destination, fields, source->wkbType(), source->sourceCrs() ) );
  if ( !sink )
    throw sinkError( parameters, QStringLiteral( "OUTPUT" ) );
  std::vector<int> resultOf( units.features.size(), -1 );
  for ( size_t u = 0; u < units.used.size(); ++u )
    resultOf[units.used[u]] = static_cast<int>( u );
  int hot = 0, cold = 0;
  for ( size_t i = 0; i < units.features.size(); ++i )
  {
    QgsFeature out = units.features[i];
    QgsAttributes attributes = out.attributes();
    const int u = resultOf[i];
    if ( u < 0 )
      attributes << QVariant() << QVariant() << QVariant() << QVariant() << QVariant() << QVariant();
    else
    {
      const size_t r = static_cast<size_t>( u );
      attributes << gi.z[r] << gi.p[r] << gi.neighbours[r] << gi.bin[r] << QString::fromStdString( giBinLabel( gi.bin[r], false ) )
                 << QString::fromStdString( giBinLabel( gi.bin[r], true ) );
      hot += gi.bin[r] > 0 ? 1 : 0;
      cold += gi.bin[r] < 0 ? 1 : 0;
    }
    out.setAttributes( attributes );
    if ( !sink->addFeature( out, QgsFeatureSink::FastInsert ) )
      throw writeError( sink.get(), parameters, QStringLiteral( "OUTPUT" ) );
  }
  sink.reset();
  styleWhenLoaded( context, destination, QStringLiteral( "hotspots" ) );
  feedback->pushInfo( QStringLiteral( "Gi* over %1 units: %2 in hot spots, %3 in cold spots (90% confidence or more)" ).arg( units.used.size() ).arg( hot ).arg( cold ) );

  QVariantMap results;
  results.insert( QStringLiteral( "OUTPUT" ), destination );
  results.insert( QStringLiteral( "HOT_SPOTS" ), hot );
  results.insert( QStringLiteral( "COLD_SPOTS" ), cold );
  results.insert( QStringLiteral( "ISOLATED" ), static_cast<double>( isolatedUnits( lists ).size() ) );
  results.insert( QStringLiteral( "BAND_M" ), bandUsed );
  return results;
}

} // namespace htsplan
