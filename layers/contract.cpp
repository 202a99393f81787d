#include "layers/contract.h"

namespace htsplan
{

std::vector<ContractField> contractFields( Kind kind )
{
  std::vector<ContractField> fields = { { field::Id, FieldType::Text }, { field::Name, FieldType::Text } };
  if ( kind == Kind::HightechZone )
    fields.push_back( { field::ZoneType, FieldType::Text } );
  // Zones carry a sector field too (empty in the sample) but are not tallied by sector.
  fields.push_back( { field::Sector, FieldType::Text } );
  fields.push_back( { field::Status, FieldType::Text } );
  fields.push_back( { field::Year, FieldType::Integer } );
  if ( kind != Kind::HightechZone )
    fields.push_back( { field::Parent, FieldType::Text } );
  if ( kind == Kind::Enterprise )
    fields.push_back( { field::RevenueCny, FieldType::Real } );
  return fields;
}

} // namespace htsplan
