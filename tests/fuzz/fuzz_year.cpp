// parseYearCell on any bytes: never crashes, gives a value or a reason, and a
// value only inside the range.
#include "layers/cells.h"
#include "tests/fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput( const uint8_t *data, size_t size )
{
  const std::string_view text = fuzzInput( data, size );
  const auto year = htsplan::parseYearCell( text );
  FUZZ_CHECK( year.value.has_value() == year.problem.empty() );
  if ( year.value )
    FUZZ_CHECK( htsplan::plausibleYear( *year.value ) );
  const auto narrow = htsplan::parseYearCell( text, 2011, 2015 );
  if ( narrow.value )
    FUZZ_CHECK( *narrow.value >= 2011 && *narrow.value <= 2015 && year.value == narrow.value );
  return 0;
}
