#include "layers/import/register_reader.h"

#include "layers/problems.h"
#include "layers/text.h"
#include "layers/vector_file.h"

#include <cpl_conv.h>
#include <cpl_string.h>
#include <cpl_vsi.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>
#include <qgsfeedback.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace htsplan
{

namespace
{

std::string lowerExtension( const std::string &path )
{
  std::string ext = std::filesystem::path( path ).extension().string();
  for ( char &c : ext )
    c = static_cast<char>( std::tolower( static_cast<unsigned char>( c ) ) );
  return ext;
}

//! Reads a whole file (checkInputFile() has vouched for it).
std::string readWholeFile( const std::string &path )
{
  std::ifstream in( path, std::ios::binary );
  if ( !in )
    throw InputError( "register file " + path + ": cannot be opened for reading" );
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if ( in.bad() )
    throw InputError( "register file " + path + ": read error" );
  return bytes.str();
}

//! The encoding a .cpg names, as iconv spells it.
std::string encodingFromCpg( std::string text )
{
  text = foldKey( text );
  if ( text == "utf-8" || text == "utf8" || text == "65001" )
    return "UTF-8";
  if ( text == "936" || text == "cp936" || text == "gbk" || text == "gb2312" || text == "gb18030" || text == "ansi936" )
    return "GB18030";
  if ( !text.empty() && std::all_of( text.begin(), text.end(), []( char c ) { return std::isdigit( static_cast<unsigned char>( c ) ); } ) )
    return "CP" + text;
  return text;
}

//! The .cpg beside a shapefile (any case of the extension), or "".
std::string siblingFile( const std::string &shp, const char *lowerExt, const char *upperExt )
{
  for ( const char *ext : { lowerExt, upperExt } )
  {
    const std::string candidate = std::filesystem::path( shp ).replace_extension( ext ).string();
    if ( std::filesystem::is_regular_file( candidate ) )
      return candidate;
  }
  return std::string();
}

//! Sets the thread's config options a spreadsheet driver reads when it loads a sheet.
class SpreadsheetOptions
{
  public:
    explicit SpreadsheetOptions( const std::string &driverPrefix )
      : mHeaders( ( "OGR_" + driverPrefix + "_HEADERS" ).c_str(), "FORCE", true )
      , mTypes( ( "OGR_" + driverPrefix + "_FIELD_TYPES" ).c_str(), "STRING", true )
    {}

  private:
    // An all-text sheet loses its header row unless FORCE (GDAL #42147);
    // STRING keeps every cell as typed, for the cell parsers to read.
    CPLConfigOptionSetter mHeaders;
    CPLConfigOptionSetter mTypes;
};

const char *spreadsheetPrefix( const std::string &ext )
{
  if ( ext == ".xlsx" )
    return "XLSX";
  if ( ext == ".xls" )
    return "XLS";
  if ( ext == ".ods" )
    return "ODS";
  return nullptr;
}

} // namespace

RegisterReader::RegisterReader( const std::string &path, const RegisterReadOptions &options )
  : mPath( path )
{
  // A missing, empty or unreadable file, a folder or a link loop: one line naming it.
  checkInputFile( path, "register" );
  const std::string ext = lowerExtension( path );
  if ( ext == ".csv" || ext == ".txt" || ext == ".tsv" )
    openCsv( options );
  else if ( ext == ".shp" || ext == ".dbf" )
    openShapefile( options );
  else
    openOther( options );
  chooseLayer( options.sheet );
}

RegisterReader::~RegisterReader()
{
  mDs.reset();
  if ( !mMemPath.empty() )
    VSIUnlink( mMemPath.c_str() );
}

void RegisterReader::openCsv( const RegisterReadOptions &options )
{
  std::string bytes = readWholeFile( mPath );
  if ( !options.encoding.empty() )
  {
    mEncoding = options.encoding;
    mEncodingReason = "given";
    if ( foldKey( mEncoding ) != "utf-8" && foldKey( mEncoding ) != "utf8" )
    {
      char *recoded = CPLRecode( bytes.c_str(), mEncoding.c_str(), CPL_ENC_UTF8 );
      bytes = recoded ? recoded : "";
      CPLFree( recoded );
    }
  }
  else
  {
    const TextEncoding detected = detectEncoding( bytes );
    mEncoding = encodingName( detected );
    if ( detected == TextEncoding::Utf8Bom )
      mEncodingReason = "byte order mark";
    else if ( detected == TextEncoding::Utf8 )
      mEncodingReason = "every byte sequence is valid UTF-8";
    else
    {
      mEncodingReason = "not valid UTF-8; read as GB18030 (which includes GBK and GB2312, what Excel saves on a Chinese Windows)";
      mEncodingGuessed = true;
    }
    bytes = toUtf8( bytes, detected );
  }
  // GDAL's CSV driver counts the records by parsing the whole file (its
  // GetFeatureCount); the lines are enough for a progress bar.
  if ( !bytes.empty() )
    mCsvLines = std::max( 0LL, static_cast<long long>( std::count( bytes.begin(), bytes.end(), '\n' ) ) + ( bytes.back() != '\n' ? 1 : 0 ) - 1 );
  // GDAL's CSV driver reads the decoded text from memory; the file is not touched.
  static std::atomic<int> counter { 0 };
  mMemPath = "/vsimem/htsplan_register_" + std::to_string( counter++ ) + ".csv";
  VSILFILE *mem = VSIFileFromMemBuffer( mMemPath.c_str(), reinterpret_cast<GByte *>( CPLStrdup( bytes.c_str() ) ), bytes.size(), TRUE );
  if ( !mem )
    throw InputError( "register " + mPath + ": cannot be decoded into memory" );
  VSIFCloseL( mem );
  // HEADERS=YES: the first line is the header even when it is all numbers;
  // every cell stays text (no AUTODETECT_TYPE).
  const char *openOptions[] = { "HEADERS=YES", "EMPTY_STRING_AS_NULL=NO", nullptr };
  const char *drivers[] = { "CSV", nullptr };
  mDs.reset( GDALDataset::Open( mMemPath.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers, openOptions ) );
  if ( !mDs )
    throw InputError( "register " + mPath + ": not a readable CSV file" );
  mFormat = "CSV";
  mExcelRows = true;
}

void RegisterReader::openShapefile( const RegisterReadOptions &options )
{
  const std::string shp = mPath;
  std::string encoding = options.encoding;
  if ( !encoding.empty() )
    mEncodingReason = "given";
  else if ( const std::string cpg = siblingFile( shp, ".cpg", ".CPG" ); !cpg.empty() )
  {
    std::ifstream in( cpg );
    std::string text;
    std::getline( in, text );
    encoding = encodingFromCpg( text );
    mEncodingReason = ".cpg file (" + foldWidth( text ) + ")";
  }
  else if ( const std::string dbf = siblingFile( shp, ".dbf", ".DBF" ); !dbf.empty() )
  {
    // The dBase language driver id (byte 29): 0x4D and 0x7A say Chinese GBK (code page 936).
    std::ifstream in( dbf, std::ios::binary );
    char header[32] = {};
    in.read( header, sizeof header );
    const unsigned char ldid = static_cast<unsigned char>( header[29] );
    if ( in && ( ldid == 0x4D || ldid == 0x7A ) )
    {
      encoding = "GB18030";
      std::ostringstream reason;
      reason << "dBase language byte 0x" << std::hex << std::uppercase << static_cast<int>( ldid ) << " (code page 936)";
      mEncodingReason = reason.str();
    }
  }
  // Raw bytes (ENCODING=""): this reader decodes every text cell itself.
  const char *openOptions[] = { "ENCODING=", nullptr };
  const char *drivers[] = { "ESRI Shapefile", nullptr };
  mDs.reset( GDALDataset::Open( shp.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers, openOptions ) );
  if ( !mDs )
    throw InputError( "register " + mPath + ": not a readable shapefile" );
  mFormat = "ESRI Shapefile";
  if ( encoding.empty() )
  {
    // Neither .cpg nor language byte: UTF-8 when every text is valid UTF-8, else GB18030.
    bool allUtf8 = true;
    OGRLayer *layer = mDs->GetLayer( 0 );
    if ( layer )
    {
      OGRFeatureDefn *defn = layer->GetLayerDefn();
      for ( int i = 0; i < defn->GetFieldCount() && allUtf8; ++i )
        allUtf8 = isValidUtf8( defn->GetFieldDefn( i )->GetNameRef() );
      layer->ResetReading();
      for ( OGRFeatureUniquePtr f( layer->GetNextFeature() ); f && allUtf8; f.reset( layer->GetNextFeature() ) )
        for ( int i = 0; i < defn->GetFieldCount() && allUtf8; ++i )
          if ( defn->GetFieldDefn( i )->GetType() == OFTString && f->IsFieldSetAndNotNull( i ) )
            allUtf8 = isValidUtf8( f->GetFieldAsString( i ) );
      layer->ResetReading();
    }
    encoding = allUtf8 ? "UTF-8" : "GB18030";
    mEncodingReason = allUtf8 ? "no .cpg or language byte; every text is valid UTF-8"
                              : "no .cpg or language byte, and the texts are not valid UTF-8: read as GB18030 (GBK)";
    mEncodingGuessed = true;
  }
  mEncoding = encoding;
  mRecode = foldKey( encoding ) != "utf-8";
}

void RegisterReader::openOther( const RegisterReadOptions &options )
{
  const char *prefix = spreadsheetPrefix( lowerExtension( mPath ) );
  std::unique_ptr<SpreadsheetOptions> sheetOptions;
  if ( prefix )
    sheetOptions = std::make_unique<SpreadsheetOptions>( prefix );
  mDs.reset( GDALDataset::Open( mPath.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY ) );
  if ( !mDs )
    throw InputError( "register " + mPath + ": not a readable table (expected .xlsx, .xls, .ods, .csv, .txt, .shp, .geojson or .gpkg)" );
  mFormat = mDs->GetDriver() ? mDs->GetDriver()->GetDescription() : "";
  mExcelRows = prefix != nullptr;
  if ( !options.encoding.empty() )
  {
    mEncoding = options.encoding;
    mEncodingReason = "given";
    mRecode = foldKey( mEncoding ) != "utf-8";
  }
  else
    mEncodingReason = prefix ? "spreadsheets store Unicode" : "the format stores UTF-8";
  // Spreadsheet sheets are parsed on first use: load them while the options are set.
  for ( int i = 0; i < mDs->GetLayerCount(); ++i )
    mDs->GetLayer( i )->GetLayerDefn();
}

void RegisterReader::chooseLayer( const std::string &sheet )
{
  // A CSV's one layer is named after the in-memory copy: call it after the file.
  for ( int i = 0; i < mDs->GetLayerCount(); ++i )
    mSheets.push_back( mFormat == "CSV" ? std::filesystem::path( mPath ).stem().string() : decode( mDs->GetLayer( i )->GetName() ) );
  if ( mSheets.empty() )
    throw InputError( "register " + mPath + ": the file has no sheet or layer" );
  int index = 0;
  if ( !sheet.empty() )
  {
    index = -1;
    for ( size_t i = 0; i < mSheets.size() && index < 0; ++i )
      if ( mSheets[i] == sheet || foldKey( mSheets[i] ) == foldKey( sheet ) )
        index = static_cast<int>( i );
    if ( index < 0 )
    {
      std::string names;
      for ( const std::string &s : mSheets )
        names += ( names.empty() ? "" : ", " ) + s;
      throw InputError( "register " + mPath + ": no sheet '" + sheet + "' (the sheets: " + names + ")" );
    }
  }
  mLayer = mDs->GetLayer( index );
  mSheet = mSheets[static_cast<size_t>( index )];
  OGRFeatureDefn *defn = mLayer->GetLayerDefn();
  for ( int i = 0; i < defn->GetFieldCount(); ++i )
    mHeaders.push_back( decode( defn->GetFieldDefn( i )->GetNameRef() ) );
  mHasGeometry = wkbFlatten( mLayer->GetGeomType() ) != wkbNone;
  if ( const OGRSpatialReference *srs = mLayer->GetSpatialRef() )
  {
    char *wkt = nullptr;
    const char *wktOptions[] = { "FORMAT=WKT2_2019", nullptr };
    if ( srs->exportToWkt( &wkt, wktOptions ) == OGRERR_NONE && wkt )
      mCrsWkt = wkt;
    CPLFree( wkt );
  }
  if ( mHeaders.empty() )
    throw InputError( "register " + mPath + ", sheet '" + mSheet + "': no columns" );
}

std::string RegisterReader::decode( const char *raw )
{
  if ( !raw || !*raw )
    return std::string();
  if ( mRecode )
  {
    if ( foldKey( mEncoding ) == "gb18030" )
      return gb18030ToUtf8( raw );
    char *recoded = CPLRecode( raw, mEncoding.c_str(), CPL_ENC_UTF8 );
    std::string text = recoded ? recoded : "";
    CPLFree( recoded );
    return text;
  }
  if ( isValidUtf8( raw ) )
    return raw;
  // A stray GBK text in a UTF-8 format: decoded, and counted for the report.
  ++mUndecodable;
  return utf8OrGb18030( raw );
}

void RegisterReader::decodeInto( const char *raw, std::string &out )
{
  // The common case, UTF-8 text read as it is, copied into the row's buffer: no allocation per cell.
  if ( raw && *raw && !mRecode && isValidUtf8( raw ) )
    out.assign( raw );
  else
    out = decode( raw );
}

long long RegisterReader::rowCountHint() const
{
  if ( mCsvLines >= 0 )
    return mCsvLines;
  const GIntBig n = mLayer->GetFeatureCount( FALSE );
  return n >= 0 ? static_cast<long long>( n ) : -1;
}

void RegisterReader::forEachRow( const std::function<void( const RegisterRow & )> &onRow, long long maxRows, QgsFeedback *feedback )
{
  mLayer->ResetReading();
  mSkippedEmpty = 0;
  const int fields = static_cast<int>( mHeaders.size() );
  const long long total = feedback ? rowCountHint() : -1;
  RegisterRow row;
  long long ordinal = 0, delivered = 0;
  for ( OGRFeatureUniquePtr f( mLayer->GetNextFeature() ); f; f.reset( mLayer->GetNextFeature() ) )
  {
    ++ordinal;
    if ( ( ordinal & 0x3FFF ) == 0 )
    {
      throwIfCanceled( feedback );
      if ( feedback && total > 0 )
        feedback->setProgress( 100.0 * static_cast<double>( ordinal ) / static_cast<double>( total ) );
    }
    // Spreadsheets: GDAL's feature id is the sheet's row. CSV: the record
    // after the header line (row 1), as Excel numbers it when it opens the file.
    row.number = mFormat == "CSV" ? ordinal + 1 : static_cast<long long>( f->GetFID() );
    // The cells' buffers are reused from row to row.
    row.cells.resize( static_cast<size_t>( fields ) );
    bool empty = true;
    for ( int i = 0; i < fields; ++i )
    {
      std::string &cell = row.cells[static_cast<size_t>( i )];
      if ( f->IsFieldSetAndNotNull( i ) )
      {
        decodeInto( f->GetFieldAsString( i ), cell );
        empty = empty && cell.find_first_not_of( " \t\r\n" ) == std::string::npos;
      }
      else
        cell.clear();
    }
    row.point.reset();
    row.geometryProblem.clear();
    if ( mHasGeometry )
    {
      const OGRGeometry *g = f->GetGeometryRef();
      if ( !g )
        row.geometryProblem = "no geometry";
      else if ( g->IsEmpty() )
        row.geometryProblem = "empty geometry";
      else if ( wkbFlatten( g->getGeometryType() ) == wkbPoint )
        row.point = std::make_pair( g->toPoint()->getX(), g->toPoint()->getY() );
      else
      {
        OGRGeometryUniquePtr surface( OGRGeometry::FromHandle( OGR_G_PointOnSurface( OGRGeometry::ToHandle( const_cast<OGRGeometry *>( g ) ) ) ) );
        if ( surface && !surface->IsEmpty() )
          row.point = std::make_pair( surface->toPoint()->getX(), surface->toPoint()->getY() );
        else
          row.geometryProblem = "geometry without a point on its surface";
      }
      empty = empty && !g;
    }
    if ( empty )
    {
      ++mSkippedEmpty;
      continue;
    }
    onRow( row );
    if ( maxRows > 0 && ++delivered >= maxRows )
      break;
  }
  if ( feedback )
    feedback->setProgress( 100.0 );
}

const char *registerFileFilter()
{
  return "*.xlsx *.xls *.ods *.csv *.txt *.tsv *.shp *.geojson *.json *.gpkg";
}

} // namespace htsplan
