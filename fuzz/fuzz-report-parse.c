/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-report-parse.c: libFuzzer target for the hub's report parser and checks.
 *
 * charta_report_parse() reads what any client sends the hub. For every input:
 *   - a refusal has a CHARTA_REPORT_ERROR with a message;
 *   - an accepted report has a valid id that is the UUID v5 of its project and period,
 *     a revision that is the SHA-256 of its content (charta_report_compute_revision), a
 *     period charta_report_period_range() accepts with start <= end; its canonical bytes
 *     (charta_report_to_bytes) parse again to the same id and revision and write the same
 *     bytes again (a fixed point);
 *   - charta_report_period_range() on the input's first line never misbehaves, and what
 *     it accepts has start <= end.
 * GLib criticals and warnings are fatal. Built and run by fuzz/build-and-run.sh. */
#include "config.h"

#include <glib.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "charta-report.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

#define CHECK(cond, ...)                                                        \
  G_STMT_START {                                                                \
    if (G_UNLIKELY (!(cond)))                                                   \
      {                                                                         \
        fprintf (stderr, "fuzz-report-parse: check failed: %s\n  ", #cond);    \
        fprintf (stderr, __VA_ARGS__);                                          \
        fprintf (stderr, "\n");                                                 \
        abort ();                                                               \
      }                                                                         \
  } G_STMT_END

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  return 0;
}

static void
fuzz_period (const char *data, size_t size)
{
  g_autofree char *period = g_strndup (data, MIN (size, 32));
  g_autofree char *start = NULL, *end = NULL;
  g_autoptr(GError) error = NULL;

  period[strcspn (period, "\n")] = '\0';
  if (!g_utf8_validate (period, -1, NULL))
    return;
  if (charta_report_period_range (period, &start, &end, &error))
    {
      CHECK (error == NULL, "a period accepted with an error");
      CHECK (start != NULL && end != NULL && strlen (start) == 10 && strlen (end) == 10, "period %s", period);
      CHECK (strcmp (start, end) <= 0, "period %s runs from %s to %s", period, start, end);
    }
  else
    CHECK (error != NULL && error->domain == CHARTA_REPORT_ERROR, "period %s refused without an error", period);
}

static void
fuzz_report (const char *data, size_t size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) error2 = NULL;
  g_autoptr(ChartaReport) report = NULL;
  g_autoptr(ChartaReport) again = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) bytes2 = NULL;
  g_autofree char *revision = NULL, *id = NULL, *start = NULL, *end = NULL;

  report = charta_report_parse (data, size, &error);
  if (report == NULL)
    {
      CHECK (error != NULL, "charta_report_parse returned NULL without an error");
      CHECK (error->domain == CHARTA_REPORT_ERROR, "error domain %s", g_quark_to_string (error->domain));
      CHECK (error->message != NULL && *error->message != '\0', "an empty message");
      return;
    }
  CHECK (error == NULL, "an accepted report set an error: %s", error->message);
  CHECK (report->id != NULL && g_uuid_string_is_valid (report->id), "id %s", report->id);
  CHECK (report->revision != NULL && strlen (report->revision) == 64, "revision %s", report->revision);
  CHECK (report->project != NULL && report->period != NULL && report->city_id != NULL, "a field is missing");
  revision = charta_report_compute_revision (report->root);
  CHECK (g_strcmp0 (revision, report->revision) == 0, "revision %s, content %s", report->revision, revision);
  id = charta_report_make_id (report->project, report->period);
  CHECK (g_strcmp0 (id, report->id) == 0, "id %s, expected %s", report->id, id);
  CHECK (charta_report_period_range (report->period, &start, &end, NULL), "period %s", report->period);
  CHECK (strcmp (start, end) <= 0, "period %s runs from %s to %s", report->period, start, end);

  bytes = charta_report_to_bytes (report);
  again = charta_report_parse (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error2);
  CHECK (again != NULL, "the canonical report does not parse: %s\n%s", error2->message,
         (const char *) g_bytes_get_data (bytes, NULL));
  CHECK (strcmp (again->id, report->id) == 0 && strcmp (again->revision, report->revision) == 0,
         "the canonical report is another report");
  bytes2 = charta_report_to_bytes (again);
  CHECK (g_bytes_equal (bytes, bytes2), "the canonical report is not a fixed point");
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  fuzz_report ((const char *) data, size);
  fuzz_period ((const char *) data, size);
  return 0;
}
