#include "processing/gpkg_output.h"

#include "layers/problems.h"

#include <qgsfeedback.h>
#include <qgsogrutils.h>

#include <QFileInfo>

#include <numeric>

namespace htsplan
{

GpkgLayerStats copyToGpkg( const QString &inputPath, const QString &layerName, const QString &destination,
                           const QgsCoordinateReferenceSystem &crs, const std::vector<AppendedField> &extra,
                           const GpkgWriter::AppendedValue &value,
                           QgsFeedback *feedback )
{
  GDALDatasetUniquePtr input( GDALDataset::Open( inputPath.toUtf8().constData(), GDAL_OF_VECTOR | GDAL_OF_READONLY ) );
  if ( !input )
    throw InputError( inputPath.toStdString() + ": GDAL cannot open it: " + CPLGetLastErrorMsg() );
  OGRLayer *layer = layerName.isEmpty() ? input->GetLayer( 0 ) : input->GetLayerByName( layerName.toUtf8().constData() );
  if ( !layer )
    throw InputError( inputPath.toStdString() + ": no layer " + layerName.toStdString() );
  OGRFeatureDefn *inputDefn = layer->GetLayerDefn();
  const int inputFields = inputDefn->GetFieldCount();
  const bool keepFid = layer->GetFIDColumn() && *layer->GetFIDColumn();

  GpkgWriter out( destination.toStdString() );
  // QGIS's writer converts the CRS the same way (QgsVectorFileWriter).
  OGRSpatialReferenceH srs = crs.isValid() ? QgsOgrUtils::crsToOGRSpatialReference( crs ) : nullptr;
  out.createLayer( QFileInfo( destination ).baseName().toStdString(), OGRSpatialReference::FromHandle( srs ), layer->GetGeomType() );
  if ( srs )
    OSRRelease( srs );
  for ( int i = 0; i < inputFields; ++i )
    out.addField( *inputDefn->GetFieldDefn( i ) );
  for ( const AppendedField &field : extra )
    out.addField( OGRFieldDefn( field.name.toUtf8().constData(), field.type ) );

  if ( EQUAL( input->GetDriver()->GetDescription(), "GPKG" ) && keepFid )
  {
    const std::string table = layer->GetName();
    const std::string path = inputPath.toStdString();
    layer = nullptr;
    input.reset(); // SQLite reads it now
    out.copyRows( path, table, static_cast<int>( extra.size() ), value, feedback );
    out.commit();
    return out.stats().back();
  }

  OGRFeature feature( out.layerDefn() );
  std::vector<int> sameField( static_cast<size_t>( inputFields ) );
  std::iota( sameField.begin(), sameField.end(), 0 );
  const double total = std::max<double>( 1, static_cast<double>( layer->GetFeatureCount( FALSE ) ) );
  layer->ResetReading();
  long long done = 0;
  for ( OGRFeatureUniquePtr in( layer->GetNextFeature() ); in; in.reset( layer->GetNextFeature() ) )
  {
    if ( feedback && ( done & 0xffff ) == 0 )
    {
      if ( feedback->isCanceled() )
        throw Canceled();
      feedback->setProgress( 100.0 * done / total );
    }
    ++done;
    feature.SetFieldsFrom( in.get(), sameField.data(), TRUE );
    feature.SetGeometryDirectly( in->StealGeometry() );
    feature.SetFID( keepFid ? in->GetFID() : OGRNullFID );
    for ( size_t k = 0; k < extra.size(); ++k )
    {
      const int field = inputFields + static_cast<int>( k );
      if ( const std::optional<long long> v = value( in->GetFID(), static_cast<int>( k ) ) )
        feature.SetField( field, static_cast<GIntBig>( *v ) );
      else
        feature.SetFieldNull( field );
    }
    out.write( feature );
  }
  out.commit();
  return out.stats().back();
}

} // namespace htsplan
