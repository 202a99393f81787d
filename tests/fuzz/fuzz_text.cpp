// The encoding functions on any bytes: whatever comes in, UTF-8 comes out,
// and folding is idempotent.
#include "layers/text.h"
#include "tests/fuzz/fuzz_check.h"

using namespace htsplan;

extern "C" int LLVMFuzzerTestOneInput( const uint8_t *data, size_t size )
{
  const std::string_view bytes = fuzzInput( data, size );
  const TextEncoding encoding = detectEncoding( bytes );
  const std::string text = toUtf8( bytes, encoding );
  FUZZ_CHECK( isValidUtf8( text ) );
  FUZZ_CHECK( encodingName( encoding ) != nullptr );
  if ( encoding == TextEncoding::Utf8 )
    FUZZ_CHECK( text == bytes );
  FUZZ_CHECK( isValidUtf8( gb18030ToUtf8( bytes ) ) );
  FUZZ_CHECK( isValidUtf8( utf8OrGb18030( bytes ) ) );
  const std::string folded = foldWidth( bytes );
  FUZZ_CHECK( isValidUtf8( folded ) );
  FUZZ_CHECK( foldWidth( folded ) == folded );
  FUZZ_CHECK( folded.size() <= bytes.size() * 3 );
  const std::string key = foldKey( bytes );
  FUZZ_CHECK( foldKey( key ) == key );
  FUZZ_CHECK( key.find( ' ' ) == std::string::npos );
  return 0;
}
