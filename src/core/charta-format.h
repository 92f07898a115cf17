/* SPDX-License-Identifier: GPL-3.0-or-later */
/* charta-format.h: dates and figures as the user's language writes them. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A date of the project file (YYYY-MM-DD) in the user's language (numeric); a text that
 * is not such a date comes back unchanged. */
char *charta_format_date (const char *iso);
/* A share from 0 to 1 as a percentage, e.g. "53%" or "53 %". */
char *charta_format_percent (double fraction);

/* The locale and the translations of a Charta program; first thing in main(). */
void  charta_i18n_init (void);

G_END_DECLS
