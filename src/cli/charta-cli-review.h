/* SPDX-License-Identifier: GPL-3.0-or-later */
/* charta-cli-review.h: the review and portfolio subcommands. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

int charta_cli_review    (int    argc,
                          char **argv);
int charta_cli_portfolio (int    argc,
                          char **argv);

G_END_DECLS
