#pragma once
// Per-point outputs written straight to a GeoPackage: the features of a layer
// file copied through GDAL with the algorithm's fields appended, through the
// one fast writer (layers/gpkg_writer.h: rows in one transaction, an R-tree
// packed after them). QGIS's feature sink spends most of a million-point run
// converting every feature to Qt types and back.
#include "layers/gpkg_writer.h"

#include <qgscoordinatereferencesystem.h>
#include <qgsfeaturesink.h>
#include <qgsfields.h>

#include <QString>

#include <memory>
#include <vector>

class QgsFeedback;

namespace htsplan
{

//! A field the algorithm appends to the input's (integer values).
struct AppendedField
{
    QString name;
    OGRFieldType type;
};

/**
 * Copies every feature of layerName in inputPath (the first layer when
 * empty), in the file's order, into a new GeoPackage at destination, with the
 * extra fields appended. The layer is named after the file and carries crs,
 * as QGIS's vector writer names and georeferences it; feature ids are kept
 * when the input has an id column (a GeoPackage), else numbered from 1.
 * value(fid, k) gives the k-th extra field of the input feature with id
 * fid. A GeoPackage input is copied inside SQLite (GpkgWriter::copyRows()),
 * any other through OGR features. Throws
 * InputError when the input cannot be read, OutputError naming destination
 * when it cannot be written, Canceled when feedback is cancelled (the
 * destination is then untouched).
 */
GpkgLayerStats copyToGpkg( const QString &inputPath, const QString &layerName, const QString &destination,
                           const QgsCoordinateReferenceSystem &crs, const std::vector<AppendedField> &extra,
                           const GpkgWriter::AppendedValue &value,
                           QgsFeedback *feedback );

/**
 * A feature sink into a new GeoPackage through GpkgWriter, for outputs whose
 * input QGIS must read (memory layers, selections): fields, values and the
 * layer name as QGIS's vector writer makes them for a GeoPackage (a field
 * named fid becomes the feature id), with an R-tree. The file appears on
 * flushBuffer(), which must be called once the features are added; a sink
 * destroyed before leaves nothing. The constructor throws OutputError.
 */
class GpkgSink : public QgsFeatureSink
{
  public:
    GpkgSink( const QString &destination, const QgsFields &fields, QgsWkbTypes::Type type, const QgsCoordinateReferenceSystem &crs );
    ~GpkgSink() override;
    bool addFeature( QgsFeature &feature, QgsFeatureSink::Flags flags = QgsFeatureSink::Flags() ) override;
    bool addFeatures( QgsFeatureList &features, QgsFeatureSink::Flags flags = QgsFeatureSink::Flags() ) override;
    //! Builds the R-tree and puts the file in place.
    bool flushBuffer() override;
    QString lastError() const override { return mError; }

  private:
    std::unique_ptr<GpkgWriter> mWriter;
    std::unique_ptr<OGRFeature> mFeature;
    QgsFields mFields;
    int mFidField = -1;           //!< the field that gives the feature id, or -1
    std::vector<int> mOgrField;   //!< OGR field of each QGIS field (-1 for the fid field)
    QString mError;
};

} // namespace htsplan
