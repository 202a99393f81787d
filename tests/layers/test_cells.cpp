#include <catch2/catch.hpp>

#include "layers/cells.h"

#include <limits>

using htsplan::parseAmountCell;
using htsplan::parseStrictInteger;
using htsplan::parseStrictNumber;
using htsplan::parseYearCell;

TEST_CASE( "cells - years", "[layers][cells]" )
{
  for ( const char *text : { "2014", " 2014 ", "2014年", "２０１４年", "2014年度", "2014-06", "2014-06-30", "2014/6/30",
                             "2014.6.30", "2014.0", "2014.00", "2014年6月", "2014年06月30日", "2014-06-30 00:00:00",
                             "2014/06/30 12:30", "2014-06-30T08:00:00.5", "　2014　" } )
  {
    INFO( text );
    const auto year = parseYearCell( text );
    CHECK( year.value == 2014 );
    CHECK( year.problem.empty() );
  }
  CHECK( parseYearCell( "2016-02-29" ).value == 2016 );

  SECTION( "what is not a year says why" )
  {
    CHECK( parseYearCell( "2014.5" ).problem == "'2014.5' is not a whole year" );
    CHECK( parseYearCell( "2014.06" ).problem == "'2014.06' is not a whole year" );
    CHECK( parseYearCell( "abc" ).problem == "'abc' is not a year" );
    CHECK( parseYearCell( "" ).problem == "no year" );
    CHECK( parseYearCell( "　" ).problem == "no year" );
    CHECK( parseYearCell( "-2014" ).problem == "'-2014' is not a year" );
    CHECK( parseYearCell( "2014-13-01" ).problem == "'2014-13-01' is not a year" );
    CHECK( parseYearCell( "2015-02-29" ).problem == "'2015-02-29' is not a year" );
    CHECK( parseYearCell( "2014-06/30" ).problem == "'2014-06/30' is not a year" );
    CHECK( parseYearCell( "2014.6" ).problem == "'2014.6' is not a whole year" );
    CHECK( parseYearCell( "2014年6" ).problem == "'2014年6' is not a year" );
    CHECK( parseYearCell( "2014-06-30 25:00" ).problem == "'2014-06-30 25:00' is not a year" );
    CHECK( parseYearCell( "14-06-30" ).problem == "'14-06-30' is not a year" );
    CHECK( parseYearCell( "12345678901234567890" ).problem == "'12345678901234567890' is not a year" );
    for ( const char *text : { "2014.5", "abc", "", "2014-13-01" } )
      CHECK_FALSE( parseYearCell( text ).value );
  }

  SECTION( "the range" )
  {
    CHECK( parseYearCell( "1900" ).problem == "year 1900 is outside 1949–2100" );
    CHECK_FALSE( parseYearCell( "1900" ).value );
    CHECK( parseYearCell( "2101年" ).problem == "year 2101 is outside 1949–2100" );
    CHECK( parseYearCell( "1949" ).value == 1949 );
    CHECK( parseYearCell( "2100" ).value == 2100 );
    CHECK( parseYearCell( "2009", 2011, 2015 ).problem == "year 2009 is outside 2011–2015" );
    CHECK( parseYearCell( "1900", 1800, 2000 ).value == 1900 );
    CHECK( htsplan::plausibleYear( 1949 ) );
    CHECK_FALSE( htsplan::plausibleYear( 1948 ) );
    CHECK_FALSE( htsplan::plausibleYear( 2101 ) );
  }
}

TEST_CASE( "cells - amounts", "[layers][cells]" )
{
  CHECK( parseAmountCell( "1234" ).value == 1234.0 );
  CHECK( parseAmountCell( "1,234.5" ).value == 1234.5 );
  CHECK( parseAmountCell( "１２３４" ).value == 1234.0 );
  CHECK( parseAmountCell( "１，２３４" ).value == 1234.0 );
  CHECK( parseAmountCell( "1.2亿" ).value == 120000000.0 );
  CHECK( parseAmountCell( "1.2亿元" ).value == 120000000.0 );
  CHECK( parseAmountCell( "0.1亿元" ).value == 10000000.0 );
  CHECK( parseAmountCell( "3000万" ).value == 30000000.0 );
  CHECK( parseAmountCell( "3000万元" ).value == 30000000.0 );
  CHECK( parseAmountCell( "3000 万元" ).value == 30000000.0 );
  CHECK( parseAmountCell( "5千元" ).value == 5000.0 );
  CHECK( parseAmountCell( "5百万" ).value == 5000000.0 );
  CHECK( parseAmountCell( "2千万元" ).value == 20000000.0 );
  CHECK( parseAmountCell( "¥1234" ).value == 1234.0 );
  CHECK( parseAmountCell( "￥1,234" ).value == 1234.0 );
  CHECK( parseAmountCell( "1234元" ).value == 1234.0 );
  CHECK( parseAmountCell( "1.2E+08" ).value == 120000000.0 );
  CHECK( parseAmountCell( "0" ).value == 0.0 );
  CHECK( parseAmountCell( "-0" ).value == 0.0 );

  SECTION( "the column's unit applies to plain numbers; the cell's own unit wins" )
  {
    CHECK( parseAmountCell( "3000", 1e4 ).value == 30000000.0 );
    CHECK( parseAmountCell( "1.2", 1e8 ).value == 120000000.0 );
    CHECK( parseAmountCell( "1234元", 1e4 ).value == 1234.0 );
    CHECK( parseAmountCell( "1.2亿", 1e4 ).value == 120000000.0 );
    CHECK( parseAmountCell( "2", 2.5 ).value == 5.0 );
  }

  SECTION( "what is not an amount says why" )
  {
    CHECK( parseAmountCell( "-5" ).problem == "negative amount '-5'" );
    CHECK( parseAmountCell( "-1.2亿" ).problem == "negative amount '-1.2亿'" );
    CHECK( parseAmountCell( "" ).problem == "no amount" );
    CHECK( parseAmountCell( "abc" ).problem == "'abc' is not an amount" );
    CHECK( parseAmountCell( "nan" ).problem == "'nan' is not an amount" );
    CHECK( parseAmountCell( "inf" ).problem == "'inf' is not an amount" );
    CHECK( parseAmountCell( "1,23" ).problem == "'1,23' is not an amount" );
    CHECK( parseAmountCell( "1234,567" ).problem == "'1234,567' is not an amount" );
    CHECK( parseAmountCell( "12." ).problem == "'12.' is not an amount" );
    CHECK( parseAmountCell( "+5" ).problem == "'+5' is not an amount" );
    CHECK( parseAmountCell( "1e999" ).problem == "'1e999' is out of range" );
    CHECK( parseAmountCell( "1e300", 1e10 ).problem == "'1e300' is out of range" );
    CHECK( parseAmountCell( "万元" ).problem == "'万元' is not an amount" );
    for ( const char *text : { "-5", "", "abc", "nan", "1e999" } )
      CHECK_FALSE( parseAmountCell( text ).value );
  }
}

TEST_CASE( "cells - the unit in a revenue header", "[layers][cells]" )
{
  using htsplan::amountUnitFromHeader;
  CHECK( amountUnitFromHeader( "营业收入（万元）" ) == 1e4 );
  CHECK( amountUnitFromHeader( "营业收入(万元)" ) == 1e4 );
  CHECK( amountUnitFromHeader( "营业收入 （万）" ) == 1e4 );
  CHECK( amountUnitFromHeader( "revenue (10k CNY)" ) == 1e4 );
  CHECK( amountUnitFromHeader( "主营业务收入（亿元）" ) == 1e8 );
  CHECK( amountUnitFromHeader( "revenue (100M CNY)" ) == 1e8 );
  CHECK( amountUnitFromHeader( "收入（千元）" ) == 1e3 );
  CHECK( amountUnitFromHeader( "收入（百万元）" ) == 1e6 );
  CHECK( amountUnitFromHeader( "收入（千万元）" ) == 1e7 );
  CHECK( amountUnitFromHeader( "revenue (million CNY)" ) == 1e6 );
  CHECK( amountUnitFromHeader( "收入(元)" ) == 1 );
  CHECK( amountUnitFromHeader( "营业收入" ) == 1 );
  CHECK( amountUnitFromHeader( "revenue_cny" ) == 1 );
  CHECK( amountUnitFromHeader( "" ) == 1 );
}

TEST_CASE( "cells - statuses", "[layers][cells]" )
{
  using htsplan::parseStatusCell;
  using htsplan::Status;
  CHECK( parseStatusCell( " 已认定 " ).value == Status::Designated );
  CHECK( parseStatusCell( "　已认定　" ).value == Status::Designated );
  CHECK( parseStatusCell( "DESIGNATED" ).value == Status::Designated );
  CHECK( parseStatusCell( "ｄｅｓｉｇｎａｔｅｄ" ).value == Status::Designated );
  CHECK( parseStatusCell( "认定" ).value == Status::Designated );
  CHECK( parseStatusCell( "候选" ).value == Status::Candidate );
  CHECK( parseStatusCell( "拟认定" ).value == Status::Candidate );
  CHECK( parseStatusCell( "规划" ).value == Status::Planned );
  CHECK( parseStatusCell( "拟建" ).value == Status::Planned );
  CHECK( parseStatusCell( "Planned" ).value == Status::Planned );
  CHECK( parseStatusCell( "已认定" ).problem.empty() );
  CHECK( parseStatusCell( "取消" ).problem == "unknown status '取消' (expected 已认定, 候选 or 规划)" );
  CHECK_FALSE( parseStatusCell( "取消" ).value );
  CHECK( parseStatusCell( "" ).problem == "no status" );
}

TEST_CASE( "cells - strict numbers for options and targets", "[layers][cells]" )
{
  SECTION( "whole numbers" )
  {
    CHECK( parseStrictInteger( "20", 0, 100 ).value == 20 );
    CHECK( parseStrictInteger( "２０", 0, 100 ).value == 20 );
    CHECK( parseStrictInteger( " -3 ", -5, 5 ).value == -3 );
    CHECK( parseStrictInteger( "0", 0, 0 ).value == 0 );
    CHECK( parseStrictInteger( "20.7", 0, 100 ).problem == "'20.7' is not a whole number" );
    CHECK( parseStrictInteger( "20.0", 0, 100 ).problem == "'20.0' is not a whole number" );
    CHECK( parseStrictInteger( "1e3", 0, 10000 ).problem == "'1e3' is not a whole number" );
    CHECK( parseStrictInteger( "+5", 0, 100 ).problem == "'+5' is not a whole number" );
    CHECK( parseStrictInteger( "1,000", 0, 10000 ).problem == "'1,000' is not a whole number" );
    CHECK( parseStrictInteger( "-", 0, 100 ).problem == "'-' is not a whole number" );
    CHECK( parseStrictInteger( "", 0, 100 ).problem == "no number" );
    CHECK( parseStrictInteger( "4294967316", 0, 1000 ).problem == "4294967316 is outside 0–1000" );
    CHECK_FALSE( parseStrictInteger( "4294967316", 0, 1000 ).value );
    CHECK( parseStrictInteger( "99999999999999999999", 0, std::numeric_limits<long long>::max() ).problem ==
           "99999999999999999999 is outside 0–9223372036854775807" );
    CHECK( parseStrictInteger( "101", 0, 100 ).problem == "101 is outside 0–100" );
    CHECK( parseStrictInteger( "-1", 0, 100 ).problem == "-1 is outside 0–100" );
  }

  SECTION( "decimals" )
  {
    CHECK( parseStrictNumber( "0.25", 0, 1 ).value == 0.25 );
    CHECK( parseStrictNumber( "-0.25", -1, 1 ).value == -0.25 );
    CHECK( parseStrictNumber( "12", 0, 100 ).value == 12.0 );
    CHECK( parseStrictNumber( "１２.５", 0, 100 ).value == 12.5 );
    CHECK( parseStrictNumber( "nan", 0, 1 ).problem == "'nan' is not a number" );
    CHECK( parseStrictNumber( "inf", 0, 1 ).problem == "'inf' is not a number" );
    CHECK( parseStrictNumber( "1e3", 0, 1e4 ).problem == "'1e3' is not a number" );
    CHECK( parseStrictNumber( ".5", 0, 1 ).problem == "'.5' is not a number" );
    CHECK( parseStrictNumber( "5.", 0, 10 ).problem == "'5.' is not a number" );
    CHECK( parseStrictNumber( "+5", 0, 10 ).problem == "'+5' is not a number" );
    CHECK( parseStrictNumber( "", 0, 10 ).problem == "no number" );
    CHECK( parseStrictNumber( "1.5", 0, 1 ).problem == "1.5 is outside 0–1" );
    CHECK_FALSE( parseStrictNumber( "1.5", 0, 1 ).value );
  }
}
