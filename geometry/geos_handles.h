#pragma once
// Owners for GEOS C API handles: each freed exactly once, also when an
// exception passes.
#include <geos_c.h>
#include <ogr_geometry.h>

#include <memory>

namespace htsplan
{

//! A GEOS context made by OGR (OGR's geometries convert through it); freed with it.
class GeosContext
{
  public:
    GeosContext()
      : mHandle( OGRGeometry::createGEOSContext() )
    {}
    ~GeosContext() { OGRGeometry::freeGEOSContext( mHandle ); }
    GeosContext( const GeosContext & ) = delete;
    GeosContext &operator=( const GeosContext & ) = delete;

    GEOSContextHandle_t handle() const { return mHandle; }

  private:
    GEOSContextHandle_t mHandle;
};

//! Destroys a GEOS geometry in the context that made it.
struct GeosGeometryDeleter
{
    GEOSContextHandle_t context;
    void operator()( GEOSGeometry *geometry ) const { GEOSGeom_destroy_r( context, geometry ); }
};

using GeosGeometryPtr = std::unique_ptr<GEOSGeometry, GeosGeometryDeleter>;

//! Takes ownership of \a geometry (may be null), made in \a context.
inline GeosGeometryPtr ownGeos( const GeosContext &context, GEOSGeometry *geometry )
{
  return GeosGeometryPtr( geometry, GeosGeometryDeleter{ context.handle() } );
}

} // namespace htsplan
