#include "processing/moran_algorithm.h"

#include "planning/spatial_statistics.h"
#include "layers/problems.h"
#include "processing/output_style.h"
#include "processing/statistics_units.h"

#include <qgsfeaturesink.h>
#include <qgsprocessingfeedback.h>
#include <qgsprocessingparameters.h>

namespace htsplan
{

QString MoranAlgorithm::name() const
{
  return QStringLiteral( "moran" );
}

QString MoranAlgorithm::displayName() const
{
  return QStringLiteral( "Moran's I, global and local (全局与局部莫兰指数)" );
}

Algorithm::Group MoranAlgorithm::toolboxGroup() const
{
  return Group::Pattern;
}

QString MoranAlgorithm::menuLabel() const
{
  return QString::fromUtf8( QT_TRANSLATE_NOOP( "htsplan::Algorithm", "Moran's I (global and local)" ) );
}

QStringList MoranAlgorithm::tags() const
{
  return QStringLiteral( "moran,lisa,autocorrelation,cluster,outlier,statistics,spdep,geoda,莫兰" ).split( ',' );
}

MoranAlgorithm *MoranAlgorithm::createInstance() const
{
  return new MoranAlgorithm();
}

void MoranAlgorithm::initAlgorithm( const QVariantMap & )
{
  for ( QgsProcessingParameterDefinition *parameter : unitAndNeighbourParameters( QStringLiteral( "Neighbours (row-standardised weights)" ) ) )
    addParameter( parameter );
  addParameter( new QgsProcessingParameterEnum( QStringLiteral( "VARIANCE" ), QStringLiteral( "Local Moran variance" ),
                                                QStringList { QStringLiteral( "Conditional randomisation (spdep 1.2's default)" ),
                                                              QStringLiteral( "Total randomisation (Anselin 1995)" ) },
                                                false, 0 ) );
  addParameter( new QgsProcessingParameterNumber( QStringLiteral( "PERMUTATIONS" ), QStringLiteral( "Permutations for the global pseudo p-value (0: none)" ),
                                                  QgsProcessingParameterNumber::Integer, 999, false, 0, 99999 ) );
  addParameter( new QgsProcessingParameterNumber( QStringLiteral( "SEED" ), QStringLiteral( "Random seed of the permutations" ), QgsProcessingParameterNumber::Integer, 1, false, 0 ) );
  addParameter( new QgsProcessingParameterFeatureSink( QStringLiteral( "OUTPUT" ), QStringLiteral( "Local Moran (LISA)" ), QgsProcessing::TypeVectorPolygon ) );
  const QList<std::pair<const char *, const char *>> outputs = {
    { "MORANS_I", "Moran's I" },
    { "EXPECTED_I", "E[I] = -1 / (n - 1)" },
    { "VARIANCE_RANDOMISATION", "Var[I] under randomisation" },
    { "Z_RANDOMISATION", "z under randomisation" },
    { "P_RANDOMISATION", "p under randomisation (one-sided, clustering)" },
    { "VARIANCE_NORMALITY", "Var[I] under normality" },
    { "Z_NORMALITY", "z under normality" },
    { "P_NORMALITY", "p under normality (one-sided, clustering)" },
    { "P_PERMUTATION", "Permutation pseudo p-value" },
    { "UNITS", "Units in the analysis" },
    { "ISOLATED", "Units without a neighbour" },
    { "BAND_M", "Distance band used (m; 0 unless WEIGHTS is 2)" } };
  for ( const auto &[key, description] : outputs )
    addOutput( new QgsProcessingOutputNumber( QString::fromLatin1( key ), QString::fromUtf8( description ) ) );
}

QString MoranAlgorithm::helpEnglish() const
{
  return QStringLiteral(
    "Moran's I of FIELD over polygon units, with row-standardised weights of the chosen neighbours (as htsplan:hotspots). "
    "Global results as outputs: MORANS_I, EXPECTED_I, the variance, z and one-sided p (clustering) under randomisation and under "
    "normality, and a permutation pseudo p-value (1 + permuted I at least as large) / (PERMUTATIONS + 1), seeded by SEED. "
    "Local Moran (LISA) per unit, as ArcGIS names it: LMiIndex, LMiZScore, LMiPValue (two-sided), COType (HH, LL, HL, LH where "
    "p < 0.05, empty otherwise) and COType_zh (高-高聚集, 低-低聚集, 高-低异常, 低-高异常, 不显著); styles/lisa.qml colours COType in "
    "GeoDa's colours. Numbers equal R spdep 1.2's moran.test (adjust.n: n counts the units with neighbours) and localmoran "
    "(tested); spdep 1.2 has two local variances: VARIANCE 0 is its default (conditional = TRUE), 1 Anselin's total randomisation "
    "(conditional = FALSE), which ArcGIS and GeoDa's analytic p follow. Where spdep gives NaN (an island; under the conditional "
    "variance a value exactly at the mean) the unit gets z 0, p 1, not significant, and is counted in a warning. Units whose value "
    "is null are left out (counted) and written with empty fields." );
}

QString MoranAlgorithm::helpChinese() const
{
  return QStringLiteral(
    "计算面状单元 FIELD 字段的莫兰指数，权重为所选邻接方式的行标准化权重（与 htsplan:hotspots 相同）。全局结果：MORANS_I、EXPECTED_I、随机化与正态假设下的方差、"
    "z 值和单侧 p 值，以及以 SEED 为种子、PERMUTATIONS 次置换的伪 p 值。局部莫兰（LISA）按单元输出 LMiIndex、LMiZScore、LMiPValue（双侧）、COType（p < 0.05 时为 "
    "HH、LL、HL、LH，否则为空）和 COType_zh（高-高聚集、低-低聚集、高-低异常、低-高异常、不显著）；styles/lisa.qml 按 GeoDa 配色。结果与 R spdep 1.2 的 moran.test "
    "和 localmoran 一致（有测试）；VARIANCE 0 为 spdep 默认的条件随机化方差，1 为 Anselin 的总体随机化方差。spdep 给出 NaN 的单元（孤岛等）记为 z 0、p 1、不显著，并报告数量。" );
}

QVariantMap MoranAlgorithm::run( const QVariantMap &parameters, QgsProcessingContext &context, QgsProcessingFeedback *feedback )
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
  const LocalMoranVariance variance = parameterAsEnum( parameters, QStringLiteral( "VARIANCE" ), context ) == 1 ? LocalMoranVariance::Total : LocalMoranVariance::Conditional;
  const MoranResult moran = moranOf( units.values, lists, parameterAsInt( parameters, QStringLiteral( "PERMUTATIONS" ), context ),
                                     static_cast<uint64_t>( parameterAsInt( parameters, QStringLiteral( "SEED" ), context ) ), variance );
  const GlobalMoran &global = moran.global;
  const LocalMoran &local = moran.local;
  for ( const std::string &warning : global.warnings )
    feedback->pushWarning( QString::fromStdString( warning ) );
  for ( const std::string &warning : local.warnings )
    feedback->pushWarning( QString::fromStdString( warning ) );

  QgsFields fields = source->fields();
  for ( const QgsField &added : { QgsField( QStringLiteral( "LMiIndex" ), QVariant::Double ), QgsField( QStringLiteral( "LMiZScore" ), QVariant::Double ),
                                  QgsField( QStringLiteral( "LMiPValue" ), QVariant::Double ), QgsField( QStringLiteral( "COType" ), QVariant::String ),
                                  QgsField( QStringLiteral( "COType_zh" ), QVariant::String ) } )
  {
    if ( fields.lookupField( added.name() ) >= 0 )
      throw InputError( QStringLiteral( "OUTPUT: INPUT already has a field '%1' (a previous Moran run?): remove it first" ).arg( added.name() ).toStdString() );
    fields.append( added );
  }
  QString destination;
  std::unique_ptr<QgsFeatureSink> sink( parameterAsSink( parameters, QStringLiteral( "OUTPUT" ), context, destination, fields, source->wkbType(), source->sourceCrs() ) );
  if ( !sink )
    throw sinkError( parameters, QStringLiteral( "OUTPUT" ) );
  std::vector<int> resultOf( units.features.size(), -1 );
  for ( size_t u = 0; u < units.used.size(); ++u )
    resultOf[units.used[u]] = static_cast<int>( u );
  for ( size_t i = 0; i < units.features.size(); ++i )
  {
    QgsFeature out = units.features[i];
    QgsAttributes attributes = out.attributes();
    if ( resultOf[i] < 0 )
      attributes << QVariant() << QVariant() << QVariant() << QVariant() << QVariant();
    else
    {
      const size_t r = static_cast<size_t>( resultOf[i] );
      const LisaType type = local.type[r];
      attributes << local.Ii[r] << local.z[r] << local.p[r]
                 << QString::fromStdString( lisaCode( type ) )
                 << QString::fromStdString( lisaLabel( type, true ) );
    }
    out.setAttributes( attributes );
    if ( !sink->addFeature( out, QgsFeatureSink::FastInsert ) )
      throw writeError( sink.get(), parameters, QStringLiteral( "OUTPUT" ) );
  }
  sink.reset();
  styleWhenLoaded( context, destination, QStringLiteral( "lisa" ) );
  feedback->pushInfo( QStringLiteral( "Moran's I %1 over %2 units: z %3 (randomisation), p %4; permutation p %5 (%6 permutations, seed %7)" )
                        .arg( global.I, 0, 'f', 6 )
                        .arg( global.unitsUsed )
                        .arg( global.zRandomisation, 0, 'f', 4 )
                        .arg( global.pRandomisation, 0, 'g', 4 )
                        .arg( global.pPermutation, 0, 'g', 4 )
                        .arg( global.permutations )
                        .arg( global.seed ) );

  QVariantMap results;
  results.insert( QStringLiteral( "OUTPUT" ), destination );
  results.insert( QStringLiteral( "MORANS_I" ), global.I );
  results.insert( QStringLiteral( "EXPECTED_I" ), global.expectation );
  results.insert( QStringLiteral( "VARIANCE_RANDOMISATION" ), global.varianceRandomisation );
  results.insert( QStringLiteral( "Z_RANDOMISATION" ), global.zRandomisation );
  results.insert( QStringLiteral( "P_RANDOMISATION" ), global.pRandomisation );
  results.insert( QStringLiteral( "VARIANCE_NORMALITY" ), global.varianceNormality );
  results.insert( QStringLiteral( "Z_NORMALITY" ), global.zNormality );
  results.insert( QStringLiteral( "P_NORMALITY" ), global.pNormality );
  results.insert( QStringLiteral( "P_PERMUTATION" ), global.permutations > 0 ? QVariant( global.pPermutation ) : QVariant() );
  results.insert( QStringLiteral( "UNITS" ), static_cast<double>( global.unitsUsed ) );
  results.insert( QStringLiteral( "ISOLATED" ), static_cast<double>( isolatedUnits( lists ).size() ) );
  results.insert( QStringLiteral( "BAND_M" ), bandUsed );
  return results;
}

} // namespace htsplan
