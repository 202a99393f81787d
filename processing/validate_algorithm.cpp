#include "processing/validate_algorithm.h"
#include "processing/planning_files.h"

#include "layers/admin.h"
#include "layers/facilities.h"
#include "layers/targets.h"
#include "planning/validation.h"

#include <qgsfeaturesink.h>
#include <qgsgeometry.h>
#include <qgsprocessingoutputs.h>
#include <qgsprocessingparameters.h>

namespace htsplan
{

QString ValidateAlgorithm::name() const
{
  return QStringLiteral( "validate" );
}

QString ValidateAlgorithm::displayName() const
{
  return QStringLiteral( "Validate the register (名录校验)" );
}

Algorithm::Group ValidateAlgorithm::toolboxGroup() const
{
  return Group::Registers;
}

QString ValidateAlgorithm::menuLabel() const
{
  return QString::fromUtf8( QT_TRANSLATE_NOOP( "htsplan::Algorithm", "Validate the register" ) );
}

QStringList ValidateAlgorithm::tags() const
{
  return QStringLiteral( "validate,check,register,parent,duplicate,hierarchy,校验,名录,检查" ).split( ',' );
}

ValidateAlgorithm *ValidateAlgorithm::createInstance() const
{
  return new ValidateAlgorithm();
}

void ValidateAlgorithm::initAlgorithm( const QVariantMap & )
{
  const ValidationSettings defaults;
  for ( QgsProcessingParameterDefinition *parameter : planningFileParameters( QStringLiteral( "Facilities (GeoPackage of the register)" ) ) )
    addParameter( parameter );
  auto distance = [this]( const char *name, const char *description, double value ) {
    addParameter( new QgsProcessingParameterNumber( QString::fromLatin1( name ), QString::fromUtf8( description ), QgsProcessingParameterNumber::Double, value, false, 0 ) );
  };
  distance( "BASE_ZONE_M", "Base to its zone, at most (m)", defaults.baseToZoneM );
  distance( "OUTSIDE_ZONES_M", "Designated base or park to the nearest zone, at most (m)", defaults.outsideZonesM );
  distance( "PARK_BASE_M", "Park to its base, at most (m)", defaults.parkToBaseM );
  distance( "BUILDING_PARK_M", "Building to its park, at most (m)", defaults.buildingToParkM );
  distance( "SAME_NAME_M", "Same name within (m): likely entered twice", defaults.sameNameM );
  addParameter( new QgsProcessingParameterFeatureSink( QStringLiteral( "OUTPUT" ), QStringLiteral( "Violations" ), QgsProcessing::TypeVectorPoint ) );
  addOutput( new QgsProcessingOutputNumber( QStringLiteral( "ERRORS" ), QStringLiteral( "Violations of severity error" ) ) );
  addOutput( new QgsProcessingOutputNumber( QStringLiteral( "WARNINGS" ), QStringLiteral( "Violations of severity warning" ) ) );
  addOutput( new QgsProcessingOutputNumber( QStringLiteral( "VIOLATIONS" ), QStringLiteral( "Violations in all" ) ) );
}

QString ValidateAlgorithm::helpEnglish() const
{
  QString rules;
  for ( const ValidationRule &r : validationRules() )
    rules += QStringLiteral( "%1 (%2): %3. " ).arg( QString::fromLatin1( r.code ), QString::fromLatin1( r.severity ), QString::fromUtf8( r.checkEn ) );
  return QStringLiteral(
           "Checks that the register hangs together before a meeting: every parent names an existing feature of the right kind, "
           "carriers lie where their parents are, nothing is entered twice, years, status and sectors are readable. Reads the register, never writes it. "
           "Distances are measured in metres in the analysis CRS. One point per violation, at the feature, with the fields code, severity, layer, fid, "
           "feature_id, name, field, message_zh, message_en. Rules: " ) +
         rules;
}

QString ValidateAlgorithm::helpChinese() const
{
  QString rules;
  for ( const ValidationRule &r : validationRules() )
    rules += QStringLiteral( "%1（%2）：%3。" ).arg( QString::fromLatin1( r.code ), QString::fromUtf8( std::string( r.severity ) == "error" ? "错误" : "警告" ), QString::fromUtf8( r.checkZh ) );
  return QStringLiteral( "会前检查名录是否自洽：上级是否存在且类型正确，载体是否位于上级附近，是否重复登记，年份、状态和行业是否可读。只读取名录，不做任何修改。"
                         "距离在分析坐标系中以米计。每条问题输出一个点（位于该要素），字段为 code、severity、layer、fid、feature_id、name、field、message_zh、message_en。规则：" ) +
         rules;
}

QVariantMap ValidateAlgorithm::run( const QVariantMap &parameters, QgsProcessingContext &context, QgsProcessingFeedback *feedback )
{
  ValidationSettings settings;
  settings.baseToZoneM = parameterAsDouble( parameters, QStringLiteral( "BASE_ZONE_M" ), context );
  settings.outsideZonesM = parameterAsDouble( parameters, QStringLiteral( "OUTSIDE_ZONES_M" ), context );
  settings.parkToBaseM = parameterAsDouble( parameters, QStringLiteral( "PARK_BASE_M" ), context );
  settings.buildingToParkM = parameterAsDouble( parameters, QStringLiteral( "BUILDING_PARK_M" ), context );
  settings.sameNameM = parameterAsDouble( parameters, QStringLiteral( "SAME_NAME_M" ), context );

  PlanningFiles files = readPlanningFiles( *this, parameters, context );
  const QString &facilitiesPath = files.facilitiesPath;
  const Targets &targets = files.targets;
  const AdminData &admin = files.admin;
  const FacilitySet facilities = loadFacilities( facilitiesPath.toStdString(), targets, feedback );
  for ( const std::string &line : summariseProblems( facilities.problems ) )
    feedback->pushWarning( QString::fromStdString( line ) );
  const ValidationResult result = validateRegister( facilities, admin, targets, settings, feedback );

  QgsFields fields;
  for ( const char *name : { "code", "severity", "layer" } )
    fields.append( QgsField( QString::fromLatin1( name ), QVariant::String ) );
  fields.append( QgsField( QStringLiteral( "fid_src" ), QVariant::LongLong ) );
  for ( const char *name : { "feature_id", "name", "field", "message_zh", "message_en" } )
    fields.append( QgsField( QString::fromLatin1( name ), QVariant::String ) );
  QString destination;
  std::unique_ptr<QgsFeatureSink> sink( parameterAsSink( parameters, QStringLiteral( "OUTPUT" ), context, destination, fields, QgsWkbTypes::Point,
                                                         QgsCoordinateReferenceSystem( QStringLiteral( "EPSG:4490" ) ) ) );
  if ( !sink )
    throw sinkError( parameters, QStringLiteral( "OUTPUT" ) );
  auto text = []( const std::string &s ) { return QString::fromStdString( s ); };
  for ( const Violation &v : result.violations )
  {
    QgsFeature feature( fields );
    feature.setGeometry( QgsGeometry::fromPointXY( QgsPointXY( v.x, v.y ) ) );
    feature.setAttributes( QgsAttributes() << text( v.code ) << text( v.severity ) << text( v.layer ) << v.fid << text( v.id ) << text( v.name )
                                           << text( v.field ) << text( v.messageZh ) << text( v.messageEn ) );
    if ( !sink->addFeature( feature, QgsFeatureSink::FastInsert ) )
      throw writeError( sink.get(), parameters, QStringLiteral( "OUTPUT" ) );
  }
  for ( const auto &[code, count] : result.byRule )
    if ( count > 0 )
      feedback->pushInfo( QStringLiteral( "%1: %2" ).arg( text( code ) ).arg( count ) );
  feedback->pushInfo( QStringLiteral( "%1 violations: %2 errors, %3 warnings" ).arg( result.violations.size() ).arg( result.errors ).arg( result.warnings ) );
  QVariantMap results;
  results.insert( QStringLiteral( "OUTPUT" ), destination );
  results.insert( QStringLiteral( "ERRORS" ), result.errors );
  results.insert( QStringLiteral( "WARNINGS" ), result.warnings );
  results.insert( QStringLiteral( "VIOLATIONS" ), static_cast<int>( result.violations.size() ) );
  return results;
}

} // namespace htsplan
