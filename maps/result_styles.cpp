#include "maps/result_styles.h"

#include "maps/export_font.h"

#include <qgscategorizedsymbolrenderer.h>
#include <qgscolorramplegendnodesettings.h>
#include <qgscolorrampshader.h>
#include <qgsfillsymbol.h>
#include <qgsfillsymbollayer.h>
#include <qgsgraduatedsymbolrenderer.h>
#include <qgsmarkersymbol.h>
#include <qgsmarkersymbollayer.h>
#include <qgspallabeling.h>
#include <qgsproperty.h>
#include <qgsrasterlayer.h>
#include <qgsrastershader.h>
#include <qgsrastertransparency.h>
#include <qgssinglebandpseudocolorrenderer.h>
#include <qgssinglesymbolrenderer.h>
#include <qgstextbuffersettings.h>
#include <qgstextformat.h>
#include <qgsvectorlayer.h>
#include <qgsvectorlayerlabeling.h>

#include <algorithm>
#include <cmath>

namespace htsplan
{

QgsFillSymbol *fillSymbol( const QString &colour, const QString &outline, double outlineWidthMm, const QString &style )
{
  return QgsFillSymbol::createSimple( { { QStringLiteral( "color" ), colour },
                                        { QStringLiteral( "style" ), style },
                                        { QStringLiteral( "outline_color" ), outline },
                                        { QStringLiteral( "outline_width" ), QString::number( outlineWidthMm ) },
                                        { QStringLiteral( "outline_width_unit" ), QStringLiteral( "MM" ) } } );
}

void styleCountClasses( QgsVectorLayer &layer, const QString &field )
{
  const int index = layer.fields().lookupField( field );
  QList<long long> values;
  QgsFeature feature;
  QgsFeatureIterator it = layer.getFeatures( QgsFeatureRequest().setFlags( QgsFeatureRequest::NoGeometry ).setSubsetOfAttributes( { index } ) );
  while ( it.nextFeature( feature ) )
    values << feature.attribute( index ).toLongLong();
  std::sort( values.begin(), values.end() );
  static const char *const colours[] = { "#fee5d9", "#fcae91", "#fb6a4a", "#de2d26", "#a50f15" };
  QgsRangeList ranges;
  double lower = values.isEmpty() ? 0 : static_cast<double>( values.front() );
  for ( int i = 0; i < 5 && !values.isEmpty(); ++i )
  {
    const int at = std::min<int>( values.size() - 1, static_cast<int>( std::ceil( values.size() * ( i + 1 ) / 5.0 ) ) - 1 );
    const double upper = static_cast<double>( values[at] );
    if ( i > 0 && upper <= lower )
      continue;
    const QString label = QStringLiteral( "%1–%2" ).arg( static_cast<long long>( i == 0 ? lower : lower + 1 ) ).arg( static_cast<long long>( upper ) );
    ranges << QgsRendererRange( i == 0 ? lower - 0.5 : lower + 0.5, upper + 0.5,
                                fillSymbol( QString::fromLatin1( colours[i] ), QStringLiteral( "#ffffff" ), 0.05 ), label );
    lower = upper;
  }
  layer.setRenderer( new QgsGraduatedSymbolRenderer( field, ranges ) );
}

void styleClusterOutlines( QgsVectorLayer &layer, const QString &sizeField )
{
  const int index = layer.fields().lookupField( sizeField );
  long long largest = 1;
  QgsFeature feature;
  QgsFeatureIterator it = layer.getFeatures( QgsFeatureRequest().setFlags( QgsFeatureRequest::NoGeometry ).setSubsetOfAttributes( { index } ) );
  while ( it.nextFeature( feature ) )
    largest = std::max( largest, feature.attribute( index ).toLongLong() );
  QgsFillSymbol *symbol = fillSymbol( QStringLiteral( "#fdd49e" ), QStringLiteral( "#d7301f" ), 0.4 );
  auto *circle = new QgsSimpleMarkerSymbolLayer( QgsSimpleMarkerSymbolLayerBase::Circle, 3.0, 0, DEFAULT_SCALE_METHOD, QColor( 215, 48, 31, 150 ),
                                                 QColor( 255, 255, 255 ), Qt::MiterJoin );
  circle->setStrokeWidth( 0.3 );
  circle->setDataDefinedProperty( QgsSymbolLayer::PropertySize,
                                  QgsProperty::fromExpression( QStringLiteral( "scale_exp(\"%1\", 0, %2, 2, 14, 0.5)" ).arg( sizeField ).arg( largest ) ) );
  auto *centre = new QgsCentroidFillSymbolLayer();
  centre->setSubSymbol( new QgsMarkerSymbol( QgsSymbolLayerList() << circle ) );
  symbol->appendSymbolLayer( centre );
  layer.setRenderer( new QgsSingleSymbolRenderer( symbol ) );

  QgsPalLayerSettings labels;
  labels.fieldName = sizeField;
  labels.placement = QgsPalLayerSettings::OverPoint;
  labels.centroidInside = true;
  QgsTextFormat format;
  QFont font( exportFontFamily() );
  font.setBold( true );
  format.setFont( font );
  format.setSize( 6.5 );
  format.setColor( QColor( 60, 20, 10 ) );
  QgsTextBufferSettings buffer;
  buffer.setEnabled( true );
  buffer.setSize( 0.6 );
  buffer.setColor( QColor( 255, 255, 255 ) );
  format.setBuffer( buffer );
  labels.setFormat( format );
  labels.yOffset = -4;
  labels.offsetUnits = QgsUnitTypes::RenderMillimeters;
  layer.setLabeling( new QgsVectorLayerSimpleLabeling( labels ) );
  layer.setLabelsEnabled( true );
}

void styleDensityRaster( QgsRasterLayer &layer )
{
  const double maximum = layer.dataProvider()->bandStatistics( 1, QgsRasterBandStats::Max ).maximumValue;
  auto *ramp = new QgsColorRampShader( 0, maximum );
  ramp->setColorRampType( QgsColorRampShader::Interpolated );
  QList<QgsColorRampShader::ColorRampItem> items;
  const char *const colours[] = { "#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026" };
  const double stops[] = { 1e-6, 0.05, 0.15, 0.4, 1.0 };
  for ( int i = 0; i < 5; ++i )
    items << QgsColorRampShader::ColorRampItem( maximum * stops[i], QColor( colours[i] ),
                                                i == 0 ? QStringLiteral( "低 low" ) : ( i == 4 ? QStringLiteral( "高 high" ) : QString() ) );
  ramp->setColorRampItemList( items );
  auto *legend = new QgsColorRampLegendNodeSettings();
  legend->setMinimumLabel( QStringLiteral( "低 low" ) );
  legend->setMaximumLabel( QStringLiteral( "高 high" ) );
  ramp->setLegendSettings( legend );
  auto *shader = new QgsRasterShader();
  shader->setRasterShaderFunction( ramp );
  auto *renderer = new QgsSingleBandPseudoColorRenderer( layer.dataProvider(), 1, shader );
  // Where no kernel reaches (0) the map shows through: transparency in the
  // renderer, not layer opacity (which would rasterize the whole map, #37563).
  auto *transparency = new QgsRasterTransparency();
  transparency->setTransparentSingleValuePixelList( { QgsRasterTransparency::TransparentSingleValuePixel{ -1e30, maximum * 1e-6, 0 } } );
  renderer->setRasterTransparency( transparency );
  layer.setRenderer( renderer );
}

void styleUncovered( QgsVectorLayer &layer )
{
  layer.setRenderer( new QgsSingleSymbolRenderer( fillSymbol( QStringLiteral( "#55b03a2e" ), QStringLiteral( "#b03a2e" ), 0.25 ) ) );
}

void styleGrowthStatus( QgsVectorLayer &layer )
{
  QgsCategoryList categories;
  categories << QgsRendererCategory( 1, fillSymbol( QStringLiteral( "#1a9641" ), QStringLiteral( "#ffffff" ), 0.2 ), QStringLiteral( "On track 达标" ) );
  categories << QgsRendererCategory( 0, fillSymbol( QStringLiteral( "#d7191c" ), QStringLiteral( "#ffffff" ), 0.2 ), QStringLiteral( "Behind 落后" ) );
  categories << QgsRendererCategory( QVariant(), fillSymbol( QStringLiteral( "#d9d9d9" ), QStringLiteral( "#ffffff" ), 0.2 ), QStringLiteral( "No rate 无数据" ) );
  layer.setRenderer( new QgsCategorizedSymbolRenderer( QStringLiteral( "ON_TRACK" ), categories ) );
}

} // namespace htsplan
