#pragma once
// Text as planners' registers bring it: UTF-8 with or without a BOM, or GBK
// (Excel's "Save as CSV" on a Chinese Windows), with full-width digits and
// ideographic spaces typed through a Chinese input method.
#include <string>
#include <string_view>

namespace htsplan
{

//! True when bytes are well-formed UTF-8 (no overlong forms, no surrogates, nothing above U+10FFFF).
bool isValidUtf8( std::string_view bytes );

//! Decodes GB18030 (a superset of GBK and GB2312) to UTF-8 with glibc's iconv.
//! Each byte that starts no valid sequence becomes U+FFFD; never throws.
std::string gb18030ToUtf8( std::string_view bytes );

enum class TextEncoding
{
  Utf8,
  Utf8Bom,
  Gb18030
};

//! A UTF-8 BOM gives Utf8Bom, valid UTF-8 (ASCII included) Utf8, anything else Gb18030.
TextEncoding detectEncoding( std::string_view bytes );
//! "UTF-8", "UTF-8 with BOM" or "GB18030", for messages.
const char *encodingName( TextEncoding encoding );

//! Bytes in the given encoding as UTF-8 without a BOM; malformed sequences become U+FFFD.
std::string toUtf8( std::string_view bytes, TextEncoding encoding );

//! One cell's text: kept when valid UTF-8, else decoded as GB18030.
std::string utf8OrGb18030( std::string_view bytes );

//! The part of Unicode's NFKC folding that registers need, without ICU:
//! full-width ASCII (U+FF01–FF5E) becomes ASCII, the ideographic space U+3000
//! and the no-break space U+00A0 become a space, and ASCII and ideographic
//! white space is trimmed at both ends. Malformed UTF-8 becomes U+FFFD, so the
//! result is always valid UTF-8.
std::string foldWidth( std::string_view utf8 );

//! foldWidth, ASCII letters lower-cased and all white space removed: how header
//! names are compared ("Ｌｏｎ" == " lon", "认定 年份" == "认定年份").
std::string foldKey( std::string_view utf8 );

} // namespace htsplan
