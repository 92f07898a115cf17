/* SPDX-License-Identifier: GPL-3.0-or-later */
/* charta-cli-round.h: the round and changes subcommands. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

int charta_cli_round (int    argc,
                      char **argv);
int charta_cli_changes (int    argc,
                        char **argv);

G_END_DECLS
