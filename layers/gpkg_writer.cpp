#include "layers/gpkg_writer.h"

#include "layers/problems.h"

#include <qgsfeedback.h>

#include <sqlite3.h>

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <exception>
#include <limits>
#include <filesystem>
#include <numeric>

namespace fs = std::filesystem;

namespace htsplan
{

namespace
{

double now()
{
  return std::chrono::duration<double>( std::chrono::steady_clock::now().time_since_epoch() ).count();
}

//! An SQL identifier in double quotes.
std::string sqlName( const std::string &name )
{
  std::string out = "\"";
  for ( char c : name )
  {
    out += c;
    if ( c == '"' )
      out += '"';
  }
  return out + "\"";
}

// SQLite's R-tree stores boxes as 32-bit floats rounded outwards (rtree.c,
// rtreeValueDown/Up): the same rounding keeps our boxes what its own insert
// would have stored.
float roundDown( double d )
{
  float f = static_cast<float>( d );
  if ( f > d )
    f = static_cast<float>( d * ( d < 0 ? 1.0 + 1.0 / 8388608.0 : 1.0 - 1.0 / 8388608.0 ) );
  return f;
}

float roundUp( double d )
{
  float f = static_cast<float>( d );
  if ( f < d )
    f = static_cast<float>( d * ( d < 0 ? 1.0 - 1.0 / 8388608.0 : 1.0 + 1.0 / 8388608.0 ) );
  return f;
}

//! Position of (x, y), both in [0, 65535], along a Hilbert curve over the 65536² grid.
uint32_t hilbertIndex( uint32_t x, uint32_t y )
{
  uint32_t d = 0;
  for ( uint32_t s = 1u << 15; s > 0; s >>= 1 )
  {
    const uint32_t rx = ( x & s ) ? 1 : 0;
    const uint32_t ry = ( y & s ) ? 1 : 0;
    d += s * s * ( ( 3 * rx ) ^ ry );
    if ( ry == 0 )
    {
      if ( rx == 1 )
      {
        x = s - 1 - x;
        y = s - 1 - y;
      }
      std::swap( x, y );
    }
  }
  return d;
}

// SQLite R-tree node blobs are big-endian.
void putInt16( unsigned char *p, unsigned v )
{
  p[0] = static_cast<unsigned char>( v >> 8 );
  p[1] = static_cast<unsigned char>( v );
}

void putInt64( unsigned char *p, int64_t v )
{
  const uint64_t u = static_cast<uint64_t>( v );
  for ( int i = 0; i < 8; ++i )
    p[i] = static_cast<unsigned char>( u >> ( 56 - 8 * i ) );
}

void putFloat( unsigned char *p, float f )
{
  uint32_t u;
  std::memcpy( &u, &f, 4 );
  for ( int i = 0; i < 4; ++i )
    p[i] = static_cast<unsigned char>( u >> ( 24 - 8 * i ) );
}

//! An open SQLite connection on one file; errors name the file.
class Sqlite
{
  public:
    Sqlite( const std::string &path, const std::string &target )
      : mTarget( target )
    {
      if ( sqlite3_open_v2( path.c_str(), &mDb, SQLITE_OPEN_READWRITE, nullptr ) != SQLITE_OK )
        fail( "cannot open the temporary file" );
      // A temporary file, renamed only once complete and flushed (GpkgWriter::commit()):
      // no rollback journal and no flush at each commit.
      exec( "PRAGMA journal_mode = OFF" );
      exec( "PRAGMA synchronous = OFF" );
    }
    ~Sqlite() { sqlite3_close( mDb ); }
    sqlite3 *handle() { return mDb; }
    Sqlite( const Sqlite & ) = delete;
    Sqlite &operator=( const Sqlite & ) = delete;

    void exec( const std::string &sql )
    {
      if ( sqlite3_exec( mDb, sql.c_str(), nullptr, nullptr, nullptr ) != SQLITE_OK )
        fail( "SQLite refused \"" + sql.substr( 0, 80 ) + "\"" );
    }

    //! A prepared statement, finalized on destruction.
    class Statement
    {
      public:
        Statement( Sqlite &db, const std::string &sql )
          : mDb( db )
        {
          if ( sqlite3_prepare_v2( db.mDb, sql.c_str(), -1, &mStmt, nullptr ) != SQLITE_OK )
            db.fail( "SQLite cannot prepare \"" + sql.substr( 0, 80 ) + "\"" );
        }
        ~Statement() { sqlite3_finalize( mStmt ); }
        Statement( const Statement & ) = delete;
        Statement &operator=( const Statement & ) = delete;

        void bind( int i, int64_t v ) { sqlite3_bind_int64( mStmt, i, v ); }
        void bind( int i, long long v ) { sqlite3_bind_int64( mStmt, i, v ); }
        void bind( int i, double v ) { sqlite3_bind_double( mStmt, i, v ); }
        void bind( int i, const std::string &v ) { sqlite3_bind_text( mStmt, i, v.c_str(), static_cast<int>( v.size() ), SQLITE_TRANSIENT ); }
        void bindBlob( int i, const void *data, int size ) { sqlite3_bind_blob( mStmt, i, data, size, SQLITE_STATIC ); }
        //! Runs the statement; SQLite's result code.
        int stepRc() { return sqlite3_step( mStmt ); }
        //! Runs the statement; true when it returned a row.
        bool step()
        {
          const int rc = sqlite3_step( mStmt );
          if ( rc == SQLITE_ROW )
            return true;
          if ( rc != SQLITE_DONE )
            mDb.fail( "SQLite cannot write" );
          return false;
        }
        void reset() { sqlite3_reset( mStmt ); }
        int64_t column( int i ) { return sqlite3_column_int64( mStmt, i ); }
        std::string text( int i )
        {
          const unsigned char *t = sqlite3_column_text( mStmt, i );
          return t ? reinterpret_cast<const char *>( t ) : "";
        }

      private:
        Sqlite &mDb;
        sqlite3_stmt *mStmt = nullptr;
    };

    [[noreturn]] void fail( const std::string &what )
    {
      throw OutputError( "cannot write " + mTarget + ": " + what + ": " + ( mDb ? sqlite3_errmsg( mDb ) : "out of memory" ) );
    }

  private:
    std::string mTarget;
    sqlite3 *mDb = nullptr;
};


uint32_t readUInt32( const unsigned char *p, bool little )
{
  return little ? uint32_t( p[0] ) | uint32_t( p[1] ) << 8 | uint32_t( p[2] ) << 16 | uint32_t( p[3] ) << 24
                : uint32_t( p[3] ) | uint32_t( p[2] ) << 8 | uint32_t( p[1] ) << 16 | uint32_t( p[0] ) << 24;
}

double readDouble( const unsigned char *p, bool little )
{
  uint64_t u = 0;
  for ( int i = 0; i < 8; ++i )
    u |= uint64_t( p[little ? i : 7 - i] ) << ( 8 * i );
  double d;
  std::memcpy( &d, &u, 8 );
  return d;
}

/**
 * The bounding box of a GeoPackage geometry blob (GeoPackage 1.2, 2.1.3):
 * from its header's envelope when it has one, else from the WKB (read
 * directly for a point, the common case; through OGR otherwise). False for
 * an empty or unreadable geometry.
 */
bool blobEnvelope( const unsigned char *b, int n, OGREnvelope &e )
{
  if ( n < 8 || b[0] != 'G' || b[1] != 'P' || ( b[3] & 0x10 ) )
    return false;
  const bool little = b[3] & 1;
  const int kind = ( b[3] >> 1 ) & 7;
  static const int envelopeSizes[] = { 0, 32, 48, 48, 64 };
  if ( kind > 4 )
    return false;
  const int header = 8 + envelopeSizes[kind];
  if ( n < header )
    return false;
  if ( kind > 0 )
  {
    e.MinX = readDouble( b + 8, little );
    e.MaxX = readDouble( b + 16, little );
    e.MinY = readDouble( b + 24, little );
    e.MaxY = readDouble( b + 32, little );
    return true;
  }
  const unsigned char *wkb = b + header;
  const int size = n - header;
  if ( size >= 21 && wkb[0] <= 1 )
  {
    const uint32_t type = readUInt32( wkb + 1, wkb[0] == 1 );
    if ( type == 1 || type == 1001 || type == 2001 || type == 3001 || type == 0x80000001u )
    {
      e.MinX = e.MaxX = readDouble( wkb + 5, wkb[0] == 1 );
      e.MinY = e.MaxY = readDouble( wkb + 13, wkb[0] == 1 );
      return !std::isnan( e.MinX ) && !std::isnan( e.MinY );
    }
  }
  OGRGeometry *geometry = nullptr;
  if ( OGRGeometryFactory::createFromWkb( wkb, nullptr, &geometry, size ) != OGRERR_NONE || !geometry )
    return false;
  const bool found = !geometry->IsEmpty();
  if ( found )
    geometry->getEnvelope( &e );
  OGRGeometryFactory::destroyGeometry( geometry );
  return found;
}

/**
 * Writes the boxes into the (new, empty) R-tree `rtree` as a packed tree:
 * boxes sorted along a Hilbert curve fill the leaves in order, full but
 * the last; each upper level groups the nodes below the same way. Node 1 is
 * the root (SQLite's convention), its first two bytes the tree's depth.
 */
template <class Box> void packRtree( Sqlite &db, const std::string &rtree, std::vector<Box> &boxes )
{
  if ( boxes.empty() )
    return; // CREATE VIRTUAL TABLE left an empty root
  int nodeSize = 0;
  {
    Sqlite::Statement size( db, "SELECT length(data) FROM " + sqlName( rtree + "_node" ) + " WHERE nodeno = 1" );
    if ( size.step() )
      nodeSize = static_cast<int>( size.column( 0 ) );
  }
  constexpr int cellSize = 8 + 4 * 4; // id, then minX, maxX, minY, maxY
  const size_t fanout = nodeSize > 4 ? static_cast<size_t>( ( nodeSize - 4 ) / cellSize ) : 0;
  if ( fanout < 2 )
    db.fail( "unexpected R-tree node size " + std::to_string( nodeSize ) );

  // Hilbert order of the box centres over the boxes' extent.
  double minX = boxes[0].minX, maxX = boxes[0].maxX, minY = boxes[0].minY, maxY = boxes[0].maxY;
  for ( const Box &b : boxes )
  {
    minX = std::min<double>( minX, b.minX );
    maxX = std::max<double>( maxX, b.maxX );
    minY = std::min<double>( minY, b.minY );
    maxY = std::max<double>( maxY, b.maxY );
  }
  const double sx = maxX > minX ? 65535.0 / ( maxX - minX ) : 0, sy = maxY > minY ? 65535.0 / ( maxY - minY ) : 0;
  std::vector<std::pair<uint32_t, uint32_t>> order( boxes.size() );
  for ( size_t i = 0; i < boxes.size(); ++i )
  {
    const Box &b = boxes[i];
    const double cx = ( 0.5 * ( double( b.minX ) + b.maxX ) - minX ) * sx, cy = ( 0.5 * ( double( b.minY ) + b.maxY ) - minY ) * sy;
    order[i] = { hilbertIndex( static_cast<uint32_t>( std::clamp( cx, 0.0, 65535.0 ) ), static_cast<uint32_t>( std::clamp( cy, 0.0, 65535.0 ) ) ),
                 static_cast<uint32_t>( i ) };
  }
  std::sort( order.begin(), order.end() );

  // levels[0] are the leaves; a node covers cells [first, first + count) of the level below (of boxes for leaves).
  struct Node
  {
      size_t first, count;
      float minX, maxX, minY, maxY;
      int64_t number = 0;
  };
  std::vector<std::vector<Node>> levels;
  auto group = [&]( size_t n, auto cellBox ) {
    std::vector<Node> level;
    level.reserve( ( n + fanout - 1 ) / fanout );
    for ( size_t first = 0; first < n; first += fanout )
    {
      Node node{ first, std::min( fanout, n - first ), 0, 0, 0, 0 };
      cellBox( first, node.minX, node.maxX, node.minY, node.maxY );
      for ( size_t i = first + 1; i < first + node.count; ++i )
      {
        float a, b, c, d;
        cellBox( i, a, b, c, d );
        node.minX = std::min( node.minX, a );
        node.maxX = std::max( node.maxX, b );
        node.minY = std::min( node.minY, c );
        node.maxY = std::max( node.maxY, d );
      }
      level.push_back( node );
    }
    return level;
  };
  levels.push_back( group( boxes.size(), [&]( size_t i, float &a, float &b, float &c, float &d ) {
    const Box &box = boxes[order[i].second];
    a = box.minX, b = box.maxX, c = box.minY, d = box.maxY;
  } ) );
  while ( levels.back().size() > 1 )
  {
    const std::vector<Node> &below = levels.back();
    std::vector<Node> level = group( below.size(), [&]( size_t i, float &a, float &b, float &c, float &d ) {
      a = below[i].minX, b = below[i].maxX, c = below[i].minY, d = below[i].maxY;
    } );
    levels.push_back( std::move( level ) );
  }
  // Numbers from the root down: the root is 1.
  int64_t next = 1;
  for ( auto level = levels.rbegin(); level != levels.rend(); ++level )
    for ( Node &node : *level )
      node.number = next++;

  Sqlite::Statement insertNode( db, "INSERT OR REPLACE INTO " + sqlName( rtree + "_node" ) + " (nodeno, data) VALUES (?, ?)" );
  Sqlite::Statement insertParent( db, "INSERT INTO " + sqlName( rtree + "_parent" ) + " (nodeno, parentnode) VALUES (?, ?)" );
  std::vector<unsigned char> blob( static_cast<size_t>( nodeSize ) );
  const unsigned depth = static_cast<unsigned>( levels.size() - 1 );
  for ( size_t l = 0; l < levels.size(); ++l )
  {
    for ( const Node &node : levels[l] )
    {
      std::fill( blob.begin(), blob.end(), 0 );
      putInt16( blob.data(), node.number == 1 ? depth : 0 );
      putInt16( blob.data() + 2, static_cast<unsigned>( node.count ) );
      for ( size_t k = 0; k < node.count; ++k )
      {
        unsigned char *cell = blob.data() + 4 + k * cellSize;
        int64_t id;
        float a, b, c, d;
        if ( l == 0 )
        {
          const Box &box = boxes[order[node.first + k].second];
          id = box.fid, a = box.minX, b = box.maxX, c = box.minY, d = box.maxY;
        }
        else
        {
          const Node &child = levels[l - 1][node.first + k];
          id = child.number, a = child.minX, b = child.maxX, c = child.minY, d = child.maxY;
          insertParent.bind( 1, child.number );
          insertParent.bind( 2, node.number );
          insertParent.step();
          insertParent.reset();
        }
        putInt64( cell, id );
        putFloat( cell + 8, a );
        putFloat( cell + 12, b );
        putFloat( cell + 16, c );
        putFloat( cell + 20, d );
      }
      insertNode.bind( 1, node.number );
      insertNode.bindBlob( 2, blob.data(), nodeSize );
      insertNode.step();
      insertNode.reset();
    }
  }

  // Which leaf holds each feature, in id order (appending to the table's B-tree).
  std::vector<std::pair<int64_t, int64_t>> leafOf( boxes.size() );
  for ( const Node &leaf : levels[0] )
    for ( size_t k = 0; k < leaf.count; ++k )
      leafOf[leaf.first + k] = { boxes[order[leaf.first + k].second].fid, leaf.number };
  std::sort( leafOf.begin(), leafOf.end() );
  Sqlite::Statement insertRowid( db, "INSERT INTO " + sqlName( rtree + "_rowid" ) + " (rowid, nodeno) VALUES (?, ?)" );
  for ( const auto &[fid, leaf] : leafOf )
  {
    insertRowid.bind( 1, fid );
    insertRowid.bind( 2, leaf );
    insertRowid.step();
    insertRowid.reset();
  }
}

} // namespace

GpkgWriter::GpkgWriter( const std::string &path )
  : mFile( path, ".gpkg" ) // GDAL warns about a GeoPackage without the extension
{
  const fs::path parent = fs::path( path ).parent_path();
  std::error_code error;
  if ( !parent.empty() )
    fs::create_directories( parent, error );
  GDALDriver *driver = GetGDALDriverManager()->GetDriverByName( "GPKG" );
  if ( !driver )
    fail( "GDAL has no GPKG driver" );
  mDs.reset( driver->Create( mFile.temporaryPath().c_str(), 0, 0, 0, GDT_Unknown, nullptr ) );
  if ( !mDs )
    fail( std::string( "cannot create the file: " ) + CPLGetLastErrorMsg() );
  noJournal();
}

void GpkgWriter::noJournal()
{
  // See Sqlite: the temporary file needs no journal; commit() flushes it once.
  for ( const char *pragma : { "PRAGMA journal_mode = OFF", "PRAGMA synchronous = OFF" } )
    mDs->ReleaseResultSet( mDs->ExecuteSQL( pragma, nullptr, nullptr ) );
}

GpkgWriter::~GpkgWriter()
{
  // Uncommitted: close (no rollback: the file has no journal, and goes), and
  // the AtomicFile removes the temporary file.
  mDs.reset();
}

void GpkgWriter::fail( const std::string &what ) const
{
  throw OutputError( "cannot write " + mFile.targetPath() + ": " + what );
}

OGRLayer *GpkgWriter::createLayer( const std::string &name, const OGRSpatialReference *srs, OGRwkbGeometryType type,
                                   const LayerOptions &options )
{
  endLayer();
  reopen();
  CPLStringList layerOptions;
  layerOptions.SetNameValue( "FID", options.fidColumn.c_str() );
  // The R-tree comes after the rows, in one pass (commit()).
  layerOptions.SetNameValue( "SPATIAL_INDEX", "NO" );
  if ( !options.description.empty() )
    layerOptions.SetNameValue( "DESCRIPTION", options.description.c_str() );
  mLayer = mDs->CreateLayer( name.c_str(), const_cast<OGRSpatialReference *>( srs ), type, layerOptions.List() );
  if ( !mLayer )
    fail( "cannot create layer " + name + ": " + CPLGetLastErrorMsg() );
  mStats.push_back( GpkgLayerStats{ name, 0, 0, 0 } );
  mLayerStart = now();
  if ( options.spatialIndex && type != wkbNone )
  {
    mIndex = std::make_unique<PendingIndex>();
    mIndex->table = name;
    mIndex->geometryColumn = mLayer->GetGeometryColumn();
    mIndex->fidColumn = mLayer->GetFIDColumn();
    mIndex->stats = mStats.size() - 1;
  }
  return mLayer;
}

void GpkgWriter::addField( const OGRFieldDefn &field )
{
  if ( !mLayer )
    fail( "a field before any layer" );
  if ( mLayer->CreateField( const_cast<OGRFieldDefn *>( &field ) ) != OGRERR_NONE )
    fail( std::string( "cannot create field " ) + field.GetNameRef() + " of layer " + mLayer->GetName() + ": " + CPLGetLastErrorMsg() );
}

void GpkgWriter::addField( const char *name, OGRFieldType type, OGRFieldSubType subType, bool nullable )
{
  OGRFieldDefn field( name, type );
  field.SetSubType( subType );
  field.SetNullable( nullable );
  addField( field );
}

OGRFeatureDefn *GpkgWriter::layerDefn() const
{
  if ( !mLayer )
    fail( "no layer" );
  return mLayer->GetLayerDefn();
}

void GpkgWriter::write( OGRFeature &feature )
{
  if ( !mLayer )
    fail( "a feature before any layer" );
  if ( !mInTransaction )
  {
    if ( mDs->StartTransaction() != OGRERR_NONE )
      fail( std::string( "cannot start a transaction: " ) + CPLGetLastErrorMsg() );
    mInTransaction = true;
  }
  if ( mLayer->CreateFeature( &feature ) != OGRERR_NONE )
    fail( std::string( "cannot write a feature of layer " ) + mLayer->GetName() + ": " + CPLGetLastErrorMsg() );
  ++mStats.back().rows;
  if ( mIndex )
  {
    // The spatial index triggers skip null and empty geometries: so do we.
    const OGRGeometry *geometry = feature.GetGeometryRef();
    if ( geometry && !geometry->IsEmpty() )
    {
      OGREnvelope e;
      geometry->getEnvelope( &e );
      mIndex->boxes.push_back( Box{ feature.GetFID(), roundDown( e.MinX ), roundUp( e.MaxX ), roundDown( e.MinY ), roundUp( e.MaxY ) } );
    }
  }
}

void GpkgWriter::reopen()
{
  if ( mDs )
    return;
  mDs.reset( GDALDataset::Open( mFile.temporaryPath().c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE ) );
  if ( !mDs )
    fail( std::string( "cannot open the temporary file again: " ) + CPLGetLastErrorMsg() );
  noJournal();
}

void GpkgWriter::copyRows( const std::string &sourcePath, const std::string &sourceTable, int appended, const AppendedValue &value,
                           QgsFeedback *feedback )
{
  if ( !mLayer )
    fail( "rows before any layer" );
  const std::string table = mLayer->GetName();
  const std::string fidColumn = mLayer->GetFIDColumn();
  const std::string geometryColumn = mLayer->GetGeometryColumn();
  std::vector<std::string> columns;
  OGRFeatureDefn *defn = mLayer->GetLayerDefn();
  for ( int i = 0; i < defn->GetFieldCount(); ++i )
    columns.push_back( defn->GetFieldDefn( i )->GetNameRef() );
  if ( appended < 0 || static_cast<size_t>( appended ) > columns.size() )
    fail( "more appended fields than fields" );
  const size_t sourceColumns = columns.size() - static_cast<size_t>( appended );

  // GDAL creates a new table when it closes the file (deferred creation): close
  // it, copy through our own connection, reopen it for a next layer.
  std::unique_ptr<PendingIndex> index = std::move( mIndex );
  const size_t stats = mStats.size() - 1;
  endLayer();
  mDs.reset();

  // The state the SQL functions below see, row after row.
  struct Copy
  {
      const AppendedValue *value;
      int srsId;
      std::vector<Box> *boxes;
      OGREnvelope extent;
      bool hasExtent = false;
      long long rows = 0, total = 0;
      QgsFeedback *feedback;
      std::exception_ptr error;

      //! htsplan_geometry(fid, geom): the blob with the layer's SRS id; notes its box.
      static void geometry( sqlite3_context *context, int, sqlite3_value **argv )
      {
        Copy &copy = *static_cast<Copy *>( sqlite3_user_data( context ) );
        ++copy.rows;
        if ( sqlite3_value_type( argv[1] ) != SQLITE_BLOB )
        {
          sqlite3_result_value( context, argv[1] );
          return;
        }
        const auto *blob = static_cast<const unsigned char *>( sqlite3_value_blob( argv[1] ) );
        const int size = sqlite3_value_bytes( argv[1] );
        OGREnvelope e;
        if ( blobEnvelope( blob, size, e ) )
        {
          if ( copy.boxes )
            copy.boxes->push_back( Box{ sqlite3_value_int64( argv[0] ), roundDown( e.MinX ), roundUp( e.MaxX ), roundDown( e.MinY ), roundUp( e.MaxY ) } );
          copy.extent.Merge( e );
          copy.hasExtent = true;
        }
        if ( size < 8 || blob[0] != 'G' || blob[1] != 'P' || readUInt32( blob + 4, blob[3] & 1 ) == static_cast<uint32_t>( copy.srsId ) )
        {
          sqlite3_result_value( context, argv[1] );
          return;
        }
        std::vector<unsigned char> patched( blob, blob + size );
        const uint32_t srs = static_cast<uint32_t>( copy.srsId );
        for ( int i = 0; i < 4; ++i )
          patched[4 + i] = static_cast<unsigned char>( ( blob[3] & 1 ) ? srs >> ( 8 * i ) : srs >> ( 24 - 8 * i ) );
        sqlite3_result_blob( context, patched.data(), size, SQLITE_TRANSIENT );
      }

      //! htsplan_value(fid, k): the k-th appended value.
      static void appendedValue( sqlite3_context *context, int, sqlite3_value **argv )
      {
        Copy &copy = *static_cast<Copy *>( sqlite3_user_data( context ) );
        try
        {
          const std::optional<long long> v = ( *copy.value )( sqlite3_value_int64( argv[0] ), sqlite3_value_int( argv[1] ) );
          if ( v )
            sqlite3_result_int64( context, *v );
          else
            sqlite3_result_null( context );
        }
        catch ( ... )
        {
          // No exception may cross SQLite's C frames: rethrown after the statement.
          copy.error = std::current_exception();
          sqlite3_result_error( context, "appended value failed", -1 );
        }
      }

      static int progress( void *data )
      {
        Copy &copy = *static_cast<Copy *>( data );
        if ( !copy.feedback )
          return 0;
        if ( copy.total > 0 )
          copy.feedback->setProgress( 100.0 * static_cast<double>( copy.rows ) / static_cast<double>( copy.total ) );
        return copy.feedback->isCanceled() ? 1 : 0;
      }
  };
  Copy copy{ &value, 0, index ? &index->boxes : nullptr, OGREnvelope(), false, 0, 0, feedback, nullptr };

  Sqlite db( mFile.temporaryPath(), mFile.targetPath() );
  {
    Sqlite::Statement srs( db, "SELECT srs_id FROM gpkg_geometry_columns WHERE lower(table_name) = lower(?)" );
    srs.bind( 1, table );
    copy.srsId = srs.step() ? static_cast<int>( srs.column( 0 ) ) : 0;
  }
  {
    Sqlite::Statement attach( db, "ATTACH DATABASE ? AS src" );
    attach.bind( 1, sourcePath );
    attach.step();
  }
  // The source's id and geometry columns.
  std::string sourceFid, sourceGeometry;
  {
    Sqlite::Statement info( db, "SELECT name FROM pragma_table_info(?, 'src') WHERE pk = 1" );
    info.bind( 1, sourceTable );
    if ( info.step() )
      sourceFid = info.text( 0 );
    Sqlite::Statement geometry( db, "SELECT column_name FROM src.gpkg_geometry_columns WHERE lower(table_name) = lower(?)" );
    geometry.bind( 1, sourceTable );
    if ( geometry.step() )
      sourceGeometry = geometry.text( 0 );
    Sqlite::Statement count( db, "SELECT count(*) FROM src." + sqlName( sourceTable ) );
    if ( count.step() )
      copy.total = count.column( 0 );
  }
  if ( sourceFid.empty() )
    fail( sourcePath + ": table " + sourceTable + " has no integer primary key" );

  // GDAL's feature count triggers would update gpkg_ogr_contents once a row:
  // dropped during the copy, put back after it.
  std::vector<std::pair<std::string, std::string>> triggers;
  {
    Sqlite::Statement list( db, "SELECT name, sql FROM main.sqlite_master WHERE type = 'trigger' AND lower(tbl_name) = lower(?)" );
    list.bind( 1, table );
    while ( list.step() )
      triggers.emplace_back( list.text( 0 ), list.text( 1 ) );
  }
  db.exec( "BEGIN" );
  for ( const auto &trigger : triggers )
    db.exec( "DROP TRIGGER main." + sqlName( trigger.first ) );
  if ( sqlite3_create_function( db.handle(), "htsplan_geometry", 2, SQLITE_UTF8, &copy, &Copy::geometry, nullptr, nullptr ) != SQLITE_OK
       || sqlite3_create_function( db.handle(), "htsplan_value", 2, SQLITE_UTF8, &copy, &Copy::appendedValue, nullptr, nullptr ) != SQLITE_OK )
    db.fail( "cannot register the copy functions" );
  std::string into = "INSERT INTO main." + sqlName( table ) + " (" + sqlName( fidColumn );
  std::string select = "SELECT s." + sqlName( sourceFid );
  if ( !geometryColumn.empty() )
  {
    into += ", " + sqlName( geometryColumn );
    select += sourceGeometry.empty() ? ", NULL" : ", htsplan_geometry(s." + sqlName( sourceFid ) + ", s." + sqlName( sourceGeometry ) + ")";
  }
  for ( size_t i = 0; i < columns.size(); ++i )
  {
    into += ", " + sqlName( columns[i] );
    select += i < sourceColumns ? ", s." + sqlName( columns[i] )
                                : ", htsplan_value(s." + sqlName( sourceFid ) + ", " + std::to_string( i - sourceColumns ) + ")";
  }
  {
    Sqlite::Statement insert( db, into + ") " + select + " FROM src." + sqlName( sourceTable ) + " AS s ORDER BY s." + sqlName( sourceFid ) );
    sqlite3_progress_handler( db.handle(), 100000, &Copy::progress, &copy );
    const int rc = insert.stepRc();
    sqlite3_progress_handler( db.handle(), 0, nullptr, nullptr );
    if ( copy.error )
      std::rethrow_exception( copy.error );
    if ( rc == SQLITE_INTERRUPT && feedback && feedback->isCanceled() )
      throw Canceled();
    if ( rc != SQLITE_DONE )
      db.fail( "cannot copy the rows of " + sourcePath );
  }
  {
    Sqlite::Statement extent( db, "UPDATE gpkg_contents SET min_x = ?, min_y = ?, max_x = ?, max_y = ? WHERE lower(table_name) = lower(?)" );
    if ( copy.hasExtent )
    {
      extent.bind( 1, copy.extent.MinX );
      extent.bind( 2, copy.extent.MinY );
      extent.bind( 3, copy.extent.MaxX );
      extent.bind( 4, copy.extent.MaxY );
      extent.bind( 5, table );
      extent.step();
    }
    Sqlite::Statement count( db, "UPDATE gpkg_ogr_contents SET feature_count = ? WHERE lower(table_name) = lower(?)" );
    count.bind( 1, copy.rows );
    count.bind( 2, table );
    count.step();
  }
  for ( const auto &trigger : triggers )
    db.exec( trigger.second );
  db.exec( "COMMIT" );
  db.exec( "DETACH DATABASE src" );

  mStats[stats].rows = copy.rows;
  mStats[stats].rowSeconds = now() - mLayerStart;
  if ( index )
    mIndexes.push_back( std::move( *index ) );
}

void GpkgWriter::endLayer()
{
  if ( !mLayer )
    return;
  if ( mInTransaction )
  {
    mInTransaction = false;
    if ( mDs->CommitTransaction() != OGRERR_NONE )
      fail( std::string( "cannot commit layer " ) + mLayer->GetName() + ": " + CPLGetLastErrorMsg() );
  }
  mStats.back().rowSeconds = now() - mLayerStart;
  if ( mIndex )
  {
    mIndexes.push_back( std::move( *mIndex ) );
    mIndex.reset();
  }
  mLayer = nullptr;
}

void GpkgWriter::commit()
{
  if ( mCommitted )
    return;
  endLayer();
  CPLErrorReset();
  mDs.reset(); // GDAL writes the extents and feature counts on close
  if ( CPLGetLastErrorType() == CE_Failure )
    fail( std::string( "GDAL failed closing the file: " ) + CPLGetLastErrorMsg() );
  buildIndexes();
  // SQLite did not flush (journal and synchronous off): flush once, so that the
  // renamed file is complete on disk.
  const int fd = ::open( mFile.temporaryPath().c_str(), O_RDONLY );
  if ( fd < 0 || ::fsync( fd ) != 0 )
  {
    if ( fd >= 0 )
      ::close( fd );
    fail( "cannot flush the temporary file to disk" );
  }
  ::close( fd );
  mFile.commit();
  mCommitted = true;
}

void GpkgWriter::buildIndexes()
{
  if ( mIndexes.empty() )
    return;
  Sqlite db( mFile.temporaryPath(), mFile.targetPath() );
  db.exec( "BEGIN" );
  // The table and rows GDAL's CreateSpatialIndex() writes (GeoPackage 1.2, gpkg_rtree_index).
  db.exec( "CREATE TABLE IF NOT EXISTS gpkg_extensions (table_name TEXT,column_name TEXT,extension_name TEXT NOT NULL,"
           "definition TEXT NOT NULL,scope TEXT NOT NULL,CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name))" );
  for ( PendingIndex &index : mIndexes )
  {
    const double start = now();
    const std::string rtree = "rtree_" + index.table + "_" + index.geometryColumn;
    const std::string t = sqlName( index.table ), g = sqlName( index.geometryColumn ), i = sqlName( index.fidColumn ), r = sqlName( rtree );
    db.exec( "CREATE VIRTUAL TABLE " + r + " USING rtree(id, minx, maxx, miny, maxy)" );
    packRtree( db, rtree, index.boxes );
    const std::string insertBox = "INSERT OR REPLACE INTO " + r + " VALUES (NEW." + i + ",ST_MinX(NEW." + g + "), ST_MaxX(NEW." + g +
                                  "),ST_MinY(NEW." + g + "), ST_MaxY(NEW." + g + "));";
    db.exec( "CREATE TRIGGER " + sqlName( rtree + "_insert" ) + " AFTER INSERT ON " + t + " WHEN (new." + g + " NOT NULL AND NOT ST_IsEmpty(NEW." +
             g + ")) BEGIN " + insertBox + " END" );
    db.exec( "CREATE TRIGGER " + sqlName( rtree + "_update1" ) + " AFTER UPDATE OF " + g + " ON " + t + " WHEN OLD." + i + " = NEW." + i +
             " AND (NEW." + g + " NOTNULL AND NOT ST_IsEmpty(NEW." + g + ")) BEGIN " + insertBox + " END" );
    db.exec( "CREATE TRIGGER " + sqlName( rtree + "_update2" ) + " AFTER UPDATE OF " + g + " ON " + t + " WHEN OLD." + i + " = NEW." + i +
             " AND (NEW." + g + " ISNULL OR ST_IsEmpty(NEW." + g + ")) BEGIN DELETE FROM " + r + " WHERE id = OLD." + i + "; END" );
    db.exec( "CREATE TRIGGER " + sqlName( rtree + "_update3" ) + " AFTER UPDATE ON " + t + " WHEN OLD." + i + " != NEW." + i + " AND (NEW." + g +
             " NOTNULL AND NOT ST_IsEmpty(NEW." + g + ")) BEGIN DELETE FROM " + r + " WHERE id = OLD." + i + "; " + insertBox + " END" );
    db.exec( "CREATE TRIGGER " + sqlName( rtree + "_update4" ) + " AFTER UPDATE ON " + t + " WHEN OLD." + i + " != NEW." + i + " AND (NEW." + g +
             " ISNULL OR ST_IsEmpty(NEW." + g + ")) BEGIN DELETE FROM " + r + " WHERE id IN (OLD." + i + ", NEW." + i + "); END" );
    db.exec( "CREATE TRIGGER " + sqlName( rtree + "_delete" ) + " AFTER DELETE ON " + t + " WHEN old." + g + " NOT NULL BEGIN DELETE FROM " + r +
             " WHERE id = OLD." + i + "; END" );
    Sqlite::Statement extension( db, "INSERT INTO gpkg_extensions (table_name, column_name, extension_name, definition, scope) "
                                     "VALUES (?, ?, 'gpkg_rtree_index', 'http://www.geopackage.org/spec120/#extension_rtree', 'write-only')" );
    extension.bind( 1, index.table );
    extension.bind( 2, index.geometryColumn );
    extension.step();
    mStats[index.stats].indexSeconds = now() - start;
    std::vector<Box>().swap( index.boxes );
  }
  db.exec( "COMMIT" );
}

} // namespace htsplan
