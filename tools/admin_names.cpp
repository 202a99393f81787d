#include "tools/admin_names.h"

#include "tools/failure.h"

#include <set>

namespace htsplan::tools
{

const std::vector<CityName> &cityNames()
{
  static const std::vector<CityName> names = {
    { "370100", "济南市", "Jinan", "济南" },     { "370200", "青岛市", "Qingdao", "青岛" },
    { "370300", "淄博市", "Zibo", "淄博" },      { "370400", "枣庄市", "Zaozhuang", "枣庄" },
    { "370500", "东营市", "Dongying", "东营" },  { "370600", "烟台市", "Yantai", "烟台" },
    { "370700", "潍坊市", "Weifang", "潍坊" },   { "370800", "济宁市", "Jining", "济宁" },
    { "370900", "泰安市", "Tai'an", "泰安" },    { "371000", "威海市", "Weihai", "威海" },
    { "371100", "日照市", "Rizhao", "日照" },    { "371200", "莱芜市", "Laiwu", "莱芜" },
    { "371300", "临沂市", "Linyi", "临沂" },     { "371400", "德州市", "Dezhou", "德州" },
    { "371500", "聊城市", "Liaocheng", "聊城" }, { "371600", "滨州市", "Binzhou", "滨州" },
    { "371700", "菏泽市", "Heze", "菏泽" },
  };
  return names;
}

const CityName &cityName( const std::string &code )
{
  for ( const CityName &c : cityNames() )
    if ( code == c.code )
      return c;
  throw Failure( "unknown city code " + code );
}

const std::map<std::string, std::string> &countyNamesEn()
{
  static const std::map<std::string, std::string> names = {
    // Jinan
    { "370102", "Lixia District" }, { "370103", "Shizhong District" }, { "370104", "Huaiyin District" },
    { "370105", "Tianqiao District" }, { "370112", "Licheng District" }, { "370113", "Changqing District" },
    { "370124", "Pingyin County" }, { "370125", "Jiyang County" }, { "370126", "Shanghe County" },
    { "370181", "Zhangqiu District" },
    // Qingdao
    { "370202", "Shinan District" }, { "370203", "Shibei District" }, { "370211", "Huangdao District" },
    { "370212", "Laoshan District" }, { "370213", "Licang District" }, { "370214", "Chengyang District" },
    { "370281", "Jiaozhou City" }, { "370282", "Jimo City" }, { "370283", "Pingdu City" },
    { "370285", "Laixi City" },
    // Zibo
    { "370302", "Zichuan District" }, { "370303", "Zhangdian District" }, { "370304", "Boshan District" },
    { "370305", "Linzi District" }, { "370306", "Zhoucun District" }, { "370321", "Huantai County" },
    { "370322", "Gaoqing County" }, { "370323", "Yiyuan County" },
    // Zaozhuang
    { "370402", "Shizhong District" }, { "370403", "Xuecheng District" }, { "370404", "Yicheng District" },
    { "370405", "Taierzhuang District" }, { "370406", "Shanting District" }, { "370481", "Tengzhou City" },
    // Dongying
    { "370502", "Dongying District" }, { "370503", "Hekou District" }, { "370505", "Kenli District" },
    { "370522", "Lijin County" }, { "370523", "Guangrao County" },
    // Yantai
    { "370602", "Zhifu District" }, { "370611", "Fushan District" }, { "370612", "Muping District" },
    { "370613", "Laishan District" }, { "370634", "Changdao County" }, { "370681", "Longkou City" },
    { "370682", "Laiyang City" }, { "370683", "Laizhou City" }, { "370684", "Penglai City" },
    { "370685", "Zhaoyuan City" }, { "370686", "Qixia City" }, { "370687", "Haiyang City" },
    // Weifang
    { "370702", "Weicheng District" }, { "370703", "Hanting District" }, { "370704", "Fangzi District" },
    { "370705", "Kuiwen District" }, { "370724", "Linqu County" }, { "370725", "Changle County" },
    { "370781", "Qingzhou City" }, { "370782", "Zhucheng City" }, { "370783", "Shouguang City" },
    { "370784", "Anqiu City" }, { "370785", "Gaomi City" }, { "370786", "Changyi City" },
    // Jining
    { "370811", "Rencheng District" }, { "370812", "Yanzhou District" }, { "370826", "Weishan County" },
    { "370827", "Yutai County" }, { "370828", "Jinxiang County" }, { "370829", "Jiaxiang County" },
    { "370830", "Wenshang County" }, { "370831", "Sishui County" }, { "370832", "Liangshan County" },
    { "370881", "Qufu City" }, { "370883", "Zoucheng City" },
    // Tai'an
    { "370902", "Taishan District" }, { "370911", "Daiyue District" }, { "370921", "Ningyang County" },
    { "370923", "Dongping County" }, { "370982", "Xintai City" }, { "370983", "Feicheng City" },
    // Weihai
    { "371002", "Huancui District" }, { "371003", "Wendeng District" }, { "371082", "Rongcheng City" },
    { "371083", "Rushan City" },
    // Rizhao
    { "371102", "Donggang District" }, { "371103", "Lanshan District" }, { "371121", "Wulian County" },
    { "371122", "Ju County" },
    // Laiwu
    { "371202", "Laicheng District" }, { "371203", "Gangcheng District" },
    // Linyi
    { "371302", "Lanshan District" }, { "371311", "Luozhuang District" }, { "371312", "Hedong District" },
    { "371321", "Yinan County" }, { "371322", "Tancheng County" }, { "371323", "Yishui County" },
    { "371324", "Lanling County" }, { "371325", "Fei County" }, { "371326", "Pingyi County" },
    { "371327", "Junan County" }, { "371328", "Mengyin County" }, { "371329", "Linshu County" },
    // Dezhou
    { "371402", "Decheng District" }, { "371403", "Lingcheng District" }, { "371422", "Ningjin County" },
    { "371423", "Qingyun County" }, { "371424", "Linyi County" }, { "371425", "Qihe County" },
    { "371426", "Pingyuan County" }, { "371427", "Xiajin County" }, { "371428", "Wucheng County" },
    { "371481", "Laoling City" }, { "371482", "Yucheng City" },
    // Liaocheng
    { "371502", "Dongchangfu District" }, { "371521", "Yanggu County" }, { "371522", "Shen County" },
    { "371523", "Chiping County" }, { "371524", "Dong'e County" }, { "371525", "Guan County" },
    { "371526", "Gaotang County" }, { "371581", "Linqing City" },
    // Binzhou
    { "371602", "Bincheng District" }, { "371603", "Zhanhua District" }, { "371621", "Huimin County" },
    { "371622", "Yangxin County" }, { "371623", "Wudi County" }, { "371625", "Boxing County" },
    { "371626", "Zouping County" },
    // Heze
    { "371702", "Mudan District" }, { "371703", "Dingtao District" }, { "371721", "Cao County" },
    { "371722", "Shan County" }, { "371723", "Chengwu County" }, { "371724", "Juye County" },
    { "371725", "Yuncheng County" }, { "371726", "Juancheng County" }, { "371728", "Dongming County" },
  };
  return names;
}

const std::map<std::string, long long> &population2020()
{
  static const std::map<std::string, long long> pop = {
    { "370100", 9202432 }, { "370200", 10071722 }, { "370300", 4704138 }, { "370400", 3855601 },
    { "370500", 2193518 }, { "370600", 7102116 },  { "370700", 9386705 }, { "370800", 8357897 },
    { "370900", 5472217 }, { "371000", 2906548 },  { "371100", 2968365 }, { "371300", 11018365 },
    { "371400", 5611194 }, { "371500", 5952128 },  { "371600", 3928568 }, { "371700", 8795939 },
  };
  return pop;
}
const char *const kPopulationSource = "2020 census (7th national population census)";

std::string cityOf2015( const std::string &county )
{
  return county.substr( 0, 4 ) + "00";
}

std::string cityOfToday( const std::string &county )
{
  return county.substr( 0, 4 ) == "3712" ? "370100" : cityOf2015( county );
}

bool countyInBlueZone( const std::string &code )
{
  static const std::set<std::string> cities = { "3702", "3705", "3706", "3707", "3710", "3711" };
  return cities.count( code.substr( 0, 4 ) ) || code == "371623" || code == "371603";
}

std::string cityBlueZone( const std::string &cityCode )
{
  // A city code ends in 00, so countyInBlueZone() sees only its first four digits.
  if ( cityCode == "371600" )
    return "partial";
  return countyInBlueZone( cityCode ) ? "full" : "none";
}

} // namespace htsplan::tools
