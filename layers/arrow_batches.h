#pragma once
// Reads an OGR layer column by column through GDAL's Arrow stream (RFC 86):
// for a GeoPackage about ten times faster than a feature loop, which matters
// at millions of facilities. Cells are read through small typed accessors so
// that callers never touch Arrow buffers.
#include <ogr_recordbatch.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

class OGRLayer;

namespace htsplan
{

//! One column of the current batch.
class ArrowColumn
{
  public:
    ArrowColumn() = default;
    ArrowColumn( const ArrowSchema *schema, const ArrowArray *array );

    bool present() const { return mArray != nullptr; }
    bool isNull( int64_t row ) const;
    //! Text of a string cell, or the number of a numeric cell written out; empty for null.
    std::string text( int64_t row ) const;
    //! A numeric cell, or a string cell that is a whole number; nullopt for null or text that is not a number.
    std::optional<double> number( int64_t row ) const;
    //! Bytes of a binary cell (WKB geometry); empty for null.
    std::string_view bytes( int64_t row ) const;
    bool isText() const { return mFormat == 'u' || mFormat == 'U'; }
    //! A date or date-time column (OGR's Date and DateTime fields).
    bool isDate() const { return mFormat == DateDays || mFormat == DateMillis || mFormat == Timestamp; }
    //! The year of a date or date-time cell (proleptic Gregorian, UTC for time stamps); nullopt for null or another type.
    std::optional<int> dateYear( int64_t row ) const;

  private:
    //! Our one-letter codes for Arrow's multi-letter date formats ("tdD", "tdm", "ts?:...").
    static constexpr char DateDays = 'D', DateMillis = 'M', Timestamp = 'T';
    //! Time stamps: units per second (1, 1e3, 1e6, 1e9).
    long long mUnitsPerSecond = 1;
    const ArrowArray *mArray = nullptr;
    char mFormat = 0;
};

/**
 * Calls onBatch for each batch of the layer with a column lookup by name
 * (absent fields give a column that is not present()) and the batch's row
 * count. The FID column is named by fidColumn, the geometry by geometryColumn.
 * Throws std::runtime_error when GDAL cannot stream the layer.
 */
void readArrowBatches( OGRLayer *layer, const std::vector<std::string> &fields,
                       const std::function<void( const std::function<ArrowColumn( const std::string & )> &column, int64_t rows )> &onBatch );

} // namespace htsplan
