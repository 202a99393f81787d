#!/usr/bin/python3
"""Writes bench/RESULTS.md from the records of one bench/run.sh run.

Exit status 1 when a step of htsplan failed or timed out or an agreement check
did not agree (the failing steps are listed on stderr), else 0.
"""
import argparse
import datetime
import json
import os
import platform
import subprocess
import sys

from results_stats import STATS_BEGIN, STATS_END, stats_section

ALGORITHMS = [  # step, QGIS twin steps, what the twin is
    ("assign", ["assign"], "native:countpointsinpolygon"),
    ("kde", ["kde"], "qgis:heatmapkerneldensityestimation"),
    ("dbscan", ["dbscan"], "native:dbscanclustering"),
    ("nni", ["nni"], "native:nearestneighbouranalysis"),
    ("coverage", ["coverage"], "native:buffer (dissolved)"),
    ("hexdensity", ["hexgrid", "hexcount"], "native:creategrid + native:countpointsinpolygon"),
]
CHAIN = ["assign", "kde", "dbscan", "nni", "coverage", "hexgrid", "hexcount"]


def sh(cmd):
    try:
        return subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=60).stdout.strip()
    except Exception:
        return ""


def machine():
    model = sh("lscpu | sed -n 's/^Model name: *//p' | head -n 1") or platform.processor()
    cpus = sh("nproc") or "?"
    mem_kb = sh("awk '/MemTotal/ {print $2}' /proc/meminfo")
    mem = f"{int(mem_kb) / 1024 / 1024:.1f} GiB" if mem_kb.isdigit() else "?"
    debian = sh("cat /etc/debian_version") or "?"
    qgis = sh("QT_QPA_PLATFORM=offscreen /usr/bin/qgis_process.bin --version 2>/dev/null | sed -n 's/^QGIS //p' | head -n 1")
    gdal = sh("gdal-config --version") or sh("/usr/bin/python3 -c 'from osgeo import gdal; print(gdal.__version__)'")
    return model, cpus, mem, debian, qgis or "?", gdal or "?"


def load(path):
    recs = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                recs.append(json.loads(line))
    return recs


def human(n):
    if n % 1000000 == 0:
        return f"{n // 1000000}M"
    if n % 1000 == 0:
        return f"{n // 1000}k"
    return str(n)


class Run:
    def __init__(self, recs):
        self.recs = recs

    def get(self, size, step, side):
        for r in self.recs:
            if r["size"] == size and r["step"] == step and r["side"] == side:
                return r
        return None

    def sizes(self):
        """The sizes of the algorithm cases (the import cases have their own section)."""
        out = []
        for r in self.recs:
            if r["step"].startswith(("import", "pack", "dashboard", "stats")):
                continue
            if r["size"] not in out:
                out.append(r["size"])
        return out


def cell_seconds(r):
    if r is None:
        return "–"
    if r["status"] == "ok":
        return f"{r['seconds']:.2f}"
    if r["status"] == "timed out":
        return f"timed out ({r['detail'].split('after ')[-1]})"
    return f"{r['status']}"


def cell_mib(r):
    if r is None or r.get("peak_mib") is None or r["status"] in ("failed",):
        return "–"
    return f"{r['peak_mib']:.0f}"


def combine(rs):
    """Several QGIS steps timed as one: seconds summed, peak the largest."""
    rs = [r for r in rs if r is not None]
    if not rs:
        return None
    bad = [r for r in rs if r["status"] != "ok"]
    secs = sum(r["seconds"] or 0.0 for r in rs)
    peak = max((r["peak_mib"] or 0.0) for r in rs)
    if bad:
        return {"status": bad[0]["status"], "seconds": secs, "peak_mib": peak, "detail": bad[0]["detail"]}
    return {"status": "ok", "seconds": secs, "peak_mib": peak, "detail": ""}


def ratio(h, q):
    """QGIS seconds / htsplan seconds; a lower bound ('>=') when QGIS timed out."""
    if h is None or q is None or h["status"] != "ok" or not h["seconds"]:
        return None, ""
    if q["status"] == "ok":
        return q["seconds"] / h["seconds"], ""
    if q["status"] == "timed out" and q["seconds"]:
        return q["seconds"] / h["seconds"], "≥ "
    return None, ""


def fmt_ratio(value, prefix):
    return "–" if value is None else f"{prefix}{value:.1f}×"


def why_not_met(unmet, hs0, qs0):
    """For each 10x goal not met: how much of each side is start-up, from this run's numbers."""
    if not unmet:
        return []
    md = ["", "## Why a goal is not met", ""]
    ok = hs0 and qs0 and hs0["status"] == "ok" and qs0["status"] == "ok"
    for step, twin, h, q in unmet:
        line = f"- **{step}** at 1M: htsplan {h['seconds']:.2f} s, {twin} {q['seconds']:.2f} s."
        if ok:
            hw, qw = h["seconds"] - hs0["seconds"], q["seconds"] - qs0["seconds"]
            line += (f" Start-up is {hs0['seconds']:.2f} s of htsplan's time and {qs0['seconds']:.2f} s of QGIS's; "
                     f"the work after start-up is {hw:.2f} s against {qw:.2f} s. Even with no work at all, htsplan's "
                     f"start-up alone would give at most {q['seconds'] / hs0['seconds']:.1f}×, so process to process "
                     f"the goal cannot be reached while the twin's own work is this small.")
        if step == "coverage":
            line += (" The twin buffers the parks (a few hundred carriers, the same number at every size), not the "
                     "enterprises, so its time does not grow with the point count; htsplan's coverage also clips to "
                     "the province and computes the share of every county, which the twin does not.")
        md.append(line)
    return md


IMPORT_BEGIN = "<!-- import cases: written by bench/run.sh (--cases import rewrites only this section) -->"
IMPORT_END = "<!-- end of the import cases -->"
IMPORT_GOAL = 2.0  # issue 10: htsplan import of the CSV at most 2x ogr2ogr's time


def runs_of(run, step, side):
    """The repetitions of an import step (STEP.1, STEP.2, ...), in order."""
    out = []
    for r in run.recs:
        head, _, k = r["step"].rpartition(".")
        if head == step and k.isdigit() and r["side"] == side:
            out.append(r)
    return out


def best_of(rs):
    ok = [r for r in rs if r["status"] == "ok"]
    if ok:
        return min(ok, key=lambda r: r["seconds"])
    return rs[0] if rs else None


def cell_runs(rs):
    best = best_of(rs)
    if best is None:
        return "–"
    if best["status"] != "ok":
        return f"{best['status']}: {best['detail']}" if best["detail"] else best["status"]
    allruns = ", ".join(f"{r['seconds']:.2f}" if r["status"] == "ok" else r["status"] for r in rs)
    return f"**{best['seconds']:.2f}** ({allruns})" if len(rs) > 1 else f"{best['seconds']:.2f}"


def least_cpu(rs):
    cpus = [r["cpu_seconds"] for r in rs if r["status"] == "ok" and r.get("cpu_seconds") is not None]
    return min(cpus) if cpus else None


def import_section(run, repeat, work, standalone, problems):
    """The import cases (issue 10): htsplan import against ogr2ogr of the same file to GeoPackage."""
    csv_rows = xlsx_rows = None
    for r in run.recs:
        if r["step"].startswith("import_csv."):
            csv_rows = r["size"]
        if r["step"].startswith("import_xlsx."):
            xlsx_rows = r["size"]
    if csv_rows is None and xlsx_rows is None:
        return []
    md = [IMPORT_BEGIN, "## Import (issue 10): htsplan import against ogr2ogr", ""]
    if standalone:
        model, cpus, mem, debian, _, gdal = machine()
        loads = []
        for name in ("load-at-start.txt", "load-at-end.txt"):
            try:
                loads.append(open(os.path.join(work, name)).read().strip().split("load average: ")[-1])
            except OSError:
                pass
        md.append(f"Run on {datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%d %H:%M UTC')} "
                  f"(`bench/run.sh --cases import`, a separate run from the tables above): {model}, {cpus} cores, "
                  f"RAM {mem}; Debian {debian}; GDAL {gdal}" + (f"; load average at start and end {' / '.join(loads)}" if loads else "") + ".")
        md.append("")
    md.append(f"Data: `bench/import_gen.py --seed 1`, a register as a city bureau keeps it: the headers 编号, 名称, 类型, 领域, "
              "状态, 认定年份, 营业收入（万元）, 经度, 纬度; positions on Shandong's land (uniform over the 0.01° cells whose "
              "centre is in the province, lon 114.8-122.7, lat 34.4-38.4, 7 decimals), "
              "declared GCJ-02; 95.5% enterprises, the rest buildings, parks and bases; about 1 row in 1,000 awkward "
              "(an empty longitude or a repeated row, rejected; a year written 2016年, full-width digits, an unknown status). "
              "The CSV is GBK as Excel saves it on a Chinese Windows; the XLSX holds year, revenue and coordinates as numbers.")
    md.append("")
    md.append("- htsplan: `htsplan import FILE --crs gcj02 --out OUT.gpkg`: decodes GBK, maps the Chinese headers, parses "
              "every cell strictly, converts GCJ-02 to CGCS2000, rejects repeats, places every point in its county "
              "(with the shift test), and writes one layer per kind with an R-tree, and the row list `OUT_rows.csv`.")
    md.append("- ogr2ogr: `ogr2ogr -f GPKG OUT.gpkg FILE -oo X_POSSIBLE_NAMES=经度 -oo Y_POSSIBLE_NAMES=纬度 -a_srs EPSG:4490` "
              "(points from the two columns, every other column as text, an R-tree; no recoding, mapping or checks). "
              "GDAL's CSV driver does not recode: on the GBK file it is given the two column names in GBK bytes, "
              "and its field names and texts come out as GBK bytes (mojibake when read as UTF-8); it is also run on a "
              "UTF-8 copy of the same text. The XLSX: `OGR_XLSX_HEADERS=FORCE ogr2ogr -f GPKG OUT.gpkg FILE` "
              "(attributes only: the XLSX driver has no X/Y option), and the same with points and their R-tree through "
              "`-dialect SQLite -sql 'SELECT *, MakePoint(\"经度\", \"纬度\", 4490) AS geom FROM \"名录\"' -nlt POINT`.")
    md.append(f"- Each side ran {repeat} time{'s' if repeat != 1 else ''}, alternating with the other, as whole processes under "
              "`/usr/bin/time -v`; the table gives the best wall time in bold, then every run" +
              (" (the machine is shared: the best is the least disturbed)" if repeat > 1 else "") +
              ", the least CPU time (user + system) of the runs, and the peak resident memory of the best run. "
              "Ratio = htsplan seconds / ogr2ogr seconds (lower is better), of wall time and of CPU time.")
    md += ["", "| case | rows | htsplan s | htsplan CPU s | htsplan peak MiB | ogr2ogr s | ogr2ogr CPU s | ogr2ogr peak MiB | "
           "htsplan / ogr2ogr (wall) | (CPU) | agreement |",
           "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
    goal = None
    for step, twin_step, label, rows in (
            ("import_csv", "import_csv", "CSV, GBK (ogr2ogr on the same file)", csv_rows),
            ("import_csv", "import_csv_utf8", "CSV (ogr2ogr on the UTF-8 copy)", csv_rows),
            ("import_xlsx", "import_xlsx", "XLSX (ogr2ogr: attributes only)", xlsx_rows),
            ("import_xlsx", "import_xlsx_points", "XLSX (ogr2ogr with points, SQLite dialect)", xlsx_rows)):
        if rows is None:
            continue
        hs, os_ = runs_of(run, step, "htsplan"), runs_of(run, twin_step, "ogr2ogr")
        h, o = best_of(hs), best_of(os_)
        value = None
        if h and o and h["status"] == "ok" and o["status"] == "ok" and o["seconds"]:
            value = h["seconds"] / o["seconds"]
        if twin_step == "import_csv":
            goal = (value, h, o, rows)
        if h and h["status"] != "ok" and twin_step == step:
            problems.append(f"{human(rows)} {step}: htsplan {h['status']} {h['detail']}")
        a = run.get(rows, step, "agreement")
        agreement = (a["detail"] if a else "–") if twin_step == step else "(the htsplan runs of the row above)"
        if a and a["status"] != "agree" and twin_step == step:
            problems.append(f"{human(rows)} {step}: {a['detail']}")
        hc, oc = least_cpu(hs), least_cpu(os_)
        cpu_ratio = f"{hc / oc:.2f}×" if hc is not None and oc else "–"
        md.append(f"| {label} | {rows:,} | {cell_runs(hs)} | {'–' if hc is None else f'{hc:.2f}'} | {cell_mib(h)} | "
                  f"{cell_runs(os_)} | {'–' if oc is None else f'{oc:.2f}'} | {cell_mib(o)} | "
                  f"{'–' if value is None else f'{value:.2f}×'} | {cpu_ratio} | {agreement} |")
    if goal:
        value, h, o, rows = goal
        md.append("")
        if value is None:
            md.append(f"Goal (issue 10): CSV import at most {IMPORT_GOAL:g}× ogr2ogr's time: not measured.")
        else:
            verdict = "met" if value <= IMPORT_GOAL else "not met"
            if rows < 1000000:
                verdict = f"not measured (the goal is at 1M rows; at {human(rows)} start-up dominates)"
            md.append(f"Goal (issue 10): CSV import at most {IMPORT_GOAL:g}× ogr2ogr's time, at {human(rows)} rows: "
                      f"{value:.2f}× ({h['seconds']:.2f} s against {o['seconds']:.2f} s, the same GBK file): "
                      f"**{verdict}**.")
        hs0 = run.get(0, "startup", "htsplan")
        if hs0 and hs0["status"] == "ok":
            md.append(f"Start-up of htsplan in this run (`htsplan help htsplan:coverage`, no work): {hs0['seconds']:.2f} s, "
                      f"{hs0['peak_mib']:.0f} MiB; `htsplan import` also loads the county map for the placement check.")
    md.append(IMPORT_END)
    return md


PACK_BEGIN = "<!-- pack cases: written by bench/run.sh (--cases pack rewrites only this section) -->"
PACK_END = "<!-- end of the pack cases -->"


def pack_section(run, work, standalone, problems):
    """The meeting pack (issue 11): htsplan's city atlas against QGIS's atlas export of the same project, and the whole pack."""
    sizes = sorted({r["size"] for r in run.recs if r["step"].startswith(("pack_cities", "pack_whole"))})
    if not sizes:
        return []
    md = [PACK_BEGIN, "## Meeting pack (issue 11): htsplan export against QGIS's own atlas", ""]
    if standalone:
        model, cpus, mem, debian, qgis, _ = machine()
        md.append(f"Machine: {model}, {cpus} cores, {mem}; Debian {debian}; QGIS {qgis}. "
                  f"Date: {datetime.datetime.utcnow():%Y-%m-%d %H:%M} UTC.")
        for name, what in (("load-at-start.txt", "Load at start"), ("load-at-end.txt", "Load at end")):
            try:
                text = open(os.path.join(work, name)).read().strip()
                if text:
                    md.append(f"{what}: {text}")
            except OSError:
                pass
        md.append("")
    md += ["htsplan: `htsplan export --facilities F --pages cities --formats pdf --project --out H` (reads the file, "
           "computes the figures, writes metrics.json, the charts, the city atlas PDF and the QGIS project htsplan_pack.qgz). "
           "QGIS: `qgis_process.bin run native:atlaslayouttopdf --project_path=H/htsplan_pack.qgz -- "
           "LAYOUT='htsplan 城市图集 city atlas' OUTPUT=...` on that project: the same template and layers, "
           "the figures already in its GeoPackage (QGIS computes nothing). Both after one unrecorded warm-up of htsplan; "
           "each side runs --repeat times, alternating: the best wall time in bold, every run after it. "
           "Ratio = QGIS's best seconds / htsplan's best seconds (above 1: htsplan is faster). "
           "Whole pack: `htsplan export --facilities F --out W` (overview, city atlas, analysis pages; one PDF and a PNG per page at 300 dpi).",
           "", "| data | htsplan atlas s | peak MiB | QGIS atlas s | peak MiB | ratio | pages | whole pack s | peak MiB | whole pack |",
           "|---|---:|---:|---:|---:|---:|---|---:|---:|---|"]
    for size in sizes:
        hs = [r for r in runs_of(run, "pack_cities", "htsplan") if r["size"] == size]
        qs = [r for r in runs_of(run, "pack_cities", "qgis") if r["size"] == size]
        h, q = best_of(hs), best_of(qs)
        a = run.get(size, "pack_cities", "agreement")
        w = run.get(size, "pack_whole", "htsplan")
        wa = run.get(size, "pack_whole", "agreement")
        value, prefix = ratio(h, q)
        label = "bundled sample" if size < 10000 else human(size)
        for r, what in ((h, "atlas"), (w, "whole pack")):
            if r and r["status"] != "ok":
                problems.append(f"pack {label} {what}: htsplan {r['status']} {r['detail']}")
        if a and a["status"] != "agree":
            problems.append(f"pack {label}: {a['detail']}")
        if value is not None and not prefix and value < 1:
            problems.append(f"pack {label}: htsplan's atlas ({h['seconds']:.2f} s) is slower than QGIS's ({q['seconds']:.2f} s)")
        hc, qc = least_cpu(hs), least_cpu(qs)
        cpu = f"; least CPU s: htsplan {hc:.2f}, QGIS {qc:.2f}" if hc is not None and qc is not None else ""
        md.append(f"| {label} ({size:,} features) | {cell_runs(hs)} | {cell_mib(h)} | {cell_runs(qs)} | {cell_mib(q)} | "
                  f"{fmt_ratio(value, prefix)} | {(a['detail'] if a else '–') + cpu} | {cell_seconds(w)} | {cell_mib(w)} | "
                  f"{wa['detail'] if wa else '–'} |")
    md.append("")
    slower = [p[len("pack "):] for p in problems if p.startswith("pack ") and " is slower than " in p]
    md.append("Goal: the pack is never slower than QGIS's own atlas (ratio ≥ 1.0×): " +
              ("met." if not slower else "**not met** at " + "; ".join(slower) + "."))
    # Where htsplan's side goes (HTSPLAN_TIMES of its best run): reading and checking the
    # file and computing the figures are work QGIS's side does not do (it draws the project).
    for size in sizes:
        hs = [r for r in runs_of(run, "pack_cities", "htsplan") if r["size"] == size]
        best = best_of(hs)
        if best is None or best["status"] != "ok":
            continue
        k = best["step"].rpartition(".")[2]
        steps = run.get(size, f"pack_steps.{k}", "htsplan")
        if steps:
            label = "bundled sample" if size < 10000 else human(size)
            md.append(f"- {label}, htsplan's best run step by step (`HTSPLAN_TIMES`): {steps['detail']}; "
                      f"the rest of its {best['seconds']:.2f} s is start-up and exit.")
    md.append(PACK_END)
    return md


DASHBOARD_BEGIN = "<!-- dashboard cases: written by bench/run.sh (--cases dashboard rewrites only this section) -->"
DASHBOARD_END = "<!-- end of the dashboard cases -->"


def dashboard_section(run, work, standalone, problems):
    """The dashboard engine (issue 12): the first load and a year change, timed inside one process."""
    figures = [r for r in run.recs if r["step"] == "dashboard_figures" and r["status"] == "ok"]
    failed = [r for r in run.recs if r["step"] == "dashboard" and r["status"] != "ok"]
    for r in failed:
        problems.append(f"dashboard {human(r['size'])}: {r['status']} {r['detail']}")
    if not figures and not failed:
        return []
    md = [DASHBOARD_BEGIN, "## Dashboard engine (issue 12): first load and year change", ""]
    if standalone:
        model, cpus, mem, debian, qgis, _ = machine()
        md.append(f"Machine: {model}, {cpus} cores, {mem}; Debian {debian}; QGIS {qgis}. "
                  f"Date: {datetime.datetime.utcnow():%Y-%m-%d %H:%M} UTC.")
        for name, what in (("load-at-start.txt", "Load at start"), ("load-at-end.txt", "Load at end")):
            try:
                text = open(os.path.join(work, name)).read().strip()
                if text:
                    md.append(f"{what}: {text}")
            except OSError:
                pass
        md.append("")
    md.append("`htsplan-bench-dashboard F --repeat N` (bench/dashboard.cpp), timed inside the process: read = "
              "`loadPlanningInputs` (targets, the 2015 map, the facilities), build = `Dashboard::build` (the metrics at the "
              "last year, the per-year counts, the coverage of each year); first load = read + build. A year change = "
              "`view(year)` (cards, every city and county) + `sectorCounts` and `countsByYear` for every kind (province "
              "and one city) + `countedFilter` for every kind (the map filters' text; QGIS applying them to the layers is not in it), "
              "for every year, N times: median and largest. Process = the whole run under `/usr/bin/time`, all repeats included.")
    md.append("")
    md.append("| data | read s | build s | first load s | year change median ms | max ms | view median µs | max µs | "
              "charts' series median µs | map filters median µs | filter text chars | process s | peak MiB |")
    md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    goals = []
    for r in sorted(figures, key=lambda r: r["size"]):
        f = json.loads(r["detail"])
        p = run.get(r["size"], "dashboard", "htsplan")
        label = f"bundled sample ({r['size']:,} features)" if r["size"] < 10000 else f"{human(r['size'])} ({r['size']:,} features)"
        charts = f["sector_counts"]["median_us"] + f["counts_by_year"]["median_us"]
        md.append(f"| {label} | {f['read_s']:.2f} | {f['build_s']:.2f} | **{f['first_load_s']:.2f}** | "
                  f"{f['year_change']['median_us'] / 1000:.3f} | **{f['year_change']['max_us'] / 1000:.3f}** | "
                  f"{f['view']['median_us']:.0f} | {f['view']['max_us']:.0f} | {charts:.0f} | {f['counted_filter']['median_us']:.0f} | "
                  f"{f['counted_filter_max_chars']:,} | {cell_seconds(p)} | {cell_mib(p)} |")
        if r["size"] >= 1000000:
            goals.append((label, f))
        if not f.get("filters_agree", False):
            problems.append(f"dashboard {label}: the map filters select other counts than the engine's: {f.get('filter_check')}")
    md.append("")
    shared = shared_note(work)
    for label, f in goals:
        change = f["year_change"]["max_us"] / 1000
        load = f["first_load_s"]
        md.append(f"Goals at {label}: a year change ≤ 200 ms: {change:.3f} ms at most ({'met' if change <= 200 else 'not met'}); "
                  f"the first load ≤ 3 s: {load:.2f} s ({'met' if load <= 3 else 'not met'}); its CPU seconds "
                  f"(every thread): {f.get('read_cpu_s', 0) + f.get('build_cpu_s', 0):.2f}.{shared}")
        if change > 200 or load > 3:
            problems.append(f"dashboard {label}: goal not met (year change {change:.3f} ms, first load {load:.2f} s)")
    for r in sorted(figures, key=lambda r: r["size"]):
        f = json.loads(r["detail"])
        cards = ", ".join(f"{y}: " + " ".join(f"{k} {n}" for k, n in c.items()) for y, c in f["cards_by_year"].items())
        name = human(r['size']) if r['size'] >= 10000 else 'bundled sample'
        md.append(f"- {name}: the cards by year (province counts) {cards}.")
        checks = f.get("filter_check", [])
        md.append(f"- {name}: the map filters on the file (GDAL's feature count with `countedFilter` of each kind, first and last year) "
                  f"{'equal' if f.get('filters_agree') else 'DIFFER FROM'} the engine's counts in {len(checks)} checks; "
                  f"CPU seconds: read {f.get('read_cpu_s', 0):.2f}, build {f.get('build_cpu_s', 0):.2f} (the threads' sum).")
    md.append(DASHBOARD_END)
    return md


def shared_note(work):
    """A sentence when the machine was loaded at the start of the run (wall times inflated), else empty."""
    try:
        text = open(os.path.join(work, "load-at-start.txt")).read()
        average = float(text.split("load average:")[1].split(",")[0])
        cores = os.cpu_count() or 1
        if average > cores:
            return (f" The machine was shared during this run (load average {average:.2f} on {cores} cores): "
                    "wall times are inflated by other programs; the CPU seconds are the work itself.")
    except (OSError, IndexError, ValueError):
        pass
    return ""


def splice(path, section, begin=IMPORT_BEGIN, end=IMPORT_END):
    """Replaces a section (between begin and end) of an existing RESULTS.md (or adds it after the generated tables)."""
    try:
        text = open(path, encoding="utf-8").read()
    except OSError:
        text = "# htsplan benchmark results\n"
    new = "\n".join(section)
    if begin in text and end in text:
        head, rest = text.split(begin, 1)
        tail = rest.split(end, 1)[1]
        return head + new + tail
    # After the goals (and their explanations), before the sections written by hand.
    lines = text.split("\n")
    generated = ("## Goals", "## Why a goal is not met", "## Steps that failed")
    at, seen_goals = len(lines), False
    for i, line in enumerate(lines):
        if line.startswith("## Goals"):
            seen_goals = True
        elif seen_goals and line.startswith("## ") and not line.startswith(generated):
            at = i
            break
    # Not inside another generated section: before its begin marker.
    while at > 0 and lines[at - 1].startswith("<!--") and "end of" not in lines[at - 1]:
        at -= 1
    before = "\n".join(lines[:at]).rstrip("\n")
    after = "\n".join(lines[at:])
    return before + "\n\n" + new + "\n" + ("\n" + after if after else "\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--records", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--sizes", default="")
    ap.add_argument("--cases", default="algorithms,import")
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--pack-sizes", default="")
    args = ap.parse_args()
    run = Run(load(args.records))
    problems = []
    cases = args.cases.split(",")
    if "algorithms" not in cases:
        for section, begin, end in ((import_section(run, args.repeat, args.work, True, problems), IMPORT_BEGIN, IMPORT_END),
                                    (pack_section(run, args.work, True, problems), PACK_BEGIN, PACK_END),
                                    (dashboard_section(run, args.work, True, problems), DASHBOARD_BEGIN, DASHBOARD_END),
                                    (stats_section(run, args.work, True, problems), STATS_BEGIN, STATS_END)):
            if section:
                text = splice(args.out, section, begin, end)
                os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
                with open(args.out, "w", encoding="utf-8") as f:
                    f.write(text)
        for p in problems:
            print(f"run.sh: {p}", file=sys.stderr)
        return 1 if problems else 0
    model, cpus, mem, debian, qgis, gdal = machine()
    loadavg = ""
    try:
        loadavg = open(os.path.join(args.work, "load-at-start.txt")).read().strip()
    except OSError:
        pass

    md = ["# htsplan benchmark results", ""]
    md.append("Written by `bench/run.sh` (one run; every number below comes from it). "
              "Times are wall-clock seconds of the whole process (start-up included) and peak memory is the "
              "maximum resident set size, both from `/usr/bin/time -v`. Ratio = QGIS seconds / htsplan seconds. "
              "QGIS runs through `/usr/bin/qgis_process.bin` on the projected copies of the same points.")
    md.append("")
    md.append("## Machine")
    md.append("")
    md.append(f"- CPU: {model}, {cpus} cores; RAM {mem}")
    md.append(f"- Debian {debian}; QGIS {qgis}; GDAL {gdal}")
    md.append(f"- Date: {datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}")
    if loadavg:
        md.append(f"- Load at start (`uptime`): {loadavg}")
    try:
        end = open(os.path.join(args.work, "load-at-end.txt")).read().strip()
        if end:
            md.append(f"- Load at end: {end}")
    except OSError:
        pass
    md.append(f"- Threads: HTSPLAN_THREADS={os.environ.get('HTSPLAN_THREADS', 'unset (all cores)')}")
    md.append("")
    md.append("Data: `htsplan-bench-gen --seed 1` (synthetic facilities over Shandong; N counts all facilities, "
              "about 40 bases, 400 parks and 4,000 buildings, the rest enterprises). The algorithms run on the "
              "enterprises; `htsplan report` reads all four layers of the EPSG:4490 file.")

    hs0, qs0 = run.get(0, "startup", "htsplan"), run.get(0, "startup", "qgis")
    if hs0 or qs0:
        md += ["", "Start-up (each program loading its providers and printing one algorithm's help, no work): "
               f"htsplan {cell_seconds(hs0)} s, {cell_mib(hs0)} MiB; qgis_process.bin {cell_seconds(qs0)} s, "
               f"{cell_mib(qs0)} MiB. Every time below includes it."]

    for size in [s for s in run.sizes() if s > 0]:
        md += ["", f"## {human(size)} points", ""]
        gen = run.get(size, "generate", "tool")
        if gen:
            if gen["status"] == "ok":
                md.append(f"Generated in {gen['seconds']:.1f} s, peak {gen['peak_mib']:.0f} MiB.")
            elif gen["status"] == "reused" and gen.get("seconds"):
                md.append(f"Generated by an earlier run in {gen['seconds']:.1f} s, peak {gen['peak_mib']:.0f} MiB "
                          f"(the files are reused: same seed, same bytes).")
            else:
                md.append(f"Generation: {gen['status']} ({gen['detail']}).")
        floors = []
        for step, what in (("readfloor", "EPSG:4490 facilities file"), ("readfloor_aea", "projected enterprises file")):
            r = run.get(size, step, "tool")
            if r and r["status"] == "ok":
                inner = ""
                try:
                    out = json.load(open(os.path.join(args.work, "runs", str(size), f"{step}.out")))
                    inner = f" ({out['seconds']:.2f} s inside the loop, {out['count']} points)"
                except Exception:
                    pass
                floors.append(f"{what}: {r['seconds']:.2f} s, {r['peak_mib']:.0f} MiB{inner}")
            elif r:
                floors.append(f"{what}: {r['status']} ({r['detail']})")
        if floors:
            md.append("Read floor (`htsplan-bench-readfloor`, coordinates only) — " + "; ".join(floors) + ".")
        md += ["", "| step | htsplan s | htsplan peak MiB | QGIS s | QGIS peak MiB | ratio | agreement |",
               "|---|---:|---:|---:|---:|---:|---|"]
        for step, twin_steps, twin in ALGORITHMS:
            h = run.get(size, step, "htsplan")
            q = combine([run.get(size, s, "qgis") for s in twin_steps])
            a = run.get(size, step, "agreement")
            value, prefix = ratio(h, q)
            hs = cell_seconds(h)
            if h and h["status"] != "ok":
                hs += f": {h['detail']}" if h["detail"] else ""
                problems.append(f"{human(size)} {step}: htsplan {h['status']} {h['detail']}")
            agreement = a["detail"] if a else ("–" if q is None else "not checked")
            if a and a["status"] != "agree":
                problems.append(f"{human(size)} {step}: {a['detail']}")
            md.append(f"| {step} ({twin}) | {hs} | {cell_mib(h)} | {cell_seconds(q)} | {cell_mib(q)} | "
                      f"{fmt_ratio(value, prefix)} | {agreement} |")
        h = run.get(size, "report", "htsplan")
        chain = combine([run.get(size, s, "qgis") for s in CHAIN])
        value, prefix = ratio(h, chain)
        hs = cell_seconds(h)
        if h and h["status"] != "ok":
            hs += f": {h['detail']}"
            problems.append(f"{human(size)} report: htsplan {h['status']} {h['detail']}")
        a = run.get(size, "report", "agreement")
        if a and a["status"] != "agree":
            problems.append(f"{human(size)} report: {a['detail']}")
        md.append(f"| **report** (chain of the QGIS twins above) | {hs} | {cell_mib(h)} | {cell_seconds(chain)} | "
                  f"{cell_mib(chain)} | {fmt_ratio(value, prefix)} | {a['detail'] if a else '–'} |")

    md += ["", "## Goals (issue 3)", "", "| goal | measured | verdict |", "|---|---|---|"]
    m = 1000000
    unmet = []
    for step, twin_steps, twin in ALGORITHMS:
        h = run.get(m, step, "htsplan")
        q = combine([run.get(m, s, "qgis") for s in twin_steps])
        value, prefix = ratio(h, q)
        if value is None:
            measured, verdict = ("not measured" if h is None else f"htsplan {cell_seconds(h)}, QGIS {cell_seconds(q)}"), "not met" if h is not None else "not measured"
        else:
            measured = f"{fmt_ratio(value, prefix)} ({h['seconds']:.2f} s against {q['seconds']:.2f} s)"
            verdict = "met" if value >= 10 else ("not met" if not prefix else "not known (QGIS timed out)")
            if verdict == "not met":
                unmet.append((step, twin, h, q))
        md.append(f"| {step} at 1M ≥ 10× faster than {twin} | {measured} | {verdict} |")
    h = run.get(m, "report", "htsplan")
    chain = combine([run.get(m, s, "qgis") for s in CHAIN])
    value, prefix = ratio(h, chain)
    complete = run.get(m, "report", "agreement")
    caveat = ""
    if complete and complete["status"] != "agree":
        caveat = f" — but the report is incomplete ({complete['detail'].split(': ', 1)[-1]})"
    if value is None:
        md.append(f"| report at 1M ≥ 25× faster than the chain of twins | htsplan {cell_seconds(h)}, chain {cell_seconds(chain)} | "
                  f"{'not measured' if h is None else 'not met'} |")
    else:
        verdict = "met" if value >= 25 else ("not met" if not prefix else "not known (a twin timed out)")
        if caveat:
            verdict = "not known"
        md.append(f"| report at 1M ≥ 25× faster than the chain of twins | {fmt_ratio(value, prefix)} "
                  f"({h['seconds']:.2f} s against {prefix}{chain['seconds']:.1f} s){caveat} | {verdict} |")
    floor = run.get(m, "readfloor", "tool")
    if h and h["status"] == "ok" and floor and floor["status"] == "ok":
        f = h["seconds"] / floor["seconds"]
        verdict = "met" if f <= 20 else "not met"
        if caveat and verdict == "met":
            verdict = "not known"
        md.append(f"| report at 1M ≤ 20× the read floor | {f:.1f}× ({h['seconds']:.2f} s against {floor['seconds']:.2f} s, "
                  f"both whole processes){caveat} | {verdict} |")
    else:
        md.append(f"| report at 1M ≤ 20× the read floor | htsplan {cell_seconds(h)}, floor {cell_seconds(floor)} | "
                  f"{'not measured' if h is None else 'not met'} |")
    h10 = run.get(10 * m, "report", "htsplan")
    if h10 and h10["status"] == "ok":
        complete = run.get(10 * m, "report", "agreement")
        caveat = ""
        if complete and complete["status"] != "agree":
            caveat = f" — report incomplete ({complete['detail'].split(': ', 1)[-1]})"

        def verdict10(ok):
            return "not met" if not ok else ("not known" if caveat else "met")

        md.append(f"| report at 10M ≤ 60 s | {h10['seconds']:.1f} s{caveat} | {verdict10(h10['seconds'] <= 60)} |")
        gib = h10["peak_mib"] / 1024
        md.append(f"| report at 10M ≤ 4 GiB peak | {gib:.2f} GiB{caveat} | {verdict10(gib <= 4)} |")
    else:
        state = "not measured" if h10 is None else "not met"
        md.append(f"| report at 10M ≤ 60 s | {cell_seconds(h10)} | {state} |")
        md.append(f"| report at 10M ≤ 4 GiB peak | {cell_mib(h10)} | {state} |")

    md += why_not_met(unmet, hs0, qs0)
    section = import_section(run, args.repeat, args.work, False, problems)
    if section:
        md += [""] + section
    section = pack_section(run, args.work, False, problems)
    if section:
        md += [""] + section
    section = dashboard_section(run, args.work, False, problems)
    if section:
        md += [""] + section
    section = stats_section(run, args.work, False, problems)
    if section:
        md += [""] + section
    if problems:
        md += ["", "## Steps that failed or disagreed", ""] + [f"- {p}" for p in problems]
    md.append("")
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as f:
        f.write("\n".join(md))
    for p in problems:
        print(f"run.sh: {p}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
