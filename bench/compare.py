#!/usr/bin/python3
"""Checks that htsplan and its QGIS twin gave the same answer (bench/run.sh).

    compare.py counts H.gpkg Q.gpkg FIELD        per-polygon counts, exactly (matched by code or fid)
    compare.py raster H.tif Q.tif                same grid and nodata; max |diff| / max <= 1e-5
    compare.py clusters H.gpkg Q.gpkg            CLUSTER_ID per feature (matched by id), exactly
    compare.py nni H.json Q.json                 the five outputs to 1e-9 relative
    compare.py coverage H.json H.gpkg Q.gpkg UNITS.gpkg   covered area in the province, 1e-3 relative
    compare.py hexcount H.gpkg Q.gpkg POINTS.gpkg         total counted (and per cell when both number cells)
    compare.py report metrics.json               the report has a section per analysis of the issue
    compare.py spdep H.csv R.csv                 the stats case (issue 13): neighbour counts exactly,
                                                 Gi* z and local Moran Z.Ii to 1e-9 (relative above 1)
    compare.py spdep HOT.gpkg MORAN.gpkg R.csv   the same for the outputs of htsplan:hotspots and htsplan:moran
    compare.py imported H.gpkg H_rows.csv O.gpkg ROWS    an import (issue 10): htsplan's imported plus
                                                 rejected rows and ogr2ogr's features are the file's rows

Prints one line, "agree: ...", "differ: ..." or "unchecked: ..."; exit status 0.
Needs /usr/bin/python3 (GDAL's Python bindings and numpy).
"""
import json
import os
import math
import sys

from osgeo import gdal, ogr

gdal.UseExceptions()
ogr.UseExceptions()


def first_layer(path):
    ds = ogr.Open(path)
    if ds is None:
        raise RuntimeError(f"{path}: cannot open")
    return ds, ds.GetLayer(0)


def field_names(layer):
    d = layer.GetLayerDefn()
    return [d.GetFieldDefn(i).GetName() for i in range(d.GetFieldCount())]


def results_of(path):
    """The "results" map of a `--json` run (qgis_process or htsplan)."""
    text = open(path, encoding="utf-8").read()
    start = text.find("{")
    if start < 0:
        raise RuntimeError(f"{path}: no JSON")
    return json.loads(text[start:]).get("results", {})


def counts(h, q, field):
    hds, hl = first_layer(h)
    qds, ql = first_layer(q)
    key = "code" if "code" in field_names(hl) and "code" in field_names(ql) else None
    if field not in field_names(hl):
        return f"differ: htsplan's output has no field {field} (fields: {', '.join(field_names(hl))})"

    def table(layer):
        return {(f.GetField(key) if key else f.GetFID()): f.GetField(field) for f in layer}

    a, b = table(hl), table(ql)
    if a.keys() != b.keys():
        return f"differ: {len(a)} polygons against QGIS's {len(b)} (or other keys)"
    wrong = [k for k in a if int(a[k] or 0) != int(b[k] or 0)]
    total = sum(int(v or 0) for v in b.values())
    if wrong:
        k = wrong[0]
        return f"differ: {len(wrong)} of {len(a)} polygons, e.g. {k}: {a[k]} against {b[k]}"
    return f"agree: {len(a)} polygons, {total} points counted, every count equal"


def raster(h, q):
    import numpy as np

    hd, qd = gdal.Open(h), gdal.Open(q)
    if (hd.RasterXSize, hd.RasterYSize) != (qd.RasterXSize, qd.RasterYSize):
        return f"differ: {hd.RasterXSize}x{hd.RasterYSize} pixels against QGIS's {qd.RasterXSize}x{qd.RasterYSize}"
    hg, qg = hd.GetGeoTransform(), qd.GetGeoTransform()
    if any(abs(x - y) > 1e-6 * max(1.0, abs(y)) for x, y in zip(hg, qg)):
        return f"differ: geotransform {hg} against QGIS's {qg}"
    hb, qb = hd.GetRasterBand(1), qd.GetRasterBand(1)
    a = hb.ReadAsArray().astype(np.float64)
    b = qb.ReadAsArray().astype(np.float64)
    ha = a == hb.GetNoDataValue() if hb.GetNoDataValue() is not None else np.zeros(a.shape, bool)
    qa = b == qb.GetNoDataValue() if qb.GetNoDataValue() is not None else np.zeros(b.shape, bool)
    if not np.array_equal(ha, qa):
        return f"differ: nodata in {int(ha.sum())} pixels against QGIS's {int(qa.sum())}"
    valid = ~qa
    top = float(np.abs(b[valid]).max()) if valid.any() else 0.0
    diff = float(np.abs(a[valid] - b[valid]).max()) if valid.any() else 0.0
    rel = diff / top if top > 0 else diff
    verdict = "agree" if rel <= 1e-5 else "differ"
    exact = " (bit-equal)" if diff == 0 else ""
    return f"{verdict}: {hd.RasterXSize}x{hd.RasterYSize} pixels, max |diff| / max = {rel:.2e}{exact}"


def clusters(h, q):
    def table(path):
        ds, layer = first_layer(path)
        names = field_names(layer)
        if "CLUSTER_ID" not in names:
            raise RuntimeError(f"{path}: no CLUSTER_ID field")
        key = "id" if "id" in names else None
        layer.SetIgnoredFields([n for n in names if n not in ("CLUSTER_ID", "id")] + ["OGR_GEOMETRY"])
        return {(f.GetField(key) if key else f.GetFID()): f.GetField("CLUSTER_ID") for f in layer}

    a, b = table(h), table(q)
    if a.keys() != b.keys():
        return f"differ: {len(a)} features against QGIS's {len(b)} (or other ids)"
    wrong = [k for k in b if a[k] != b[k]]
    n_clusters = len({v for v in b.values() if v is not None})
    noise = sum(1 for v in b.values() if v is None)
    if not wrong:
        return f"agree: {len(b)} points, {n_clusters} clusters, {noise} noise, every CLUSTER_ID equal"
    # Same partition under other numbers?
    pairs = {(a[k], b[k]) for k in b}
    if len(pairs) == len({p[0] for p in pairs}) == len({p[1] for p in pairs}):
        return f"differ: same clusters, numbered differently ({len(wrong)} of {len(b)} ids differ)"
    k = wrong[0]
    return f"differ: {len(wrong)} of {len(b)} points in another cluster, e.g. {k}: {a[k]} against {b[k]}"


def nni(h, q):
    a, b = results_of(h), results_of(q)
    worst, notes = 0.0, []
    for key in ("OBSERVED_MD", "EXPECTED_MD", "NN_INDEX", "POINT_COUNT", "Z_SCORE"):
        if key not in a:
            return f"differ: htsplan gave no {key}"
        x, y = float(a[key]), float(b[key])
        rel = abs(x - y) / max(abs(y), 1e-300)
        worst = max(worst, rel)
        if rel > 1e-9:
            notes.append(f"{key} {x!r} against {y!r}")
    if notes:
        return "differ: " + "; ".join(notes)
    return f"agree: index {float(b['NN_INDEX']):.6f}, z {float(b['Z_SCORE']):.3f}, worst relative difference {worst:.1e}"


def union_area_in(geoms, province):
    u = ogr.Geometry(ogr.wkbMultiPolygon)
    for g in geoms:
        if g is None:
            continue
        g = g.Clone()
        if g.GetGeometryType() in (ogr.wkbPolygon, ogr.wkbPolygon25D):
            u.AddGeometry(g)
        else:
            for i in range(g.GetGeometryCount()):
                u.AddGeometry(g.GetGeometryRef(i).Clone())
    u = u.UnionCascaded()
    return u.Intersection(province).GetArea()


def coverage(h_json, h_gpkg, q_gpkg, units):
    uds, ul = first_layer(units)
    province = ogr.Geometry(ogr.wkbMultiPolygon)
    for f in ul:
        g = f.GetGeometryRef().MakeValid()
        if g.GetGeometryType() == ogr.wkbMultiPolygon:
            for i in range(g.GetGeometryCount()):
                province.AddGeometry(g.GetGeometryRef(i).Clone())
        else:
            province.AddGeometry(g.Clone())
    province = province.UnionCascaded()
    province_area = province.GetArea()
    qds, ql = first_layer(q_gpkg)
    q_area = union_area_in([f.GetGeometryRef().Clone() for f in ql], province)

    # htsplan: a covered area in its results, else its output layer as the uncovered area.
    how = None
    try:
        res = results_of(h_json)
    except Exception:
        res = {}
    if isinstance(res.get("COVERED_KM2"), (int, float)):
        h_area = float(res["COVERED_KM2"]) * 1e6
        how = "results COVERED_KM2"

    if how is None:
        try:
            hds, hl = first_layer(h_gpkg)
            uncovered = union_area_in([f.GetGeometryRef().Clone() for f in hl], province)
            h_area = province_area - uncovered
            how = "province minus htsplan's uncovered-area output"
        except Exception as e:
            return f"unchecked: no covered area in htsplan's results and its output unreadable ({e})"
    rel = abs(h_area - q_area) / max(q_area, 1e-9)
    verdict = "agree" if rel <= 1e-3 else "differ"
    return (f"{verdict}: covered {h_area / 1e6:.1f} km² ({how}) against QGIS's {q_area / 1e6:.1f} km² "
            f"(buffers clipped to the province), relative difference {rel:.1e}")


def hexcount(h, q, points):
    pds, pl = first_layer(points)
    n = pl.GetFeatureCount()

    def total(path):
        ds, layer = first_layer(path)
        names = field_names(layer)
        field = "NUMPOINTS" if "NUMPOINTS" in names else next(
            (x for x in names if "count" in x.lower() or "total" in x.lower()), None)
        if field is None:
            raise RuntimeError(f"{path}: no count field among {', '.join(names)}")
        cells = {}
        key = "id" if "id" in names else None
        s = 0
        for f in layer:
            v = int(f.GetField(field) or 0)
            s += v
            if key:
                cells[f.GetField(key)] = v
        return s, field, cells

    hs, hf, hc = total(h)
    qs, qf, qc = total(q)
    if hs != qs:
        return f"differ: htsplan counted {hs} ({hf}), QGIS {qs} of {n} points"
    extra = ""
    if hc and qc:
        hn = {k: v for k, v in hc.items() if v}
        qn = {k: v for k, v in qc.items() if v}
        extra = ", every occupied cell equal" if hn == qn else ", cells numbered differently"
    return f"agree: {hs} of {n} points counted in {sum(1 for v in qc.values() if v)} occupied cells{extra}"


def report(metrics):
    """The report's time only counts against the chain of twins when it ran every analysis."""
    doc = json.load(open(metrics, encoding="utf-8"))
    keys = [k.lower() for k in doc.get("analyses", {})]
    wanted = {"kde": ("kde", "kernel", "heatmap"), "dbscan": ("dbscan", "cluster"),
              "nni": ("nni", "nearest"), "coverage": ("coverage",)}
    missing = [name for name, words in wanted.items() if not any(w in k for k in keys for w in words)]
    if missing:
        return f"differ: metrics.json has no section for {', '.join(missing)}"
    return "agree: metrics.json has sections for " + ", ".join(wanted) + " (density per unit is in cities and counties)"


def imported(h_gpkg, h_rows, o_gpkg, rows):
    """htsplan import against ogr2ogr of the same register: every row of the file is
    accounted for on both sides (htsplan: imported or rejected with its row number)."""
    rows = int(rows)
    ds = ogr.Open(h_gpkg)
    per_layer = {ds.GetLayer(i).GetName(): ds.GetLayer(i).GetFeatureCount() for i in range(ds.GetLayerCount())}
    got = sum(per_layer.values())
    import csv
    with open(h_rows, encoding="utf-8-sig", newline="") as f:
        rejected = {r[0] for r in list(csv.reader(f))[1:] if r and r[1].startswith("拒绝")}
    _, layer = first_layer(o_gpkg)
    theirs = layer.GetFeatureCount()
    layers = ", ".join(f"{n} {k}" for k, n in sorted(per_layer.items()))
    text = (f"{rows} rows: htsplan imported {got} ({layers}) and rejected {len(rejected)} with their row numbers; "
            f"ogr2ogr wrote {theirs} features")
    if got + len(rejected) != rows or theirs != rows:
        return "differ: " + text
    return "agree: " + text


def pdf_pages(path):
    import subprocess
    out = subprocess.run(["pdfinfo", path], capture_output=True, text=True, check=True).stdout
    return int(next(l.split(":", 1)[1] for l in out.splitlines() if l.startswith("Pages:")))


def pages(h_pdf, q_pdf):
    """The pack's city atlas against QGIS's atlas export of the same template: as many pages (sizes told)."""
    hp, qp = pdf_pages(h_pdf), pdf_pages(q_pdf)
    text = (f"{hp} pages (htsplan, {os.path.getsize(h_pdf) / 1e6:.1f} MB) against {qp} "
            f"(QGIS, {os.path.getsize(q_pdf) / 1e6:.1f} MB)")
    return ("agree: " if hp == qp and hp > 0 else "differ: ") + text


def pdfsize(pdf, pages_dir):
    """The whole pack's size: its PDF and its PNG pages."""
    pngs = [os.path.join(pages_dir, n) for n in os.listdir(pages_dir) if n.endswith(".png")] if os.path.isdir(pages_dir) else []
    n = pdf_pages(pdf)
    text = (f"{n} pages, PDF {os.path.getsize(pdf) / 1e6:.1f} MB, "
            f"{len(pngs)} PNG pages {sum(os.path.getsize(p) for p in pngs) / 1e6:.1f} MB")
    return ("agree: " if n > 0 and len(pngs) == n else "differ: ") + text


def read_csv_columns(path):
    import csv
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    return ([int(r["neighbours"]) for r in rows], [float(r["gstar"]) for r in rows],
            [float(r["z_ii"]) for r in rows])


def spdep(*paths):
    """htsplan's Gi* and local Moran against spdep's (bench/spdep_stats.R), unit by unit in feature order."""
    if len(paths) == 2:
        nb, gi, zi = read_csv_columns(paths[0])
    else:
        hds, hl = first_layer(paths[0])
        mds, ml = first_layer(paths[1])
        hot = [(f.GetField("NNeighbors"), f.GetField("GiZScore")) for f in hl]
        nb = [n - 1 for n, _ in hot]  # NNeighbors counts the unit itself (Gi*)
        gi = [g for _, g in hot]
        zi = [f.GetField("LMiZScore") for f in ml]
    rnb, rgi, rzi = read_csv_columns(paths[-1])
    if not (len(nb) == len(gi) == len(zi) == len(rnb)):
        return f"differ: {len(nb)} units in htsplan's output, {len(rnb)} in spdep's"
    if nb != rnb:
        k = next(i for i in range(len(nb)) if nb[i] != rnb[i])
        return f"differ: neighbour counts, first at unit {k}: {nb[k]} against spdep's {rnb[k]}"
    worst = {"Gi* z": 0.0, "Z.Ii": 0.0}
    undefined = 0
    for name, ours, theirs in (("Gi* z", gi, rgi), ("Z.Ii", zi, rzi)):
        for i, (a, b) in enumerate(zip(ours, theirs)):
            if math.isnan(b):
                # spdep's NaN (a unit without neighbours: variance 0) is htsplan's z 0, p 1.
                if a != 0:
                    return f"differ: {name} of unit {i}: {a!r} where spdep has NaN"
                undefined += 1
                continue
            d = abs(a - b) / max(1.0, abs(b))
            if not d <= 1e-9:
                return f"differ: {name} of unit {i}: {a!r} against spdep's {b!r}"
            worst[name] = max(worst[name], abs(a - b))
    return (f"agree: {len(nb)} units, {sum(nb)} links, neighbour counts identical; max |diff| Gi* z "
            f"{worst['Gi* z']:.2g}, Z.Ii {worst['Z.Ii']:.2g}; {undefined} spdep NaN = htsplan 0 (no neighbour)")


def main():
    kind, args = sys.argv[1], sys.argv[2:]
    fn = {"counts": counts, "raster": raster, "clusters": clusters, "nni": nni,
          "coverage": coverage, "hexcount": hexcount, "report": report,
          "imported": imported, "pages": pages, "pdfsize": pdfsize, "spdep": spdep}[kind]
    try:
        print(fn(*args))
    except Exception as e:  # a comparison that cannot run is reported, never fatal
        print(f"unchecked: {type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}")


if __name__ == "__main__":
    main()
