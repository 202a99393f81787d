#include "plugin/allocation_state.h"

#include <qgspathresolver.h>
#include <qgsproject.h>

#include <QStringList>

namespace htsplan
{

namespace
{
const QString kScope = QStringLiteral( "htsplan" );
const std::array<ApportionMethod, 3> Methods = { ApportionMethod::LargestRemainder, ApportionMethod::DHondt, ApportionMethod::SainteLague };
} // namespace

AllocationPlan readAllocationPlan( const QgsProject &project )
{
  AllocationPlan plan;
  AllocationOptions &o = plan.options;
  bool ok = false;
  const QString method = project.readEntry( kScope, QStringLiteral( "/allocation/method" ), QString(), &ok );
  for ( ApportionMethod m : Methods )
    if ( ok && method == QLatin1String( apportionMethodKey( m ) ) )
      o.method = m;
  const QString basis = project.readEntry( kScope, QStringLiteral( "/allocation/basis" ), QString(), &ok );
  if ( ok && basis == QLatin1String( allocationBasisKey( AllocationBasis::FillUp ) ) )
    o.basis = AllocationBasis::FillUp;
  // Factors as "population=1" entries: a basis not named keeps its default (0, or 1 for population).
  const QStringList blend = project.readListEntry( kScope, QStringLiteral( "/allocation/blend" ), QStringList(), &ok );
  if ( ok && !blend.isEmpty() )
  {
    o.blend = {};
    for ( const QString &entry : blend )
      for ( int b = 0; b < WeightBasisCount; ++b )
        if ( entry.section( QLatin1Char( '=' ), 0, 0 ) == QLatin1String( weightBasisKey( static_cast<WeightBasis>( b ) ) ) )
          o.blend[static_cast<size_t>( b )] = entry.section( QLatin1Char( '=' ), 1 ).toDouble();
  }
  o.floorAll = project.readNumEntry( kScope, QStringLiteral( "/allocation/floor" ), 0 );
  const int cap = project.readNumEntry( kScope, QStringLiteral( "/allocation/cap" ), -1 );
  o.capAll = cap > 0 ? cap : -1;
  const QString table = project.readEntry( kScope, QStringLiteral( "/allocation/table" ), QString(), &ok );
  if ( ok && !table.isEmpty() )
    plan.tablePath = project.pathResolver().readPath( table ).toStdString();
  plan.tableColumn = project.readEntry( kScope, QStringLiteral( "/allocation/column" ) ).toStdString();
  for ( const QString &entry : project.readListEntry( kScope, QStringLiteral( "/allocation/targets" ) ) )
    if ( const std::optional<Kind> kind = kindFromKey( entry.section( QLatin1Char( '=' ), 0, 0 ).toStdString() ) )
      plan.targets[*kind] = entry.section( QLatin1Char( '=' ), 1 ).toInt();
  return plan;
}

void writeAllocationPlan( QgsProject &project, const AllocationPlan &plan )
{
  const AllocationOptions &o = plan.options;
  project.writeEntry( kScope, QStringLiteral( "/allocation/method" ), QString::fromLatin1( apportionMethodKey( o.method ) ) );
  project.writeEntry( kScope, QStringLiteral( "/allocation/basis" ), QString::fromLatin1( allocationBasisKey( o.basis ) ) );
  QStringList blend;
  for ( int b = 0; b < WeightBasisCount; ++b )
    blend << QStringLiteral( "%1=%2" ).arg( QString::fromLatin1( weightBasisKey( static_cast<WeightBasis>( b ) ) ) ).arg( o.blend[static_cast<size_t>( b )] );
  project.writeEntry( kScope, QStringLiteral( "/allocation/blend" ), blend );
  project.writeEntry( kScope, QStringLiteral( "/allocation/floor" ), static_cast<int>( o.floorAll ) );
  project.writeEntry( kScope, QStringLiteral( "/allocation/cap" ), static_cast<int>( o.capAll > 0 ? o.capAll : 0 ) );
  project.writeEntry( kScope, QStringLiteral( "/allocation/table" ),
                      plan.tablePath.empty() ? QString() : project.pathResolver().writePath( QString::fromStdString( plan.tablePath ) ) );
  project.writeEntry( kScope, QStringLiteral( "/allocation/column" ), QString::fromStdString( plan.tableColumn ) );
  QStringList targets;
  for ( const auto &[kind, target] : plan.targets )
    targets << QStringLiteral( "%1=%2" ).arg( QString::fromLatin1( kindKey( kind ) ) ).arg( target );
  project.writeEntry( kScope, QStringLiteral( "/allocation/targets" ), targets );
}

} // namespace htsplan
