#include "plugin/statistic_summary.h"

#include <qgsfeatureiterator.h>
#include <qgsfeaturerequest.h>
#include <qgsvectorlayer.h>

#include <QCoreApplication>
#include <QStringList>

#include <functional>
#include <map>

namespace htsplan
{

namespace
{

//! Calls visit( feature's name, value of field ) for each feature of layer that has field; false when it has not.
bool eachValue( QgsVectorLayer *layer, const QString &field, const std::function<void( const QString &, const QVariant & )> &visit )
{
  if ( !layer )
    return false;
  const int index = layer->fields().lookupField( field );
  if ( index < 0 )
    return false;
  int nameIndex = -1;
  for ( const QString &candidate : { QStringLiteral( "name_zh" ), QStringLiteral( "name" ), QStringLiteral( "NAME" ) } )
    if ( nameIndex < 0 )
      nameIndex = layer->fields().lookupField( candidate );
  QgsFeatureRequest request;
  request.setFlags( QgsFeatureRequest::NoGeometry );
  QgsFeatureIterator it = layer->getFeatures( request );
  QgsFeature f;
  while ( it.nextFeature( f ) )
    visit( nameIndex >= 0 ? f.attribute( nameIndex ).toString() : QString::number( f.id() ), f.attribute( index ) );
  return true;
}

QString percent( double fraction )
{
  return QStringLiteral( "%1%" ).arg( fraction * 100.0, 0, 'f', 1 );
}

StatisticSummary hotSpots( const QVariantMap &results, QgsVectorLayer *layer )
{
  StatisticSummary s;
  const int hot = results.value( QStringLiteral( "HOT_SPOTS" ) ).toInt();
  const int cold = results.value( QStringLiteral( "COLD_SPOTS" ) ).toInt();
  const int isolated = results.value( QStringLiteral( "ISOLATED" ) ).toInt();
  std::map<int, int> bins;
  QStringList hotNames, coldNames;
  eachValue( layer, QStringLiteral( "Gi_Bin" ), [&]( const QString &name, const QVariant &value ) {
    if ( value.isNull() )
      return;
    const int bin = value.toInt();
    ++bins[bin];
    if ( bin > 0 )
      hotNames << name;
    if ( bin < 0 )
      coldNames << name;
  } );
  s.text = QCoreApplication::translate( "htsplan::StatisticSummary", "Hot spots: %1 counties (%2 at 99%, %3 at 95%, %4 at 90% confidence) · cold spots: %5 · without a neighbour: %6" )
             .arg( hot )
             .arg( bins[3] )
             .arg( bins[2] )
             .arg( bins[1] )
             .arg( cold )
             .arg( isolated );
  s.tip = QCoreApplication::translate( "htsplan::StatisticSummary", "Hot spots: %1\nCold spots: %2" ).arg( hotNames.join( QStringLiteral( "、" ) ), coldNames.join( QStringLiteral( "、" ) ) );
  s.values = { { QStringLiteral( "HOT_SPOTS" ), hot }, { QStringLiteral( "COLD_SPOTS" ), cold }, { QStringLiteral( "ISOLATED" ), isolated },
               { QStringLiteral( "HOT_99" ), bins[3] }, { QStringLiteral( "COLD_99" ), bins[-3] } };
  return s;
}

StatisticSummary moran( const QVariantMap &results, QgsVectorLayer *layer )
{
  StatisticSummary s;
  const double i = results.value( QStringLiteral( "MORANS_I" ) ).toDouble();
  const double z = results.value( QStringLiteral( "Z_RANDOMISATION" ) ).toDouble();
  const double p = results.value( QStringLiteral( "P_RANDOMISATION" ) ).toDouble();
  std::map<QString, QStringList> byType;
  eachValue( layer, QStringLiteral( "COType" ), [&]( const QString &name, const QVariant &value ) {
    if ( !value.isNull() && !value.toString().isEmpty() )
      byType[value.toString()] << name;
  } );
  s.text = QCoreApplication::translate( "htsplan::StatisticSummary", "Global Moran's I %1 (z %2, p %3: %4) · local clusters HH %5, LL %6, outliers HL %7, LH %8" )
             .arg( i, 0, 'f', 4 )
             .arg( z, 0, 'f', 2 )
             .arg( p, 0, 'f', 3 )
             .arg( p < 0.05 ? QCoreApplication::translate( "htsplan::StatisticSummary", "significant clustering at 95%" ) : QCoreApplication::translate( "htsplan::StatisticSummary", "not significant at 95%" ) )
             .arg( byType[QStringLiteral( "HH" )].size() )
             .arg( byType[QStringLiteral( "LL" )].size() )
             .arg( byType[QStringLiteral( "HL" )].size() )
             .arg( byType[QStringLiteral( "LH" )].size() );
  QStringList tip;
  for ( const QString &type : { QStringLiteral( "HH" ), QStringLiteral( "LL" ), QStringLiteral( "HL" ), QStringLiteral( "LH" ) } )
    if ( !byType[type].isEmpty() )
      tip << QStringLiteral( "%1: %2" ).arg( type, byType[type].join( QStringLiteral( "、" ) ) );
  s.tip = tip.join( QLatin1Char( '\n' ) );
  s.values = { { QStringLiteral( "MORANS_I" ), i }, { QStringLiteral( "Z" ), z }, { QStringLiteral( "P" ), p },
               { QStringLiteral( "HH" ), byType[QStringLiteral( "HH" )].size() }, { QStringLiteral( "LL" ), byType[QStringLiteral( "LL" )].size() } };
  return s;
}

StatisticSummary specialization( const QVariantMap &results, QgsVectorLayer *layer )
{
  StatisticSummary s;
  const double gini = results.value( QStringLiteral( "GINI" ) ).toDouble();
  const int sameLead = results.value( QStringLiteral( "SAME_LEAD_UNITS" ) ).toInt();
  int units = 0;
  QStringList leads;
  eachValue( layer, QStringLiteral( "LEAD_SECTOR" ), [&]( const QString &name, const QVariant &value ) {
    ++units;
    leads << QStringLiteral( "%1: %2" ).arg( name, value.isNull() ? QStringLiteral( "—" ) : value.toString() );
  } );
  s.text = QCoreApplication::translate( "htsplan::StatisticSummary", "%1 of %2 cities lead in the same sector as a neighbouring city · Gini of the carriers across cities %3" )
             .arg( sameLead )
             .arg( units )
             .arg( gini, 0, 'f', 3 );
  s.tip = leads.join( QLatin1Char( '\n' ) );
  s.values = { { QStringLiteral( "SAME_LEAD_UNITS" ), sameLead }, { QStringLiteral( "GINI" ), gini }, { QStringLiteral( "UNITS" ), units } };
  return s;
}

StatisticSummary growth( const QVariantMap &results, QgsVectorLayer *layer )
{
  StatisticSummary s;
  const QVariant province = results.value( QStringLiteral( "PROVINCE_CAGR" ) );
  QStringList behind;
  int rated = 0;
  eachValue( layer, QStringLiteral( "ON_TRACK" ), [&]( const QString &name, const QVariant &value ) {
    if ( value.isNull() )
      return;
    ++rated;
    if ( value.toInt() == 0 )
      behind << name;
  } );
  s.text = QCoreApplication::translate( "htsplan::StatisticSummary", "Province %1 a year · behind the 20%/25% line: %2 of %3 cities%4" )
             .arg( province.isNull() ? QStringLiteral( "—" ) : percent( province.toDouble() ) )
             .arg( behind.size() )
             .arg( rated )
             .arg( behind.isEmpty() ? QString() : QStringLiteral( " (%1)" ).arg( behind.join( QStringLiteral( "、" ) ) ) );
  s.tip = QCoreApplication::translate( "htsplan::StatisticSummary", "%1 enterprises in the balanced panel, %2 left out (revenue in the span but not in both years)" )
            .arg( results.value( QStringLiteral( "PANEL_ENTERPRISES" ) ).toInt() )
            .arg( results.value( QStringLiteral( "LEFT_OUT" ) ).toInt() );
  s.values = { { QStringLiteral( "BEHIND" ), behind.size() }, { QStringLiteral( "RATED" ), rated }, { QStringLiteral( "PROVINCE_CAGR" ), province } };
  return s;
}

} // namespace

StatisticSummary summariseStatistic( const QString &algorithmId, const QVariantMap &results, QgsVectorLayer *layer )
{
  if ( algorithmId == QLatin1String( "htsplan:hotspots" ) )
    return hotSpots( results, layer );
  if ( algorithmId == QLatin1String( "htsplan:moran" ) )
    return moran( results, layer );
  if ( algorithmId == QLatin1String( "htsplan:specialization" ) )
    return specialization( results, layer );
  if ( algorithmId == QLatin1String( "htsplan:growth" ) )
    return growth( results, layer );
  return {};
}

} // namespace htsplan
