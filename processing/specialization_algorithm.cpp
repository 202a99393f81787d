#include "processing/specialization_algorithm.h"

#include "analysis/stats/specialization.h"
#include "layers/problems.h"
#include "planning/specialization.h"
#include "processing/output_style.h"

#include <qgsprocessingfeedback.h>
#include <qgsprocessingparameters.h>

namespace htsplan
{

QString SpecializationAlgorithm::name() const
{
  return QStringLiteral( "specialization" );
}

QString SpecializationAlgorithm::displayName() const
{
  return QStringLiteral( "Specialization by sector (产业专业化)" );
}

Algorithm::Group SpecializationAlgorithm::toolboxGroup() const
{
  return Group::Pattern;
}

QString SpecializationAlgorithm::menuLabel() const
{
  return QString::fromUtf8( QT_TRANSLATE_NOOP( "htsplan::Algorithm", "Specialization by sector" ) );
}

QStringList SpecializationAlgorithm::tags() const
{
  return QStringLiteral( "location quotient,LQ,HHI,Herfindahl,specialization,sector,leading sector,错位发展,特色发展" ).split( ',' );
}

SpecializationAlgorithm *SpecializationAlgorithm::createInstance() const
{
  return new SpecializationAlgorithm();
}

void SpecializationAlgorithm::initAlgorithm( const QVariantMap & )
{
  addParameter( new QgsProcessingParameterFeatureSource( QStringLiteral( "UNITS" ), QStringLiteral( "Units (cities or counties)" ),
                                                         QList<int>() << QgsProcessing::TypeVectorPolygon ) );
  addParameter( new QgsProcessingParameterFeatureSource( QStringLiteral( "POINTS" ), QStringLiteral( "Carriers" ),
                                                         QList<int>() << QgsProcessing::TypeVector ) );
  addParameter( new QgsProcessingParameterField( QStringLiteral( "CATEGORY_FIELD" ), QStringLiteral( "Sector field of the carriers" ),
                                                 QStringLiteral( "sector" ), QStringLiteral( "POINTS" ), QgsProcessingParameterField::Any, false, true ) );
  // Optional only so that the default applies when the parameter is left out (QGIS checks a
  // missing required field parameter before defaults); run() refuses an empty one.
  addParameter( new QgsProcessingParameterFeatureSink( QStringLiteral( "OUTPUT" ), QStringLiteral( "Specialization" ), QgsProcessing::TypeVectorPolygon ) );
  addOutput( new QgsProcessingOutputNumber( QStringLiteral( "SAME_LEAD_UNITS" ), QStringLiteral( "Units with a bordering unit that leads in the same sector" ) ) );
  addOutput( new QgsProcessingOutputNumber( QStringLiteral( "GINI" ), QStringLiteral( "Gini coefficient of the carriers across the units" ) ) );
}

QString SpecializationAlgorithm::helpEnglish() const
{
  return QStringLiteral(
    "Counts the carriers of each sector (CATEGORY_FIELD) in each unit and adds LEAD_SECTOR (the sector with the largest "
    "location quotient LQ = (unit's sector count / unit's count) / (sector's count / all); ties: the larger count, then "
    "the first sector in alphabetical order), LEAD_LQ, HHI (Herfindahl-Hirschman index over the sectors: 1 = one sector), "
    "CARRIERS (with a sector), SAME_LEAD (1 when a bordering unit, one whose polygon touches it, leads in the same "
    "sector: the policy's 错位发展 asks neighbours not to) and SAME_LEAD_N (how many). A unit without carriers has no "
    "leading sector, LQ and HHI 0. Carriers without a sector are left out and counted in the log. Every carrier given is "
    "counted, whatever its status or year: `htsplan report` counts only those that count toward the targets." );
}

QString SpecializationAlgorithm::helpChinese() const
{
  return QStringLiteral(
    "按行业（CATEGORY_FIELD）统计每个单元的载体数，输出 LEAD_SECTOR（区位熵 LQ 最大的主导行业；LQ = 单元该行业占比 / 全域该行业占比；"
    "相同时取数量多者，再取字母序在前者）、LEAD_LQ、HHI（赫芬达尔—赫希曼指数，1 表示只有一个行业）、CARRIERS（有行业的载体数）、"
    "SAME_LEAD（相邻单元主导行业相同为 1，错位发展要求相邻地区避免同质化）及 SAME_LEAD_N（相同的相邻单元数）。"
    "无载体的单元无主导行业，LQ 与 HHI 为 0。无行业的载体不参与计算并在日志中计数。输入的载体全部计入，不论状态和年份。" );
}

QVariantMap SpecializationAlgorithm::run( const QVariantMap &parameters, QgsProcessingContext &context, QgsProcessingFeedback *feedback )
{
  PointReadOptions options;
  options.categoryField = parameterAsString( parameters, QStringLiteral( "CATEGORY_FIELD" ), context );
  if ( options.categoryField.isEmpty() )
    throw InputError( "CATEGORY_FIELD: give the carriers' sector field" );
  const CountedUnits counted = countPoints( parameters, QStringLiteral( "UNITS" ), options, context, feedback );
  const UnitCounts &c = counted.counts;

  long long withoutSector = 0;
  for ( size_t i = 0; i < c.unitOf.size(); ++i )
    if ( c.unitOf[i] >= 0 && c.points.categories[i] < 0 )
      ++withoutSector;
  if ( withoutSector > 0 )
    feedback->pushWarning( QStringLiteral( "POINTS: %1 carriers without a value in '%2' left out" ).arg( withoutSector ).arg( options.categoryField ) );

  std::vector<std::string> sectors;
  for ( const QString &category : c.points.categoryNames )
    sectors.push_back( category.toStdString() );
  const CountMatrix matrix{ c.units.size(), sectors.size(), c.byCategory };
  std::vector<UnitSpecialization> units = specializeMatrix( matrix, sectors );
  for ( size_t u = 0; u < units.size(); ++u )
    units[u].code = std::to_string( u ); // flagSameLeadNeighbours names neighbours by code; only their number is written
  std::vector<const OGRGeometry *> shapes;
  for ( const auto &shape : c.shapes )
    shapes.push_back( shape.get() );
  flagSameLeadNeighbours( units, touchingPolygons( shapes ) );

  std::vector<double> carriers;
  int sameLeadUnits = 0;
  for ( const UnitSpecialization &u : units )
  {
    carriers.push_back( u.carriers );
    sameLeadUnits += u.sameLeadNeighbours.empty() ? 0 : 1;
  }
  const Lorenz lorenz = lorenzCurve( carriers );

  const QgsFields fields = withAddedFields( counted.source->fields(),
                                            { QgsField( QStringLiteral( "LEAD_SECTOR" ), QVariant::String ), QgsField( QStringLiteral( "LEAD_LQ" ), QVariant::Double ),
                                              QgsField( QStringLiteral( "HHI" ), QVariant::Double ), QgsField( QStringLiteral( "CARRIERS" ), QVariant::Int ),
                                              QgsField( QStringLiteral( "SAME_LEAD" ), QVariant::Int ), QgsField( QStringLiteral( "SAME_LEAD_N" ), QVariant::Int ) },
                                            QStringLiteral( "UNITS" ), QString() );
  const QString destination = writeUnits( parameters, context, counted, fields, [&]( size_t u ) {
    const UnitSpecialization &s = units[u];
    QgsAttributes attributes;
    attributes << ( s.leadingSector.empty() ? QVariant() : QVariant( QString::fromStdString( s.leadingSector ) ) ) << s.leadingLq << s.hhi
               << static_cast<int>( s.carriers ) << ( s.sameLeadNeighbours.empty() ? 0 : 1 ) << static_cast<int>( s.sameLeadNeighbours.size() );
    return attributes;
  }, feedback );
  styleWhenLoaded( context, destination, QStringLiteral( "specialization" ) );
  feedback->pushInfo( QStringLiteral( "%1 of %2 units border a unit that leads in the same sector; Gini of the carriers %3" )
                        .arg( sameLeadUnits ).arg( units.size() ).arg( lorenz.gini ) );

  QVariantMap results;
  results.insert( QStringLiteral( "OUTPUT" ), destination );
  results.insert( QStringLiteral( "SAME_LEAD_UNITS" ), sameLeadUnits );
  results.insert( QStringLiteral( "GINI" ), lorenz.gini );
  return results;
}

} // namespace htsplan
