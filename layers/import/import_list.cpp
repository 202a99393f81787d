#include "layers/import/import_list.h"

#include "layers/atomic_file.h"
#include "layers/cells.h"
#include "layers/contract.h"
#include "layers/gpkg_writer.h"
#include "layers/import/coordinates.h"
#include "layers/storage_crs.h"
#include "layers/targets.h"
#include "layers/text.h"

#include <ogr_spatialref.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

namespace htsplan
{

namespace
{

//! Reads one row into a facility, filing its problems.
class RowReader
{
  public:
    RowReader( const ImportOptions &options, const ColumnMapping &mapping, const std::vector<std::string> &headers,
               const Targets &targets, ImportResult &result )
      : mOptions( options ), mMapping( mapping ), mHeaders( headers ), mTargets( targets ), mResult( result )
    {}

    //! The facility of the row, or nullopt when it is rejected.
    std::optional<ImportedFacility> read( const RegisterRow &row )
    {
      mRow = &row;
      ImportedFacility fac;
      fac.srcRow = row.number;
      if ( !readKind( fac ) || !readPosition( fac ) )
        return std::nullopt;
      fac.name = text( Role::Name );
      if ( fac.name.empty() )
        keep( Role::Name, "名称为空", "the name is empty" );
      fac.id = text( Role::Id );
      fac.parent = text( Role::Parent );
      fac.zoneType = text( Role::ZoneType );
      readSector( fac );
      readStatus( fac );
      readYear( fac );
      readRevenue( fac );
      return fac;
    }

    //! Rows whose two coordinate cells are plain numbers, and of those the ones beyond ±180/±90
    //! with their extent: swapped columns or projected metres, judged on the whole list, not per row.
    long long plainRows = 0, notDegrees = 0;
    OGREnvelope notDegreesExtent;

  private:
    //! The cell width-folded (full-width digits and letters to ASCII): for values that are parsed.
    std::string cell( Role role ) const { return foldWidth( text( role ) ); }
    //! The cell as written, trimmed: names and ids keep their full-width brackets.
    std::string text( Role role ) const
    {
      const auto found = mMapping.columns.find( role );
      if ( found == mMapping.columns.end() )
        return std::string();
      const std::string &raw = mRow->cells[static_cast<size_t>( found->second )];
      const size_t first = raw.find_first_not_of( " \t\r\n" ), last = raw.find_last_not_of( " \t\r\n" );
      return first == std::string::npos ? std::string() : raw.substr( first, last - first + 1 );
    }
    std::string header( Role role ) const
    {
      const auto found = mMapping.columns.find( role );
      return found == mMapping.columns.end() ? std::string( roleKey( role ) ) : mHeaders[static_cast<size_t>( found->second )];
    }
    //! Files a row's problem. kind: what rows with this problem share, for the summary (default: en).
    void issue( bool rejectedRow, Role role, const std::string &zh, const std::string &en, const std::string &kind = std::string(),
                const std::string &field = std::string() )
    {
      RowIssue i;
      i.row = mRow->number;
      i.rejected = rejectedRow;
      i.field = field.empty() ? header( role ) : field;
      i.value = field == "geometry" ? std::string() : text( role );
      i.reasonZh = zh;
      i.reasonEn = en;
      i.kind = kind.empty() ? en : kind;
      mResult.issues.push_back( std::move( i ) );
    }
    void reject( Role role, const std::string &zh, const std::string &en, const std::string &kind = std::string() ) { issue( true, role, zh, en, kind ); }
    void keep( Role role, const std::string &zh, const std::string &en, const std::string &kind = std::string() ) { issue( false, role, zh, en, kind ); }

    bool readKind( ImportedFacility &fac )
    {
      if ( mMapping.columns.count( Role::Kind ) )
      {
        const std::string text = cell( Role::Kind );
        if ( const std::optional<Kind> kind = kindFromCell( text ) )
        {
          fac.kind = *kind;
          return true;
        }
        if ( text.empty() && mOptions.kind )
        {
          fac.kind = *mOptions.kind;
          return true;
        }
        reject( Role::Kind, text.empty() ? "类型为空" : "类型无法识别", text.empty() ? "the kind is empty" : "unknown kind '" + text + "'",
                text.empty() ? "the kind is empty" : "unknown kind" );
        return false;
      }
      fac.kind = *mOptions.kind; // importRegister() checked that one of the two exists
      return true;
    }

    bool readPosition( ImportedFacility &fac )
    {
      if ( mResult.fromGeometry )
      {
        if ( !mRow->point )
        {
          issue( true, Role::Lon, "没有几何位置", mRow->geometryProblem.empty() ? "no geometry" : mRow->geometryProblem, std::string(), "geometry" );
          return false;
        }
        fac.srcLon = mRow->point->first;
        fac.srcLat = mRow->point->second;
        notePosition( fac.srcLon, fac.srcLat );
      }
      else
      {
        notePlainNumbers();
        const std::optional<double> lon = readAxis( Role::Lon, Axis::Lon );
        const std::optional<double> lat = lon ? readAxis( Role::Lat, Axis::Lat ) : std::nullopt;
        if ( !lon || !lat )
          return false;
        fac.srcLon = *lon;
        fac.srcLat = *lat;
      }
      const LonLat converted = toCgcs2000( mResult.crs, fac.srcLon, fac.srcLat );
      fac.lon = converted.lon;
      fac.lat = converted.lat;
      fac.shiftMetres = shiftMetres( fac.srcLon, fac.srcLat, fac.lon, fac.lat );
      return true;
    }

    //! One coordinate cell, or the row rejected with the reason.
    std::optional<double> readAxis( Role role, Axis axis )
    {
      const std::string text = cell( role );
      const ParsedCoordinate parsed = parseCoordinateCell( text, axis );
      if ( parsed.degrees )
        return parsed.degrees;
      const bool lon = axis == Axis::Lon;
      if ( text.empty() )
        reject( role, lon ? "经度为空" : "纬度为空", lon ? "longitude is empty" : "latitude is empty" );
      else
        reject( role, lon ? "经度无法识别" : "纬度无法识别", ( lon ? "longitude: " : "latitude: " ) + parsed.problem,
                lon ? "unreadable longitude" : "unreadable latitude" );
      return std::nullopt;
    }

    void notePlainNumbers()
    {
      const std::string lonText = cell( Role::Lon ), latText = cell( Role::Lat );
      char *lonEnd = nullptr, *latEnd = nullptr;
      const double x = std::strtod( lonText.c_str(), &lonEnd ), y = std::strtod( latText.c_str(), &latEnd );
      if ( lonText.empty() || latText.empty() || *lonEnd || *latEnd )
        return;
      notePosition( x, y );
    }
    void notePosition( double x, double y )
    {
      if ( !std::isfinite( x ) || !std::isfinite( y ) )
        return;
      ++plainRows;
      if ( plausibleLonLat( x, y, x, y ) )
        return;
      ++notDegrees;
      notDegreesExtent.Merge( x, y );
    }

    void readSector( ImportedFacility &fac )
    {
      const std::string text = cell( Role::Sector );
      if ( text.empty() )
      {
        if ( mMapping.columns.count( Role::Sector ) && fac.kind != Kind::HightechZone )
          keep( Role::Sector, "领域为空", "the sector is empty" );
        return;
      }
      auto found = mSectors.find( text );
      if ( found == mSectors.end() )
        found = mSectors.emplace( text, mTargets.sectorIndex( text ) ).first;
      if ( found->second )
        fac.sector = mTargets.sectors[static_cast<size_t>( *found->second )].code;
      else
      {
        fac.sector = text;
        keep( Role::Sector, "领域无法识别，原样保留", "unknown sector '" + text + "', kept as written", "unknown sector, kept as written" );
      }
    }

    void readStatus( ImportedFacility &fac )
    {
      const std::string text = cell( Role::Status );
      if ( text.empty() )
      {
        if ( mMapping.columns.count( Role::Status ) )
          keep( Role::Status, "状态为空", "the status is empty" );
        return;
      }
      const Parsed<Status> status = parseStatusCell( text );
      if ( status.value )
        fac.status = statusKey( *status.value );
      else
      {
        fac.status = text;
        keep( Role::Status, "状态无法识别，原样保留（不计入目标）", "status: " + status.problem + "; kept as written (not counted toward the target)",
             "unknown status, kept as written (not counted toward the target)" );
      }
    }

    void readYear( ImportedFacility &fac )
    {
      const std::string text = cell( Role::Year );
      if ( text.empty() )
        return;
      const Parsed<int> year = parseYearCell( text );
      if ( year.value )
        fac.year = *year.value;
      else
        keep( Role::Year, "年份无法识别，留空", "year: " + year.problem + "; left empty", "unreadable year, left empty" );
    }

    void readRevenue( ImportedFacility &fac )
    {
      const std::string text = cell( Role::Revenue );
      if ( text.empty() )
      {
        if ( fac.kind == Kind::Enterprise && mMapping.columns.count( Role::Revenue ) )
          keep( Role::Revenue, "营业收入为空", "the revenue is empty" );
        return;
      }
      const Parsed<double> amount = parseAmountCell( text, mMapping.revenueFactor );
      if ( amount.value )
        fac.revenueCny = *amount.value;
      else
        keep( Role::Revenue, "营业收入无法识别，留空", "revenue: " + amount.problem + "; left empty", "unreadable revenue, left empty" );
    }

    const ImportOptions &mOptions;
    const ColumnMapping &mMapping;
    const std::vector<std::string> &mHeaders;
    const Targets &mTargets;
    ImportResult &mResult;
    const RegisterRow *mRow = nullptr;
    std::unordered_map<std::string, std::optional<int>> mSectors;
};

//! The coordinate columns judged as a whole: swapped columns and projected metres are fatal, not a rejection per row.
void checkDegrees( long long plainRows, long long notDegrees, const OGREnvelope &extent, const ImportResult &result )
{
  if ( notDegrees * 2 <= plainRows )
    return;
  const auto lon = result.mapping.columns.find( Role::Lon ), lat = result.mapping.columns.find( Role::Lat );
  const std::string columns = result.fromGeometry ? std::string( "the layer's geometries" )
                                                  : "columns '" + result.headers[static_cast<size_t>( lon->second )] + "' (longitude) and '" +
                                                      result.headers[static_cast<size_t>( lat->second )] + "' (latitude)";
  throw InputError( "register " + result.path + ": " + std::to_string( notDegrees ) + " of " + std::to_string( plainRows ) + " rows in " + columns +
                    " are not longitude/latitude degrees (" + describeExtent( extent ) + "): " + coordinatesLookLike( extent ) +
                    "; map the columns the other way round if they are swapped (e.g. --map lon=纬度 --map lat=经度), or give the list "
                    "in degrees (projected metres are not read here) or as a GIS layer with its CRS" );
}

struct KindIdHash
{
    size_t operator()( const std::pair<Kind, std::string> &key ) const
    {
      return std::hash<std::string>()( key.second ) ^ ( static_cast<size_t>( key.first ) * 0x9E3779B97F4A7C15ull );
    }
};

//! Repeats: the same id within a kind, or without ids the same name at the same place. The later row is rejected.
void rejectRepeats( ImportResult &result )
{
  std::unordered_map<std::pair<Kind, std::string>, long long, KindIdHash> byId;
  byId.reserve( result.facilities.size() );
  std::map<std::tuple<Kind, std::string, long long, long long>, long long> byNamePlace;
  std::unordered_set<long long> repeats;
  // The kept rows are moved down in place, in order: no second copy of a million facilities.
  size_t kept = 0;
  for ( size_t index = 0; index < result.facilities.size(); ++index )
  {
    ImportedFacility &f = result.facilities[index];
    long long first = 0;
    std::string zh, en;
    if ( !f.id.empty() )
    {
      const auto [it, inserted] = byId.emplace( std::make_pair( f.kind, f.id ), f.srcRow );
      if ( !inserted )
      {
        first = it->second;
        zh = "编号与第" + std::to_string( first ) + "行重复";
        en = "the same id '" + f.id + "' as row " + std::to_string( first ) + " (a repeat, counted once)";
      }
    }
    else if ( !f.name.empty() )
    {
      // About a metre: the same place written twice, not two facilities.
      const auto key = std::make_tuple( f.kind, f.name, std::llround( f.lon * 1e5 ), std::llround( f.lat * 1e5 ) );
      const auto [it, inserted] = byNamePlace.emplace( key, f.srcRow );
      if ( !inserted )
      {
        first = it->second;
        zh = "名称和位置与第" + std::to_string( first ) + "行相同";
        en = "the same name and place as row " + std::to_string( first ) + " (a repeat, counted once)";
      }
    }
    if ( first )
    {
      const auto column = result.mapping.columns.find( f.id.empty() ? Role::Name : Role::Id );
      const std::string field = column == result.mapping.columns.end() ? roleKey( f.id.empty() ? Role::Name : Role::Id )
                                                                      : result.headers[static_cast<size_t>( column->second )];
      repeats.insert( f.srcRow );
      result.issues.push_back( { f.srcRow, true, field, f.id.empty() ? f.name : f.id, zh, en, "a repeat of an earlier row (counted once)" } );
      continue;
    }
    if ( kept != index )
      result.facilities[kept] = std::move( f );
    ++kept;
  }
  result.facilities.erase( result.facilities.begin() + static_cast<std::ptrdiff_t>( kept ), result.facilities.end() );
  // A rejected repeat is not imported: what was noted of its fields would be counted against nothing.
  if ( !repeats.empty() )
    result.issues.erase( std::remove_if( result.issues.begin(), result.issues.end(),
                                         [&]( const RowIssue &i ) { return !i.rejected && repeats.count( i.row ); } ),
                         result.issues.end() );
}

std::string csvField( const std::string &text )
{
  if ( text.find_first_of( ",\"\r\n" ) == std::string::npos )
    return text;
  std::string quoted = "\"";
  for ( char c : text )
  {
    if ( c == '"' )
      quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

} // namespace

std::string RowIssue::toString() const
{
  return "第" + std::to_string( row ) + "行 (row " + std::to_string( row ) + "): " + ( field.empty() ? "" : field + ": " ) + reasonZh + " (" +
         reasonEn + ")";
}

long long ImportResult::rejectedRows() const
{
  long long n = 0;
  for ( const RowIssue &i : issues )
    n += i.rejected ? 1 : 0;
  return n;
}

std::optional<Kind> kindFromCell( const std::string &text )
{
  const std::string key = foldKey( text );
  if ( key.empty() )
    return std::nullopt;
  if ( auto k = kindFromKey( key ) )
    return k;
  if ( auto k = kindFromLayer( key ) )
    return k;
  static const std::vector<std::pair<const char *, Kind>> names = {
    { "高新区", Kind::HightechZone }, { "高新技术产业开发区", Kind::HightechZone }, { "zone", Kind::HightechZone },
    { "基地", Kind::Base }, { "服务基地", Kind::Base }, { "高技术服务业基地", Kind::Base },
    { "园区", Kind::Park }, { "专业园区", Kind::Park }, { "特色园区", Kind::Park },
    { "楼宇", Kind::Building }, { "主题楼宇", Kind::Building }, { "特色楼宇", Kind::Building },
    { "企业", Kind::Enterprise }, { "骨干企业", Kind::Enterprise }, { "重点企业", Kind::Enterprise },
  };
  for ( const auto &[name, kind] : names )
    if ( key == name )
      return kind;
  for ( Kind kind : allKinds() )
    if ( key == kindLabelZh( kind ) )
      return kind;
  return std::nullopt;
}

namespace
{

//! Steps 1 and 2, shared by the import and the preview.
struct Detection
{
    ColumnMapping mapping;
    bool fromGeometry = false;
    std::optional<SourceCrs> hinted;
    std::string hint;
};

//! What steps 1 and 2 found, into an ImportResult or a RegisterPreview.
template<typename Out>
void describeSource( const RegisterReader &reader, Out &out )
{
  out.format = reader.format();
  out.sheet = reader.sheet();
  out.encoding = reader.encoding();
  out.encodingReason = reader.encodingReason();
  out.encodingGuessed = reader.encodingGuessed();
  out.headers = reader.headers();
}

Detection detect( const RegisterReader &reader, const ImportOptions &options )
{
  Detection d;
  // An empty header in the planner's mapping says "no column for this role": not guessed either.
  std::map<Role, std::string> named;
  for ( const auto &[role, header] : options.mapping )
    if ( !header.empty() )
      named[role] = header;
  d.mapping = guessColumns( reader.headers(), named );
  for ( const auto &[role, header] : options.mapping )
    if ( header.empty() && d.mapping.columns.erase( role ) )
      d.mapping.notes.push_back( std::string( roleKey( role ) ) + ": no column, as the mapping says" );
  const bool lonLat = d.mapping.columns.count( Role::Lon ) && d.mapping.columns.count( Role::Lat );
  const bool explicitLonLat = named.count( Role::Lon ) || named.count( Role::Lat );
  d.fromGeometry = reader.hasGeometry() && !explicitLonLat;
  if ( !d.fromGeometry && !lonLat )
  {
    std::string headers;
    for ( const std::string &h : reader.headers() )
      headers += ( headers.empty() ? "" : ", " ) + h;
    throw InputError( "register " + reader.path() + ", sheet '" + reader.sheet() + "': no " +
                      ( d.mapping.columns.count( Role::Lon ) ? "latitude" : "longitude" ) +
                      " column found (looked for 经度/纬度, 东经/北纬, X坐标/Y坐标, lon/lat, ...; the columns: " + headers +
                      "); name them with --map lon=COLUMN --map lat=COLUMN" );
  }
  std::vector<std::string> texts = reader.headers();
  texts.push_back( reader.sheet() );
  const std::vector<CrsHint> hints = crsHints( texts, std::filesystem::path( reader.path() ).filename().string() );
  if ( !hints.empty() )
  {
    d.hinted = hints.front().crs;
    d.hint = hints.front().text;
  }
  return d;
}

} // namespace

ImportResult importRegister( const std::string &path, const ImportOptions &options, const Targets &targets, QgsFeedback *feedback )
{
  RegisterReader reader( path, options.read );
  ImportResult result;
  result.path = path;
  describeSource( reader, result );

  const Detection d = detect( reader, options );
  result.mapping = d.mapping;
  result.fromGeometry = d.fromGeometry;
  if ( !options.kind && !result.mapping.columns.count( Role::Kind ) )
    throw InputError( "register " + path + ", sheet '" + reader.sheet() +
                      "': no kind column (类型) and no kind given: say which kind the list holds (--kind park, base, building, enterprise or hightech_zone)" );
  result.crsDeclared = options.crs.has_value();
  result.crs = options.crs.value_or( SourceCrs::Cgcs2000 );
  if ( result.encodingGuessed )
    result.warnings.push_back( "encoding guessed: " + result.encoding + " (" + result.encodingReason + "); give --encoding if the names look wrong" );
  if ( d.hinted && *d.hinted != result.crs )
    result.warnings.push_back( "'" + d.hint + "' hints at " + sourceCrsLabel( *d.hinted ) + " coordinates, but the list is read as " +
                               sourceCrsLabel( result.crs ) + ( result.crsDeclared ? " as declared" : " (nothing declared)" ) +
                               ": check the source and declare the coordinate system (--crs " + sourceCrsKey( *d.hinted ) + ")" );
  else if ( !result.crsDeclared )
    result.warnings.push_back( "no coordinate system declared: read as CGCS2000/WGS84 (the same at planning scale); "
                               "positions picked on Amap or Tencent are GCJ-02 (--crs gcj02), on Baidu BD-09 (--crs bd09)" );

  // A GIS layer's positions come in its own CRS: to CGCS2000 first, then any Chinese offset is removed.
  TransformPtr toStorage;
  if ( result.fromGeometry && !reader.crsWkt().empty() )
  {
    OGRSpatialReference source;
    source.SetAxisMappingStrategy( OAMS_TRADITIONAL_GIS_ORDER );
    const OGRSpatialReference storage = cgcs2000();
    if ( source.importFromWkt( reader.crsWkt().c_str() ) == OGRERR_NONE && !source.IsSame( &storage ) )
    {
      toStorage = makeTransform( source, cgcs2000() );
      if ( !toStorage )
        throw InputError( "register " + path + ", layer '" + reader.sheet() + "': its CRS cannot be transformed to EPSG:4490" );
    }
  }

  RowReader rowReader( options, result.mapping, result.headers, targets, result );
  if ( const long long rows = reader.rowCountHint(); rows > 0 )
    result.facilities.reserve( static_cast<size_t>( rows ) );
  reader.forEachRow( [&]( const RegisterRow &row ) {
    ++result.rowsRead;
    if ( toStorage && row.point )
    {
      RegisterRow projected = row;
      double x = row.point->first, y = row.point->second;
      if ( !toStorage->Transform( 1, &x, &y ) )
        projected.point.reset(), projected.geometryProblem = "cannot be reprojected to EPSG:4490";
      else
        projected.point = std::make_pair( x, y );
      if ( auto fac = rowReader.read( projected ) )
        result.facilities.push_back( std::move( *fac ) );
      return;
    }
    if ( auto fac = rowReader.read( row ) )
      result.facilities.push_back( std::move( *fac ) );
  },
                      0, feedback );
  result.emptyRowsSkipped = reader.skippedEmptyRows();
  if ( reader.undecodableCells() > 0 )
    result.warnings.push_back( std::to_string( reader.undecodableCells() ) + " text cells were not UTF-8 and were read as GB18030" );
  checkDegrees( rowReader.plainRows, rowReader.notDegrees, rowReader.notDegreesExtent, result );
  rejectRepeats( result );
  // Repeats are found after the rows: the list of issues goes in row order, as the planner reads the file.
  std::stable_sort( result.issues.begin(), result.issues.end(), []( const RowIssue &a, const RowIssue &b ) { return a.row < b.row; } );

  return result;
}

RegisterPreview previewRegister( const std::string &path, const ImportOptions &options, int rows )
{
  RegisterReader reader( path, options.read );
  RegisterPreview preview;
  describeSource( reader, preview );
  preview.sheets = reader.sheets();
  try
  {
    const Detection d = detect( reader, options );
    preview.mapping = d.mapping;
    preview.hintedCrs = d.hinted;
    preview.crsHint = d.hint;
  }
  catch ( const InputError &e )
  {
    // The dialog shows what was found and lets the planner name the columns.
    preview.mapping = guessColumns( reader.headers(), {} );
    preview.mapping.notes.push_back( e.what() );
  }
  reader.forEachRow( [&]( const RegisterRow &row ) { preview.rows.push_back( row ); }, rows );
  return preview;
}

ReportLines ImportResult::summary() const
{
  ReportLines out;
  std::vector<std::string> &lines = out.info;
  lines.push_back( "register " + path + ( sheet.empty() ? "" : ", sheet '" + sheet + "'" ) + ": " + format + ", " + encoding + " (" +
                   encodingReason + "), " + std::to_string( rowsRead ) + " rows" +
                   ( emptyRowsSkipped ? " (and " + std::to_string( emptyRowsSkipped ) + " empty rows skipped)" : "" ) );
  std::string columns;
  for ( const auto &[role, index] : mapping.columns )
    columns += ( columns.empty() ? "" : ", " ) + std::string( roleKey( role ) ) + " <- '" + headers[static_cast<size_t>( index )] + "'";
  if ( mapping.columns.count( Role::Revenue ) && mapping.revenueFactor != 1 )
    columns += " (x" + formatNumber( mapping.revenueFactor ) + " to yuan)";
  lines.push_back( "columns: " + columns + ( fromGeometry ? "; positions from the layer's geometries" : "" ) );
  for ( const std::string &note : mapping.notes )
    lines.push_back( "columns: " + note );
  std::string coords = "coordinates: " + std::string( sourceCrsLabel( crs ) );
  if ( crs == SourceCrs::Gcj02 || crs == SourceCrs::Bd09 )
  {
    double lo = 0, hi = 0;
    for ( size_t i = 0; i < facilities.size(); ++i )
    {
      lo = i == 0 ? facilities[i].shiftMetres : std::min( lo, facilities[i].shiftMetres );
      hi = i == 0 ? facilities[i].shiftMetres : std::max( hi, facilities[i].shiftMetres );
    }
    coords += " converted to CGCS2000, moved " + std::to_string( std::lround( lo ) ) + "-" + std::to_string( std::lround( hi ) ) + " m";
  }
  lines.push_back( coords );
  std::map<Kind, long long> perKind;
  for ( const ImportedFacility &f : facilities )
    ++perKind[f.kind];
  std::string counts;
  for ( const auto &[kind, n] : perKind )
    counts += ( counts.empty() ? "" : ", " ) + std::to_string( n ) + " " + kindKey( kind ) + ( n == 1 ? "" : "s" );
  lines.push_back( "imported: " + ( counts.empty() ? std::string( "nothing" ) : counts ) + "; rejected: " + std::to_string( rejectedRows() ) +
                   " rows" );
  out.warnings = warnings;
  Problems rows;
  rows.reserve( issues.size() );
  const std::string where = sheet.empty() ? std::filesystem::path( path ).filename().string() : sheet;
  for ( const RowIssue &i : issues )
    rows.push_back( { i.rejected ? "rejected" : "kept", where, "row " + std::to_string( i.row ), i.field, i.reasonEn, i.kind, i.value } );
  for ( const std::string &line : summariseProblems( rows, 3, "rows" ) )
    out.warnings.push_back( line );
  return out;
}

void writeImportedGpkg( const ImportResult &result, const std::string &path )
{
  GpkgWriter gpkg( path );
  const OGRSpatialReference srs = cgcs2000();
  const std::string description = "imported by htsplan from " + std::filesystem::path( result.path ).filename().string() +
                                  ( result.sheet.empty() ? "" : ", sheet " + result.sheet ) + " (" + sourceCrsLabel( result.crs ) + ")";
  for ( Kind kind : allKinds() )
  {
    bool any = false;
    for ( const ImportedFacility &f : result.facilities )
      any = any || f.kind == kind;
    if ( !any )
      continue;
    gpkg.createLayer( kindLayer( kind ), &srs, wkbPoint, { description } );
    for ( const ContractField &field : contractFields( kind ) )
      gpkg.addField( field.name, field.type );
    gpkg.addField( "src_row", OFTInteger64 );
    gpkg.addField( "src_lon", OFTReal );
    gpkg.addField( "src_lat", OFTReal );
    gpkg.addField( "src_crs", OFTString );
    gpkg.addField( "shift_m", OFTReal );
    OGRFeature f( gpkg.layerDefn() );
    const int parentIndex = f.GetFieldIndex( field::Parent ), zoneIndex = f.GetFieldIndex( field::ZoneType ),
              revenueIndex = f.GetFieldIndex( field::RevenueCny ), yearIndex = f.GetFieldIndex( field::Year ),
              statusIndex = f.GetFieldIndex( field::Status ), sectorIndex = f.GetFieldIndex( field::Sector ),
              idIndex = f.GetFieldIndex( field::Id ), nameIndex = f.GetFieldIndex( field::Name ), srcRowIndex = f.GetFieldIndex( "src_row" ),
              srcLonIndex = f.GetFieldIndex( "src_lon" ), srcLatIndex = f.GetFieldIndex( "src_lat" ), srcCrsIndex = f.GetFieldIndex( "src_crs" ),
              shiftIndex = f.GetFieldIndex( "shift_m" );
    for ( const ImportedFacility &fac : result.facilities )
    {
      if ( fac.kind != kind )
        continue;
      f.SetFID( OGRNullFID );
      auto text = [&]( int index, const std::string &value ) {
        if ( index < 0 )
          return;
        if ( value.empty() )
          f.SetFieldNull( index );
        else
          f.SetField( index, value.c_str() );
      };
      text( idIndex, fac.id );
      text( nameIndex, fac.name );
      text( sectorIndex, fac.sector );
      text( statusIndex, fac.status );
      text( parentIndex, fac.parent );
      text( zoneIndex, fac.zoneType );
      if ( fac.year )
        f.SetField( yearIndex, *fac.year );
      else
        f.SetFieldNull( yearIndex );
      if ( revenueIndex >= 0 )
      {
        if ( fac.revenueCny )
          f.SetField( revenueIndex, *fac.revenueCny );
        else
          f.SetFieldNull( revenueIndex );
      }
      f.SetField( srcRowIndex, static_cast<GIntBig>( fac.srcRow ) );
      f.SetField( srcLonIndex, fac.srcLon );
      f.SetField( srcLatIndex, fac.srcLat );
      f.SetField( srcCrsIndex, sourceCrsKey( result.crs ) );
      f.SetField( shiftIndex, std::round( fac.shiftMetres * 100 ) / 100 );
      f.SetGeometryDirectly( new OGRPoint( fac.lon, fac.lat ) );
      gpkg.write( f );
    }
  }
  gpkg.commit();
}

void writeRowIssuesCsv( const ImportResult &result, const std::string &path )
{
  std::ostringstream out;
  out << "\xEF\xBB\xBF"
      << "行号 row,处理 action,字段 field,值 value,原因 reason\r\n";
  for ( const RowIssue &i : result.issues )
    out << i.row << ',' << ( i.rejected ? "拒绝 rejected" : "保留 kept" ) << ',' << csvField( i.field ) << ',' << csvField( i.value ) << ','
        << csvField( i.toString() ) << "\r\n";
  writeFileAtomically( path, out.str() );
}

} // namespace htsplan
