/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "charta-portfolio.h"

G_BEGIN_DECLS

#define CHARTA_TYPE_PORTFOLIO_WINDOW (charta_portfolio_window_get_type ())

G_DECLARE_FINAL_TYPE (ChartaPortfolioWindow, charta_portfolio_window, CHARTA, PORTFOLIO_WINDOW, AdwWindow)

/* @app: where a city's project opens (NULL: the default application). */
ChartaPortfolioWindow *charta_portfolio_window_new           (GtkApplication        *app);
/* Loads the projects in @paths (files, or folders of *.charta files) in a thread and shows
 * them; "busy" is TRUE until they are shown. A load started before is cancelled. */
void                   charta_portfolio_window_load          (ChartaPortfolioWindow *self,
                                                              const char * const    *paths);
gboolean               charta_portfolio_window_get_busy      (ChartaPortfolioWindow *self);
/* What is shown, or NULL before a load has finished. */
const ChartaPortfolio *charta_portfolio_window_get_portfolio (ChartaPortfolioWindow *self);

G_END_DECLS
