#pragma once
// What the kde unit tests and the kde twin share: parameters in one call,
// and a GeoTIFF read back whole.
#include <catch2/catch.hpp>

#include "analysis/density/kde.h"

#include <gdal.h>

#include <string>
#include <vector>

namespace testdata
{

inline htsplan::KdeParameters kdeParams( double radius, double pixel, htsplan::KdeKernel kernel = htsplan::KdeKernel::Quartic,
                                         htsplan::KdeOutput output = htsplan::KdeOutput::Raw )
{
  htsplan::KdeParameters p;
  p.radius = radius;
  p.pixelSize = pixel;
  p.kernel = kernel;
  p.output = output;
  return p;
}

struct Raster
{
    int rows = 0, cols = 0;
    double geoTransform[6] = {};
    double noData = 0;
    int hasNoData = 0;
    std::string wkt;
    std::vector<float> values;
};

//! The first band of a raster file as Float32, with its grid, nodata and CRS.
inline Raster readRaster( const std::string &path )
{
  Raster r;
  GDALDatasetH ds = GDALOpen( path.c_str(), GA_ReadOnly );
  REQUIRE( ds );
  r.cols = GDALGetRasterXSize( ds );
  r.rows = GDALGetRasterYSize( ds );
  GDALGetGeoTransform( ds, r.geoTransform );
  r.wkt = GDALGetProjectionRef( ds );
  GDALRasterBandH band = GDALGetRasterBand( ds, 1 );
  r.noData = GDALGetRasterNoDataValue( band, &r.hasNoData );
  r.values.resize( static_cast<size_t>( r.rows ) * static_cast<size_t>( r.cols ) );
  CHECK( GDALRasterIO( band, GF_Read, 0, 0, r.cols, r.rows, r.values.data(), r.cols, r.rows, GDT_Float32, 0, 0 ) == CE_None );
  GDALClose( ds );
  return r;
}

} // namespace testdata
