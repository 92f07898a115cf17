/* SPDX-License-Identifier: GPL-3.0-or-later */
/* charta-cli-private.h: what the subcommands of charta-cli share. */
#pragma once

#include "charta-project.h"

G_BEGIN_DECLS

/* Loads and validates @path (a path, never a URI), printing the validator's messages
 * with the file named as the user typed it; NULL when it does not load. *@etag, when
 * given, receives what a later replace checks. */
ChartaProject *charta_cli_load_project (const char  *path,
                                        char       **etag);

G_END_DECLS
