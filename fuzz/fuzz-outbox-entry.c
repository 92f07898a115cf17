/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-outbox-entry.c: libFuzzer target for the outbox entry reader.
 *
 * charta_outbox_entry_parse() reads what charta_outbox_list() finds in each file of the
 * outbox, which anything on the machine may have written or truncated. For every input:
 *   - a refusal has an error (CHARTA_SYNC_ERROR, or CHARTA_JSON_ERROR for bad JSON);
 *   - an accepted entry names a report by a valid UUID, has a revision and an endpoint,
 *     and its body is exactly what it claims (the reader checked its SHA-256): JSON that
 *     parses, ends with one newline, and is written back byte for byte by the canonical
 *     writer; the hub's parser then reads that body without misbehaving.
 * GLib criticals and warnings are fatal. Built and run by fuzz/build-and-run.sh. */
#include "config.h"

#include <glib.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "charta-report.h"
#include "charta-sync.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

#define CHECK(cond, ...)                                                        \
  G_STMT_START {                                                                \
    if (G_UNLIKELY (!(cond)))                                                   \
      {                                                                         \
        fprintf (stderr, "fuzz-outbox-entry: check failed: %s\n  ", #cond);    \
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

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChartaOutboxEntry) entry = charta_outbox_entry_parse ((const char *) data, size, &error);
  g_autoptr(ChartaNode) body = NULL;
  g_autoptr(GString) rewritten = g_string_new (NULL);
  g_autoptr(ChartaReport) report = NULL;
  const char *bytes;
  gsize len;

  if (entry == NULL)
    {
      CHECK (error != NULL, "charta_outbox_entry_parse returned NULL without an error");
      CHECK (error->domain == CHARTA_SYNC_ERROR || error->domain == CHARTA_JSON_ERROR,
             "error domain %s", g_quark_to_string (error->domain));
      return 0;
    }
  CHECK (error == NULL, "an accepted entry set an error: %s", error->message);
  CHECK (entry->report_id != NULL && g_uuid_string_is_valid (entry->report_id), "report id %s", entry->report_id);
  CHECK (entry->revision != NULL && entry->endpoint != NULL, "a field is missing");
  CHECK (entry->body != NULL, "no body");
  bytes = g_bytes_get_data (entry->body, &len);
  CHECK (len >= 2 && bytes[len - 1] == '\n', "the body does not end with a newline");
  body = charta_json_parse (bytes, len, NULL, NULL, NULL);
  CHECK (body != NULL, "the body is not JSON");
  charta_json_write (rewritten, body, 0);
  g_string_append_c (rewritten, '\n');
  CHECK (rewritten->len == len && memcmp (rewritten->str, bytes, len) == 0, "the body is not canonical");
  report = charta_report_parse (bytes, len, NULL);
  return 0;
}
