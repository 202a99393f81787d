#pragma once
// Splitting a whole number of seats (carriers to designate) among units in
// proportion to weights: largest remainder (Hamilton) and the divisor methods
// of D'Hondt and Sainte-Laguë, with per-unit floors and caps and seats a unit
// already holds. Plain arrays; planning/allocation.h gives them their policy.
#include <string>
#include <vector>

namespace htsplan
{

enum class ApportionMethod
{
  LargestRemainder, //!< Hamilton: the quotas' whole parts, then one more each to the largest remainders
  DHondt,           //!< seat by seat to the largest weight / (seats + 1)
  SainteLague       //!< seat by seat to the largest weight / (2 × seats + 1)
};

//! "hamilton", "dhondt", "saintelague".
const char *apportionMethodKey( ApportionMethod method );

struct ApportionUnits
{
    //! One per unit: breaks ties (the smaller key wins, compared as text) and names the unit in messages.
    std::vector<std::string> keys;
    std::vector<std::string> names; //!< how messages name the units ("370100 济南市"); empty: the keys
    std::vector<double> weights;   //!< finite, >= 0; a unit of weight 0 gets its floor
    //! Seats each unit holds before the split (empty: none). Quotas fill each unit up to
    //! a common level of (held + new) per weight; divisor methods count them in the divisor.
    std::vector<long long> held;
    std::vector<long long> floors; //!< fewest new seats per unit (empty: 0)
    std::vector<long long> caps;   //!< most new seats per unit, < 0 for none (empty: none)
};

struct Apportionment
{
    std::vector<long long> seats; //!< new seats per unit; they sum to the seats split
    /**
     * The exact share before rounding: clamp(λ × weight − held, floor, cap) with the
     * one λ that makes them sum to the seats (cities over the level get their floor).
     */
    std::vector<double> quotas;
    std::vector<bool> atFloor; //!< the quota is held at the unit's floor (a floor above 0, or over the level)
    std::vector<bool> atCap;   //!< the quota is held at the unit's cap
};

/**
 * Splits seats among the units. Ties (equal remainders or priorities, to 1e-9
 * relative) go to the smaller key, so the result does not depend on the
 * units' order. Throws InputError naming the units and values when the
 * arrays differ in size, a weight is negative or not finite, a floor is
 * negative or above its cap, the floors add up to more than the seats, or the
 * units cannot take them all (caps, or weight 0 everywhere).
 */
Apportionment apportion( const ApportionUnits &units, long long seats, ApportionMethod method );

} // namespace htsplan
