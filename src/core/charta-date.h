/* SPDX-License-Identifier: GPL-3.0-or-later */
/* charta-date.h: the one rule for the dates and times a project file holds.
 *
 * The loader, the report checks, the hub and every editor call these, so a field refuses
 * exactly what the loader would refuse, with the same message. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A calendar date written YYYY-MM-DD: four-digit year from 0001, a real day of that month.
 * Nothing else: no week dates, no ordinal dates, no spaces, no signs. */
gboolean charta_date_is_valid      (const char *text);

/* A date and time in RFC 3339 form: YYYY-MM-DDTHH:MM:SS, optional fraction, then "Z" or
 * an offset ±HH:MM with hours 00–23 and minutes 00–59. */
gboolean charta_timestamp_is_valid (const char *text);

/* The message a field shows (and the loader reports) for a text that is not a date or a
 * timestamp; translated, with the text quoted. */
char    *charta_date_describe_invalid      (const char *text);
char    *charta_timestamp_describe_invalid (const char *text);

/* A date as a person types it in their locale ("31/12/2026" in Dutch, "12/31/2026" in
 * American English, "31 December 2026") or as YYYY-MM-DD, written YYYY-MM-DD; NULL when it
 * reads as no date. The form a file holds stays YYYY-MM-DD: this only reads what is typed. */
char    *charta_date_from_locale (const char *text);

/* Today in the local time zone, YYYY-MM-DD. */
char    *charta_date_today (void);

G_END_DECLS
