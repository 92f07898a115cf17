/* SPDX-License-Identifier: GPL-3.0-or-later */
/* charta-portfolio.h: several cities side by side, from local project files, no server.
 *
 * A consultant's folder of projects, or a programme's mentoring pairs: per city the level of
 * each item (rows: the items any city assessed, in catalogue order) with the network's
 * median, the actions by status, the overdue ones, the last reporting round and the reviews
 * in progress. A file that does not load stays in the portfolio with its error: a city is
 * never silently left out. charta-cli portfolio prints it; the window can show it. */
#pragma once

#include "charta-project.h"
#include "charta-summary.h"

G_BEGIN_DECLS

typedef struct {
  char *path;               /* as given, or the folder joined with the file's name */
  ChartaProject *project;   /* NULL when the file did not load */
  char *error;              /* why not: "FILE:LINE:COLUMN: field: message" lines */
  guint actions[CHARTA_N_STATUSES];
  guint n_overdue;
  const ChartaRound *last_round;  /* the latest closed, or NULL */
  guint n_reviews_in_progress;
} ChartaPortfolioEntry;

typedef struct {
  const ChartaItem *item;
  int *levels;              /* one per entry, CHARTA_UNSET where not assessed or not loaded */
  double median;            /* of the levels given, or NAN when none */
  guint n_assessed;
} ChartaPortfolioRow;

typedef struct {
  char *today;              /* YYYY-MM-DD: what overdue is counted against */
  GPtrArray *entries;       /* of ChartaPortfolioEntry, in the order of the paths given */
  GPtrArray *rows;          /* of ChartaPortfolioRow, in catalogue order */
} ChartaPortfolio;

/* Opens every project in @paths: a file, or a folder whose *.charta files are taken in
 * name order (not its subfolders). A path that cannot be read is an entry with its error.
 * @today: "YYYY-MM-DD" or NULL for today's local date. */
ChartaPortfolio *charta_portfolio_new (const char * const *paths,
                                       const char         *today);
void             charta_portfolio_free (ChartaPortfolio *portfolio);

guint            charta_portfolio_count_failed (const ChartaPortfolio *portfolio);

/* Whether @row's item is shown under a filter: in @framework, under the DIVE @group and
 * serving the Charter @role (the role itself, a commitment under it, or a DIVE item that
 * serves it or one of its commitments). A NULL filter lets every row through. */
gboolean         charta_portfolio_row_matches (const ChartaPortfolioRow *row,
                                               const ChartaFramework    *framework,
                                               const ChartaItem         *group,
                                               const ChartaItem         *role);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChartaPortfolio, charta_portfolio_free)

G_END_DECLS
