#include "layers/text.h"

#include <algorithm>
#include <cerrno>
#include <iconv.h>

namespace htsplan
{

namespace
{
constexpr std::string_view kReplacement = "\xEF\xBF\xBD"; // U+FFFD
constexpr std::string_view kBom = "\xEF\xBB\xBF";

bool inRange( unsigned char c, unsigned char low, unsigned char high ) { return c >= low && c <= high; }

// Length of the well-formed UTF-8 sequence starting at s[i] (RFC 3629, table 3-7
// of Unicode), 0 when there is none.
size_t sequenceLength( std::string_view s, size_t i )
{
  const auto at = [&]( size_t k ) { return static_cast<unsigned char>( s[i + k] ); };
  const size_t left = s.size() - i;
  const unsigned char c = at( 0 );
  if ( c < 0x80 )
    return 1;
  if ( inRange( c, 0xC2, 0xDF ) )
    return left >= 2 && inRange( at( 1 ), 0x80, 0xBF ) ? 2 : 0;
  if ( inRange( c, 0xE0, 0xEF ) )
  {
    if ( left < 3 )
      return 0;
    // E0 excludes overlong forms, ED the UTF-16 surrogates.
    const unsigned char low = c == 0xE0 ? 0xA0 : 0x80;
    const unsigned char high = c == 0xED ? 0x9F : 0xBF;
    return inRange( at( 1 ), low, high ) && inRange( at( 2 ), 0x80, 0xBF ) ? 3 : 0;
  }
  if ( inRange( c, 0xF0, 0xF4 ) )
  {
    if ( left < 4 )
      return 0;
    // F0 excludes overlong forms, F4 everything above U+10FFFF.
    const unsigned char low = c == 0xF0 ? 0x90 : 0x80;
    const unsigned char high = c == 0xF4 ? 0x8F : 0xBF;
    return inRange( at( 1 ), low, high ) && inRange( at( 2 ), 0x80, 0xBF ) && inRange( at( 3 ), 0x80, 0xBF ) ? 4 : 0;
  }
  return 0;
}

char32_t decode( std::string_view s, size_t i, size_t length )
{
  const auto at = [&]( size_t k ) { return static_cast<char32_t>( static_cast<unsigned char>( s[i + k] ) ); };
  switch ( length )
  {
    case 1:
      return at( 0 );
    case 2:
      return ( at( 0 ) & 0x1F ) << 6 | ( at( 1 ) & 0x3F );
    case 3:
      return ( at( 0 ) & 0x0F ) << 12 | ( at( 1 ) & 0x3F ) << 6 | ( at( 2 ) & 0x3F );
    default:
      return ( at( 0 ) & 0x07 ) << 18 | ( at( 1 ) & 0x3F ) << 12 | ( at( 2 ) & 0x3F ) << 6 | ( at( 3 ) & 0x3F );
  }
}

void appendUtf8( std::string &out, char32_t c )
{
  if ( c < 0x80 )
    out += static_cast<char>( c );
  else if ( c < 0x800 )
  {
    out += static_cast<char>( 0xC0 | c >> 6 );
    out += static_cast<char>( 0x80 | ( c & 0x3F ) );
  }
  else if ( c < 0x10000 )
  {
    out += static_cast<char>( 0xE0 | c >> 12 );
    out += static_cast<char>( 0x80 | ( c >> 6 & 0x3F ) );
    out += static_cast<char>( 0x80 | ( c & 0x3F ) );
  }
  else
  {
    out += static_cast<char>( 0xF0 | c >> 18 );
    out += static_cast<char>( 0x80 | ( c >> 12 & 0x3F ) );
    out += static_cast<char>( 0x80 | ( c >> 6 & 0x3F ) );
    out += static_cast<char>( 0x80 | ( c & 0x3F ) );
  }
}

// UTF-8 with each malformed byte replaced by U+FFFD.
std::string repairedUtf8( std::string_view bytes )
{
  std::string out;
  out.reserve( bytes.size() );
  for ( size_t i = 0; i < bytes.size(); )
  {
    const size_t length = sequenceLength( bytes, i );
    if ( length == 0 )
    {
      out += kReplacement;
      ++i;
      continue;
    }
    out.append( bytes.substr( i, length ) );
    i += length;
  }
  return out;
}

bool startsWith( std::string_view s, std::string_view prefix ) { return s.substr( 0, prefix.size() ) == prefix; }

bool isAsciiSpace( char c ) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }
} // namespace

bool isValidUtf8( std::string_view bytes )
{
  for ( size_t i = 0; i < bytes.size(); )
  {
    const size_t length = sequenceLength( bytes, i );
    if ( length == 0 )
      return false;
    i += length;
  }
  return true;
}

std::string gb18030ToUtf8( std::string_view bytes )
{
  std::string out;
  if ( bytes.empty() )
    return out;
  iconv_t cd = iconv_open( "UTF-8", "GB18030" );
  if ( cd == reinterpret_cast<iconv_t>( -1 ) )
  {
    // No gconv module (a stripped system): keep the ASCII, which GB18030 shares.
    for ( char c : bytes )
      if ( static_cast<unsigned char>( c ) < 0x80 )
        out += c;
      else
        out += kReplacement;
    return out;
  }
  // iconv's interface is not const-correct; it only reads the input.
  char *in = const_cast<char *>( bytes.data() );
  size_t inLeft = bytes.size();
  out.reserve( bytes.size() * 3 / 2 );
  char buffer[4096];
  while ( inLeft > 0 )
  {
    char *o = buffer;
    size_t outLeft = sizeof buffer;
    const size_t converted = iconv( cd, &in, &inLeft, &o, &outLeft );
    out.append( buffer, static_cast<size_t>( o - buffer ) );
    if ( converted != static_cast<size_t>( -1 ) || errno == E2BIG )
      continue;
    // EILSEQ (no such sequence) or EINVAL (cut off at the end): replace one
    // byte and go on, so that what follows a bad byte still decodes.
    out += kReplacement;
    ++in;
    --inLeft;
  }
  iconv_close( cd );
  return out;
}

TextEncoding detectEncoding( std::string_view bytes )
{
  if ( startsWith( bytes, kBom ) )
    return TextEncoding::Utf8Bom;
  return isValidUtf8( bytes ) ? TextEncoding::Utf8 : TextEncoding::Gb18030;
}

const char *encodingName( TextEncoding encoding )
{
  switch ( encoding )
  {
    case TextEncoding::Utf8:
      return "UTF-8";
    case TextEncoding::Utf8Bom:
      return "UTF-8 with BOM";
    case TextEncoding::Gb18030:
      return "GB18030";
  }
  return "UTF-8";
}

std::string toUtf8( std::string_view bytes, TextEncoding encoding )
{
  if ( encoding == TextEncoding::Gb18030 )
  {
    std::string out = gb18030ToUtf8( bytes );
    // GB18030's own BOM (84 31 95 33) decodes to U+FEFF.
    if ( startsWith( out, kBom ) )
      out.erase( 0, kBom.size() );
    return out;
  }
  if ( startsWith( bytes, kBom ) )
    bytes.remove_prefix( kBom.size() );
  return repairedUtf8( bytes );
}

std::string utf8OrGb18030( std::string_view bytes )
{
  if ( isValidUtf8( bytes ) )
    return std::string( bytes );
  return gb18030ToUtf8( bytes );
}

std::string foldWidth( std::string_view utf8 )
{
  // ASCII has nothing to fold: trimmed, the text is its own result (most cells of a register).
  if ( std::all_of( utf8.begin(), utf8.end(), []( char c ) { return static_cast<unsigned char>( c ) < 0x80; } ) )
  {
    size_t begin = 0, end = utf8.size();
    while ( begin < end && isAsciiSpace( utf8[begin] ) )
      ++begin;
    while ( end > begin && isAsciiSpace( utf8[end - 1] ) )
      --end;
    return std::string( utf8.substr( begin, end - begin ) );
  }
  std::string out;
  out.reserve( utf8.size() );
  for ( size_t i = 0; i < utf8.size(); )
  {
    const size_t length = sequenceLength( utf8, i );
    if ( length == 0 )
    {
      out += kReplacement;
      ++i;
      continue;
    }
    const char32_t c = decode( utf8, i, length );
    if ( c >= 0xFF01 && c <= 0xFF5E )
      out += static_cast<char>( c - 0xFF01 + 0x21 );
    else if ( c == 0x3000 || c == 0xA0 )
      out += ' ';
    else if ( c == 0xFFE5 ) // full-width yen sign, as NFKC: ¥
      appendUtf8( out, 0xA5 );
    else
      out.append( utf8.substr( i, length ) );
    i += length;
  }
  size_t begin = 0;
  while ( begin < out.size() && isAsciiSpace( out[begin] ) )
    ++begin;
  size_t end = out.size();
  while ( end > begin && isAsciiSpace( out[end - 1] ) )
    --end;
  out.erase( end );
  out.erase( 0, begin );
  return out;
}

std::string foldKey( std::string_view utf8 )
{
  std::string out;
  for ( char c : foldWidth( utf8 ) )
  {
    if ( isAsciiSpace( c ) )
      continue;
    out += c >= 'A' && c <= 'Z' ? static_cast<char>( c - 'A' + 'a' ) : c;
  }
  return out;
}

} // namespace htsplan
