# The R side of the stats case (bench/run.sh --cases stats): spdep's Getis-Ord
# Gi* and local Moran with a fixed distance band, timed step by step.
# Usage: Rscript spdep_stats.R UNITS.csv BAND_M OUT_DIR
# UNITS.csv: x, y (centroids, metres), value (bench/stats_export.py).
# Writes OUT_DIR/spdep.csv (neighbours, gstar, z_ii: 17 significant digits)
# and OUT_DIR/spdep_times.json (per step: elapsed and CPU seconds, user + system;
# "dbscan": whether dnearneigh could use dbscan's k-d tree).
# The conventions of tests/compare/spdep_reference.R: localG on include.self
# binary weights; localmoran on row-standardised weights with spdep 1.2's
# default variance (conditional = TRUE, mlvar = TRUE), htsplan's VARIANCE 0.
suppressMessages(library(spdep))
args <- commandArgs(trailingOnly = TRUE)
band <- as.numeric(args[2])
out <- args[3]
elapsed <- function(expr) {
  t <- proc.time(); force(expr); d <- proc.time() - t
  c(seconds = d[["elapsed"]], cpu_seconds = d[["user.self"]] + d[["sys.self"]])
}
times <- list()
times$read <- elapsed(units <- read.csv(args[1]))
coords <- cbind(units$x, units$y)
x <- units$value
times$dnearneigh <- elapsed(nb <- dnearneigh(coords, 0, band))
times$nb2listw_gi <- elapsed(lw_gi <- nb2listw(include.self(nb), style = "B", zero.policy = TRUE))
times$localG <- elapsed(g <- localG(x, lw_gi, zero.policy = TRUE))
times$nb2listw_moran <- elapsed(lw <- nb2listw(nb, style = "W", zero.policy = TRUE))
times$localmoran <- elapsed(lm <- localmoran(x, lw, zero.policy = TRUE, conditional = TRUE, mlvar = TRUE))
times$total <- times$dnearneigh + times$nb2listw_gi + times$localG + times$nb2listw_moran + times$localmoran
f <- function(v) formatC(v, digits = 17, format = "g")
write.csv(data.frame(neighbours = card(nb), gstar = f(as.numeric(g)), z_ii = f(lm[, "Z.Ii"])),
          file.path(out, "spdep.csv"), row.names = FALSE, quote = FALSE)
# dnearneigh uses dbscan's k-d tree when dbscan is installed, else a quadratic search.
kd <- tolower(requireNamespace("dbscan", quietly = TRUE))
json <- paste0("{\"dbscan\": ", kd, ", ", paste0(sprintf("\"%s\": {\"seconds\": %.3f, \"cpu_seconds\": %.3f}", names(times),
  vapply(times, `[`, 0, 1), vapply(times, `[`, 0, 2)), collapse = ", "), "}")
writeLines(json, file.path(out, "spdep_times.json"))
cat(json, "\n")
