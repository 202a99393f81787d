# The reference for analysis/stats: R's spdep on the units the C++ test
# writes. Usage: Rscript spdep_reference.R DIR
# DIR/units.csv: wkt (projected, metres), x, y (the points for distance and
# k-nearest weights), value. DIR/schemes.csv: name, kind (queen, rook, band,
# knn), parameter (snap m, band m, k). Writes per scheme DIR/nb_NAME.txt
# (1-based neighbours per line, empty when none), DIR/global_NAME.csv and
# DIR/local_NAME.csv, every number with 17 significant digits.
suppressMessages(library(spdep))
args <- commandArgs(trailingOnly = TRUE)
dir <- args[1]
units <- read.csv(file.path(dir, "units.csv"), stringsAsFactors = FALSE)
schemes <- read.csv(file.path(dir, "schemes.csv"), stringsAsFactors = FALSE)
geometry <- sf::st_as_sfc(units$wkt)
coords <- cbind(units$x, units$y)
x <- units$value
f <- function(v) formatC(v, digits = 17, format = "g")
for (s in seq_len(nrow(schemes))) {
  name <- schemes$name[s]
  kind <- schemes$kind[s]
  parameter <- schemes$parameter[s]
  nb <- switch(kind,
    queen = poly2nb(geometry, queen = TRUE, snap = parameter),
    rook = poly2nb(geometry, queen = FALSE, snap = parameter),
    # spdep's own search, whether or not dbscan is installed: with dbscan, knearneigh
    # takes dbscan's k-d tree, which breaks ties between equally near units otherwise.
    band = dnearneigh(coords, 0, parameter, use_kd_tree = FALSE),
    knn = knn2nb(knearneigh(coords, k = parameter, use_kd_tree = FALSE)))
  lines <- vapply(nb, function(v) paste(v[v > 0], collapse = " "), "")
  writeLines(lines, file.path(dir, paste0("nb_", name, ".txt")))

  lw <- nb2listw(nb, style = "W", zero.policy = TRUE)
  r <- moran.test(x, lw, randomisation = TRUE, zero.policy = TRUE)
  n <- moran.test(x, lw, randomisation = FALSE, zero.policy = TRUE)
  global <- data.frame(I = f(r$estimate[1]), E = f(r$estimate[2]),
    var_randomisation = f(r$estimate[3]), z_randomisation = f(r$statistic),
    p_randomisation = f(r$p.value),
    var_normality = f(n$estimate[3]), z_normality = f(n$statistic),
    p_normality = f(n$p.value),
    p_permutation = f({ set.seed(1); moran.mc(x, lw, nsim = 9999, zero.policy = TRUE)$p.value }))
  write.csv(global, file.path(dir, paste0("global_", name, ".csv")), row.names = FALSE, quote = FALSE)

  conditional <- localmoran(x, lw, zero.policy = TRUE, conditional = TRUE, mlvar = TRUE)
  total <- localmoran(x, lw, zero.policy = TRUE, conditional = FALSE, mlvar = TRUE)
  g <- localG(x, nb2listw(include.self(nb), style = "B", zero.policy = TRUE), zero.policy = TRUE)
  local <- data.frame(Ii = f(conditional[, "Ii"]),
    z_conditional = f(conditional[, "Z.Ii"]), z_total = f(total[, "Z.Ii"]),
    p_conditional = f(conditional[, 5]), gstar = f(as.numeric(g)))
  write.csv(local, file.path(dir, paste0("local_", name, ".csv")), row.names = FALSE, quote = FALSE)
}
