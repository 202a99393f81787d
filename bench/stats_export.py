#!/usr/bin/python3
"""The units of the stats case (bench/run.sh --cases stats) for R: each hexagon's
centroid (metres) and value, in feature order, with 17 significant digits.

    stats_export.py GRID.gpkg FIELD OUT.csv

The centroids are GDAL's (OGRGeometry::Centroid), the function htsplan:hotspots
and htsplan:moran use, so both sides build their weights on the same doubles.
"""
import sys

from osgeo import ogr

ogr.UseExceptions()


def main():
    grid, field, out = sys.argv[1:4]
    ds = ogr.Open(grid)
    layer = ds.GetLayer(0)
    with open(out, "w") as f:
        f.write("x,y,value\n")
        for feature in layer:
            c = feature.GetGeometryRef().Centroid()
            f.write(f"{c.GetX()!r},{c.GetY()!r},{feature.GetField(field)!r}\n")


if __name__ == "__main__":
    main()
