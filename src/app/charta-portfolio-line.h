/* SPDX-License-Identifier: GPL-3.0-or-later */
/* charta-portfolio-line.h: one row of the portfolio window's table: a catalogue item with
 * each city's level and the network median, or one figure (actions of a status, overdue
 * actions, the last round, reviews in progress) per city. Each cell holds the text shown
 * and the value it sorts by. */
#pragma once

#include <glib-object.h>

#include "charta-portfolio.h"

G_BEGIN_DECLS

#define CHARTA_TYPE_PORTFOLIO_LINE (charta_portfolio_line_get_type ())
G_DECLARE_FINAL_TYPE (ChartaPortfolioLine, charta_portfolio_line, CHARTA, PORTFOLIO_LINE, GObject)

/* @key: the item's id, or "actions:STATUS", "overdue", "round", "reviews"; @row: the
 * portfolio's row of an item (borrowed), NULL for a figure. */
ChartaPortfolioLine     *charta_portfolio_line_new (const char               *key,
                                                    const char               *title,
                                                    const ChartaPortfolioRow *row,
                                                    guint                     n_cities);
const char              *charta_portfolio_line_get_key (ChartaPortfolioLine *self);
const char              *charta_portfolio_line_get_title (ChartaPortfolioLine *self);
const ChartaPortfolioRow *charta_portfolio_line_get_row (ChartaPortfolioLine *self);
guint                    charta_portfolio_line_get_n_cities (ChartaPortfolioLine *self);
/* @city: the column of a city that loaded; NULL text where the city has no figure. A
 * NAN value sorts after every number. */
void                     charta_portfolio_line_set_cell (ChartaPortfolioLine *self,
                                                         guint                city,
                                                         const char          *text,
                                                         double               value);
const char              *charta_portfolio_line_get_text (ChartaPortfolioLine *self,
                                                         guint                city);
double                   charta_portfolio_line_get_value (ChartaPortfolioLine *self,
                                                          guint                city);
void                     charta_portfolio_line_set_median (ChartaPortfolioLine *self,
                                                           const char          *text,
                                                           double               value);
const char              *charta_portfolio_line_get_median_text (ChartaPortfolioLine *self);
double                   charta_portfolio_line_get_median (ChartaPortfolioLine *self);

G_END_DECLS
