// parseAmountCell on any bytes, with the column's unit taken from the first
// byte: a value is finite and not negative, or there is a reason.
#include "layers/cells.h"
#include "tests/fuzz/fuzz_check.h"

#include <cmath>

extern "C" int LLVMFuzzerTestOneInput( const uint8_t *data, size_t size )
{
  static const double kFactors[] = { 1, 1e3, 1e4, 1e8, 2.5 };
  const double factor = size > 0 ? kFactors[data[0] % 5] : 1;
  const std::string_view text = fuzzInput( data, size ).substr( size > 0 ? 1 : 0 );
  const auto amount = htsplan::parseAmountCell( text, factor );
  FUZZ_CHECK( amount.value.has_value() == amount.problem.empty() );
  if ( amount.value )
    FUZZ_CHECK( std::isfinite( *amount.value ) && *amount.value >= 0 );
  htsplan::amountUnitFromHeader( text );
  const auto integer = htsplan::parseStrictInteger( text, -1000, 1000 );
  FUZZ_CHECK( integer.value.has_value() == integer.problem.empty() );
  if ( integer.value )
    FUZZ_CHECK( *integer.value >= -1000 && *integer.value <= 1000 );
  const auto number = htsplan::parseStrictNumber( text, 0, 1 );
  if ( number.value )
    FUZZ_CHECK( *number.value >= 0 && *number.value <= 1 );
  const auto status = htsplan::parseStatusCell( text );
  FUZZ_CHECK( status.value.has_value() == status.problem.empty() );
  return 0;
}
