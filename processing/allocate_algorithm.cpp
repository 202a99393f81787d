#include "processing/allocate_algorithm.h"
#include "processing/output_style.h"
#include "processing/planning_files.h"

#include "layers/admin.h"
#include "layers/cells.h"
#include "layers/facilities.h"
#include "layers/targets.h"
#include "planning/allocation.h"
#include "planning/allocation_options.h"

#include <qgsfeaturesink.h>
#include <qgsgeometry.h>
#include <qgsprocessingoutputs.h>
#include <qgsprocessingparameters.h>


namespace htsplan
{

namespace
{
//! The kinds a target may name, in the KINDS enum's order.
const std::array<Kind, 4> TargetKinds = { Kind::Base, Kind::Park, Kind::Building, Kind::Enterprise };
const char *const FactorParameters[WeightBasisCount] = { "POPULATION_FACTOR", "AREA_FACTOR", "CURRENT_FACTOR", "EQUAL_FACTOR", "TABLE_FACTOR" };

QString cityList( const KindAllocation &k )
{
  QStringList parts;
  for ( const CityAllocation &c : k.cities )
    if ( c.allocated > 0 )
      parts << QStringLiteral( "%1 %2 %3" ).arg( QString::fromStdString( c.code ), QString::fromStdString( c.nameZh ) ).arg( c.allocated );
  return parts.isEmpty() ? QStringLiteral( "none" ) : parts.join( QStringLiteral( ", " ) );
}
} // namespace

QString AllocateAlgorithm::name() const
{
  return QStringLiteral( "allocate" );
}

QString AllocateAlgorithm::displayName() const
{
  return QStringLiteral( "Split the targets among cities (目标分解)" );
}

Algorithm::Group AllocateAlgorithm::toolboxGroup() const
{
  return Group::Units;
}

QString AllocateAlgorithm::menuLabel() const
{
  return QString::fromUtf8( QT_TRANSLATE_NOOP( "htsplan::Algorithm", "Split the targets among cities" ) );
}

QStringList AllocateAlgorithm::tags() const
{
  return QStringLiteral( "allocation,apportionment,quota,target,Hamilton,largest remainder,D'Hondt,Sainte-Lague,目标分解,分配,配额" ).split( ',' );
}

AllocateAlgorithm *AllocateAlgorithm::createInstance() const
{
  return new AllocateAlgorithm();
}

void AllocateAlgorithm::initAlgorithm( const QVariantMap & )
{
  for ( QgsProcessingParameterDefinition *parameter : planningFileParameters( QStringLiteral( "Facilities (GeoPackage)" ) ) )
    addParameter( parameter );
  addParameter( new QgsProcessingParameterNumber( QStringLiteral( "YEAR" ), QStringLiteral( "Evaluation year: counts up to it (0: the targets' target year)" ),
                                                  QgsProcessingParameterNumber::Integer, 0, false, 0, 2100 ) );
  QStringList kinds;
  for ( Kind kind : TargetKinds )
    kinds << QString::fromUtf8( kindKey( kind ) );
  addParameter( new QgsProcessingParameterEnum( QStringLiteral( "KINDS" ), QStringLiteral( "Kinds to split (none: every kind with a target)" ), kinds, true,
                                                QVariant(), true ) );
  addParameter( new QgsProcessingParameterEnum( QStringLiteral( "METHOD" ), QStringLiteral( "Rounding method" ),
                                                QStringList() << QStringLiteral( "largest remainder (Hamilton)" ) << QStringLiteral( "D'Hondt" )
                                                              << QStringLiteral( "Sainte-Laguë" ),
                                                false, 0 ) );
  addParameter( new QgsProcessingParameterEnum( QStringLiteral( "WEIGHTS" ), QStringLiteral( "Weights" ),
                                                QStringList() << QStringLiteral( "population" ) << QStringLiteral( "area" ) << QStringLiteral( "current count" )
                                                              << QStringLiteral( "equal shares" ) << QStringLiteral( "a column of WEIGHTS_TABLE" )
                                                              << QStringLiteral( "blend (the *_FACTOR parameters)" ),
                                                false, 0 ) );
  addParameter( new QgsProcessingParameterEnum( QStringLiteral( "BASIS" ), QStringLiteral( "Cities that already have carriers" ),
                                                QStringList() << QStringLiteral( "remaining: split what remains by weight" )
                                                              << QStringLiteral( "fill up: split the whole target by weight, the remaining fills each city up to its share" ),
                                                false, 0 ) );
  addParameter( new QgsProcessingParameterFile( QStringLiteral( "WEIGHTS_TABLE" ), QStringLiteral( "Weights table keyed by city code (CSV, UTF-8 or GBK, or a sheet)" ),
                                                QgsProcessingParameterFile::File, QString(), QVariant(), true,
                                                QStringLiteral( "Tables (*.csv *.txt *.xlsx *.xls *.ods)" ) ) );
  addParameter( new QgsProcessingParameterString( QStringLiteral( "WEIGHTS_COLUMN" ), QStringLiteral( "Column of the weights table (e.g. gdp)" ), QVariant(), false, true ) );
  const char *const factorNames[WeightBasisCount] = { "Blend: factor of population", "Blend: factor of area", "Blend: factor of the current count",
                                                      "Blend: factor of equal shares", "Blend: factor of the weights table" };
  for ( int b = 0; b < WeightBasisCount; ++b )
    addParameter( new QgsProcessingParameterNumber( QString::fromLatin1( FactorParameters[b] ), QString::fromLatin1( factorNames[b] ),
                                                    QgsProcessingParameterNumber::Double, 0, false, 0, 1e6 ) );
  addParameter( new QgsProcessingParameterNumber( QStringLiteral( "FLOOR" ), QStringLiteral( "Fewest new carriers per city, every city" ),
                                                  QgsProcessingParameterNumber::Integer, 0, false, 0, 1000000 ) );
  addParameter( new QgsProcessingParameterNumber( QStringLiteral( "CAP" ), QStringLiteral( "Most new carriers per city, every city (0: no cap)" ),
                                                  QgsProcessingParameterNumber::Integer, 0, false, 0, 1000000 ) );
  addParameter( new QgsProcessingParameterString( QStringLiteral( "FLOORS" ), QStringLiteral( "Floors per city (370100=2, 371200=1)" ), QVariant(), false, true ) );
  addParameter( new QgsProcessingParameterString( QStringLiteral( "CAPS" ), QStringLiteral( "Caps per city (370200=10)" ), QVariant(), false, true ) );
  addParameter( new QgsProcessingParameterFeatureSink( QStringLiteral( "OUTPUT" ), QStringLiteral( "Allocation per city and kind" ), QgsProcessing::TypeVectorPolygon ) );
  addParameter( new QgsProcessingParameterFeatureSink( QStringLiteral( "TABLE" ), QStringLiteral( "Allocation table (one row per city, columns per kind)" ),
                                                       QgsProcessing::TypeVector, QVariant(), true ) );
  for ( Kind kind : TargetKinds )
    addOutput( new QgsProcessingOutputNumber( QStringLiteral( "REMAINING_%1" ).arg( QString::fromUtf8( kindKey( kind ) ).toUpper() ),
                                              QStringLiteral( "Remaining %1 split (target − counted)" ).arg( QString::fromUtf8( kindLayer( kind ) ) ) ) );
}

QString AllocateAlgorithm::helpEnglish() const
{
  return QStringLiteral(
    "Breaks the province's targets down to cities (目标分解). For each kind with a target (KINDS), the remaining quota is the target minus the "
    "carriers counted in the evaluation year (designated, by YEAR, enterprises with backbone revenue, as `htsplan report` counts them); a target "
    "already met leaves 0, said in the log, and nothing is split. The quota is split among the cities of the chosen map by WEIGHTS: population "
    "(a city without a figure, Jinan and Laiwu on the 2015 map, takes its share of the province's area instead, as the dashboard's pace), area, "
    "the current count of the kind, equal shares, a numeric column (WEIGHTS_COLUMN) of a table keyed by city code (WEIGHTS_TABLE, CSV in UTF-8 "
    "or GBK, or a sheet; every city must have a row and a weight >= 0), or a blend: each weight normalised to sum to 1 over the cities, then mixed "
    "by the *_FACTOR values over their sum. Cities that already have carriers (BASIS): 'remaining' splits what remains by weight, a city already "
    "at or over its share of the whole target still gets its part and is flagged (ABOVE = 1); 'fill up' splits the whole target by weight and "
    "fills each city up to a common level (expected total = λ × weight), so a city at or over its share gets its floor only and keeps what it "
    "has. Rounding (METHOD): largest remainder (Hamilton: whole parts of the exact quotas, then one more to the largest remainders; it can show "
    "the Alabama paradox), D'Hondt or Sainte-Laguë (seat by seat to the largest weight / (n + 1), or / (2n + 1)); the shares always sum to the "
    "quota. Floors and caps (FLOOR, CAP for every city; FLOORS, CAPS per city code as 370100=2, 371200=1) bind as follows: a city whose exact "
    "quota falls below its floor or above its cap is fixed there and the rest re-split among the others until none is out of bounds; floors "
    "above the quota or caps below it are an error naming the values. Ties (equal remainders or priorities) go to the city with the smaller "
    "code, so the result does not depend on the cities' order. Output: a city layer with one feature per city and kind (CODE, NAME_ZH, KIND, "
    "WEIGHT, SHARE of the whole target, CURRENT, QUOTA, ALLOCATED, EXPECTED = current + allocated, ABOVE, BOUND floor/cap) and a table, one row "
    "per city with CURRENT, ALLOCATED and EXPECTED per kind. Loaded in QGIS, the city layer takes styles/allocation.qml: each city "
    "filled by its carriers allocated over every kind (five natural-break classes made on the data)." );
}

QString AllocateAlgorithm::helpChinese() const
{
  return QStringLiteral(
    "将全省目标分解到各市。对每类有目标的载体（KINDS），剩余配额 = 目标 − 评估年已计入数（已认定、不晚于 YEAR、骨干企业营收达标，与 "
    "`htsplan report` 口径一致）；已完成的目标剩余为 0，日志中说明，不再分配。剩余配额按权重（WEIGHTS）分配给所选行政区划版本的各市："
    "人口（无人口数据的城市，如 2015 版的济南和莱芜，以其面积占全省比例代替，与仪表板进度口径相同）、面积、该类载体现有数量、平均分配、"
    "按城市代码关联的表格中的数值列（WEIGHTS_TABLE 与 WEIGHTS_COLUMN，CSV 可为 UTF-8 或 GBK，也可为电子表格；每个城市须有一行且权重 ≥ 0），"
    "或加权组合：各权重先归一化，再按 *_FACTOR 系数混合。已有载体的城市（BASIS）：“剩余”按权重分配剩余配额，已达到或超过其目标份额的城市"
    "仍分得相应部分并标记（ABOVE = 1）；“补足”按权重分解全部目标，剩余配额将各市补到同一水平，已达到或超过份额的城市只得下限，已有数量不扣减。"
    "取整方法（METHOD）：最大余额法（Hamilton，可能出现阿拉巴马悖论）、D'Hondt 或 Sainte-Laguë；各市分配数之和恰好等于剩余配额。"
    "下限与上限（FLOOR、CAP 适用于所有城市；FLOORS、CAPS 按城市代码，如 370100=2, 371200=1）：精确份额低于下限或高于上限的城市固定在该值，"
    "其余城市重新分配，直到没有城市越界；下限之和超过配额或上限之和不足时报错并列出数值。份额相同时代码较小的城市优先，结果与城市顺序无关。"
    "输出：每市每类一个要素的城市图层（CODE、NAME_ZH、KIND、WEIGHT、SHARE、CURRENT、QUOTA、ALLOCATED、EXPECTED、ABOVE、BOUND）及每市一行的分解表。"
    "在 QGIS 中加载时，城市图层使用 styles/allocation.qml：按各市各类载体分配数之和分级设色（按数据自然断点分五级）。" );
}

QVariantMap AllocateAlgorithm::run( const QVariantMap &parameters, QgsProcessingContext &context, QgsProcessingFeedback *feedback )
{
  ReportOptions reportOptions;
  reportOptions.year = parameterAsInt( parameters, QStringLiteral( "YEAR" ), context );

  AllocationOptions options;
  // Left out, KINDS is every kind with a target (QGIS would read a missing multiple enum as its first option).
  const QVariant kindsValue = parameters.value( QStringLiteral( "KINDS" ) );
  if ( kindsValue.isValid() && !kindsValue.isNull() && !( kindsValue.type() == QVariant::List && kindsValue.toList().isEmpty() ) &&
       !( kindsValue.type() == QVariant::String && kindsValue.toString().isEmpty() ) )
    for ( int k : parameterAsEnums( parameters, QStringLiteral( "KINDS" ), context ) )
      options.kinds.push_back( TargetKinds.at( static_cast<size_t>( k ) ) );
  const int method = parameterAsEnum( parameters, QStringLiteral( "METHOD" ), context );
  options.method = method == 1 ? ApportionMethod::DHondt : method == 2 ? ApportionMethod::SainteLague : ApportionMethod::LargestRemainder;
  options.basis = parameterAsEnum( parameters, QStringLiteral( "BASIS" ), context ) == 1 ? AllocationBasis::FillUp : AllocationBasis::Remaining;
  const int weights = parameterAsEnum( parameters, QStringLiteral( "WEIGHTS" ), context );
  options.blend = {};
  if ( weights < WeightBasisCount )
    options.blend[static_cast<size_t>( weights )] = 1;
  else
    for ( int b = 0; b < WeightBasisCount; ++b )
      options.blend[static_cast<size_t>( b )] = parameterAsDouble( parameters, QString::fromLatin1( FactorParameters[b] ), context );
  options.floorAll = parameterAsInt( parameters, QStringLiteral( "FLOOR" ), context );
  const int cap = parameterAsInt( parameters, QStringLiteral( "CAP" ), context );
  options.capAll = cap > 0 ? cap : -1;
  options.floors = parseBoundsByCode( parameterAsString( parameters, QStringLiteral( "FLOORS" ), context ).toStdString(), "FLOORS" );
  options.caps = parseBoundsByCode( parameterAsString( parameters, QStringLiteral( "CAPS" ), context ).toStdString(), "CAPS" );

  PlanningFiles files = readPlanningFiles( *this, parameters, context );
  const QString &facilitiesPath = files.facilitiesPath;
  const Targets &targets = files.targets;
  const AdminData &admin = files.admin;
  const bool usesTable = options.blend[static_cast<size_t>( WeightBasis::Table )] > 0;
  const QString tablePath = parameterAsFile( parameters, QStringLiteral( "WEIGHTS_TABLE" ), context );
  const QString column = parameterAsString( parameters, QStringLiteral( "WEIGHTS_COLUMN" ), context );
  if ( usesTable )
    feedback->pushInfo( QStringLiteral( "WEIGHTS_TABLE: %1" )
                          .arg( QString::fromStdString( readWeightsTable( options, tablePath.toStdString(), column.toStdString(), admin, "WEIGHTS_TABLE and WEIGHTS_COLUMN" ) ) ) );
  else if ( !tablePath.isEmpty() )
    feedback->pushWarning( QStringLiteral( "WEIGHTS_TABLE given but the weights do not use it (WEIGHTS: a column of WEIGHTS_TABLE, or blend with TABLE_FACTOR)" ) );

  const FacilitySet facilities = loadFacilities( facilitiesPath.toStdString(), targets, feedback );
  const Metrics m = computeMetrics( admin, facilities, targets, reportOptions, feedback );
  for ( const std::string &line : summariseProblems( m.problems ) )
    feedback->pushWarning( QString::fromStdString( line ) );
  const Allocation allocation = allocateTargets( m, options );
  for ( const std::string &note : allocation.notes )
    feedback->pushWarning( QString::fromStdString( note ) );

  QgsFields fields;
  fields.append( QgsField( QStringLiteral( "CODE" ), QVariant::String ) );
  fields.append( QgsField( QStringLiteral( "NAME_ZH" ), QVariant::String ) );
  fields.append( QgsField( QStringLiteral( "NAME_EN" ), QVariant::String ) );
  fields.append( QgsField( QStringLiteral( "KIND" ), QVariant::String ) );
  fields.append( QgsField( QStringLiteral( "YEAR" ), QVariant::Int ) );
  fields.append( QgsField( QStringLiteral( "WEIGHT" ), QVariant::Double ) );
  fields.append( QgsField( QStringLiteral( "SHARE" ), QVariant::Double ) );
  fields.append( QgsField( QStringLiteral( "CURRENT" ), QVariant::Int ) );
  fields.append( QgsField( QStringLiteral( "QUOTA" ), QVariant::Double ) );
  fields.append( QgsField( QStringLiteral( "ALLOCATED" ), QVariant::Int ) );
  fields.append( QgsField( QStringLiteral( "EXPECTED" ), QVariant::Int ) );
  fields.append( QgsField( QStringLiteral( "ABOVE" ), QVariant::Int ) );
  fields.append( QgsField( QStringLiteral( "BOUND" ), QVariant::String ) );
  QString destination;
  std::unique_ptr<QgsFeatureSink> sink( parameterAsSink( parameters, QStringLiteral( "OUTPUT" ), context, destination, fields, QgsWkbTypes::MultiPolygon,
                                                         QgsCoordinateReferenceSystem( QStringLiteral( "EPSG:4490" ) ) ) );
  if ( !sink )
    throw sinkError( parameters, QStringLiteral( "OUTPUT" ) );
  std::vector<QgsGeometry> shapes;
  for ( const AdminUnit &c : admin.cities )
    shapes.push_back( c.geometry ? QgsGeometry::fromWkt( QString::fromStdString( c.geometry->exportToWkt() ) ) : QgsGeometry() );
  QVariantMap results;
  for ( const KindAllocation &k : allocation.kinds )
  {
    for ( size_t c = 0; c < k.cities.size(); ++c )
    {
      const CityAllocation &a = k.cities[c];
      QgsFeature feature( fields );
      feature.setGeometry( shapes[c] );
      QgsAttributes attributes;
      attributes << QString::fromStdString( a.code ) << QString::fromStdString( a.nameZh ) << QString::fromStdString( a.nameEn )
                 << QString::fromUtf8( kindKey( k.kind ) ) << allocation.evaluationYear << a.weight << a.shareOfTarget << a.current << a.quota
                 << static_cast<int>( a.allocated ) << static_cast<int>( a.expected ) << ( a.aboveShare ? 1 : 0 )
                 << ( a.atCap ? QStringLiteral( "cap" ) : a.atFloor && a.quota > 0 ? QStringLiteral( "floor" ) : QString() );
      feature.setAttributes( attributes );
      if ( !sink->addFeature( feature, QgsFeatureSink::FastInsert ) )
        throw writeError( sink.get(), parameters, QStringLiteral( "OUTPUT" ) );
    }
    results.insert( QStringLiteral( "REMAINING_%1" ).arg( QString::fromUtf8( kindKey( k.kind ) ).toUpper() ), static_cast<int>( k.remaining ) );
    feedback->pushInfo( QStringLiteral( "%1: target %2, %3 counted in %4, %5 remaining split by %6 (%7): %8" )
                          .arg( QString::fromUtf8( kindLayer( k.kind ) ) )
                          .arg( k.target )
                          .arg( k.counted )
                          .arg( allocation.evaluationYear )
                          .arg( k.remaining )
                          .arg( weights < WeightBasisCount ? QString::fromUtf8( weightBasisKey( static_cast<WeightBasis>( weights ) ) ) : QStringLiteral( "a blend" ) )
                          .arg( QString::fromUtf8( apportionMethodKey( options.method ) ) )
                          .arg( cityList( k ) ) );
  }
  results.insert( QStringLiteral( "OUTPUT" ), destination );
  styleWhenLoaded( context, destination, QStringLiteral( "allocation" ) );

  // The table: one row per city, then the province (CODE 'province'), with CURRENT, ALLOCATED and EXPECTED per kind.
  QgsFields tableFields;
  tableFields.append( QgsField( QStringLiteral( "CODE" ), QVariant::String ) );
  tableFields.append( QgsField( QStringLiteral( "NAME_ZH" ), QVariant::String ) );
  for ( const KindAllocation &k : allocation.kinds )
    for ( const char *suffix : { "CURRENT", "ALLOCATED", "EXPECTED" } )
      tableFields.append( QgsField( QStringLiteral( "%1_%2" ).arg( QString::fromUtf8( kindKey( k.kind ) ).toUpper(), QString::fromLatin1( suffix ) ), QVariant::Int ) );
  QString tableDestination;
  std::unique_ptr<QgsFeatureSink> table( parameterAsSink( parameters, QStringLiteral( "TABLE" ), context, tableDestination, tableFields, QgsWkbTypes::NoGeometry,
                                                          QgsCoordinateReferenceSystem() ) );
  if ( !table && parameters.value( QStringLiteral( "TABLE" ) ).isValid() && !parameters.value( QStringLiteral( "TABLE" ) ).toString().isEmpty() )
    throw sinkError( parameters, QStringLiteral( "TABLE" ) );
  if ( table )
  {
    for ( size_t c = 0; c <= m.cities.size(); ++c )
    {
      const bool province = c == m.cities.size();
      QgsAttributes attributes;
      attributes << ( province ? QStringLiteral( "province" ) : QString::fromStdString( m.cities[c].code ) )
                 << ( province ? QStringLiteral( "全省" ) : QString::fromStdString( m.cities[c].nameZh ) );
      for ( const KindAllocation &k : allocation.kinds )
      {
        if ( province )
          attributes << k.counted << static_cast<int>( k.remaining ) << static_cast<int>( k.counted + k.remaining );
        else
          attributes << k.cities[c].current << static_cast<int>( k.cities[c].allocated ) << static_cast<int>( k.cities[c].expected );
      }
      QgsFeature row( tableFields );
      row.setAttributes( attributes );
      if ( !table->addFeature( row, QgsFeatureSink::FastInsert ) )
        throw writeError( table.get(), parameters, QStringLiteral( "TABLE" ) );
    }
    results.insert( QStringLiteral( "TABLE" ), tableDestination );
  }
  return results;
}

} // namespace htsplan
