#include "report/pack_figures.h"

#include "analysis/coverage/coverage.h"
#include "analysis/density/hexgrid.h"
#include "analysis/density/kde.h"
#include "analysis/density/unit_density.h"
#include "layers/parallel.h"
#include "geometry/reproject.h"
#include "layers/problems.h"
#include "planning/defaults.h"

#include <QDate>
#include <QFileInfo>
#include <QString>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

namespace htsplan
{

namespace
{
std::string format( const char *pattern, double value )
{
  char buffer[64];
  std::snprintf( buffer, sizeof buffer, pattern, value );
  return buffer;
}

std::string percent( double fraction )
{
  return format( "%.1f%%", fraction * 100.0 );
}

std::string kindNames( Kind kind )
{
  return std::string( kindLabelZh( kind ) ) + " " + kindLayer( kind );
}

//! WKT in EPSG:4490 of a geometry in the analysis CRS.
std::string storageWkt( const OGRGeometry &analysisGeometry )
{
  const TransformPtr back = analysisToStorage();
  const OGRGeometryUniquePtr copy = projectedCopy( analysisGeometry, *back );
  return copy->exportToWkt();
}

PackCity cityFigures( const UnitStats &u )
{
  PackCity c;
  c.code = u.code;
  c.nameZh = u.nameZh;
  c.nameEn = u.nameEn;
  c.areaKm2 = u.areaKm2;
  c.population = u.population;
  for ( Kind kind : allKinds() )
  {
    const int k = static_cast<int>( kind );
    PackKindFigures &f = c.kinds[k];
    f.count = u.counts[k];
    f.share = u.shareOfProvince[k];
    f.rank = u.rank[k];
    f.per10kKm2 = per10kKm2( f.count, u.areaKm2 ).value_or( 0.0 );
    f.perMillion = perMillionPeople( f.count, u.population );
    for ( const UnitCoverageShare &s : u.coverage )
      if ( s.kind == kindKey( kind ) )
        f.coverage = s.areaShare;
  }
  for ( const SectorCounts &s : u.bySector )
    c.bySector[s.sector] = s.counts;
  return c;
}

//! The counted carriers of one kind placed in the province, as points in the analysis CRS.
std::vector<OGRPoint> countedPoints( const PlanningInputs &inputs, const Metrics &metrics, Kind kind )
{
  std::vector<OGRPoint> points;
  std::vector<double> xs, ys;
  for ( size_t i = 0; i < inputs.facilities.items.size(); ++i )
  {
    const Facility &f = inputs.facilities.items[i];
    if ( f.kind != kind || metrics.facilityCounty[i] < 0 || !countsTowardTarget( f, inputs.targets, metrics.evaluationYear ) )
      continue;
    xs.push_back( f.x );
    ys.push_back( f.y );
  }
  toAnalysisCrs( xs, ys );
  for ( size_t i = 0; i < xs.size(); ++i )
    points.emplace_back( xs[i], ys[i] );
  return points;
}

PackAnalysisPage densityPage( const Analyses &a, const std::string &kdeTifPath )
{
  PackAnalysisPage page;
  page.key = "kde";
  page.titleZh = "山东省高技术服务业载体核密度";
  page.subtitleEn = "Kernel density of the carriers (quartic kernel, radius " + format( "%.0f", a.kde.radiusM / 1000.0 ) + " km, " +
                    format( "%.0f", a.kde.pixelM ) + " m pixels)";
  page.rasterPath = kdeTifPath;
  page.text = "参与分析的载体 Carriers analysed: " + std::to_string( a.points ) + "（黑点 black dots）\n" +
              "密度最高处 Densest place: " + ( a.kde.peakCounty.empty() ? std::string( "—" ) : a.kde.peakCounty ) + " (" +
              format( "%.3f", a.kde.peakLon ) + "°E, " + format( "%.3f", a.kde.peakLat ) + "°N)\n" +
              "最近邻指数 Nearest neighbour index: " + format( "%.3f", a.nni.index ) + " (z = " + format( "%.2f", a.nni.zScore ) + ", " +
              ( a.nni.pattern == "clustered" ? "集聚 clustered" : a.nni.pattern == "dispersed" ? "分散 dispersed" : "随机 random" ) + ")\n" +
              "六边形 " + format( "%.0f", a.hex.cellM / 1000.0 ) + " km 最多 Fullest hexagon: " + std::to_string( a.hex.maxCount ) + " 个 carriers";
  return page;
}

PackAnalysisPage coveragePage( const PlanningInputs &inputs, const Snapshot &snapshot, QgsFeedback *feedback )
{
  const Metrics &m = snapshot.metrics;
  PackAnalysisPage page;
  page.key = "coverage";
  page.titleZh = "山东省高技术服务业载体" + format( "%g", m.coverage.radiusKm ) + "公里覆盖范围";
  page.subtitleEn = "Area within " + format( "%g", m.coverage.radiusKm ) + " km of the counted carriers, and the counties none reaches";
  for ( const CoverageKind &c : m.coverage.byKind )
  {
    const std::optional<Kind> kind = kindFromKey( c.kind );
    if ( !kind )
      continue;
    const std::vector<OGRPoint> points = countedPoints( inputs, m, *kind );
    std::vector<const OGRGeometry *> geometries;
    for ( const OGRPoint &p : points )
      geometries.push_back( &p );
    const OGRGeometryUniquePtr buffers = bufferUnion( geometries, m.coverage.radiusKm * 1000.0, feedback );
    throwIfCanceled( feedback );
    if ( buffers && !buffers->IsEmpty() )
      page.areas.push_back( { storageWkt( *buffers ), c.kind, static_cast<long long>( points.size() ) } );
    page.text += kindNames( *kind ) + ": " + std::to_string( c.carriers ) + " 个, 面积覆盖 area " + percent( c.areaShare ) + ", 人口 population " +
                 percent( c.populationShare ) + "\n  城市 cities reached " + std::to_string( c.citiesReached ) + "/" + std::to_string( m.coverage.citiesTotal ) +
                 ", 县区 counties reached " + std::to_string( c.countiesReached ) + "/" + std::to_string( m.coverage.countiesTotal ) + "\n";
  }
  // Counties no measured kind reaches at all.
  int unreached = 0;
  std::string names;
  for ( size_t i = 0; i < m.counties.size() && i < inputs.admin.counties.size(); ++i )
  {
    const UnitStats &u = m.counties[i];
    bool reached = false;
    for ( const UnitCoverageShare &s : u.coverage )
      reached = reached || s.areaShare > 0;
    if ( reached || u.coverage.empty() || !inputs.admin.counties[i].geometry || inputs.admin.counties[i].code != u.code )
      continue;
    page.areas2.push_back( { inputs.admin.counties[i].geometry->exportToWkt(), u.nameZh, 0 } );
    if ( ++unreached <= 12 )
      names += ( unreached > 1 ? "、" : "" ) + u.nameZh;
  }
  page.text += "无任何覆盖的县区 Counties not reached: " + std::to_string( unreached ) + ( unreached ? "（" + names + ( unreached > 12 ? "等" : "" ) + "）" : "" );
  return page;
}

PackAnalysisPage clusterPage( const Analyses &a, const Targets &targets )
{
  PackAnalysisPage page;
  page.key = "clusters";
  page.titleZh = "山东省高技术服务业载体集聚区（DBSCAN）";
  page.subtitleEn = "Clusters of carriers (DBSCAN, " + format( "%.1f", a.dbscan.epsM / 1000.0 ) + " km, at least " + std::to_string( a.dbscan.minSize ) +
                    " carriers)";
  int drawn = 0;
  for ( const ClusterOutline &o : a.dbscan.outlines )
  {
    if ( o.lons.size() < 3 )
      continue; // collinear or coincident members have no area to draw; counted in the text
    OGRLinearRing ring;
    for ( size_t v = 0; v < o.lons.size(); ++v )
      ring.addPoint( o.lons[v], o.lats[v] );
    ring.closeRings();
    OGRPolygon polygon;
    polygon.addRing( &ring );
    page.areas.push_back( { polygon.exportToWkt(), "cluster " + std::to_string( o.id ), o.size } );
    ++drawn;
  }
  page.text = "集聚区 Clusters: " + std::to_string( a.dbscan.clusters ) + "（图中 " + std::to_string( drawn ) + " 个有面积 with an area）\n" +
              "集聚的载体 Carriers in clusters: " + std::to_string( a.dbscan.clustered ) + "，零散 noise: " + std::to_string( a.dbscan.noise ) + "\n" +
              "最大的集聚区 Largest clusters:\n";
  auto sectorName = [&]( const std::string &code ) {
    for ( const Sector &s : targets.sectors )
      if ( s.code == code )
        return s.nameZh;
    return std::string( "其他/未知" );
  };
  int shown = 0;
  for ( const ClusterInfo &c : a.dbscan.largest )
  {
    if ( ++shown > 6 )
      break;
    page.text += "  " + std::to_string( shown ) + ". " + ( c.city.empty() ? std::string( "—" ) : c.city ) + " " + std::to_string( c.size ) + " 个, " +
                 format( "%.1f", c.hullAreaKm2 ) + " km², 以" + sectorName( c.sector ) + "为主\n";
  }
  return page;
}

/**
 * The hot spots of the counties' enterprises (metrics.json statistics.hotspots
 * and statistics.moran, variable "enterprises"): the counties coloured by Gi_Bin.
 */
PackAnalysisPage hotspotPage( const PlanningInputs &inputs, const CountyStatistics &s, const CountyPattern &p )
{
  PackAnalysisPage page;
  page.key = "hotspots";
  page.titleZh = "山东省高技术服务业企业热点分析（Getis-Ord Gi*）";
  page.subtitleEn = "Hot spots of the enterprises per county (Getis-Ord Gi*, queen contiguity)";
  int hot = 0, cold = 0;
  std::string hotNames;
  for ( size_t i = 0; i < p.values.size() && i < inputs.admin.counties.size(); ++i )
  {
    const int bin = p.gi.bin[i];
    if ( inputs.admin.counties[i].geometry )
      page.areas.push_back( { inputs.admin.counties[i].geometry->exportToWkt(), std::to_string( bin ), bin } );
    if ( bin > 0 && ++hot <= 8 )
      hotNames += ( hot > 1 ? "、" : "" ) + s.names[i];
    cold += bin < 0 ? 1 : 0;
  }
  const GlobalMoran &g = p.moran.global;
  std::string isolated;
  for ( size_t i : s.isolated )
    isolated += ( isolated.empty() ? "" : "、" ) + s.names[i];
  page.text = "全局莫兰指数 Global Moran's I = " + format( "%.3f", g.I ) + "（z = " + format( "%.2f", g.zRandomisation ) + ", p = " +
              format( "%.4f", g.pRandomisation ) + " 单侧 one-sided；置换 permutation p = " + format( "%.3f", g.pPermutation ) + ", " + std::to_string( g.permutations ) +
              " 次）\n" + ( g.pRandomisation < 0.05 ? "企业分布在5%水平呈显著空间集聚 Significant clustering at 5%\n" : "在5%水平无显著空间集聚 No significant clustering at 5%\n" ) +
              "热点县区 Hot-spot counties: " + std::to_string( hot ) + ( hot ? "（" + hotNames + ( hot > 8 ? "等" : "" ) + "）" : "" ) + "\n" +
              "冷点县区 Cold-spot counties: " + std::to_string( cold ) + "\n" +
              "数值 Value: 各县区企业数 enterprises per county；邻接 queen contiguity, 二值权重 binary weights" +
              ( isolated.empty() ? std::string() : "\n无相邻县区 No neighbour: " + isolated + "（Gi* 仅含自身 itself only，不计入莫兰指数 left out of Moran's I）" );
  return page;
}

//! The statistics table: each city's leading sector by location quotient, and its revenue growth against the policy's line.
PackStatisticsPage statisticsPage( const Metrics &m, const Targets &targets )
{
  PackStatisticsPage page;
  page.titleZh = "山东省高技术服务业各市特色领域与营业收入增长";
  page.subtitleEn = "Each city's leading sector by location quotient, and revenue growth against the policy's line";
  auto sectorName = [&]( const std::string &code ) {
    for ( const Sector &sector : targets.sectors )
      if ( sector.code == code )
        return sector.nameZh;
    return code;
  };
  if ( m.growth.computed )
  {
    page.growthFrom = m.growth.fromYear;
    page.growthTo = m.growth.toYear;
  }
  for ( const UnitSpecialization &u : m.specialization.cities )
  {
    PackCityStatistics row;
    row.code = u.code;
    row.nameZh = u.nameZh;
    row.leadingSectorZh = u.leadingSector.empty() ? std::string() : sectorName( u.leadingSector );
    row.leadingLq = u.leadingLq;
    row.leadingCount = u.leadingCount;
    row.carriers = u.carriers;
    row.fewCarriers = u.fewCarriers;
    row.hhi = u.hhi;
    for ( const UnitGrowth &g : m.growth.cities )
      if ( g.code == u.code )
      {
        row.cagr = g.cagr;
        row.line = g.line;
        row.onTrack = g.onTrack;
      }
    page.cities.push_back( row );
  }
  page.text = "区位商 LQ：该市某领域载体占比 ÷ 全省该领域占比（>1 为相对专业化）；HHI：各领域占比平方和（越高越集中）。"
              "LQ: a sector's share of the city's carriers over its share of the province's (above 1: specialized); HHI: sum of squared sector shares. "
              "载体：特色领域载体数 / 有领域的载体总数；* 载体少于" + std::to_string( static_cast<int>( SPECIALIZATION_FEW_CARRIERS ) ) +
              "个，区位商不稳定。Carriers: in the leading sector / with a sector; * fewer than " +
              std::to_string( static_cast<int>( SPECIALIZATION_FEW_CARRIERS ) ) + ": the LQ rests on too few carriers to read much into it.\n" +
              ( m.growth.computed ? "年均增长 CAGR：" + std::to_string( m.growth.fromYear ) + "–" + std::to_string( m.growth.toYear ) +
                                      "年同一批企业（两端均有营业收入）营业收入的复合年均增长率，对照政策目标（全省20%；中心城市及全境在蓝色经济区内的市25%）。"
                                      "CAGR of the revenue of the enterprises with revenue in both years, against the policy's line (20%; 25% for the central cities and the cities wholly in the Blue Economic Zone)."
                                  : std::string( "无营业收入表 No revenue table: growth not computed." ) );
  return page;
}

//! text cut to at most chars characters (not bytes), "…" at the cut: a cell's width holds no more.
std::string clipped( const std::string &text, int chars )
{
  const QString q = QString::fromStdString( text );
  return q.size() <= chars ? text : ( q.left( chars - 1 ) + QStringLiteral( "…" ) ).toStdString();
}

//! 数据检查: the rules that fired (errors first) and the first findings (errors first), as metrics.json validation.
PackTablePage checksPage( const ValidationResult &v )
{
  PackTablePage page;
  page.key = "checks";
  page.titleZh = "数据检查";
  page.subtitleEn = "Data checks: the register's references, places and entries (htsplan:validate)";
  PackTable rules;
  rules.headings = { "规则 Rule", "级别 Severity", "数量 Count", "检查内容 Check" };
  rules.widthsMm = { 62, 24, 20, 165 };
  rules.rightAligned = { false, false, true, false };
  rules.fontPt = 8;
  int quiet = 0;
  for ( const char *severity : { "error", "warning" } )
    for ( const ValidationRule &r : validationRules() )
    {
      if ( std::string( r.severity ) != severity )
        continue;
      const int n = v.byRule.at( r.code );
      if ( n == 0 )
      {
        ++quiet;
        continue;
      }
      if ( std::string( severity ) == "error" )
        rules.highlightedRows.push_back( static_cast<int>( rules.rows.size() ) );
      rules.rows.push_back( { r.code, std::string( severity ) == "error" ? "错误 error" : "警告 warning", std::to_string( n ),
                              std::string( r.checkZh ) + "\n" + clipped( r.checkEn, 110 ) } );
    }
  // Two lines a row at 8 pt (8.9 mm measured on the PNG), one for the headings: a frame too low drops rows silently.
  rules.heightMm = 8.0 + 9.5 * static_cast<double>( rules.rows.size() );

  std::vector<const Violation *> ordered;
  for ( const char *severity : { "error", "warning" } )
    for ( const Violation &x : v.violations )
      if ( x.severity == severity )
        ordered.push_back( &x );
  PackTable findings;
  findings.headings = { "级别 Severity", "图层 Layer", "编号 Feature id", "名称 Name", "问题 Finding" };
  findings.widthsMm = { 22, 22, 28, 52, 140 }; // with 5 cell margins (2.4 mm each) inside 281 mm
  findings.fontPt = 8;
  // What is left above the notes (176 mm) at 6 mm a row (5.6 measured), at most 15.
  const double room = 174.0 - 22.0 - ( rules.rows.empty() ? 0.0 : rules.heightMm + 2.0 ) - 7.0;
  const size_t shown = std::min<size_t>( { ordered.size(), 15, static_cast<size_t>( std::max( 0.0, room / 6.0 ) ) } );
  for ( size_t i = 0; i < shown; ++i )
  {
    const Violation &x = *ordered[i];
    if ( x.severity == "error" )
      findings.highlightedRows.push_back( static_cast<int>( i ) );
    findings.rows.push_back( { x.severity == "error" ? "错误" : "警告", x.layer, x.id.empty() ? "fid " + std::to_string( x.fid ) : x.id, clipped( x.name, 20 ),
                               clipped( findingDetail( x.messageZh, x.fid ), 52 ) } );
  }
  findings.heightMm = 7.0 + 6.0 * static_cast<double>( shown );
  if ( !rules.rows.empty() )
    page.tables.push_back( rules );
  if ( shown > 0 )
    page.tables.push_back( findings );
  page.text = "错误 " + std::to_string( v.errors ) + " 项，警告 " + std::to_string( v.warnings ) + " 项 (" + std::to_string( v.errors ) + " errors, " +
              std::to_string( v.warnings ) + " warnings)；其余 " + std::to_string( quiet ) + " 条规则未发现问题 (" + std::to_string( quiet ) +
              " other rules found nothing).\n" +
              ( ordered.size() > shown ? "上表列出前 " + std::to_string( shown ) + " 项（错误在前），全部 " + std::to_string( ordered.size() ) +
                                           " 项见 metrics.json validation 或 htsplan:validate 的图层。The first " + std::to_string( shown ) + " of " +
                                           std::to_string( ordered.size() ) + " findings (errors first); all in metrics.json and htsplan:validate's layer."
                                       : std::string( "全部问题如上 Every finding is listed above." ) );
  return page;
}

//! 目标分解: per city and kind, current → +allocated = expected, as metrics.json allocation.
PackTablePage allocationPage( const Allocation &a )
{
  PackTablePage page;
  page.key = "allocation";
  page.titleZh = "目标分解";
  page.subtitleEn = "Allocation: the remaining targets split among the cities (current → +allocated = expected)";
  PackTable table;
  table.headings = { "城市 City" };
  table.widthsMm = { 30 };
  table.rightAligned = { false };
  // The columns and their cell margins (2.4 mm each) inside the 281 mm frame.
  const double kindWidth = std::min( 55.0, 230.0 / static_cast<double>( std::max<size_t>( 1, a.kinds.size() ) ) );
  for ( const KindAllocation &k : a.kinds )
  {
    table.headings.push_back( std::string( kindLabelZh( k.kind ) ) + " " + kindLayer( k.kind ) + "（目标 " + std::to_string( k.target ) + "）" );
    table.widthsMm.push_back( kindWidth );
    table.rightAligned.push_back( true );
  }
  auto cell = []( long long current, long long allocated, long long expected ) {
    return std::to_string( current ) + " → +" + std::to_string( allocated ) + " = " + std::to_string( expected );
  };
  const size_t cities = a.kinds.empty() ? 0 : a.kinds.front().cities.size();
  for ( size_t i = 0; i < cities; ++i )
  {
    std::vector<std::string> row = { a.kinds.front().cities[i].nameZh };
    for ( const KindAllocation &k : a.kinds )
      row.push_back( cell( k.cities[i].current, k.cities[i].allocated, k.cities[i].expected ) );
    table.rows.push_back( row );
  }
  std::vector<std::string> province = { "全省 Province" };
  for ( const KindAllocation &k : a.kinds )
    province.push_back( cell( k.counted, k.remaining, k.counted + k.remaining ) );
  table.highlightedRows.clear();
  table.rows.push_back( province );
  table.heightMm = 7.0 + 6.0 * static_cast<double>( table.rows.size() ); // 5.6 mm a row measured
  page.tables.push_back( table );
  const std::string weights = blendText( a.options.blend );
  const std::string method = apportionMethodKey( a.options.method );
  const bool bounded = a.options.floorAll > 0 || !a.options.floors.empty() || a.options.capAll >= 0 || !a.options.caps.empty();
  page.text = std::to_string( a.evaluationYear ) + " 年底各市现有数 → +分配数 = 预期数。剩余指标（目标 − 已计数）按 " + weights + " 权重分配，" + method +
              " 取整，同余数时代码小者优先" + ( bounded ? "，含下限或上限" : "，无下限与上限" ) + "。Per city: counted at the end of " + std::to_string( a.evaluationYear ) +
              " → +allocated = expected. The remaining quota (target − counted) split by " + weights + " weights, " + method +
              " rounding (ties to the smaller code), basis " + allocationBasisKey( a.options.basis ) + ( bounded ? ", with floors or caps" : ", no floors or caps" ) +
              "; other weights: --split-weights, htsplan:allocate.";
  // A note names cities with their figures (up to 17): 320 characters, two lines of the page.
  for ( const std::string &note : a.notes )
    page.text += "\n" + clipped( note, 320 );
  return page;
}

//! The kinds' short Chinese names, for narrow columns: 基地, 园区, 楼宇, 企业.
std::string shortKindZh( Kind kind )
{
  switch ( kind )
  {
    case Kind::Base:
      return "基地";
    case Kind::Park:
      return "园区";
    case Kind::Building:
      return "楼宇";
    case Kind::Enterprise:
      return "企业";
    case Kind::HightechZone:
      break;
  }
  return kindLabelZh( kind );
}

//! "4.5", or "6" for a whole number.
std::string shortNumber( double value )
{
  return value == std::floor( value ) ? std::to_string( static_cast<long long>( value ) ) : format( "%.1f", value );
}

std::string stateZh( PaceState state )
{
  switch ( state )
  {
    case PaceState::OnPace:
      return "正常 on pace";
    case PaceState::Behind:
      return "落后 behind";
    case PaceState::FarBehind:
      return "严重落后 far behind";
  }
  return "";
}

//! A unit's worst state over its kinds.
PaceState worstState( const PaceUnit &u )
{
  PaceState worst = PaceState::OnPace;
  for ( const PaceKind &k : u.kinds )
    if ( static_cast<int>( k.state ) > static_cast<int>( worst ) )
      worst = k.state;
  return worst;
}

std::string growthCell( const PaceUnit &u )
{
  if ( !u.cagr || !u.line )
    return "—";
  return format( "%.1f%%", *u.cagr * 100 ) + " / " + format( "%.0f%%", *u.line * 100 ) + "（" + format( "%+.1f", *u.growthGap ) + "）";
}

//! The split as the pages name it: weights, rounding, basis, bounds.
std::string splitText( const AllocationOptions &o )
{
  std::string text = blendText( o.blend ) + " weights, " + apportionMethodKey( o.method ) + " rounding";
  if ( o.floorAll > 0 || !o.floors.empty() )
    text += ", floors";
  if ( o.capAll >= 0 || !o.caps.empty() )
    text += ", caps";
  return text;
}

/**
 * 目标分解地图: the cities shaded by the carriers allocated to them over every kind
 * (metrics.json allocation), the furthest behind named beside the map.
 */
PackAnalysisPage splitMapPage( const PlanningInputs &inputs, const Allocation &a, const Pace *pace )
{
  PackAnalysisPage page;
  page.key = "split";
  page.titleZh = "山东省高技术服务业剩余目标分解（各市分配数）";
  page.subtitleEn = "The remaining targets split among the cities: carriers allocated to each city over every kind";
  const size_t cities = a.kinds.empty() ? 0 : a.kinds.front().cities.size();
  std::vector<std::pair<long long, std::string>> most;
  for ( size_t i = 0; i < cities; ++i )
  {
    long long total = 0;
    for ( const KindAllocation &k : a.kinds )
      total += k.cities[i].allocated;
    const CityAllocation &c = a.kinds.front().cities[i];
    if ( i < inputs.admin.cities.size() && inputs.admin.cities[i].code == c.code && inputs.admin.cities[i].geometry )
      page.areas.push_back( { inputs.admin.cities[i].geometry->exportToWkt(), c.nameZh, total } );
    most.emplace_back( -total, c.nameZh );
  }
  std::sort( most.begin(), most.end() );
  std::string remaining, largest;
  for ( const KindAllocation &k : a.kinds )
    remaining += ( remaining.empty() ? "" : "，" ) + shortKindZh( k.kind ) + " " + std::to_string( k.remaining );
  for ( size_t i = 0; i < most.size() && i < 5; ++i )
    largest += ( i ? "、" : "" ) + most[i].second + " " + std::to_string( -most[i].first );
  page.text = std::to_string( a.evaluationYear ) + " 年剩余指标 Remaining (target − counted): " + remaining + "\n" +
              "分配 Split: " + splitText( a.options ) + ", basis " + allocationBasisKey( a.options.basis ) + "\n" +
              "分配最多 Most allocated: " + largest + "\n" + "颜色 Colour: 各市各类分配数之和 carriers allocated over every kind";
  if ( pace )
  {
    std::string behind;
    int shown = 0;
    for ( size_t r = 0; r < pace->ranking.size() && shown < 5; ++r )
      if ( pace->cities[pace->ranking[r]].behind )
        behind += ( shown++ ? "、" : "" ) + std::to_string( r + 1 ) + " " + pace->cities[pace->ranking[r]].nameZh;
    page.text += "\n落后最多 Furthest behind (" + std::to_string( pace->year ) + "): " + ( behind.empty() ? "无 none" : behind );
  }
  return page;
}

//! 进度排名: the cities from furthest behind, each kind as counted / path (total), as metrics.json pace; the groups under them.
PackTablePage pacePage( const Pace &p )
{
  PackTablePage page;
  page.key = "pace";
  page.titleZh = "各市目标进度排名（谁落后）";
  page.subtitleEn = "Who is behind: each city's count against the straight path to its share of the target, furthest behind first";
  const std::vector<PaceKind> &kinds = p.cities.empty() ? std::vector<PaceKind>() : p.cities.front().kinds;
  // The columns and their cell margins (2.4 mm each, 9 columns with 4 kinds) inside the 281 mm frame.
  const double kindWidth = std::min( 33.0, 132.0 / static_cast<double>( std::max<size_t>( 1, kinds.size() ) ) );
  PackTable ranking;
  ranking.fontPt = 8;
  ranking.headings = { "排名 Rank", "城市 City" };
  ranking.widthsMm = { 14, 20 };
  ranking.rightAligned = { true, false };
  for ( const PaceKind &k : kinds )
  {
    ranking.headings.push_back( shortKindZh( k.kind ) + " " + kindLayer( k.kind ) );
    ranking.widthsMm.push_back( kindWidth );
    ranking.rightAligned.push_back( true );
  }
  for ( const char *heading : { "缺口 Short", "增速/目标 Growth/line", "状态 State" } )
    ranking.headings.push_back( heading );
  ranking.widthsMm.insert( ranking.widthsMm.end(), { 16, 38, 30 } );
  ranking.rightAligned.insert( ranking.rightAligned.end(), { true, true, false } );
  auto kindCells = []( const PaceUnit &u, std::vector<std::string> &row ) {
    for ( const PaceKind &k : u.kinds )
      row.push_back( std::to_string( k.actual ) + " / " + shortNumber( k.path ) + "（" + std::to_string( k.total ) + "）" );
  };
  for ( size_t r = 0; r < p.ranking.size(); ++r )
  {
    const PaceUnit &u = p.cities[p.ranking[r]];
    std::vector<std::string> row = { std::to_string( r + 1 ), u.nameZh };
    kindCells( u, row );
    row.push_back( std::to_string( u.shortfall ) );
    row.push_back( growthCell( u ) );
    row.push_back( stateZh( worstState( u ) ) );
    if ( worstState( u ) == PaceState::FarBehind )
      ranking.highlightedRows.push_back( static_cast<int>( r ) );
    ranking.rows.push_back( row );
  }
  ranking.heightMm = 7.0 + 5.6 * static_cast<double>( ranking.rows.size() );
  page.tables.push_back( ranking );

  PackTable groups;
  groups.fontPt = 8;
  groups.headings = { "群组 Group" };
  groups.widthsMm = { 50 };
  groups.rightAligned = { false };
  for ( const PaceKind &k : kinds )
  {
    groups.headings.push_back( shortKindZh( k.kind ) + " " + kindLayer( k.kind ) );
    groups.widthsMm.push_back( kindWidth );
    groups.rightAligned.push_back( true );
  }
  groups.headings.insert( groups.headings.end(), { "增速/目标 Growth/line", "状态 State" } );
  groups.widthsMm.insert( groups.widthsMm.end(), { 38, 30 } );
  groups.rightAligned.insert( groups.rightAligned.end(), { true, false } );
  for ( const PaceUnit &u : p.groups )
  {
    std::vector<std::string> row = { u.nameZh + " " + u.nameEn };
    kindCells( u, row );
    row.push_back( growthCell( u ) );
    row.push_back( stateZh( worstState( u ) ) );
    groups.rows.push_back( row );
  }
  groups.heightMm = 7.0 + 5.6 * static_cast<double>( groups.rows.size() );
  page.tables.push_back( groups );
  page.text = "各类：实际 / 进度（总数）。" + std::to_string( p.year ) + " 年底实际数 / 当年进度（" + std::to_string( p.startYear ) +
              " 年起至目标年各市总数的直线进度），总数为全省目标按同一分解方法分给该市的份额；低于进度为落后，低于进度 80% 为严重落后（红色）；"
              "排名：各类 min(1, 实际/进度) 的平均值由低到高，再按缺口由大到小，再按城市代码。增速：营业收入自增长区间起点至当年的年均增速 / 目标，括号内为差（百分点）。\n"
              "Each kind: counted / path (total): " + PACE_RULE + ". Split: " + splitText( p.options ) + ". Ranking: " + PACE_RANKING_RULE + ".";
  return page;
}

//! Hexagon counts of one kind's placed features, for a layer too big to print point by point.
PackAggregate aggregate( const PlanningInputs &inputs, const Metrics &metrics, Kind kind, double cellM )
{
  std::vector<double> xs, ys;
  for ( size_t i = 0; i < inputs.facilities.items.size(); ++i )
    if ( inputs.facilities.items[i].kind == kind && metrics.facilityCounty[i] >= 0 )
    {
      xs.push_back( inputs.facilities.items[i].x );
      ys.push_back( inputs.facilities.items[i].y );
    }
  toAnalysisCrs( xs, ys );
  const KdeExtent box = pointsExtent( xs, ys );
  const HexGrid grid = HexGrid::covering( box.xMin, box.yMin, box.xMax, box.yMax, cellM );
  const HexCounts counts = hexGridCounts( grid, xs, ys, {}, 0, workerThreads(), nullptr );
  PackAggregate a;
  a.kind = kind;
  a.points = static_cast<long long>( xs.size() );
  a.cellM = cellM;
  const TransformPtr back = analysisToStorage();
  for ( const HexCell &cell : counts.cells )
  {
    double rx[7], ry[7];
    std::copy( std::begin( cell.ringX ), std::end( cell.ringX ), rx );
    std::copy( std::begin( cell.ringY ), std::end( cell.ringY ), ry );
    projectPoints( *back, rx, ry, 7 );
    OGRLinearRing ring;
    for ( int v = 0; v < 7; ++v )
      ring.addPoint( rx[v], ry[v] );
    OGRPolygon polygon;
    polygon.addRing( &ring );
    a.cells.push_back( { polygon.exportToWkt(), std::string(), cell.count } );
  }
  return a;
}

} // namespace

PackFigures packFigures( const PlanningInputs &inputs, const Snapshot &snapshot, const PackFigureOptions &options, QgsFeedback *feedback )
{
  const Metrics &m = snapshot.metrics;
  const Targets &t = inputs.targets;
  PackFigures f;
  f.vintage = m.vintage;
  f.evaluationYear = m.evaluationYear;
  f.targetYear = m.targetYear;
  f.startYear = t.startYear;
  f.sampleData = m.sampleData;
  f.backboneRevenueCny = t.backboneRevenueCny;
  f.unassigned = static_cast<int>( m.unassigned.size() );
  f.radiusKm = m.coverage.radiusKm;
  f.planNameZh = t.planNameZh;
  f.dataDate = QFileInfo( QString::fromStdString( inputs.paths.facilitiesPath ) ).lastModified().date().toString( Qt::ISODate ).toStdString();
  for ( const TargetProgress &p : m.targets )
    f.targets.push_back( { p.kind, p.count, p.target, p.gap, p.ratio, p.byYear } );
  for ( const Sector &s : t.sectors )
    f.sectors.push_back( { s.code, s.nameZh, s.nameEn } );
  for ( const UnitStats &u : m.cities )
    f.cities.push_back( cityFigures( u ) );
  for ( const UnitStats &u : m.counties )
    f.counties.push_back( { u.code, u.nameZh, u.nameEn, u.cityCode, u.areaKm2, u.counts } );

  const Analyses &a = snapshot.analyses;
  if ( a.computed && options.analysisPages )
  {
    if ( !options.kdeTifPath.empty() )
      f.analyses.push_back( densityPage( a, options.kdeTifPath ) );
    if ( !m.coverage.byKind.empty() )
      f.analyses.push_back( coveragePage( inputs, snapshot, feedback ) );
    f.analyses.push_back( clusterPage( a, t ) );
  }
  const CountyStatistics &cs = m.countyStatistics;
  if ( options.analysisPages && cs.computed && !cs.patterns.empty() && cs.patterns.front().variable == "enterprises" )
    f.analyses.push_back( hotspotPage( inputs, cs, cs.patterns.front() ) );
  if ( options.analysisPages && m.specialization.computed )
    f.statistics = statisticsPage( m, t );
  if ( options.analysisPages && m.validation.computed )
    f.tablePages.push_back( checksPage( m.validation ) );
  if ( options.analysisPages && snapshot.allocated )
  {
    f.analyses.push_back( splitMapPage( inputs, snapshot.allocation, snapshot.paced ? &snapshot.pace : nullptr ) );
    f.tablePages.push_back( allocationPage( snapshot.allocation ) );
  }
  if ( options.analysisPages && snapshot.paced )
    f.tablePages.push_back( pacePage( snapshot.pace ) );
  throwIfCanceled( feedback );

  // Point layers too big to print point by point.
  std::array<long long, KindCount> placed{};
  for ( size_t i = 0; i < inputs.facilities.items.size(); ++i )
    if ( m.facilityCounty[i] >= 0 && !inputs.facilities.items[i].geometry )
      ++placed[static_cast<int>( inputs.facilities.items[i].kind )];
  for ( Kind kind : allKinds() )
    if ( placed[static_cast<int>( kind )] > options.pointLimit )
      f.aggregates.push_back( aggregate( inputs, m, kind, options.hexCellM ) );
  return f;
}

} // namespace htsplan
