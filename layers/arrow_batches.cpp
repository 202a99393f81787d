#include "layers/arrow_batches.h"

#include <ogrsf_frmts.h>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

namespace htsplan
{

ArrowColumn::ArrowColumn( const ArrowSchema *schema, const ArrowArray *array )
  : mArray( array )
  , mFormat( schema->format[0] )
{
  // Plain scalar formats have a one-letter format string; of the others only
  // dates and time stamps are read (lists, times... are read as absent).
  const std::string format = schema->format;
  if ( format == "tdD" )
    mFormat = DateDays;
  else if ( format == "tdm" )
    mFormat = DateMillis;
  else if ( format.size() >= 3 && format.compare( 0, 2, "ts" ) == 0 )
  {
    mFormat = Timestamp;
    mUnitsPerSecond = format[2] == 's' ? 1LL : format[2] == 'm' ? 1000LL : format[2] == 'u' ? 1000000LL : 1000000000LL;
  }
  else if ( format.size() != 1 )
    mArray = nullptr;
}

namespace
{
//! The year of a day counted from 1970-01-01 (Howard Hinnant's civil_from_days).
int yearOfDay( long long days )
{
  days += 719468;
  const long long era = ( days >= 0 ? days : days - 146096 ) / 146097;
  const long long doe = days - era * 146097;
  const long long yoe = ( doe - doe / 1460 + doe / 36524 - doe / 146096 ) / 365;
  const long long doy = doe - ( 365 * yoe + yoe / 4 - yoe / 100 );
  const long long mp = ( 5 * doy + 2 ) / 153;
  const long long month = mp < 10 ? mp + 3 : mp - 9;
  return static_cast<int>( yoe + era * 400 + ( month <= 2 ? 1 : 0 ) );
}

long long floorDiv( long long a, long long b ) { return a / b - ( ( a % b != 0 ) && ( ( a < 0 ) != ( b < 0 ) ) ? 1 : 0 ); }
} // namespace

std::optional<int> ArrowColumn::dateYear( int64_t row ) const
{
  if ( !isDate() || isNull( row ) )
    return std::nullopt;
  const int64_t i = row + mArray->offset;
  if ( mFormat == DateDays )
    return yearOfDay( static_cast<const int32_t *>( mArray->buffers[1] )[i] );
  const long long value = static_cast<const int64_t *>( mArray->buffers[1] )[i];
  const long long perDay = 86400LL * ( mFormat == DateMillis ? 1000LL : mUnitsPerSecond );
  return yearOfDay( floorDiv( value, perDay ) );
}

bool ArrowColumn::isNull( int64_t row ) const
{
  if ( !mArray )
    return true;
  if ( mArray->null_count == 0 || !mArray->buffers[0] )
    return false;
  const int64_t i = row + mArray->offset;
  const auto *validity = static_cast<const uint8_t *>( mArray->buffers[0] );
  return !( ( validity[i >> 3] >> ( i & 7 ) ) & 1 );
}

std::string_view ArrowColumn::bytes( int64_t row ) const
{
  if ( isNull( row ) )
    return {};
  const int64_t i = row + mArray->offset;
  const auto *data = static_cast<const char *>( mArray->buffers[2] );
  if ( mFormat == 'u' || mFormat == 'z' )
  {
    const auto *offsets = static_cast<const int32_t *>( mArray->buffers[1] );
    return std::string_view( data + offsets[i], static_cast<size_t>( offsets[i + 1] - offsets[i] ) );
  }
  if ( mFormat == 'U' || mFormat == 'Z' )
  {
    const auto *offsets = static_cast<const int64_t *>( mArray->buffers[1] );
    return std::string_view( data + offsets[i], static_cast<size_t>( offsets[i + 1] - offsets[i] ) );
  }
  return {};
}

namespace
{
template <typename T>
double valueAt( const ArrowArray *array, int64_t i )
{
  return static_cast<double>( static_cast<const T *>( array->buffers[1] )[i] );
}
} // namespace

std::optional<double> ArrowColumn::number( int64_t row ) const
{
  if ( isNull( row ) )
    return std::nullopt;
  const int64_t i = row + mArray->offset;
  switch ( mFormat )
  {
    case 'c': return valueAt<int8_t>( mArray, i );
    case 'C': return valueAt<uint8_t>( mArray, i );
    case 's': return valueAt<int16_t>( mArray, i );
    case 'S': return valueAt<uint16_t>( mArray, i );
    case 'i': return valueAt<int32_t>( mArray, i );
    case 'I': return valueAt<uint32_t>( mArray, i );
    case 'l': return valueAt<int64_t>( mArray, i );
    case 'L': return valueAt<uint64_t>( mArray, i );
    case 'f': return valueAt<float>( mArray, i );
    case 'g': return valueAt<double>( mArray, i );
    case 'b':
    {
      const auto *bits = static_cast<const uint8_t *>( mArray->buffers[1] );
      return ( bits[i >> 3] >> ( i & 7 ) ) & 1 ? 1.0 : 0.0;
    }
    case 'u':
    case 'U':
    {
      const std::string t( bytes( row ) );
      char *end = nullptr;
      const double v = std::strtod( t.c_str(), &end );
      if ( t.empty() || !end || *end != '\0' )
        return std::nullopt;
      return v;
    }
    default:
      return std::nullopt;
  }
}

std::string ArrowColumn::text( int64_t row ) const
{
  if ( isNull( row ) )
    return {};
  if ( isText() )
    return std::string( bytes( row ) );
  if ( isDate() )
    return std::to_string( dateYear( row ).value_or( 0 ) );
  const std::optional<double> v = number( row );
  if ( !v )
    return {};
  if ( std::floor( *v ) == *v && std::fabs( *v ) < 1e15 )
    return std::to_string( static_cast<long long>( *v ) );
  char buffer[32];
  std::snprintf( buffer, sizeof buffer, "%.15g", *v );
  return buffer;
}

void readArrowBatches( OGRLayer *layer, const std::vector<std::string> &fields,
                       const std::function<void( const std::function<ArrowColumn( const std::string & )> &column, int64_t rows )> &onBatch )
{
  // Read only what is asked for: other attribute fields are ignored.
  std::vector<std::string> ignored;
  OGRFeatureDefn *defn = layer->GetLayerDefn();
  for ( int i = 0; i < defn->GetFieldCount(); ++i )
  {
    const std::string name = defn->GetFieldDefn( i )->GetNameRef();
    bool wanted = false;
    for ( const std::string &f : fields )
      wanted = wanted || f == name;
    if ( !wanted )
      ignored.push_back( name );
  }
  std::vector<const char *> ignoredList;
  for ( const std::string &name : ignored )
    ignoredList.push_back( name.c_str() );
  ignoredList.push_back( nullptr );
  layer->SetIgnoredFields( ignoredList.data() );
  layer->ResetReading();

  ArrowArrayStream stream{};
  const char *options[] = { "MAX_FEATURES_IN_BATCH=65536", nullptr };
  if ( !layer->GetArrowStream( &stream, options ) )
  {
    layer->SetIgnoredFields( nullptr );
    throw std::runtime_error( std::string( "layer '" ) + layer->GetName() + "': GDAL cannot stream it" );
  }
  struct Cleanup
  {
      ArrowArrayStream &stream;
      OGRLayer *layer;
      ~Cleanup()
      {
        if ( stream.release )
          stream.release( &stream );
        layer->SetIgnoredFields( nullptr );
      }
  } cleanup{ stream, layer };

  ArrowSchema schema{};
  if ( stream.get_schema( &stream, &schema ) != 0 )
    throw std::runtime_error( std::string( "layer '" ) + layer->GetName() + "': " + ( stream.get_last_error( &stream ) ? stream.get_last_error( &stream ) : "no Arrow schema" ) );
  struct SchemaCleanup
  {
      ArrowSchema &schema;
      ~SchemaCleanup()
      {
        if ( schema.release )
          schema.release( &schema );
      }
  } schemaCleanup{ schema };

  while ( true )
  {
    ArrowArray batch{};
    if ( stream.get_next( &stream, &batch ) != 0 )
      throw std::runtime_error( std::string( "layer '" ) + layer->GetName() + "': " + ( stream.get_last_error( &stream ) ? stream.get_last_error( &stream ) : "read error" ) );
    if ( !batch.release )
      break; // end of stream
    struct BatchCleanup
    {
        ArrowArray &batch;
        ~BatchCleanup() { batch.release( &batch ); }
    } batchCleanup{ batch };
    auto column = [&]( const std::string &name ) -> ArrowColumn {
      for ( int64_t c = 0; c < schema.n_children; ++c )
        if ( name == schema.children[c]->name )
          return ArrowColumn( schema.children[c], batch.children[c] );
      return ArrowColumn();
    };
    onBatch( column, batch.length );
  }
}

} // namespace htsplan
