#include "tools/sample_tables.h"

#include "tools/failure.h"

namespace htsplan::tools
{

// The last column is the weight of a freely drawn sector: IT services,
// R&D/design and e-commerce come first in the policy, so they are drawn more often.
const std::vector<SectorInfo> &sectors()
{
  static const std::vector<SectorInfo> s = {
    { "rnd_design", "研发设计服务", "研发设计", "工业设计园", "研发设计", "工业设计有限公司", 2.0 },
    { "ecommerce", "电子商务服务", "电商", "电子商务产业园", "电子商务", "电子商务有限公司", 2.0 },
    { "testing", "检验检测服务", "检验检测", "检验检测产业园", "检验检测", "检测技术有限公司", 1.0 },
    { "digital_content", "数字内容服务", "digital media", "数字创意产业园", "数字内容", "数字传媒有限公司", 1.0 },
    { "ip_services", "知识产权服务", "IP services", "知识产权服务园", "知识产权", "知识产权代理有限公司", 0.7 },
    { "tech_transfer", "科技成果转化服务", "技术转移", "科技成果转化园", "技术转移", "技术转移服务有限公司", 0.8 },
    { "it_services", "信息技术服务", "IT services", "软件园", "信息技术", "信息技术有限公司", 2.5 },
    { "biotech", "生物技术服务", "生物技术", "生物技术服务园", "生物技术", "生物科技有限公司", 0.8 },
    { "marine", "海洋技术服务", "海洋科技", "海洋科技园", "海洋科技", "海洋科技有限公司", 1.2 },
  };
  return s;
}

size_t sectorIndex( const std::string &code )
{
  for ( size_t i = 0; i < sectors().size(); ++i )
    if ( code == sectors()[i].code )
      return i;
  throw Failure( "unknown sector " + code );
}

std::vector<double> sectorWeights()
{
  std::vector<double> w;
  for ( const SectorInfo &s : sectors() )
    w.push_back( s.weight );
  return w;
}

bool coastalForMarine( const std::string &city )
{
  return city == "370200" || city == "370500" || city == "370600" || city == "371000" || city == "371100";
}

const std::vector<std::string> &nameWords()
{
  static const std::vector<std::string> w = {
    "齐鲁", "汇智", "创智", "科创", "金桥", "博远", "天诚", "海创", "蓝谷", "银河", "瑞丰", "德润",
    "启航", "新航", "中恒", "东方", "星河", "云谷", "智谷", "华信", "鲁信", "泰和", "明德", "聚贤",
    "恒远", "卓越", "远景", "嘉业", "盛世", "宏图", "万通", "通达", "远航", "鼎新", "睿智", "锦程",
  };
  return w;
}

const std::vector<ZoneDef> &zoneDefs()
{
  static const std::vector<ZoneDef> z = {
    { "Z01", "济南高新技术产业开发区", "hightech", "370100", 117.135, 36.680, 4.0, 1991 },
    { "Z02", "青岛高新技术产业开发区", "hightech", "370200", 120.330, 36.290, 3.5, 1992 },
    { "Z03", "淄博高新技术产业开发区", "hightech", "370300", 118.050, 36.850, 3.0, 1992 },
    { "Z04", "潍坊高新技术产业开发区", "hightech", "370700", 119.180, 36.720, 3.0, 1992 },
    { "Z05", "威海火炬高技术产业开发区", "hightech", "371000", 122.050, 37.490, 3.0, 1991 },
    { "Z06", "济宁高新技术产业开发区", "hightech", "370800", 116.660, 35.410, 3.0, 2010 },
    { "Z07", "烟台高新技术产业开发区", "hightech", "370600", 121.470, 37.430, 2.5, 2010 },
    { "Z08", "临沂高新技术产业开发区", "hightech", "371300", 118.300, 35.010, 2.5, 2011 },
    { "Z09", "泰安高新技术产业开发区", "hightech", "370900", 117.170, 36.150, 2.5, 2012 },
    { "Z10", "枣庄高新技术产业开发区", "hightech", "370400", 117.300, 34.820, 2.0, 2015 },
    { "Z11", "莱芜高新技术产业开发区", "hightech", "371200", 117.720, 36.200, 2.0, 2015 },
    { "Z12", "德州高新技术产业开发区", "hightech", "371400", 116.380, 37.440, 2.0, 2015 },
    { "Z13", "青岛经济技术开发区", "development", "370200", 120.180, 35.960, 3.5, 1984 },
    { "Z14", "烟台经济技术开发区", "development", "370600", 121.220, 37.550, 3.0, 1984 },
    { "Z15", "济南经济技术开发区", "development", "370100", 116.850, 36.560, 2.5, 2012 },
    { "Z16", "东营经济技术开发区", "development", "370500", 118.600, 37.450, 2.5, 2010 },
  };
  return z;
}

const std::vector<BaseDef> &baseDefs()
{
  static const std::vector<BaseDef> b = {
    { "B01", "济南高新区信息技术服务业基地", "it_services", "Z01", "", "designated", 2012, 8 },
    { "B02", "济南高新区研发设计服务基地", "rnd_design", "Z01", "", "designated", 2013, 6 },
    { "B03", "济南经济技术开发区电子商务服务基地", "ecommerce", "Z15", "", "designated", 2014, 5 },
    { "B04", "济南高新区生物技术服务基地", "biotech", "Z01", "", "已认定", 2014, 4 },
    { "B05", "青岛高新区海洋技术服务基地", "marine", "Z02", "", "designated", 2012, 8 },
    { "B06", "青岛高新区信息技术服务基地", "it_services", "Z02", "", "designated", 2013, 7 },
    { "B07", "青岛经济技术开发区检验检测服务基地", "testing", "Z13", "", "designated", 2013, 5 },
    { "B08", "青岛经济技术开发区数字内容服务基地", "digital_content", "Z13", "", "designated", 2014, 4 },
    { "B09", "淄博高新区研发设计服务基地", "rnd_design", "Z03", "", "designated", 2013, 6 },
    { "B10", "潍坊高新区电子商务服务基地", "ecommerce", "Z04", "", "designated", 2013, 6 },
    { "B11", "济宁高新区科技成果转化服务基地", "tech_transfer", "Z06", "", "designated", 2014, 5 },
    { "B12", "烟台高新区海洋技术服务基地", "marine", "Z07", "", "designated", 2013, 6 },
    { "B13", "烟台经济技术开发区信息技术服务基地", "it_services", "Z14", "", "designated", 2014, 6 },
    { "B14", "威海火炬高新区海洋技术服务基地", "marine", "Z05", "", "designated", 2013, 6 },
    { "B15", "泰安高新区检验检测服务基地", "testing", "Z09", "", "designated", 2014, 4 },
    { "B16", "枣庄高新区电子商务服务基地", "ecommerce", "Z10", "", "designated", 2015, 4 },
    { "B17", "临沂高新区电子商务服务基地", "ecommerce", "Z08", "", "designated", 2013, 7 },
    { "B18", "德州高新区生物技术服务基地", "biotech", "Z12", "", "designated", 2015, 4 },
    { "B19", "莱芜高新区知识产权服务基地", "ip_services", "Z11", "", "designated", 2015, 3 },
    { "B20", "东营经济技术开发区研发设计服务基地", "rnd_design", "Z16", "", "designated", 2014, 5 },
    { "B21", "日照海洋技术服务基地", "marine", "", "371102", "candidate", 0, 0 },
    { "B22", "聊城信息技术服务基地", "it_services", "", "371502", "candidate", 0, 0 },
    { "B23", "滨州检验检测服务基地", "testing", "", "371602", "planned", 0, 0 },
    { "B24", "菏泽电子商务服务基地", "ecommerce", "", "371702", "planned", 0, 0 },
  };
  return b;
}

const std::vector<std::pair<const char *, double>> &cityWeights()
{
  static const std::vector<std::pair<const char *, double>> weights = {
    { "370100", 20 }, { "370200", 20 }, { "370600", 8 }, { "370700", 7 }, { "370300", 6 }, { "370800", 5 },
    { "371000", 5 },  { "371300", 5 },  { "370900", 4 }, { "370500", 3 }, { "371100", 3 }, { "370400", 3 },
    { "371400", 3 },  { "371500", 2 },  { "371600", 2 }, { "371700", 2 }, { "371200", 2 },
  };
  return weights;
}

} // namespace htsplan::tools
