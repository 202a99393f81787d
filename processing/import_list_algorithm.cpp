#include "processing/import_list_algorithm.h"

#include "geometry/crs.h"
#include "layers/admin.h"
#include "layers/import/import_list.h"
#include "layers/output_transaction.h"
#include "layers/paths.h"
#include "layers/targets.h"
#include "planning/register_check.h"

#include <qgsprocessingparameters.h>
#include <qgsprocessingoutputs.h>

#include <QFileInfo>

namespace htsplan
{

QStringList importCrsKeys()
{
  QStringList keys;
  for ( SourceCrs crs : allSourceCrs() )
    keys << QString::fromUtf8( sourceCrsKey( crs ) );
  return keys;
}

QStringList importKindKeys()
{
  QStringList keys { QString() };
  for ( Kind kind : allKinds() )
    keys << QString::fromUtf8( kindKey( kind ) );
  return keys;
}

QString ImportListAlgorithm::name() const
{
  return QStringLiteral( "importlist" );
}

QString ImportListAlgorithm::displayName() const
{
  return QStringLiteral( "Import a register (导入名录)" );
}

Algorithm::Group ImportListAlgorithm::toolboxGroup() const
{
  return Group::Registers;
}

QString ImportListAlgorithm::menuLabel() const
{
  return QString::fromUtf8( QT_TRANSLATE_NOOP( "htsplan::Algorithm", "Import a register" ) );
}

QStringList ImportListAlgorithm::tags() const
{
  return QStringLiteral( "import,excel,xlsx,csv,register,list,gbk,gcj02,bd09,amap,baidu,名录,导入" ).split( ',' );
}

ImportListAlgorithm *ImportListAlgorithm::createInstance() const
{
  return new ImportListAlgorithm();
}

void ImportListAlgorithm::initAlgorithm( const QVariantMap & )
{
  addParameter( new QgsProcessingParameterFile( QStringLiteral( "INPUT" ), QStringLiteral( "Register (xlsx, xls, ods, csv, txt, shp, geojson, gpkg)" ) ) );
  addParameter( new QgsProcessingParameterString( QStringLiteral( "SHEET" ), QStringLiteral( "Sheet or layer (empty: the first)" ), QVariant(), false, true ) );
  QStringList crsLabels;
  for ( SourceCrs crs : allSourceCrs() )
    crsLabels << QString::fromUtf8( sourceCrsLabel( crs ) );
  addParameter( new QgsProcessingParameterEnum( QStringLiteral( "CRS" ), QStringLiteral( "Coordinate system of the list" ), crsLabels, false, 0 ) );
  QStringList kindLabels { QStringLiteral( "from the list's kind column (类型)" ) };
  for ( Kind kind : allKinds() )
    kindLabels << QStringLiteral( "%1 (%2)" ).arg( QString::fromUtf8( kindKey( kind ) ), QString::fromUtf8( kindLabelZh( kind ) ) );
  addParameter( new QgsProcessingParameterEnum( QStringLiteral( "KIND" ), QStringLiteral( "Kind of every row" ), kindLabels, false, 0 ) );
  addParameter( new QgsProcessingParameterString( QStringLiteral( "MAPPING" ),
                                                  QStringLiteral( "Columns, overriding the guess (name=单位名称;lon=X坐标;parent= for none)" ), QVariant(), false, true ) );
  auto *encoding = new QgsProcessingParameterString( QStringLiteral( "ENCODING" ), QStringLiteral( "Encoding (empty: detected)" ), QVariant(), false, true );
  encoding->setFlags( encoding->flags() | QgsProcessingParameterDefinition::FlagAdvanced );
  addParameter( encoding );
  auto *admin = new QgsProcessingParameterFile( QStringLiteral( "ADMIN" ), QStringLiteral( "Admin map for the county checks (empty: the bundled Shandong map)" ),
                                                QgsProcessingParameterFile::File, QStringLiteral( "gpkg" ), QVariant(), true );
  admin->setFlags( admin->flags() | QgsProcessingParameterDefinition::FlagAdvanced );
  addParameter( admin );
  auto *targets = new QgsProcessingParameterFile( QStringLiteral( "TARGETS" ), QStringLiteral( "Targets file, for the sector names (empty: bundled)" ),
                                                  QgsProcessingParameterFile::File, QStringLiteral( "json" ), QVariant(), true );
  targets->setFlags( targets->flags() | QgsProcessingParameterDefinition::FlagAdvanced );
  addParameter( targets );
  addParameter( new QgsProcessingParameterFileDestination( QStringLiteral( "OUTPUT" ), QStringLiteral( "Facilities (GeoPackage)" ),
                                                           QStringLiteral( "GeoPackage (*.gpkg)" ) ) );
  addParameter( new QgsProcessingParameterFileDestination( QStringLiteral( "ROWS" ), QStringLiteral( "Rejected and corrected rows (CSV)" ),
                                                           QStringLiteral( "CSV (*.csv)" ), QVariant(), true ) );
  addOutput( new QgsProcessingOutputNumber( QStringLiteral( "IMPORTED" ), QStringLiteral( "Rows imported" ) ) );
  addOutput( new QgsProcessingOutputNumber( QStringLiteral( "REJECTED" ), QStringLiteral( "Rows rejected" ) ) );
  addOutput( new QgsProcessingOutputNumber( QStringLiteral( "OUTSIDE" ), QStringLiteral( "Imported points in no county" ) ) );
  addOutput( new QgsProcessingOutputNumber( QStringLiteral( "SHIFT_CHANGES" ), QStringLiteral( "Points whose county the coordinate system decides" ) ) );
}

QString ImportListAlgorithm::helpEnglish() const
{
  return QStringLiteral(
    "Reads a register as city bureaus keep them (an Excel, OpenDocument or CSV list with Chinese headers such as 名称, 领域, "
    "认定年份, 营业收入（万元）, 经度, 纬度; or a shapefile, GeoJSON or GeoPackage layer) and writes the facility contract "
    "GeoPackage htsplan's report reads, one point layer per kind, with the provenance of each row (src_row as Excel numbers it, "
    "src_lon, src_lat, src_crs, shift_m). Encoding: a byte order mark, else UTF-8 when valid, else GB18030 (GBK); shapefiles: "
    ".cpg, then the dBase language byte. Columns are found by their Chinese or English names (MAPPING overrides: "
    "name=单位名称;lon=X坐标). Coordinates may be decimal, 117°07′12″, 117度07分12秒, E117.12, 东经117.12, with full-width digits. "
    "CRS: CGCS2000 and WGS84 are the same at planning scale; GCJ-02 (Amap, Tencent) and BD-09 (Baidu) are converted "
    "(inverse solved to below 1e-9°). Rows that cannot be placed are rejected; every rejected or corrected row is listed in ROWS "
    "with its reason. A shift test reports how many points would change county under another coordinate system. "
    "De-offset coordinates are for analysis inside the office: publishing them is a legal grey zone in China." );
}

QString ImportListAlgorithm::helpChinese() const
{
  return QStringLiteral(
    "读取各市上报的名录（Excel、ODS 或 CSV，表头如 名称、领域、认定年份、营业收入（万元）、经度、纬度；或 shapefile、GeoJSON、GeoPackage 图层），"
    "写出 htsplan 报告所用的设施 GeoPackage（每类载体一个点图层），并保留每行来源：src_row（Excel 行号）、src_lon、src_lat、src_crs、shift_m。"
    "编码：有 BOM 按 UTF-8，合法 UTF-8 按 UTF-8，否则按 GB18030（GBK）；shapefile 先看 .cpg，再看 dBase 语言字节。"
    "按中英文列名识别各列（MAPPING 可指定，如 name=单位名称;lon=X坐标）。坐标可为小数、117°07′12″、117度07分12秒、E117.12、东经117.12，可含全角数字。"
    "坐标系：CGCS2000 与 WGS84 在规划尺度上相同；GCJ-02（高德、腾讯）与 BD-09（百度）会被转换（反算迭代至 1e-9° 以下）。"
    "无法定位的行被拒绝；每个被拒绝或被修正的行连同原因列在 ROWS 中。偏移检验报告若采用其他坐标系将有多少点改变所属县区。"
    "纠偏后的坐标仅供内部分析使用，公开发布在我国属法律灰色地带。" );
}

namespace
{

std::map<Role, std::string> parseMapping( const QString &text )
{
  std::map<Role, std::string> mapping;
  for ( const QString &part : text.split( QRegularExpression( QStringLiteral( "[;\n]" ) ), Qt::SkipEmptyParts ) )
  {
    const int eq = part.indexOf( '=' );
    const std::string role = part.left( eq ).trimmed().toStdString();
    const std::optional<Role> parsed = eq > 0 ? parseRole( role ) : std::nullopt;
    if ( !parsed )
      throw InputError( "MAPPING: '" + part.trimmed().toStdString() +
                        "' is not ROLE=COLUMN with ROLE one of name, sector, status, year, revenue, lon, lat, kind, id, parent, zone_type" );
    mapping[*parsed] = part.mid( eq + 1 ).trimmed().toStdString();
  }
  return mapping;
}

} // namespace

QVariantMap ImportListAlgorithm::run( const QVariantMap &parameters, QgsProcessingContext &context, QgsProcessingFeedback *feedback )
{
  ImportOptions options;
  const QString input = parameterAsFile( parameters, QStringLiteral( "INPUT" ), context );
  if ( input.isEmpty() )
    throw InputError( "INPUT: no register file given" );
  options.read.sheet = parameterAsString( parameters, QStringLiteral( "SHEET" ), context ).toStdString();
  options.read.encoding = parameterAsString( parameters, QStringLiteral( "ENCODING" ), context ).trimmed().toStdString();
  const int crs = parameterAsEnum( parameters, QStringLiteral( "CRS" ), context );
  if ( crs < 0 || crs >= static_cast<int>( allSourceCrs().size() ) )
    throw InputError( "CRS: no option " + std::to_string( crs ) );
  // The default (0) is a declaration too: the dialog and the CLI say so; only an unset parameter is "undeclared".
  if ( parameters.contains( QStringLiteral( "CRS" ) ) && parameters.value( QStringLiteral( "CRS" ) ).isValid() )
    options.crs = allSourceCrs()[static_cast<size_t>( crs )];
  const int kind = parameterAsEnum( parameters, QStringLiteral( "KIND" ), context );
  if ( kind < 0 || kind > KindCount )
    throw InputError( "KIND: no option " + std::to_string( kind ) );
  if ( kind > 0 )
    options.kind = allKinds()[static_cast<size_t>( kind - 1 )];
  options.mapping = parseMapping( parameterAsString( parameters, QStringLiteral( "MAPPING" ), context ) );
  const QString adminPath = parameterAsFile( parameters, QStringLiteral( "ADMIN" ), context );
  const QString targetsPath = parameterAsFile( parameters, QStringLiteral( "TARGETS" ), context );
  const QString output = parameterAsFileOutput( parameters, QStringLiteral( "OUTPUT" ), context );
  QString rows = parameterAsFileOutput( parameters, QStringLiteral( "ROWS" ), context );
  if ( QFileInfo( output ).suffix().compare( QLatin1String( "gpkg" ), Qt::CaseInsensitive ) != 0 )
    throw InputError( "OUTPUT: htsplan writes the facility contract as a GeoPackage; give a .gpkg file name (got " + output.toStdString() + ")" );
  if ( rows.isEmpty() )
    rows = QFileInfo( output ).path() + '/' + QFileInfo( output ).completeBaseName() + QStringLiteral( "_rows.csv" );

  const Targets targets = loadTargets( targetsPath.isEmpty() ? defaultTargetsPath() : targetsPath.toStdString() );
  const AdminData admin = loadAdmin( adminPath.isEmpty() ? defaultAdminPath() : adminPath.toStdString(), Vintage::Current, equalArea() );
  QgsProcessingMultiStepFeedback steps( 2, feedback );
  const ImportResult result = importRegister( input.toStdString(), options, targets, &steps );
  steps.setCurrentStep( 1 );
  const RegisterPlacement placement = checkPlacement( result, admin );

  for ( const ReportLines &lines : { result.summary(), placement.lines( result ) } )
  {
    for ( const std::string &line : lines.info )
      feedback->pushInfo( QString::fromStdString( line ) );
    for ( const std::string &line : lines.warnings )
      feedback->pushWarning( QString::fromStdString( line ) );
  }
  if ( result.facilities.empty() )
    throw InputError( "register " + input.toStdString() + ": no row could be imported (" + std::to_string( result.rejectedRows() ) +
                      " rejected; the reasons: " + rows.toStdString() + " is not written when nothing is imported)" );

  // The GeoPackage and its row list go together or not at all (from the toolbox and the plugin too).
  OutputTransaction outputs;
  writeRowIssuesCsv( result, outputs.stage( rows.toStdString(), OutputTransaction::Kind::File ) );
  writeImportedGpkg( result, outputs.stage( output.toStdString(), OutputTransaction::Kind::File ) );
  outputs.commit();
  for ( const std::string &warning : outputs.warnings() )
    feedback->pushWarning( QString::fromStdString( warning ) );
  feedback->pushInfo( QStringLiteral( "written: %1 and %2 (%3 rows listed)" ).arg( output, rows ).arg( result.issues.size() ) );

  QVariantMap out;
  out.insert( QStringLiteral( "OUTPUT" ), output );
  out.insert( QStringLiteral( "ROWS" ), rows );
  out.insert( QStringLiteral( "IMPORTED" ), static_cast<qlonglong>( result.facilities.size() ) );
  out.insert( QStringLiteral( "REJECTED" ), result.rejectedRows() );
  out.insert( QStringLiteral( "OUTSIDE" ), placement.outsideProvince );
  out.insert( QStringLiteral( "SHIFT_CHANGES" ), result.crs == SourceCrs::Gcj02 || result.crs == SourceCrs::Bd09 ? placement.movedCounty : placement.changeIfGcj02 );
  return out;
}

} // namespace htsplan
