#include <catch2/catch.hpp>

#include "layers/text.h"

using htsplan::TextEncoding;

namespace
{
// 高新区 in GBK (= GB18030 for these characters).
const std::string kGbkGaoXinQu = "\xB8\xDF\xD0\xC2\xC7\xF8";
} // namespace

TEST_CASE( "text - UTF-8 validation", "[layers][text]" )
{
  CHECK( htsplan::isValidUtf8( "" ) );
  CHECK( htsplan::isValidUtf8( "plain ASCII" ) );
  CHECK( htsplan::isValidUtf8( "高新区 ２０１４ 𠀀" ) );
  CHECK_FALSE( htsplan::isValidUtf8( kGbkGaoXinQu ) );
  CHECK_FALSE( htsplan::isValidUtf8( "\xC0\xAF" ) );         // overlong '/'
  CHECK_FALSE( htsplan::isValidUtf8( "\xED\xA0\x80" ) );     // a UTF-16 surrogate
  CHECK_FALSE( htsplan::isValidUtf8( "\xF4\x90\x80\x80" ) ); // above U+10FFFF
  CHECK_FALSE( htsplan::isValidUtf8( "\xE9\xAB" ) );         // 高 cut off
  CHECK_FALSE( htsplan::isValidUtf8( "\x80" ) );
}

TEST_CASE( "text - GB18030 decoding", "[layers][text]" )
{
  CHECK( htsplan::gb18030ToUtf8( kGbkGaoXinQu ) == "高新区" );
  CHECK( htsplan::gb18030ToUtf8( "ID," + kGbkGaoXinQu + "\r\n" ) == "ID,高新区\r\n" );
  CHECK( htsplan::gb18030ToUtf8( "" ).empty() );
  // Four-byte GB18030 sequences, beyond GBK (checked with Python's codec):
  // U+20000 in plane 2 and U+00DF ß.
  CHECK( htsplan::gb18030ToUtf8( "\x95\x32\x82\x36" ) == "𠀀" );
  CHECK( htsplan::gb18030ToUtf8( "\x81\x30\x89\x38" ) == "ß" );

  SECTION( "bad bytes become U+FFFD and what follows still decodes" )
  {
    CHECK( htsplan::gb18030ToUtf8( "\xFF" + kGbkGaoXinQu ) == "\xEF\xBF\xBD高新区" );
    CHECK( htsplan::gb18030ToUtf8( kGbkGaoXinQu + "\xB8" ) == "高新区\xEF\xBF\xBD" ); // cut off at the end
    CHECK( htsplan::isValidUtf8( htsplan::gb18030ToUtf8( "\x80\xFF\x81\x30\xFE" ) ) );
  }
}

TEST_CASE( "text - encoding detection", "[layers][text]" )
{
  CHECK( htsplan::detectEncoding( "名称,经度\n" ) == TextEncoding::Utf8 );
  CHECK( htsplan::detectEncoding( "name,lon\n" ) == TextEncoding::Utf8 );
  CHECK( htsplan::detectEncoding( "" ) == TextEncoding::Utf8 );
  CHECK( htsplan::detectEncoding( "\xEF\xBB\xBF名称" ) == TextEncoding::Utf8Bom );
  CHECK( htsplan::detectEncoding( kGbkGaoXinQu ) == TextEncoding::Gb18030 );
  CHECK( std::string( htsplan::encodingName( TextEncoding::Utf8 ) ) == "UTF-8" );
  CHECK( std::string( htsplan::encodingName( TextEncoding::Utf8Bom ) ) == "UTF-8 with BOM" );
  CHECK( std::string( htsplan::encodingName( TextEncoding::Gb18030 ) ) == "GB18030" );

  SECTION( "toUtf8 strips a BOM and repairs malformed bytes" )
  {
    CHECK( htsplan::toUtf8( "\xEF\xBB\xBF名称", TextEncoding::Utf8Bom ) == "名称" );
    CHECK( htsplan::toUtf8( "\xEF\xBB\xBF名称", TextEncoding::Utf8 ) == "名称" );
    CHECK( htsplan::toUtf8( "a\xFF" "b", TextEncoding::Utf8 ) == "a\xEF\xBF\xBD" "b" );
    CHECK( htsplan::toUtf8( kGbkGaoXinQu, TextEncoding::Gb18030 ) == "高新区" );
    CHECK( htsplan::toUtf8( "\x84\x31\x95\x33" + kGbkGaoXinQu, TextEncoding::Gb18030 ) == "高新区" ); // GB18030's BOM
  }

  SECTION( "a cell is kept when valid UTF-8, else decoded" )
  {
    CHECK( htsplan::utf8OrGb18030( "高新区" ) == "高新区" );
    CHECK( htsplan::utf8OrGb18030( kGbkGaoXinQu ) == "高新区" );
  }
}

TEST_CASE( "text - width folding", "[layers][text]" )
{
  CHECK( htsplan::foldWidth( "２０１４年" ) == "2014年" );
  CHECK( htsplan::foldWidth( "ＡＢＣ（万元）" ) == "ABC(万元)" );
  CHECK( htsplan::foldWidth( "　 已认定\t　" ) == "已认定" );
  CHECK( htsplan::foldWidth( "东经　117" ) == "东经 117" );
  CHECK( htsplan::foldWidth( "\xC2\xA0" "12\xC2\xA0" ) == "12" ); // no-break spaces from Excel
  CHECK( htsplan::foldWidth( "￥１２３４" ) == "¥1234" );
  CHECK( htsplan::foldWidth( "～！" ) == "~!" ); // both ends of U+FF01–FF5E
  CHECK( htsplan::foldWidth( "｟" ) == "｟" );    // U+FF5F is not ASCII's
  CHECK( htsplan::foldWidth( "" ).empty() );
  CHECK( htsplan::foldWidth( "　" ).empty() );
  CHECK( htsplan::foldWidth( "a\xFF" ) == "a\xEF\xBF\xBD" );

  SECTION( "header keys" )
  {
    CHECK( htsplan::foldKey( " Ｌｏｎ " ) == "lon" );
    CHECK( htsplan::foldKey( "认定 年份" ) == "认定年份" );
    CHECK( htsplan::foldKey( "营业收入（万元）" ) == "营业收入(万元)" );
    CHECK( htsplan::foldKey( "Revenue CNY" ) == "revenuecny" );
  }
}
