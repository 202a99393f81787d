#!/usr/bin/python3
"""Seeded synthetic registers for the import benchmark (bench/run.sh --cases import).

    import_gen.py --rows N --seed S --out DIR [--xlsx] [--admin data/shandong.gpkg]

Writes into DIR, the same bytes for the same N and seed:
- register-N.csv: a city bureau's list as Excel saves it on a Chinese Windows:
  GBK, CRLF, the headers 编号, 名称, 类型, 领域, 状态, 认定年份, 营业收入（万元）, 经度, 纬度;
  positions on Shandong's land (lon 114.8-122.7, lat 34.4-38.4: uniform over the 0.01° cells
  whose centre is in the province of data/shandong.gpkg; 7 decimals; declared as Amap's GCJ-02);
- register-N-utf8.csv: the same text in UTF-8 (for ogr2ogr, which does not recode CSV);
- register-N.xlsx (with --xlsx): the same rows as an Excel sheet 名录 (year, revenue and
  coordinates as numbers), written by GDAL's XLSX driver.

About 1 row in 1,000 is awkward as real lists are: an empty longitude (rejected), a
repeat of an earlier row (rejected), a year written 2016年, full-width digits in a
coordinate, an unknown status (kept as written).
"""
import argparse
import os
import random
import sys

HEADERS = ["编号", "名称", "类型", "领域", "状态", "认定年份", "营业收入（万元）", "经度", "纬度"]
CITIES = ["济南", "青岛", "淄博", "枣庄", "东营", "烟台", "潍坊", "济宁", "泰安", "威海", "日照", "临沂", "德州", "聊城", "滨州", "菏泽"]
WORDS = "华信达通科创智联海润天元恒泰嘉和汇德鑫博远瑞祥宏兴正弘晟源中安康盛东方明辉新锐云启航宇诚立金石"
SUFFIX = ["科技有限公司", "信息技术有限公司", "检测有限公司", "电子商务有限公司", "生物科技股份有限公司", "软件有限公司", "设计研究院有限公司"]
SECTORS = ["研发设计", "电子商务", "检验检测", "数字内容", "知识产权", "科技成果转化", "信息技术", "生物技术", "海洋技术",
           "研发设计服务", "信息技术服务"]
KINDS = [("企业", 0.955), ("楼宇", 0.03), ("园区", 0.01), ("基地", 0.005)]
STATUS = [("已认定", 0.7), ("候选", 0.2), ("规划", 0.1)]
FULLWIDTH = {ord(c): ord(c) + 0xFEE0 for c in "0123456789."}


def pick(rng, weighted):
    x = rng.random()
    for value, w in weighted:
        x -= w
        if x < 0:
            return value
    return weighted[-1][0]


def land_cells(admin):
    """The 0.01° cells over lon 114.8-122.7, lat 34.4-38.4 whose centre lies in the province."""
    from osgeo import gdal, ogr
    gdal.UseExceptions()
    width, height = 790, 400
    mem = gdal.GetDriverByName("MEM").Create("", width, height, 1, gdal.GDT_Byte)
    mem.SetGeoTransform((114.8, 0.01, 0, 38.4, 0, -0.01))
    src = ogr.Open(admin)
    gdal.RasterizeLayer(mem, [1], src.GetLayerByName("province"), burn_values=[1])
    mask = mem.GetRasterBand(1).ReadRaster()
    return [(114.8 + 0.01 * (i % width), 38.4 - 0.01 * (i // width + 1)) for i, b in enumerate(mask) if b]


def rows(n, seed, cells):
    rng = random.Random(seed)
    prefix = {"企业": "E", "楼宇": "B", "园区": "P", "基地": "J"}
    out = []
    i = 0
    while len(out) < n:
        i += 1
        r = rng.random()
        if r < 0.0005 and out:  # a repeat of an earlier row (same id)
            out.append(list(out[rng.randrange(len(out))]))
            continue
        kind = pick(rng, KINDS)
        city = rng.choice(CITIES)
        name = city + "".join(rng.choice(WORDS) for _ in range(rng.randint(2, 4))) + rng.choice(SUFFIX)
        year = rng.randint(2005, 2020)
        year_text = f"{year}年" if rng.random() < 0.001 else str(year)
        status = pick(rng, STATUS) if rng.random() > 0.001 else "待定"
        revenue = ""
        if kind == "企业" and rng.random() > 0.02:
            revenue = f"{min(50.0 * rng.paretovariate(1.1), 5e6):.2f}"
        x0, y0 = cells[rng.randrange(len(cells))]
        lon = f"{x0 + 0.01 * rng.random():.7f}"
        lat = f"{y0 + 0.01 * rng.random():.7f}"
        r = rng.random()
        if r < 0.0005:
            lon = ""
        elif r < 0.0015:
            lon = lon.translate(FULLWIDTH)
        out.append([f"{prefix[kind]}{i:07d}", name, kind, rng.choice(SECTORS), status, year_text, revenue, lon, lat])
    return out


def write_xlsx(path, lines):
    """The rows as an Excel sheet '名录': year, revenue and coordinates as numbers, as Excel keeps
    them (a cell that is not a plain number, 2016年 or full-width digits, is written as its number)."""
    from osgeo import ogr
    ogr.UseExceptions()
    if os.path.exists(path):
        os.remove(path)
    ds = ogr.GetDriverByName("XLSX").CreateDataSource(path)
    layer = ds.CreateLayer("名录", geom_type=ogr.wkbNone)
    types = [ogr.OFTString] * 5 + [ogr.OFTInteger, ogr.OFTReal, ogr.OFTReal, ogr.OFTReal]
    for name, t in zip(HEADERS, types):
        layer.CreateField(ogr.FieldDefn(name, t))
    defn = layer.GetLayerDefn()
    plain = {v: k for k, v in FULLWIDTH.items()}
    for line in lines[1:]:
        f = ogr.Feature(defn)
        for i, cell in enumerate(line.split(",")):
            if not cell:
                continue
            if types[i] == ogr.OFTString:
                f.SetField(i, cell)
            else:
                cell = cell.translate(plain).rstrip("年")
                f.SetField(i, int(cell) if types[i] == ogr.OFTInteger else float(cell))
        layer.CreateFeature(f)
    ds = None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", required=True)
    ap.add_argument("--xlsx", action="store_true")
    ap.add_argument("--admin", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "shandong.gpkg"))
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    base = os.path.join(args.out, f"register-{args.rows}")
    lines = [",".join(HEADERS)] + [",".join(r) for r in rows(args.rows, args.seed, land_cells(args.admin))]
    text = "\r\n".join(lines) + "\r\n"
    for path, encoding in ((base + ".csv", "gbk"), (base + "-utf8.csv", "utf-8")):
        with open(path + ".part", "wb") as f:
            f.write(text.encode(encoding))
        os.replace(path + ".part", path)
    if args.xlsx:
        write_xlsx(base + ".xlsx", lines)
    print(f"{args.rows} rows in {base}.csv" + (" and .xlsx" if args.xlsx else ""), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
