"""The stats case's section of RESULTS.md (issue 13, bench/run.sh --cases stats):
Getis-Ord Gi* and local Moran with a fixed distance band on a hexagon grid,
htsplan against R's spdep on the same centroids and weights. Used by results.py."""
import json

STATS_BEGIN = "<!-- stats case: written by bench/run.sh (--cases stats rewrites only this section) -->"
STATS_END = "<!-- end of the stats case -->"
STATS_GOAL = 50.0  # issue 13: htsplan at least 50x faster than spdep


def stats_section(run, work, standalone, problems):
    from results import cell_runs, best_of, human, least_cpu, machine, runs_of, shared_note

    figures = next((r for r in run.recs if r["step"] == "stats_figures" and r["status"] == "ok"), None)
    spdep = next((r for r in run.recs if r["step"] == "stats_spdep_figures" and r["status"] == "ok"), None)
    steps = [r for r in run.recs if r["step"].startswith("stats") and r["side"] != "agreement"]
    for r in steps:
        if r["status"] not in ("ok", "reused"):
            problems.append(f"stats {human(r['size'])} {r['side']} {r['step']}: {r['status']} {r['detail']}")
    if not steps:
        return []
    md = [STATS_BEGIN, "## Spatial statistics against R's spdep (issue 13): Gi* and local Moran on hexagons", ""]
    if standalone:
        model, cpus, mem, debian, _, _ = machine()
        md.append(f"Machine: {model}, {cpus} cores, {mem}; Debian {debian}.")
        md.append("")
    if not figures or not spdep:
        md += ["Not measured: a step failed (listed at the end).", STATS_END]
        return md
    h = json.loads(figures["detail"])
    settings = next((json.loads(x["detail"]) for x in run.recs if x["step"] == "stats_settings"), {})
    h["cell_m"] = settings.get("cell_m", float("nan"))
    r = json.loads(spdep["detail"])
    size = figures["size"]
    hb = h["best"]
    md.append(f"The enterprises of the generated {human(size)} facilities, counted by `htsplan run htsplan:hexdensity` on "
              f"hexagons {h['cell_m']:.0f} m apart (centre to centre; only the cells holding an enterprise are written): "
              f"**{h['units']:,} cells**. Value: COUNT. Weights: fixed distance band of **{h['band_m']:.0f} m** between "
              f"the cells' centroids (GDAL's, the same doubles on both sides: bench/stats_export.py writes them for R), "
              f"mean {h['mean_neighbours']:.2f} neighbours, {h['isolated']:,} cells without one. Gi\\*: binary weights "
              f"with each cell its own neighbour (spdep: `localG(x, nb2listw(include.self(nb), style = \"B\"))`); local "
              f"Moran: row-standardised weights, spdep 1.2's default variance (`localmoran(x, nb2listw(nb, style = \"W\"), "
              f"conditional = TRUE, mlvar = TRUE)`, htsplan's VARIANCE 0).")
    md.append("")
    md.append(f"Kernels: htsplan in one process (`htsplan-bench-stats`, bench/stats.cpp, the calls of htsplan:hotspots and "
              f"htsplan:moran, best of {h['repeat']}) against the same steps in R (`bench/spdep_stats.R`, "
              f"`proc.time()` around each call, one run); neither includes reading the grid. spdep's `dnearneigh` "
              + ("used dbscan's k-d tree (`r-cran-dbscan`, its fastest path)." if r.get("dbscan")
                 else "had no dbscan package and took its quadratic search (install `r-cran-dbscan` for its k-d tree)."))
    md.append("")
    md.append("| step | htsplan s | htsplan CPU s | spdep step | spdep s | spdep CPU s | ratio |")
    md.append("|---|---:|---:|---|---:|---:|---:|")
    pairs = [("neighbours (distance band)", ["neighbours"], "dnearneigh", ["dnearneigh"]),
             ("Gi* (weights + statistic)", ["weights_gi", "gi_star"], "nb2listw + localG", ["nb2listw_gi", "localG"]),
             ("local Moran (weights + statistic)", ["weights_moran", "local_moran"], "nb2listw + localmoran", ["nb2listw_moran", "localmoran"]),
             ("**total**", ["total"], "**total**", ["total"])]
    ratio_total = ratio_cpu = None
    for name, hs, rname, rs in pairs:
        hw = sum(hb[s]["seconds"] for s in hs)
        hc = sum(hb[s]["cpu_seconds"] for s in hs)
        rw = sum(r[s]["seconds"] for s in rs)
        rc = sum(r[s]["cpu_seconds"] for s in rs)
        ratio = rw / hw if hw > 0 else None
        if name == "**total**":
            ratio_total = ratio
            ratio_cpu = rc / hc if hc > 0 else None
        shown = "–" if ratio is None else f"{ratio:,.0f}×"
        md.append(f"| {name} | {hw:.3f} | {hc:.3f} | {rname} | {rw:.2f} | {rc:.2f} | {shown} |")
    md.append("")
    hot = best_of(runs_of(run, "stats_hotspots", "htsplan"))
    moran = best_of(runs_of(run, "stats_moran", "htsplan"))
    whole_r = run.get(size, "stats_spdep", "spdep")
    whole_r_s = "–" if whole_r is None else f"{whole_r['seconds']:.2f}"
    ratio_s = "–" if ratio_total is None else f"{ratio_total:,.0f}×"
    md.append("Whole processes (`/usr/bin/time`): "
              f"`htsplan run htsplan:hotspots` {cell_runs(runs_of(run, 'stats_hotspots', 'htsplan'))} s, "
              f"`htsplan run htsplan:moran` (PERMUTATIONS=0; it adds the global I) {cell_runs(runs_of(run, 'stats_moran', 'htsplan'))} s, "
              f"each reading the grid's GeoPackage through QGIS and writing one with the results; "
              f"`Rscript bench/spdep_stats.R` (start-up, `library(spdep)`, the CSV, the steps above, writing the results) "
              f"{whole_r_s} s. R read its CSV in {r['read']['seconds']:.2f} s; "
              f"htsplan-bench-stats read the GeoPackage in {h['read_seconds']:.2f} s. "
              f"The grid: `htsplan:hexdensity` {cell_runs([run.get(size, 'stats_hexdensity', 'htsplan')])} s.")
    if hot and moran and whole_r and hot["status"] == moran["status"] == whole_r["status"] == "ok":
        both = hot["seconds"] + moran["seconds"]
        md.append(f"Whole processes, hotspots + moran against the R script: {whole_r['seconds'] / both:.1f}× "
                  f"({both:.2f} s against {whole_r['seconds']:.2f} s); htsplan's CPU seconds "
                  f"{(least_cpu(runs_of(run, 'stats_hotspots', 'htsplan')) or 0) + (least_cpu(runs_of(run, 'stats_moran', 'htsplan')) or 0):.2f}.")
    md.append("")
    for step, what in (("stats_kernels", "Kernels' results (htsplan-bench-stats) against spdep"),
                       ("stats_cli", "`htsplan run` outputs (GiZScore, NNeighbors − 1, LMiZScore) against spdep")):
        a = run.get(size, step, "agreement")
        md.append(f"- {what}: {a['detail'] if a else 'not compared'}.")
        if a is None or a["status"] != "agree":
            problems.append(f"stats {human(size)} {step}: {a['detail'] if a else 'not compared'}")
    md.append("")
    verdict = "met" if ratio_total is not None and ratio_total >= STATS_GOAL else "not met"
    if size < 1000000:
        verdict = "not judged below 1M units of data"
    cpu_s = "–" if ratio_cpu is None else f"{ratio_cpu:,.0f}×"
    md.append(f"Goal (htsplan at least {STATS_GOAL:.0f}× faster than spdep, kernels against spdep's calls, wall time): "
              f"{ratio_s}, {verdict}; in CPU seconds {cpu_s}.{shared_note(work)}")
    if verdict == "not met":
        problems.append(f"stats {human(size)}: goal not met ({ratio_s} < {STATS_GOAL:.0f}×)")
    md.append(STATS_END)
    return md
