#include "tools/gpkg_writer.h"

#include "geometry/crs.h"
#include "tools/failure.h"

#include <unistd.h>

#include <filesystem>

namespace fs = std::filesystem;

namespace htsplan::tools
{

GpkgWriter::GpkgWriter( const std::string &out ) : mOut( out )
{
  const fs::path parent = fs::path( out ).parent_path();
  if ( !parent.empty() )
    fs::create_directories( parent );
  mTmp = out + ".tmp-" + std::to_string( getpid() ) + ".gpkg";
  fs::remove( mTmp );
  GDALDriver *driver = GetGDALDriverManager()->GetDriverByName( "GPKG" );
  if ( !driver )
    throw Failure( "GDAL has no GPKG driver" );
  mDs.reset( driver->Create( mTmp.c_str(), 0, 0, 0, GDT_Unknown, nullptr ) );
  if ( !mDs )
    throw Failure( mTmp + ": cannot create: " + CPLGetLastErrorMsg() );
}

GpkgWriter::~GpkgWriter()
{
  if ( mDs )
  {
    mDs.reset();
    fs::remove( mTmp );
  }
}

OGRLayer *GpkgWriter::createLayer( const char *name, OGRwkbGeometryType type, const std::string &description )
{
  OGRSpatialReference srs = cgcs2000();
  const std::string desc = "DESCRIPTION=" + description;
  const char *const options[] = { desc.c_str(), "FID=fid", "SPATIAL_INDEX=YES", nullptr };
  OGRLayer *layer = mDs->CreateLayer( name, &srs, type, const_cast<char **>( options ) );
  if ( !layer )
    throw Failure( mOut + ": cannot create layer " + name + ": " + CPLGetLastErrorMsg() );
  return layer;
}

void GpkgWriter::commit()
{
  mDs.reset(); // closes and flushes
  std::error_code ec;
  fs::rename( mTmp, mOut, ec );
  if ( ec )
    throw Failure( mOut + ": cannot rename the temporary file: " + ec.message() );
}

void addField( OGRLayer *layer, const char *name, OGRFieldType type, OGRFieldSubType subType, bool nullable )
{
  OGRFieldDefn f( name, type );
  f.SetSubType( subType );
  f.SetNullable( nullable );
  if ( layer->CreateField( &f ) != OGRERR_NONE )
    throw Failure( std::string( "cannot create field " ) + name );
}

void writeFeature( OGRLayer *layer, OGRFeature &feature )
{
  if ( layer->CreateFeature( &feature ) != OGRERR_NONE )
    throw Failure( std::string( "cannot write a feature of " ) + layer->GetName() + ": " + CPLGetLastErrorMsg() );
}

void startTransaction( OGRLayer *layer )
{
  if ( layer->StartTransaction() != OGRERR_NONE )
    throw Failure( std::string( "cannot start a transaction on " ) + layer->GetName() );
}

void commitTransaction( OGRLayer *layer )
{
  if ( layer->CommitTransaction() != OGRERR_NONE )
    throw Failure( std::string( "cannot commit " ) + layer->GetName() );
}

} // namespace htsplan::tools
