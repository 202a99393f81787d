#include "processing/gpkg_output.h"

#include "layers/problems.h"
#include "processing/ogr_bridge.h"

#include <qgsfeedback.h>
#include <qgsogrutils.h>
#include <qgsvectorfilewriter.h>

#include <QDateTime>
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
      feedback->setProgress( 100.0 * static_cast<double>( done ) / total );
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

namespace
{

//! Adds the OGR field QGIS's vector writer makes of field for a GeoPackage.
void addField( GpkgWriter &writer, const QgsField &field )
{
  OGRFieldType type = OFTString;
  OGRFieldSubType subType = OFSTNone;
  switch ( field.type() )
  {
    case QVariant::Int:
      type = OFTInteger;
      break;
    case QVariant::LongLong:
      type = OFTInteger64;
      break;
    case QVariant::Bool:
      type = OFTInteger;
      subType = OFSTBoolean;
      break;
    case QVariant::Double:
      type = OFTReal;
      break;
    case QVariant::Date:
      type = OFTDate;
      break;
    case QVariant::Time:
      type = OFTTime;
      break;
    case QVariant::DateTime:
      type = OFTDateTime;
      break;
    case QVariant::ByteArray:
      type = OFTBinary;
      break;
    default:
      break;
  }
  OGRFieldDefn defn( field.name().toUtf8().constData(), type );
  defn.SetSubType( subType );
  if ( type == OFTString && field.length() > 0 )
    defn.SetWidth( field.length() );
  writer.addField( defn );
}

//! Sets OGR field i of feature from value, converted to the field's type.
void setValue( OGRFeature &feature, int i, const QVariant &value )
{
  if ( value.isNull() )
  {
    feature.SetFieldNull( i );
    return;
  }
  switch ( feature.GetFieldDefnRef( i )->GetType() )
  {
    case OFTInteger:
      feature.SetField( i, value.type() == QVariant::Bool ? ( value.toBool() ? 1 : 0 ) : value.toInt() );
      break;
    case OFTInteger64:
      feature.SetField( i, static_cast<GIntBig>( value.toLongLong() ) );
      break;
    case OFTReal:
      feature.SetField( i, value.toDouble() );
      break;
    case OFTDate:
    {
      const QDate d = value.toDate();
      feature.SetField( i, d.year(), d.month(), d.day() );
      break;
    }
    case OFTTime:
    {
      const QTime t = value.toTime();
      feature.SetField( i, 0, 0, 0, t.hour(), t.minute(), static_cast<float>( t.second() + t.msec() / 1000.0 ) );
      break;
    }
    case OFTDateTime:
    {
      const QDateTime dt = value.toDateTime();
      const QDate d = dt.date();
      const QTime t = dt.time();
      // OGR's time zone flag: 100 is UTC, each step 15 minutes; 0 unknown.
      const int tz = dt.timeSpec() == Qt::UTC ? 100 : dt.timeSpec() == Qt::OffsetFromUTC ? 100 + dt.offsetFromUtc() / 900 : 0;
      feature.SetField( i, d.year(), d.month(), d.day(), t.hour(), t.minute(), static_cast<float>( t.second() + t.msec() / 1000.0 ), tz );
      break;
    }
    case OFTBinary:
    {
      const QByteArray bytes = value.toByteArray();
      feature.SetField( i, bytes.size(), bytes.constData() );
      break;
    }
    default:
      feature.SetField( i, value.toString().toUtf8().constData() );
      break;
  }
}

} // namespace

GpkgSink::GpkgSink( const QString &destination, const QgsFields &fields, QgsWkbTypes::Type type, const QgsCoordinateReferenceSystem &crs )
  : mWriter( std::make_unique<GpkgWriter>( destination.toStdString() ) )
  , mFields( fields )
{
  OGRSpatialReferenceH srs = crs.isValid() ? QgsOgrUtils::crsToOGRSpatialReference( crs ) : nullptr;
  mWriter->createLayer( QFileInfo( destination ).baseName().toStdString(), OGRSpatialReference::FromHandle( srs ),
                        QgsVectorFileWriter::ogrTypeFromWkbType( type ) );
  if ( srs )
    OSRRelease( srs );
  int next = 0;
  for ( int i = 0; i < fields.count(); ++i )
  {
    // QGIS's writer keeps a GeoPackage's "fid" as the feature id, not as a field.
    if ( mFidField < 0 && fields.at( i ).name().compare( QLatin1String( "fid" ), Qt::CaseInsensitive ) == 0 )
    {
      mFidField = i;
      mOgrField.push_back( -1 );
      continue;
    }
    addField( *mWriter, fields.at( i ) );
    mOgrField.push_back( next++ );
  }
  mFeature = std::make_unique<OGRFeature>( mWriter->layerDefn() );
}

GpkgSink::~GpkgSink() = default;

bool GpkgSink::addFeature( QgsFeature &feature, QgsFeatureSink::Flags )
{
  if ( !mWriter )
    return false;
  try
  {
    const QgsAttributes attributes = feature.attributes();
    mFeature->SetFID( OGRNullFID );
    for ( int i = 0; i < static_cast<int>( mOgrField.size() ); ++i )
    {
      const QVariant value = i < attributes.size() ? attributes.at( i ) : QVariant();
      if ( i == mFidField )
      {
        bool ok = false;
        const qlonglong fid = value.toLongLong( &ok );
        if ( ok && !value.isNull() )
          mFeature->SetFID( fid );
      }
      else
        setValue( *mFeature, mOgrField[i], value );
    }
    mFeature->SetGeometryDirectly( toOgr( feature.geometry() ).release() );
    mWriter->write( *mFeature );
    return true;
  }
  catch ( const std::exception &e )
  {
    mError = QString::fromStdString( e.what() );
    return false;
  }
}

bool GpkgSink::addFeatures( QgsFeatureList &features, QgsFeatureSink::Flags flags )
{
  for ( QgsFeature &feature : features )
    if ( !addFeature( feature, flags ) )
      return false;
  return true;
}

bool GpkgSink::flushBuffer()
{
  if ( !mWriter )
    return mError.isEmpty();
  try
  {
    mFeature.reset();
    mWriter->commit();
    mWriter.reset();
    return true;
  }
  catch ( const std::exception &e )
  {
    mError = QString::fromStdString( e.what() );
    mWriter.reset();
    return false;
  }
}

} // namespace htsplan
