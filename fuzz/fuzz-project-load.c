/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-project-load.c: libFuzzer target for the strict JSON reader and the project loader.
 *
 * Every input goes through both layers, so the seed corpus (real project files) feeds the
 * loader and the reader alike:
 *
 *   1. charta_json_parse(): on failure the error must be a CHARTA_JSON_ERROR whose message
 *      starts with the "LINE:COLUMN: " it reports; on success the canonical writer's text
 *      must parse again to an equal tree and re-serialise byte for byte, and a deep copy
 *      must compare equal; charta_json_parse_canonical() must read the same tree and
 *      find it laid out as the writer would exactly when charta_json_is_text() does.
 *   2. charta_project_load_from_data(): on failure the error must be set and name the
 *      file; on success charta_project_to_data() must load again, and re-serialise byte
 *      for byte (the canonical form is a fixed point) and be laid out exactly as
 *      charta_json_write() lays out the same tree; the reloaded project and a deep
 *      copy must compare equal to the first (when the core has charta_project_copy/
 *      _equal), and a progress summary must be computable.
 *
 * GLib criticals and warnings are made fatal: a g_return_if_fail() tripped by an input is
 * a bug. Built and run by fuzz/build-and-run.sh (clang, outside meson's compiler). */
#include "config.h"

#include <glib.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "charta-catalogue.h"
#include "charta-json.h"
#include "charta-project.h"
#include "charta-summary.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* Deep copy and comparison of a whole project, used when the core has them: declared
 * weak so this target also builds against a core without them. */
ChartaProject *charta_project_copy (const ChartaProject *object);
gboolean charta_project_equal (const ChartaProject *a, const ChartaProject *b);
#pragma weak charta_project_copy
#pragma weak charta_project_equal

#define CHECK(cond, ...)                                                        \
  G_STMT_START {                                                                \
    if (G_UNLIKELY (!(cond)))                                                   \
      {                                                                         \
        fprintf (stderr, "fuzz-project-load: check failed: %s\n  ", #cond);    \
        fprintf (stderr, __VA_ARGS__);                                          \
        fprintf (stderr, "\n");                                                 \
        abort ();                                                               \
      }                                                                         \
  } G_STMT_END

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  /* The catalogue is a process-wide singleton loaded once; load it before the first
   * input so its allocations are not attributed to that input by the leak checker. */
  CHECK (charta_catalogue_get_default () != NULL, "the built-in catalogue did not load");
  return 0;
}

static char *
json_to_text (const ChartaNode *node, gsize *len)
{
  GString *out = g_string_new (NULL);

  charta_json_write (out, node, 0);
  *len = out->len;
  return g_string_free (out, FALSE);
}

static gboolean
message_has_position (const char *message)
{
  /* "LINE:COLUMN: " with both numbers from 1. */
  char *end;
  guint64 line = g_ascii_strtoull (message, &end, 10);
  guint64 column;

  if (end == message || line == 0 || *end != ':')
    return FALSE;
  message = end + 1;
  column = g_ascii_strtoull (message, &end, 10);
  return end != message && column != 0 && end[0] == ':' && end[1] == ' ';
}

static gboolean
fuzz_json (const char *data, size_t size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) error2 = NULL;
  g_autoptr(ChartaNode) root = NULL;
  g_autoptr(ChartaNode) again = NULL;
  g_autoptr(ChartaNode) copy = NULL;
  g_autofree char *text = NULL;
  g_autofree char *text2 = NULL;
  gsize len, len2;
  guint line = 0, column = 0;

  root = charta_json_parse (data, size, &line, &column, &error);
  if (root == NULL)
    {
      CHECK (error != NULL, "charta_json_parse returned NULL without an error");
      CHECK (error->domain == CHARTA_JSON_ERROR, "error domain %s", g_quark_to_string (error->domain));
      CHECK (line >= 1 && column >= 1, "position %u:%u", line, column);
      CHECK (message_has_position (error->message), "message “%s”", error->message);
      return FALSE;
    }
  CHECK (error == NULL, "a parse that succeeded set an error: %s", error->message);

  /* The layout found as the text is read is the layout compared with the writer's. */
  {
    gboolean laid_out = FALSE;
    g_autoptr(ChartaNode) tree = charta_json_parse_canonical (data, size, &laid_out, NULL);
    CHECK (tree != NULL && charta_node_equal (root, tree), "charta_json_parse_canonical read another tree");
    CHECK (laid_out == charta_json_is_text (root, data, size), "charta_json_parse_canonical says %d", laid_out);
  }

  copy = charta_node_copy (root);
  CHECK (charta_node_equal (root, copy), "a copy differs from its original");

  text = json_to_text (root, &len);
  CHECK (strlen (text) == len, "the writer wrote a NUL byte");
  again = charta_json_parse (text, len, NULL, NULL, &error2);
  CHECK (again != NULL, "the writer's output does not parse: %s\n--- output ---\n%s",
         error2->message, text);
  CHECK (charta_node_equal (root, again), "the writer's output parses to a different tree\n--- output ---\n%s", text);
  text2 = json_to_text (again, &len2);
  CHECK (len == len2 && memcmp (text, text2, len) == 0,
         "the writer is not idempotent\n--- first ---\n%s\n--- second ---\n%s", text, text2);
  return TRUE;
}

static void
fuzz_project (const char *data, size_t size, gboolean is_json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) error2 = NULL;
  g_autoptr(ChartaProject) project = NULL;
  g_autoptr(ChartaProject) reloaded = NULL;
  g_autoptr(ChartaSummary) summary = NULL;
  g_autofree char *text = NULL;
  g_autofree char *text2 = NULL;
  gsize len = 0, len2 = 0;

  project = charta_project_load_from_data (data, size, "fuzz", &error);
  if (project == NULL)
    {
      CHECK (error != NULL, "charta_project_load_from_data returned NULL without an error");
      CHECK (error->domain == CHARTA_PROJECT_ERROR, "error domain %s", g_quark_to_string (error->domain));
      CHECK (g_str_has_prefix (error->message, "fuzz:"), "message does not name the file: “%s”", error->message);
      return;
    }
  CHECK (error == NULL, "a load that succeeded set an error: %s", error->message);
  CHECK (is_json, "the project loaded but the JSON reader refused the same bytes");

  text = charta_project_to_data (project, &len);
  CHECK (text != NULL && strlen (text) == len, "charta_project_to_data wrote a NUL byte");
  CHECK (len >= 2 && text[len - 1] == '\n' && text[len - 2] != '\n', "no single trailing newline");

  reloaded = charta_project_load_from_data (text, len, "fuzz-canonical", &error2);
  CHECK (reloaded != NULL, "the canonical form does not load again:\n%s\n--- canonical ---\n%s",
         error2->message, text);
  text2 = charta_project_to_data (reloaded, &len2);
  CHECK (len == len2 && memcmp (text, text2, len) == 0,
         "the canonical form is not a fixed point\n--- first ---\n%s\n--- second ---\n%s", text, text2);

  /* The project writer and the generic JSON writer agree on the layout, unknown
   * members (written by charta_json_write) included. */
  {
    g_autoptr(ChartaNode) tree = charta_json_parse (text, len, NULL, NULL, NULL);
    g_autofree char *generic = NULL;
    gsize glen;

    CHECK (tree != NULL, "the canonical form is not JSON");
    generic = json_to_text (tree, &glen);
    CHECK (glen + 1 == len && memcmp (generic, text, glen) == 0,
           "the project writer and the JSON writer disagree\n--- project ---\n%s\n--- json ---\n%s\n",
           text, generic);
  }

  if (charta_project_copy != NULL && charta_project_equal != NULL)
    {
      g_autoptr(ChartaProject) copy = charta_project_copy (project);
      g_autofree char *text3 = NULL;
      gsize len3 = 0;

      CHECK (charta_project_equal (project, copy), "a copy differs from its original");
      CHECK (charta_project_equal (project, reloaded), "the reloaded project differs from the first load");
      text3 = charta_project_to_data (copy, &len3);
      CHECK (len == len3 && memcmp (text, text3, len) == 0, "a copy writes differently\n%s", text3);
    }

  summary = charta_summary_new (project, "2025-06-30");
  CHECK (summary != NULL, "no summary");
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  /* libFuzzer hands over exactly @size bytes with no NUL after them, so ASan catches
   * any read past the end. */
  gboolean is_json = fuzz_json ((const char *) data, size);

  fuzz_project ((const char *) data, size, is_json);
  return 0;
}
