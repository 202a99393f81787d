// htsplan-bench-readfloor FILE LAYER: the least a program must do to analyse a
// point layer, reading every point's coordinates and nothing else. The
// benchmark compares htsplan's whole report against this floor.
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <chrono>
#include <cstdio>

int main( int argc, char **argv )
{
  if ( argc != 3 )
  {
    std::fprintf( stderr, "usage: htsplan-bench-readfloor FILE LAYER\n" );
    return 2;
  }
  const auto start = std::chrono::steady_clock::now();
  GDALAllRegister();
  GDALDatasetUniquePtr ds( GDALDataset::Open( argv[1], GDAL_OF_VECTOR | GDAL_OF_READONLY ) );
  if ( !ds )
  {
    std::fprintf( stderr, "%s: cannot open\n", argv[1] );
    return 1;
  }
  OGRLayer *layer = ds->GetLayerByName( argv[2] );
  if ( !layer )
  {
    std::fprintf( stderr, "%s: no layer %s\n", argv[1], argv[2] );
    return 1;
  }
  // Skip every attribute: only the geometry blob is decoded.
  OGRFeatureDefn *defn = layer->GetLayerDefn();
  CPLStringList ignored;
  for ( int i = 0; i < defn->GetFieldCount(); ++i )
    ignored.AddString( defn->GetFieldDefn( i )->GetNameRef() );
  ignored.AddString( "OGR_STYLE" );
  layer->SetIgnoredFields( const_cast<const char **>( ignored.List() ) );

  size_t count = 0;
  double sum = 0.0; // printed, so that the compiler keeps the reads
  for ( auto &feature : *layer )
  {
    const OGRGeometry *g = feature->GetGeometryRef();
    if ( g && wkbFlatten( g->getGeometryType() ) == wkbPoint )
    {
      const OGRPoint *p = g->toPoint();
      sum += p->getX() + p->getY();
      ++count;
    }
  }
  const double seconds = std::chrono::duration<double>( std::chrono::steady_clock::now() - start ).count();
  std::printf( "{\"count\": %zu, \"seconds\": %.4f, \"checksum\": %.6f}\n", count, seconds, sum );
  return 0;
}
