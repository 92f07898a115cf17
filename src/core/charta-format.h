/* SPDX-License-Identifier: GPL-3.0-or-later */
/* charta-format.h: dates and figures as the user's language writes them. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A date of the project file (YYYY-MM-DD) in the user's language (numeric); a text that
 * is not such a date comes back unchanged. */
char *charta_format_date (const char *iso);
/* A date typed as charta_format_date() shows it ("31-12-2026" in Dutch; leading zeros may be
 * left off) or as the file keeps it, YYYY-MM-DD; written YYYY-MM-DD, or NULL when it is
 * neither or no real day (what the loader refuses is refused). */
char *charta_date_from_shown (const char *text);
/* A share from 0 to 1 as a percentage, e.g. "53%" or "53 %". */
char *charta_format_percent (double fraction);

/* A number for people, with the decimal mark of the user's locale (LC_NUMERIC): "11,5" in
 * Dutch, "11.5" in English. @decimals fixed places, or CHARTA_FORMAT_AS_NEEDED for up to
 * three with the trailing zeros left off. Never for files: JSON, CSV, SVG and XLSX numbers
 * are written with g_ascii_dtostr() and stay the same in every locale. */
#define CHARTA_FORMAT_AS_NEEDED (-1)
char *charta_format_number (double value,
                            int    decimals);
/* A measure's value with its unit, e.g. "11,5 %" or "3 meetings"; @unit may be NULL. */
char *charta_format_value (double      value,
                           const char *unit);

/* The same for a language other than the process's (the hub answers each reader in
 * theirs, and a server rarely has the system's locale data for them): @decimal_mark is
 * that language's, its translation of CHARTA_FORMAT_DECIMAL_MARK ("," in Dutch; NULL:
 * LC_NUMERIC's), and @value_with_unit its translation of CHARTA_FORMAT_VALUE_WITH_UNIT
 * (NULL: the process's). */
#define CHARTA_FORMAT_DECIMAL_MARK_CONTEXT "decimal mark"
#define CHARTA_FORMAT_DECIMAL_MARK "."
#define CHARTA_FORMAT_VALUE_WITH_UNIT_CONTEXT "value with unit"
#define CHARTA_FORMAT_VALUE_WITH_UNIT "%s %s"
char *charta_format_number_in (double      value,
                               int         decimals,
                               const char *decimal_mark);
char *charta_format_value_in  (double      value,
                               const char *unit,
                               const char *decimal_mark,
                               const char *value_with_unit);

/* What an item without a level is called, the one word for it everywhere (window, CLI,
 * report, export): "Not assessed". */
const char *charta_format_not_assessed (void);

/* The locale and the translations of a Charta program; first thing in main(). */
void  charta_i18n_init (void);

G_END_DECLS
