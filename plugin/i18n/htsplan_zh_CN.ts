<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>htsplan::Algorithm</name>
    <message>
        <source>Assign and count</source>
        <translation>落点计数</translation>
    </message>
    <message>
        <source>Correct GCJ-02/BD-09 coordinates</source>
        <translation>坐标纠偏 GCJ-02/BD-09</translation>
    </message>
    <message>
        <source>Service coverage</source>
        <translation>服务覆盖</translation>
    </message>
    <message>
        <source>DBSCAN clusters</source>
        <translation>密度聚类</translation>
    </message>
    <message>
        <source>Density per unit</source>
        <translation>单元密度</translation>
    </message>
    <message>
        <source>Hexagon grid density</source>
        <translation>六边形格网密度</translation>
    </message>
    <message>
        <source>Import a register</source>
        <translation>导入名录</translation>
    </message>
    <message>
        <source>Hot spots (Getis-Ord Gi*)</source>
        <translation>热点分析（Getis-Ord Gi*）</translation>
    </message>
    <message>
        <source>Kernel density</source>
        <translation>核密度</translation>
    </message>
    <message>
        <source>Moran&apos;s I (global and local)</source>
        <translation>莫兰指数（全局与局部）</translation>
    </message>
    <message>
        <source>Nearest neighbour index</source>
        <translation>最近邻指数</translation>
    </message>
    <message>
        <source>Revenue growth per city</source>
        <translation>各市营收增长</translation>
    </message>
    <message>
        <source>Split the targets among cities</source>
        <translation>目标分解到各市</translation>
    </message>
    <message>
        <source>Specialization by sector</source>
        <translation>产业专业化</translation>
    </message>
    <message>
        <source>Validate the register</source>
        <translation>名录校验</translation>
    </message>
</context>
<context>
    <name>htsplan::AlgorithmTask</name>
    <message>
        <source>the parameters were not accepted</source>
        <translation>参数未被接受</translation>
    </message>
    <message>
        <source>%1: no results</source>
        <translation>%1：没有结果</translation>
    </message>
    <message>
        <source>%1: unknown error</source>
        <translation>%1：未知错误</translation>
    </message>
</context>
<context>
    <name>htsplan::DashboardDock</name>
    <message>
        <source>Zones</source>
        <translation>高新区</translation>
    </message>
    <message>
        <source>Bases</source>
        <translation>基地</translation>
    </message>
    <message>
        <source>Parks</source>
        <translation>园区</translation>
    </message>
    <message>
        <source>Buildings</source>
        <translation>楼宇</translation>
    </message>
    <message>
        <source>Enterprises</source>
        <translation>企业</translation>
    </message>
    <message>
        <source>High-tech zones</source>
        <translation>高新区/开发区</translation>
    </message>
    <message>
        <source>High-tech service bases</source>
        <translation>高技术服务业基地</translation>
    </message>
    <message>
        <source>Specialized parks</source>
        <translation>专业化园区</translation>
    </message>
    <message>
        <source>Themed buildings</source>
        <translation>主题楼宇</translation>
    </message>
    <message>
        <source>Backbone enterprises</source>
        <translation>骨干企业</translation>
    </message>
    <message>
        <source>on pace</source>
        <translation>进度正常</translation>
    </message>
    <message>
        <source>behind</source>
        <translation>略有滞后</translation>
    </message>
    <message>
        <source>far behind</source>
        <translation>明显滞后</translation>
    </message>
    <message>
        <source>No data loaded yet.</source>
        <translation>尚未加载数据。</translation>
    </message>
    <message>
        <source>htsplan dashboard</source>
        <translation>htsplan 规划看板</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Read the files again</source>
        <translation>重新读取数据文件</translation>
    </message>
    <message>
        <source>Data sources, map, radius, central cities</source>
        <translation>数据源、底图、覆盖半径、中心城市</translation>
    </message>
    <message>
        <source>Play the years</source>
        <translation>逐年播放</translation>
    </message>
    <message>
        <source>Evaluation year</source>
        <translation>评估年份</translation>
    </message>
    <message>
        <source>Map shows what counted in the year</source>
        <translation>地图只显示该年已计入的载体</translation>
    </message>
    <message>
        <source>Cities</source>
        <translation>城市</translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>图表</translation>
    </message>
    <message>
        <source>Analyses</source>
        <translation>空间分析</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>数据问题</translation>
    </message>
    <message>
        <source>Export meeting pack…</source>
        <translation>导出会议材料…</translation>
    </message>
    <message>
        <source>Problems (%1)</source>
        <translation>数据问题（%1）</translation>
    </message>
    <message>
        <source>%1 · %2 map · read in %3 s</source>
        <translation>%1 · %2底图 · 读取用时 %3 秒</translation>
    </message>
    <message>
        <source>2015 (17 cities)</source>
        <translation>2015 年（17 市）</translation>
    </message>
    <message>
        <source>current (16 cities)</source>
        <translation>现行（16 市）</translation>
    </message>
    <message>
        <source>illustrative sample data</source>
        <translation>示例数据，仅供演示</translation>
    </message>
    <message>
        <source>%1: the year filter cannot be set (%2)</source>
        <translation>%1：无法设置年份筛选（%2）</translation>
    </message>
    <message>
        <source>Edits saved: reading the file again…</source>
        <translation>编辑已保存：正在重新读取文件…</translation>
    </message>
    <message>
        <source>Unsaved edits in %1: the dashboard shows the saved file; save the edits to see them here.</source>
        <translation>%1 有未保存的编辑：看板显示的是已保存的文件；保存编辑后这里才会更新。</translation>
    </message>
    <message>
        <source>Cannot zoom: %1</source>
        <translation>无法缩放：%1</translation>
    </message>
    <message>
        <source>Dashboard data</source>
        <translation>看板数据</translation>
    </message>
    <message>
        <source>Facilities (GeoPackage)</source>
        <translation>载体数据（GeoPackage）</translation>
    </message>
    <message>
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <source>Administrative map</source>
        <translation>行政区划底图</translation>
    </message>
    <message>
        <source>Targets file</source>
        <translation>目标文件</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>2015 (17 cities, with Laiwu)</source>
        <translation>2015 年（17 市，含莱芜）</translation>
    </message>
    <message>
        <source>Map</source>
        <translation>底图</translation>
    </message>
    <message>
        <source>Coverage radius</source>
        <translation>覆盖半径</translation>
    </message>
    <message>
        <source>from the targets file (e.g. 济南, 青岛 or 370100, 370200)</source>
        <translation>默认取目标文件（如 济南, 青岛 或 370100, 370200）</translation>
    </message>
    <message>
        <source>Central cities</source>
        <translation>中心城市</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Split targets</source>
        <translation>目标分解</translation>
    </message>
    <message>
        <source>What-if: the remaining targets split among the cities (目标分解)</source>
        <translation>假设分析：将剩余目标分解到各市（目标分解）</translation>
    </message>
    <message>
        <source>Counted from %1, not in %2: shown on the map until the year changes.</source>
        <translation>自 %1 年起计入，%2 年不计入：在地图上显示，直到年份改变。</translation>
    </message>
    <message>
        <source>Not counted in any year: shown on the map until the year changes.</source>
        <translation>任何年份均不计入：在地图上显示，直到年份改变。</translation>
    </message>
    <message>
        <source>Its layer is not in the map.</source>
        <translation>其图层不在地图中。</translation>
    </message>
</context>
<context>
    <name>htsplan::DashboardTask</name>
    <message>
        <source>htsplan dashboard</source>
        <translation>htsplan 规划看板</translation>
    </message>
</context>
<context>
    <name>htsplan::DockAllocationPanel</name>
    <message>
        <source>Population</source>
        <translation>人口</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>面积</translation>
    </message>
    <message>
        <source>Current count</source>
        <translation>现有数量</translation>
    </message>
    <message>
        <source>Equal share</source>
        <translation>平均分配</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>表格</translation>
    </message>
    <message>
        <source>Factor of this weight in the blend (0: not used; one factor alone: that weight)</source>
        <translation>该权重在组合中的系数（0：不使用；仅一个系数非零：即按该权重）</translation>
    </message>
    <message>
        <source>weights table (CSV or sheet, by city code)</source>
        <translation>权重表（CSV 或电子表格，按城市代码）</translation>
    </message>
    <message>
        <source>column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>The table&apos;s numeric column (e.g. gdp)</source>
        <translation>表格中的数值列（如 gdp）</translation>
    </message>
    <message>
        <source>Rounding</source>
        <translation>取整方法</translation>
    </message>
    <message>
        <source>Basis</source>
        <translation>分配基础</translation>
    </message>
    <message>
        <source>Floor</source>
        <translation>下限</translation>
    </message>
    <message>
        <source>Fewest new carriers per city, every city</source>
        <translation>每市新增载体的最少数量（所有城市）</translation>
    </message>
    <message>
        <source>Cap</source>
        <translation>上限</translation>
    </message>
    <message>
        <source>Most new carriers per city, every city (0: no cap)</source>
        <translation>每市新增载体的最多数量（所有城市；0：不设上限）</translation>
    </message>
    <message>
        <source>D&apos;Hondt</source>
        <translation>D&apos;Hondt 法</translation>
    </message>
    <message>
        <source>Sainte-Laguë</source>
        <translation>Sainte-Laguë 法</translation>
    </message>
    <message>
        <source>Remaining</source>
        <translation>剩余</translation>
    </message>
    <message>
        <source>Fill up</source>
        <translation>补足</translation>
    </message>
    <message>
        <source>Remaining: what remains is split by weight. Fill up: the whole target is split by weight and what remains fills each city up to its share; a city already over its share gets its floor only.</source>
        <translation>剩余：按权重分配剩余配额。补足：按权重分解全部目标，剩余配额将各市补到其份额；已超过份额的城市只得下限。</translation>
    </message>
    <message>
        <source>Targets</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>As in the targets file</source>
        <translation>恢复目标文件的值</translation>
    </message>
    <message>
        <source>Split of:</source>
        <translation>分解：</translation>
    </message>
    <message>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>现有</translation>
    </message>
    <message>
        <source>+ New</source>
        <translation>+ 新增</translation>
    </message>
    <message>
        <source>= Expected</source>
        <translation>= 预计</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <source>How the city&apos;s new carriers moved with the last change</source>
        <translation>上次修改后该市新增数的变化</translation>
    </message>
    <message>
        <source>Add to map</source>
        <translation>添加到地图</translation>
    </message>
    <message>
        <source>Run htsplan:allocate with these choices: a city layer per kind in &quot;htsplan results&quot;</source>
        <translation>按这些选项运行 htsplan:allocate：每类载体一个城市图层，放入“htsplan 分析结果”</translation>
    </message>
    <message>
        <source>Cannot split: %1</source>
        <translation>无法分解：%1</translation>
    </message>
    <message>
        <source>weights from a table need the table and its column</source>
        <translation>按表格分配权重需要指定表格及其列</translation>
    </message>
    <message>
        <source>Province</source>
        <translation>全省</translation>
    </message>
    <message>
        <source>%1 · weight %2 · exact share %3%4</source>
        <translation>%1 · 权重 %2 · 精确份额 %3%4</translation>
    </message>
    <message>
        <source> · held at the cap</source>
        <translation> · 受上限约束</translation>
    </message>
    <message>
        <source> · held at the floor</source>
        <translation> · 受下限约束</translation>
    </message>
    <message>
        <source>%1 before the last change</source>
        <translation>上次修改前为 %1</translation>
    </message>
    <message>
        <source>No population for %1: their share of the province&apos;s area stands in for their share of its people.</source>
        <translation>%1 无人口数据：以其面积占全省比例代替人口比例。</translation>
    </message>
    <message>
        <source>%1: the target %2 is met (%3 counted in %4): nothing to split.</source>
        <translation>%1：目标 %2 已完成（%4 年已计入 %3）：无需分解。</translation>
    </message>
    <message>
        <source>%1: at or over their share of the target: %2.</source>
        <translation>%1：已达到或超过目标份额的城市：%2。</translation>
    </message>
    <message>
        <source>Weights table</source>
        <translation>权重表</translation>
    </message>
    <message>
        <source>Tables (*.csv *.txt *.xlsx *.xls *.ods)</source>
        <translation>表格 (*.csv *.txt *.xlsx *.xls *.ods)</translation>
    </message>
    <message>
        <source>%1 cannot be read</source>
        <translation>无法读取 %1</translation>
    </message>
    <message>
        <source>%1 cannot be written</source>
        <translation>无法写入 %1</translation>
    </message>
    <message>
        <source>Running… (progress and Cancel in the task bar)</source>
        <translation>正在运行…（进度和取消见任务栏）</translation>
    </message>
    <message>
        <source>Split of the targets, %1</source>
        <translation>目标分解，%1 年</translation>
    </message>
    <message>
        <source>Canceled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Added to &quot;htsplan results&quot;</source>
        <translation>已添加到“htsplan 分析结果”</translation>
    </message>
    <message>
        <source>What remains of the targets with the carriers counted in %1, split among the %2 cities: change a weight or a target and see the split move.</source>
        <translation>按 %1 年已计入的载体计算剩余目标，分解到 %2 个市：修改权重或目标，即可看到分解结果的变化。</translation>
    </message>
    <message>
        <source>Hamilton</source>
        <translation>最大余额法</translation>
    </message>
    <message>
        <source>Hamilton: the largest remainders get the last carriers. D&apos;Hondt, Sainte-Laguë: carrier by carrier to the largest weight / (n + 1), or / (2n + 1).</source>
        <translation>最大余额法（Hamilton）：余数最大的城市得到最后的名额。D&apos;Hondt、Sainte-Laguë：逐个名额分给 权重 /(n + 1) 或 权重 /(2n + 1) 最大的城市。</translation>
    </message>
</context>
<context>
    <name>htsplan::DockAnalysesPanel</name>
    <message>
        <source>Carriers</source>
        <translation>载体图层</translation>
    </message>
    <message>
        <source>Kernel density</source>
        <translation>核密度</translation>
    </message>
    <message>
        <source>Hexagon density map</source>
        <translation>六边形密度图</translation>
    </message>
    <message>
        <source>Density per county</source>
        <translation>各县区密度</translation>
    </message>
    <message>
        <source>Coverage within</source>
        <translation>覆盖半径</translation>
    </message>
    <message>
        <source>Clusters (DBSCAN)</source>
        <translation>聚类（DBSCAN）</translation>
    </message>
    <message>
        <source>Hot spots (Gi*)</source>
        <translation>热点分析（Gi*）</translation>
    </message>
    <message>
        <source>Local Moran (LISA)</source>
        <translation>局部莫兰指数（LISA）</translation>
    </message>
    <message>
        <source>Specialization (LQ)</source>
        <translation>专业化（区位商）</translation>
    </message>
    <message>
        <source>Revenue growth</source>
        <translation>营业收入增长</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Search radius</source>
        <translation>搜索半径</translation>
    </message>
    <message>
        <source>Pixel size</source>
        <translation>像元大小</translation>
    </message>
    <message>
        <source>Distance between neighbouring hexagon centres</source>
        <translation>相邻六边形中心的距离</translation>
    </message>
    <message>
        <source>Maximum distance between clustered carriers</source>
        <translation>聚类内载体间的最大距离</translation>
    </message>
    <message>
        <source>Minimum number of carriers in a cluster</source>
        <translation>一个聚类的最少载体数</translation>
    </message>
    <message>
        <source>Spatial statistics of the carriers counted per county</source>
        <translation>按区县计数的载体空间统计</translation>
    </message>
    <message>
        <source>Getis-Ord Gi* hot and cold spots of the carriers counted per county (queen contiguity), with ArcGIS&apos;s confidence classes</source>
        <translation>按区县计数的载体做 Getis-Ord Gi* 热点与冷点分析（后邻接），置信度分级与 ArcGIS 一致</translation>
    </message>
    <message>
        <source>Global Moran&apos;s I and local Moran clusters (HH, LL, HL, LH) of the carriers counted per county (queen contiguity)</source>
        <translation>按区县计数的载体的全局莫兰指数与局部莫兰聚集（高-高、低-低、高-低、低-高；后邻接）</translation>
    </message>
    <message>
        <source>Each city&apos;s leading sector by location quotient, and neighbouring cities leading in the same sector</source>
        <translation>按区位商确定各市的主导行业，并标出主导行业相同的相邻城市</translation>
    </message>
    <message>
        <source>Annual revenue growth per city up to the year, against the 20% line (25% in the central cities and the Blue Economic Zone)</source>
        <translation>各市截至该年的营业收入年均增长率，对照 20% 的目标线（中心城市和蓝色经济区为 25%）</translation>
    </message>
    <message>
        <source>No carrier layer of the dashboard&apos;s file is in the project: load the planning map first.</source>
        <translation>项目中没有看板数据文件的载体图层：请先加载规划底图。</translation>
    </message>
    <message>
        <source>Kernel density of %1 (%2 km, %3)</source>
        <translation>%1 核密度（%2 公里，%3 年）</translation>
    </message>
    <message>
        <source>Hexagon counts of %1 (%2 km, %3)</source>
        <translation>%1 六边形计数（%2 公里，%3 年）</translation>
    </message>
    <message>
        <source>%1 per county (%2)</source>
        <translation>%1 各县区数量（%2 年）</translation>
    </message>
    <message>
        <source>Beyond %1 km of %2 (%3)</source>
        <translation>%2 %1 公里以外（%3 年）</translation>
    </message>
    <message>
        <source>Clusters of %1 (%2 km, %3)</source>
        <translation>%1 聚类（%2 公里，%3 年）</translation>
    </message>
    <message>
        <source>Hot spots of %1 per county (%2)</source>
        <translation>%1 区县热点分析（%2）</translation>
    </message>
    <message>
        <source>Local Moran of %1 per county (%2)</source>
        <translation>%1 区县局部莫兰指数（%2）</translation>
    </message>
    <message>
        <source>%1 has no sector field</source>
        <translation>%1 没有行业字段（sector）</translation>
    </message>
    <message>
        <source>Leading sector of each city, %1 (%2)</source>
        <translation>各市主导行业：%1（%2）</translation>
    </message>
    <message>
        <source>Revenue growth per city to %1</source>
        <translation>各市营业收入增长（至 %1 年）</translation>
    </message>
    <message>
        <source>Running… (progress and Cancel in the task bar)</source>
        <translation>正在运行…（进度和取消见任务栏）</translation>
    </message>
    <message>
        <source>Canceled</source>
        <translation>已取消</translation>
    </message>
</context>
<context>
    <name>htsplan::DockCardsPanel</name>
    <message>
        <source>%1 · gap %2 · path %3 · &lt;b style=&quot;color:%4&quot;&gt;%5&lt;/b&gt;</source>
        <translation>%1 · 差距 %2 · 路径值 %3 · &lt;b style=&quot;color:%4&quot;&gt;%5&lt;/b&gt;</translation>
    </message>
</context>
<context>
    <name>htsplan::DockChartsPanel</name>
    <message>
        <source>Shandong</source>
        <translation>山东省</translation>
    </message>
    <message>
        <source>%1: carriers in %2</source>
        <translation>%1：%2 年载体数</translation>
    </message>
    <message>
        <source>Counted against the %1 targets, %2</source>
        <translation>对照 %1 年目标，%2 年</translation>
    </message>
    <message>
        <source>%1: carriers by sector, %2</source>
        <translation>%1：%2 年各领域载体</translation>
    </message>
    <message>
        <source>other/unknown</source>
        <translation>其他/未知</translation>
    </message>
    <message>
        <source>Cumulative share of each target (%), to %1</source>
        <translation>各目标累计完成率（%），至 %1 年</translation>
    </message>
    <message>
        <source>straight path</source>
        <translation>直线路径</translation>
    </message>
    <message>
        <source>%1: carriers by year, to %2</source>
        <translation>%1：逐年载体数，至 %2 年</translation>
    </message>
</context>
<context>
    <name>htsplan::DockCitiesPanel</name>
    <message>
        <source>Share, density and coverage of:</source>
        <translation>占比、密度与覆盖按：</translation>
    </message>
    <message>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>占全省</translation>
    </message>
    <message>
        <source>per 10k km²</source>
        <translation>每万平方公里</translation>
    </message>
    <message>
        <source>per million</source>
        <translation>每百万人</translation>
    </message>
    <message>
        <source>Coverage</source>
        <translation>覆盖率</translation>
    </message>
    <message>
        <source>Blue</source>
        <translation>蓝区</translation>
    </message>
    <message>
        <source>Central</source>
        <translation>中心城市</translation>
    </message>
    <message>
        <source>Behind pace</source>
        <translation>进度滞后</translation>
    </message>
    <message>
        <source>County</source>
        <translation>县区</translation>
    </message>
    <message>
        <source>In the Blue Economic Zone</source>
        <translation>位于山东半岛蓝色经济区</translation>
    </message>
    <message>
        <source>Partly in the Blue Economic Zone</source>
        <translation>部分位于山东半岛蓝色经济区</translation>
    </message>
    <message>
        <source>Central city</source>
        <translation>中心城市</translation>
    </message>
    <message>
        <source>Select a city to see its counties.</source>
        <translation>选择一个城市以查看其县区。</translation>
    </message>
    <message>
        <source>Counties of %1</source>
        <translation>%1的县区</translation>
    </message>
    <message>
        <source>Below its straight path to its share of the province&apos;s target (split as in the Split targets tab) in: %1</source>
        <translation>低于其全省目标份额（按“目标分解”页的分解）的直线进度：%1</translation>
    </message>
</context>
<context>
    <name>htsplan::DockProblemsPanel</name>
    <message>
        <source>Check the register</source>
        <translation>名录校验</translation>
    </message>
    <message>
        <source>Parents, distances, duplicates, years, states and sectors of the register&apos;s features (htsplan:validate); the file is not changed</source>
        <translation>检查名录要素的上级、距离、重复登记、年份、状态和行业（htsplan:validate）；不修改文件</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>图层</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>No facilities file: choose the data sources first.</source>
        <translation>没有载体文件：请先选择数据源。</translation>
    </message>
    <message>
        <source>Running… (progress and Cancel in the task bar)</source>
        <translation>正在运行…（进度和取消见任务栏）</translation>
    </message>
    <message>
        <source>Register check of %1</source>
        <translation>%1 名录校验</translation>
    </message>
    <message>
        <source>Canceled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>The violations layer cannot be read</source>
        <translation>无法读取问题图层</translation>
    </message>
    <message>
        <source>error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Errors: %1, warnings: %2. Click a row to see its feature on the map.</source>
        <translation>错误：%1，警告：%2。点击一行可在地图上查看该要素。</translation>
    </message>
</context>
<context>
    <name>htsplan::ErrorText</name>
    <message>
        <source>Bad input: %1</source>
        <translation>输入有误：%1</translation>
    </message>
    <message>
        <source>Cannot write: %1</source>
        <translation>无法写入：%1</translation>
    </message>
    <message>
        <source>unknown error</source>
        <translation>未知错误</translation>
    </message>
</context>
<context>
    <name>htsplan::ExportDialog</name>
    <message>
        <source>Export meeting pack</source>
        <translation>导出会议材料</translation>
    </message>
    <message>
        <source>GeoPackage (*.gpkg);;All files (*)</source>
        <translation>GeoPackage (*.gpkg);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Choose facilities</source>
        <translation>选择设施数据</translation>
    </message>
    <message>
        <source>2015 divisions (17 cities, Laiwu included)</source>
        <translation>2015 年区划（17 市，含莱芜）</translation>
    </message>
    <message>
        <source>Current divisions (16 cities)</source>
        <translation>现行区划（16 市）</translation>
    </message>
    <message>
        <source>the target year</source>
        <translation>目标年份</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>全省总图</translation>
    </message>
    <message>
        <source>City atlas</source>
        <translation>城市图集</translation>
    </message>
    <message>
        <source>Analyses</source>
        <translation>空间分析</translation>
    </message>
    <message>
        <source>One PDF per city</source>
        <translation>每市另出一个 PDF</translation>
    </message>
    <message>
        <source>Templates folder</source>
        <translation>模板文件夹</translation>
    </message>
    <message>
        <source>; bundled: %1</source>
        <translation>；内置：%1</translation>
    </message>
    <message>
        <source>Output folder</source>
        <translation>输出文件夹</translation>
    </message>
    <message>
        <source>A new or empty folder, or an earlier pack&apos;s (replaced whole)</source>
        <translation>新的或空的文件夹，或上次导出的文件夹（整个替换）</translation>
    </message>
    <message>
        <source>Facilities</source>
        <translation>设施数据</translation>
    </message>
    <message>
        <source>Divisions</source>
        <translation>行政区划</translation>
    </message>
    <message>
        <source>Evaluation year</source>
        <translation>评估年份</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>页面</translation>
    </message>
    <message>
        <source>Overview paper</source>
        <translation>总图纸张</translation>
    </message>
    <message>
        <source>Formats</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Templates</source>
        <translation>模板</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>htsplan::HtsplanPlugin</name>
    <message>
        <source>Load planning map</source>
        <translation>加载规划底图</translation>
    </message>
    <message>
        <source>Load the styled planning map of Shandong and its facility layers</source>
        <translation>加载山东省规划底图与设施图层</translation>
    </message>
    <message>
        <source>Target progress</source>
        <translation>目标进度</translation>
    </message>
    <message>
        <source>Progress toward the 2015 targets</source>
        <translation>计算距 2015 年目标的进度</translation>
    </message>
    <message>
        <source>Import a register</source>
        <translation>导入名录</translation>
    </message>
    <message>
        <source>Import a register sent by a city (Excel, CSV, ...)</source>
        <translation>导入各市上报的名录（Excel、CSV…）</translation>
    </message>
    <message>
        <source>Export meeting pack</source>
        <translation>导出会议材料</translation>
    </message>
    <message>
        <source>The overview, the city atlas and the analysis pages as PDF, PNG, SVG</source>
        <translation>总图、城市图集与分析页，PDF/PNG/SVG</translation>
    </message>
    <message>
        <source>Add templates to my layouts</source>
        <translation>添加模板到我的布局</translation>
    </message>
    <message>
        <source>The meeting pack&apos;s layouts, atlas included, in this project&apos;s Layout Manager</source>
        <translation>会议材料的布局（含城市图集）加入当前项目的布局管理器</translation>
    </message>
    <message>
        <source>htsplan high-tech service planning</source>
        <translation>htsplan 高技术服务业规划</translation>
    </message>
    <message>
        <source>Spatial analysis</source>
        <translation>空间分析</translation>
    </message>
    <message>
        <source>The Processing dialog needs QGIS&apos;s Python support; run %1 from the Processing toolbox or with `htsplan run`.</source>
        <translation>处理工具对话框需要 QGIS 的 Python 支持；请在处理工具箱中运行 %1，或使用 `htsplan run`。</translation>
    </message>
    <message>
        <source>Cannot load the map</source>
        <translation>加载规划底图失败</translation>
    </message>
    <message>
        <source>unknown error</source>
        <translation>未知错误</translation>
    </message>
    <message>
        <source>Planning map loaded (%1 layers)</source>
        <translation>已加载规划底图（%1 个图层）</translation>
    </message>
    <message>
        <source>Import failed</source>
        <translation>导入名录失败</translation>
    </message>
    <message>
        <source>An import is already running</source>
        <translation>导入正在进行</translation>
    </message>
    <message>
        <source>htsplan import %1</source>
        <translation>htsplan 导入名录 %1</translation>
    </message>
    <message>
        <source>Canceled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Imported layers cannot be shown</source>
        <translation>导入的图层无法加载</translation>
    </message>
    <message>
        <source>Imported %1 rows, rejected %2, %3 layers; row issues in %4</source>
        <translation>已导入 %1 行，拒绝 %2 行，%3 个图层；逐行问题见 %4。</translation>
    </message>
    <message>
        <source>
… %1 warnings in all: see the log (htsplan)</source>
        <translation>
… 共 %1 条警告，见日志（htsplan）</translation>
    </message>
    <message>
        <source>Import %1</source>
        <translation>导入名录 %1</translation>
    </message>
    <message>
        <source>Imported: %1</source>
        <translation>导入：%1</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message>
        <source>Meeting pack failed</source>
        <translation>导出会议材料失败</translation>
    </message>
    <message>
        <source>Adding the layouts failed</source>
        <translation>添加布局失败</translation>
    </message>
    <message>
        <source>htsplan meeting pack</source>
        <translation>htsplan 会议材料</translation>
    </message>
    <message>
        <source>The meeting pack is already being made</source>
        <translation>会议材料正在生成</translation>
    </message>
    <message>
        <source>Writing the meeting pack…</source>
        <translation>正在导出会议材料…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Canceled: the folder is as it was</source>
        <translation>已取消，文件夹未改变</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <source>Meeting pack written: %1 pages</source>
        <translation>会议材料已导出：%1 页</translation>
    </message>
    <message>
        <source>Meeting pack</source>
        <translation>会议材料</translation>
    </message>
    <message>
        <source>Add templates</source>
        <translation>添加模板</translation>
    </message>
    <message>
        <source>Copy htsplan&apos;s %1 layout templates into %2? The Layout Manager lists them, and the meeting pack uses these (editable) copies by default.</source>
        <translation>把 htsplan 的 %1 个布局模板复制到 %2？布局管理器会列出它们，导出会议材料时默认使用这里（可编辑）的模板。</translation>
    </message>
    <message>
        <source>%1 exists (perhaps your edited copy). Replace it with the bundled one?</source>
        <translation>%1 已存在（也许是您修改过的）。用内置模板替换？</translation>
    </message>
    <message>
        <source>Copied %1 templates to %2</source>
        <translation>已复制 %1 个模板到 %2</translation>
    </message>
    <message>
        <source>htsplan meeting pack layouts</source>
        <translation>htsplan 会议材料布局</translation>
    </message>
    <message>
        <source>Added %1 layouts</source>
        <translation>已添加 %1 个布局</translation>
    </message>
    <message>
        <source>%1 (city atlas: %2 pages). Project › Layout Manager</source>
        <translation>%1（城市图集 %2 页）。项目 › 布局管理器</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Dashboard failed</source>
        <translation>规划看板失败</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message>
        <source>Canceled: the dashboard still shows the last load.</source>
        <translation>已取消：看板仍显示上一次的数据。</translation>
    </message>
    <message>
        <source>%1: running in the background (see the task bar)</source>
        <translation>%1：正在后台运行（见任务栏）</translation>
    </message>
    <message>
        <source>Analysis failed</source>
        <translation>空间分析失败</translation>
    </message>
    <message>
        <source>%1: the result %2 cannot be opened</source>
        <translation>%1：结果 %2 无法打开</translation>
    </message>
    <message>
        <source>%1: share per county</source>
        <translation>%1：各县区覆盖率</translation>
    </message>
    <message>
        <source>%1: carriers with their cluster</source>
        <translation>%1：载体及其聚类</translation>
    </message>
    <message>
        <source>htsplan results</source>
        <translation>htsplan 分析结果</translation>
    </message>
    <message>
        <source>%1: added to &quot;%2&quot;</source>
        <translation>%1：已加入“%2”</translation>
    </message>
    <message>
        <source>Relative density</source>
        <translation>相对密度</translation>
    </message>
    <message>
        <source>%1: counting per county</source>
        <translation>%1：按区县计数</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>%1: new %2</source>
        <translation>%1：新增%2</translation>
    </message>
</context>
<context>
    <name>htsplan::ImportDialog</name>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>载体类型</translation>
    </message>
    <message>
        <source>Sector</source>
        <translation>领域</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Year recognised</source>
        <translation>认定年份</translation>
    </message>
    <message>
        <source>Revenue</source>
        <translation>营业收入</translation>
    </message>
    <message>
        <source>Longitude</source>
        <translation>经度</translation>
    </message>
    <message>
        <source>Latitude</source>
        <translation>纬度</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Belongs to</source>
        <translation>所属</translation>
    </message>
    <message>
        <source>Zone type</source>
        <translation>园区类别</translation>
    </message>
    <message>
        <source>China Geodetic 2000</source>
        <translation>国家 2000</translation>
    </message>
    <message>
        <source>Amap/Tencent</source>
        <translation>高德/腾讯</translation>
    </message>
    <message>
        <source>Baidu</source>
        <translation>百度</translation>
    </message>
    <message>
        <source>Import a register</source>
        <translation>导入名录</translation>
    </message>
    <message>
        <source>Registers (%1);;All files (*)</source>
        <translation>名录 (%1);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Choose a register</source>
        <translation>请选择名录文件</translation>
    </message>
    <message>
        <source>Sheet or layer</source>
        <translation>工作表或图层</translation>
    </message>
    <message>
        <source>Detected</source>
        <translation>自动检测</translation>
    </message>
    <message>
        <source>Big5 (traditional Chinese)</source>
        <translation>Big5 繁體</translation>
    </message>
    <message>
        <source>From the register&apos;s kind column</source>
        <translation>按名录的“类型”列</translation>
    </message>
    <message>
        <source>All: %1</source>
        <translation>全部为%1</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>名录文件</translation>
    </message>
    <message>
        <source>Sheet</source>
        <translation>工作表</translation>
    </message>
    <message>
        <source>Encoding</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Coordinates</source>
        <translation>坐标系</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>名录的列</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>列的对应</translation>
    </message>
    <message>
        <source>Preview (first %1 rows)</source>
        <translation>预览（前 %1 行）</translation>
    </message>
    <message>
        <source>Output GeoPackage</source>
        <translation>输出 GeoPackage</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Cancel import</source>
        <translation>取消导入</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Choose a register (Excel, CSV, shapefile, GeoJSON, GeoPackage)</source>
        <translation>请选择名录文件（Excel、CSV、shapefile、GeoJSON、GeoPackage）</translation>
    </message>
    <message>
        <source>unknown error</source>
        <translation>未知错误</translation>
    </message>
    <message>
        <source>No such file: %1</source>
        <translation>文件不存在：%1</translation>
    </message>
    <message>
        <source>Cannot read the register: %1</source>
        <translation>无法读取名录：%1</translation>
    </message>
    <message>
        <source>Cannot read the register: unknown error</source>
        <translation>无法读取名录：未知错误</translation>
    </message>
    <message>
        <source>Detected: %1</source>
        <translation>自动检测：%1</translation>
    </message>
    <message>
        <source>Encoding guessed: %1 (%2); if the Chinese below looks wrong, choose the encoding.</source>
        <translation>编码为推测：%1（%2），请核对预览中的中文是否正常，乱码时请选择编码。</translation>
    </message>
    <message>
        <source>“%1” suggests %2 (preselected): please check.</source>
        <translation>“%1”提示坐标系为 %2，已预选，请核对。</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>%1 · %2 · %3 columns · %4 rows previewed</source>
        <translation>%1 · %2 · %3 列 · 预览 %4 行</translation>
    </message>
    <message>
        <source>Choose the output GeoPackage</source>
        <translation>请选择输出文件</translation>
    </message>
    <message>
        <source>The list has no kind column: choose the kind of every row</source>
        <translation>名录没有“类型”列：请选择载体类型</translation>
    </message>
    <message>
        <source>Importing in the background…</source>
        <translation>导入中…（后台任务）</translation>
    </message>
    <message>
        <source>Import failed: %1</source>
        <translation>导入失败：%1</translation>
    </message>
</context>
<context>
    <name>htsplan::LayerNames</name>
    <message>
        <source>R&amp;D and design services</source>
        <translation>研发设计服务</translation>
    </message>
    <message>
        <source>E-commerce services</source>
        <translation>电子商务服务</translation>
    </message>
    <message>
        <source>Testing and inspection services</source>
        <translation>检验检测服务</translation>
    </message>
    <message>
        <source>Digital content services</source>
        <translation>数字内容服务</translation>
    </message>
    <message>
        <source>Intellectual property services</source>
        <translation>知识产权服务</translation>
    </message>
    <message>
        <source>Technology transfer services</source>
        <translation>科技成果转化服务</translation>
    </message>
    <message>
        <source>IT services</source>
        <translation>信息技术服务</translation>
    </message>
    <message>
        <source>Biotechnology services</source>
        <translation>生物技术服务</translation>
    </message>
    <message>
        <source>Marine technology services</source>
        <translation>海洋技术服务</translation>
    </message>
    <message>
        <source>High-tech industrial development zone</source>
        <translation>高新技术产业开发区（高新区）</translation>
    </message>
    <message>
        <source>Economic and technological development zone</source>
        <translation>经济技术开发区（开发区）</translation>
    </message>
    <message>
        <source>High-tech and development zones</source>
        <translation>高新区/开发区</translation>
    </message>
    <message>
        <source>High-tech service bases</source>
        <translation>高技术服务业基地</translation>
    </message>
    <message>
        <source>Specialised parks</source>
        <translation>专业化园区</translation>
    </message>
    <message>
        <source>Themed buildings</source>
        <translation>主题楼宇</translation>
    </message>
    <message>
        <source>Leading enterprises</source>
        <translation>骨干企业</translation>
    </message>
    <message>
        <source>Other zones</source>
        <translation>其他园区</translation>
    </message>
    <message>
        <source>Other or unknown</source>
        <translation>其他/未知</translation>
    </message>
    <message>
        <source>Shandong province</source>
        <translation>山东省</translation>
    </message>
    <message>
        <source>Cities (2015, 17)</source>
        <translation>地级市（2015，17 市）</translation>
    </message>
    <message>
        <source>Cities (current, 16)</source>
        <translation>地级市（现行，16 市）</translation>
    </message>
    <message>
        <source>Counties</source>
        <translation>县区</translation>
    </message>
    <message>
        <source>Hot Spot - 99% Confidence</source>
        <translation>热点（99%置信度）</translation>
    </message>
    <message>
        <source>Hot Spot - 95% Confidence</source>
        <translation>热点（95%置信度）</translation>
    </message>
    <message>
        <source>Hot Spot - 90% Confidence</source>
        <translation>热点（90%置信度）</translation>
    </message>
    <message>
        <source>Not Significant</source>
        <translation>不显著</translation>
    </message>
    <message>
        <source>Cold Spot - 90% Confidence</source>
        <translation>冷点（90%置信度）</translation>
    </message>
    <message>
        <source>Cold Spot - 95% Confidence</source>
        <translation>冷点（95%置信度）</translation>
    </message>
    <message>
        <source>Cold Spot - 99% Confidence</source>
        <translation>冷点（99%置信度）</translation>
    </message>
    <message>
        <source>High-High cluster</source>
        <translation>高-高聚集</translation>
    </message>
    <message>
        <source>Low-Low cluster</source>
        <translation>低-低聚集</translation>
    </message>
    <message>
        <source>High-Low outlier</source>
        <translation>高-低异常</translation>
    </message>
    <message>
        <source>Low-High outlier</source>
        <translation>低-高异常</translation>
    </message>
    <message>
        <source>No growth rate</source>
        <translation>无增长率</translation>
    </message>
    <message>
        <source>On track</source>
        <translation>达标</translation>
    </message>
    <message>
        <source>Behind the growth line</source>
        <translation>低于增长目标线</translation>
    </message>
    <message>
        <source>No carriers</source>
        <translation>无载体</translation>
    </message>
</context>
<context>
    <name>htsplan::LoadMapDialog</name>
    <message>
        <source>Load planning map</source>
        <translation>加载规划底图</translation>
    </message>
    <message>
        <source>2015 divisions (17 cities, Laiwu included)</source>
        <translation>2015 年区划（17 市，含莱芜）</translation>
    </message>
    <message>
        <source>Current divisions (16 cities)</source>
        <translation>现行区划（16 市）</translation>
    </message>
    <message>
        <source>Bundled sample</source>
        <translation>内置示例数据</translation>
    </message>
    <message>
        <source>My GeoPackage</source>
        <translation>我的 GeoPackage</translation>
    </message>
    <message>
        <source>GeoPackage (*.gpkg);;All files (*)</source>
        <translation>GeoPackage (*.gpkg);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Choose facilities</source>
        <translation>选择设施数据</translation>
    </message>
    <message>
        <source>Divisions</source>
        <translation>行政区划</translation>
    </message>
    <message>
        <source>Facilities</source>
        <translation>设施数据</translation>
    </message>
    <message>
        <source>Load</source>
        <translation>加载</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>htsplan::StatisticSummary</name>
    <message>
        <source>Hot spots: %1 counties (%2 at 99%, %3 at 95%, %4 at 90% confidence) · cold spots: %5 · without a neighbour: %6</source>
        <translation>热点：%1 个区县（99% 置信度 %2 个，95% %3 个，90% %4 个）· 冷点：%5 个 · 无邻居：%6 个</translation>
    </message>
    <message>
        <source>Hot spots: %1
Cold spots: %2</source>
        <translation>热点：%1
冷点：%2</translation>
    </message>
    <message>
        <source>Global Moran&apos;s I %1 (z %2, p %3: %4) · local clusters HH %5, LL %6, outliers HL %7, LH %8</source>
        <translation>全局莫兰指数 %1（z = %2，p = %3：%4）· 局部聚集 高-高 %5 个、低-低 %6 个，异常 高-低 %7 个、低-高 %8 个</translation>
    </message>
    <message>
        <source>significant clustering at 95%</source>
        <translation>95% 置信度下显著聚集</translation>
    </message>
    <message>
        <source>not significant at 95%</source>
        <translation>95% 置信度下不显著</translation>
    </message>
    <message>
        <source>%1 of %2 cities lead in the same sector as a neighbouring city · Gini of the carriers across cities %3</source>
        <translation>%2 个城市中有 %1 个与相邻城市主导行业相同 · 载体在各市分布的基尼系数 %3</translation>
    </message>
    <message>
        <source>Province %1 a year · behind the 20%/25% line: %2 of %3 cities%4</source>
        <translation>全省年均增长 %1 · 低于 20%/25% 目标线：%3 个城市中 %2 个%4</translation>
    </message>
    <message>
        <source>%1 enterprises in the balanced panel, %2 left out (revenue in the span but not in both years)</source>
        <translation>平衡面板含 %1 家企业，剔除 %2 家（期间有营业收入但首末年不全）</translation>
    </message>
</context>
</TS>
