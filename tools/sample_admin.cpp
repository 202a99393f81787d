#include "tools/sample_admin.h"

#include "tools/failure.h"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <algorithm>

namespace htsplan::tools
{

Admin readAdmin( const std::string &path )
{
  GDALDatasetUniquePtr ds( GDALDataset::Open( path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY ) );
  if ( !ds )
    throw Failure( path + ": cannot open" );
  OGRLayer *counties = ds->GetLayerByName( "counties" );
  OGRLayer *province = ds->GetLayerByName( "province" );
  if ( !counties || !province )
    throw Failure( path + ": layers counties and province expected" );
  Admin admin;
  for ( auto &f : *counties )
  {
    County c;
    c.code = f->GetFieldAsString( "code" );
    c.city = f->GetFieldAsString( "city_code_2015" );
    c.geometry.reset( f->StealGeometry() );
    admin.counties.push_back( std::move( c ) );
  }
  std::sort( admin.counties.begin(), admin.counties.end(), []( const County &a, const County &b ) { return a.code < b.code; } );
  for ( auto &f : *province )
    admin.province.reset( f->StealGeometry() );
  if ( admin.counties.size() != 137 || !admin.province )
    throw Failure( path + ": 137 counties and a province expected" );
  return admin;
}

} // namespace htsplan::tools
