/* SPDX-License-Identifier: GPL-3.0-or-later */
/* charta-cli-merge.h: the merge subcommand, and what validate says about merges. */
#pragma once

#include "charta-project.h"

G_BEGIN_DECLS

int      charta_cli_merge (int    argc,
                           char **argv);

/* Prints "FILE: N unresolved conflicts…" for a project that holds recorded conflicts
 * and returns TRUE; FALSE (and prints nothing) for one without. */
gboolean charta_cli_report_conflicts (const char          *path,
                                      const ChartaProject *project);

G_END_DECLS
