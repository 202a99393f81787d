#!/usr/bin/env python3
"""Writes data/register_template.xlsx: the blank register a city bureau fills in.

Sheet 名录 holds the header row `htsplan import` recognises without a mapping;
sheet 说明 explains each column in Chinese and English. GDAL's XLSX writer
writes no header row for a sheet without rows, so the workbook is written here
as the few XML parts an .xlsx needs (inline strings, no shared-string table).
Deterministic: the same bytes on every run (fixed zip timestamps).

Usage: python3 scripts/make_register_template.py [OUT.xlsx]
"""
import os
import sys
import zipfile
from xml.sax.saxutils import escape

HEADERS = ["编号", "名称", "类型", "领域", "状态", "认定年份", "营业收入（万元）", "经度", "纬度", "上级"]

NOTES = [
    ["列 column", "内容", "content", "示例 example"],
    ["编号", "唯一编号；同一编号出现两次时只计一次", "unique id; a repeated id counts once", "P001"],
    ["名称", "单位、园区、楼宇或企业名称", "name", "济南齐鲁软件园"],
    ["类型", "高新区、基地、园区、楼宇、企业", "kind: hightech_zone, base, park, building, enterprise", "园区"],
    ["领域", "九大领域之一（中文名或代码）", "one of the nine sectors (Chinese name or code)", "信息技术服务"],
    ["状态", "已认定、候选、规划", "designated, candidate, planned", "已认定"],
    ["认定年份", "年份，如 2014、2014年、2014-06", "year of designation: 2014, 2014年, 2014-06", "2014"],
    ["营业收入（万元）", "企业营业收入；表头中的单位（万元、亿元）会被换算为元",
     "enterprise revenue; the unit in the header (万元, 亿元) is converted to yuan", "12000"],
    ["经度", "小数度、117°07′12″、117度07分12秒、E117.12 或 东经117.12",
     "longitude: decimal, DMS, E117.12 or 东经117.12", "117.1234"],
    ["纬度", "同上", "latitude, the same forms", "36.6512"],
    ["上级", "所属基地或园区的编号", "id of the base or park it belongs to", "B01"],
    ["坐标系", "在高德、腾讯地图上拾取的坐标为 GCJ-02，百度为 BD-09：导入时请声明 (--crs gcj02 / bd09)",
     "coordinates picked on Amap or Tencent are GCJ-02, on Baidu BD-09: declare them when importing", ""],
]


def column_name(index):
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def sheet_xml(rows):
    out = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
           '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>']
    for r, row in enumerate(rows, start=1):
        out.append('<row r="%d">' % r)
        for c, text in enumerate(row):
            out.append('<c r="%s%d" t="inlineStr"><is><t>%s</t></is></c>' % (column_name(c), r, escape(text)))
        out.append("</row>")
    out.append("</sheetData></worksheet>")
    return "".join(out)


def write(path, rows=()):
    """The template, with rows under the header (none for the shipped blank one)."""
    sheets = [("名录", [HEADERS] + [list(r) for r in rows]), ("说明", NOTES)]
    parts = {
        "[Content_Types].xml":
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            + "".join('<Override PartName="/xl/worksheets/sheet%d.xml" '
                      'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' % (i + 1)
                      for i in range(len(sheets)))
            + "</Types>",
        "_rels/.rels":
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            'Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml":
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
            + "".join('<sheet name="%s" sheetId="%d" r:id="rId%d"/>' % (escape(name), i + 1, i + 1)
                      for i, (name, _) in enumerate(sheets))
            + "</sheets></workbook>",
        "xl/_rels/workbook.xml.rels":
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + "".join('<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
                      'Target="worksheets/sheet%d.xml"/>' % (i + 1, i + 1) for i in range(len(sheets)))
            + "</Relationships>",
    }
    for i, (_, rows) in enumerate(sheets):
        parts["xl/worksheets/sheet%d.xml" % (i + 1)] = sheet_xml(rows)
    tmp = path + ".tmp"
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            info = zipfile.ZipInfo(name, date_time=(2013, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text.encode("utf-8"))
    os.replace(tmp, path)


if __name__ == "__main__":
    here = os.path.dirname(os.path.abspath(__file__))
    write(sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "data", "register_template.xlsx"))
