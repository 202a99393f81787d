#include "layers/contract.h"

namespace htsplan
{

std::vector<ContractField> contractFields( Kind kind )
{
  std::vector<ContractField> fields = {
    { field::Id, FieldType::Text, nullptr },
    { field::Name, FieldType::Text, "features are named by their fid" },
  };
  if ( kind == Kind::HightechZone )
    fields.push_back( { field::ZoneType, FieldType::Text, "zones are not told apart by type" } );
  // Zones carry a sector field too (empty in the sample) but are not tallied by sector.
  fields.push_back( { field::Sector, FieldType::Text, kind == Kind::HightechZone ? nullptr : "every feature is tallied under 'unknown'" } );
  fields.push_back( { field::Status, FieldType::Text, "every feature counts as designated" } );
  fields.push_back( { field::Year, FieldType::Integer, "every feature counts as in place from the plan's start year" } );
  if ( kind != Kind::HightechZone )
    fields.push_back( { field::Parent, FieldType::Text, nullptr } );
  if ( kind == Kind::Enterprise )
    fields.push_back( { field::RevenueCny, FieldType::Real, "no enterprise can count as a backbone enterprise" } );
  return fields;
}

} // namespace htsplan
