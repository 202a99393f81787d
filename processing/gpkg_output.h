#pragma once
// Per-point outputs written straight to a GeoPackage: the features of a layer
// file copied through GDAL with the algorithm's fields appended, through the
// one fast writer (layers/gpkg_writer.h: rows in one transaction, an R-tree
// packed after them). QGIS's feature sink spends most of a million-point run
// converting every feature to Qt types and back.
#include "layers/gpkg_writer.h"

#include <qgscoordinatereferencesystem.h>

#include <QString>

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

} // namespace htsplan
