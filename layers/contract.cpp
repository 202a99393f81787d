#include "layers/contract.h"

namespace htsplan
{

std::vector<ContractField> contractFields( Kind kind )
{
  std::vector<ContractField> fields = { { field::Id, OFTString }, { field::Name, OFTString } };
  if ( kind == Kind::HightechZone )
    fields.push_back( { field::ZoneType, OFTString } );
  // Zones carry a sector field too (empty in the sample) but are not tallied by sector.
  fields.push_back( { field::Sector, OFTString } );
  fields.push_back( { field::Status, OFTString } );
  fields.push_back( { field::Year, OFTInteger } );
  if ( kind != Kind::HightechZone )
    fields.push_back( { field::Parent, OFTString } );
  if ( kind == Kind::Enterprise )
    fields.push_back( { field::RevenueCny, OFTReal } );
  return fields;
}

std::vector<ContractField> revenueTableFields()
{
  return { { field::EnterpriseId, OFTString }, { field::Year, OFTInteger }, { field::RevenueCny, OFTReal } };
}

} // namespace htsplan
