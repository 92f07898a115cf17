/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-merge.c: libFuzzer target for the three-way merge.
 *
 * The input is three files, base, ours and theirs, separated by a line "%%%%" (a file
 * without two separators is base = ours = theirs). For every input:
 *   - a refusal has a CHARTA_MERGE_ERROR with a message naming one of the three files;
 *   - an accepted merge loads again through the project loader, is canonical (written
 *     again it is the same bytes), and records as many conflicts as it listed paths;
 *   - merging a file with itself twice changes nothing: merge(x, x, x) is x's canonical
 *     text with no conflict (base's, when all three are the same).
 * GLib criticals and warnings are fatal. Built and run by fuzz/build-and-run.sh. */
#include "config.h"

#include <glib.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "charta-merge.h"
#include "charta-project.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

#define CHECK(cond, ...)                                                    \
  G_STMT_START {                                                            \
    if (G_UNLIKELY (!(cond)))                                               \
      {                                                                     \
        fprintf (stderr, "fuzz-merge: check failed: %s\n  ", #cond);       \
        fprintf (stderr, __VA_ARGS__);                                      \
        fprintf (stderr, "\n");                                             \
        abort ();                                                           \
      }                                                                     \
  } G_STMT_END

#define SEPARATOR "\n%%%%\n"

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  return 0;
}

/* Splits @text at the separators into three inputs that point into it. */
static void
split (const char *text, gsize size, ChartaMergeInput in[3])
{
  const char *names[3] = { "base.charta", "ours.charta", "theirs.charta" };
  const char *start = text, *end = text + size;

  for (guint i = 0; i < 3; i++)
    {
      const char *sep = i < 2 ? g_strstr_len (start, end - start, SEPARATOR) : NULL;

      in[i].name = names[i];
      in[i].data = start;
      in[i].len = (sep ? sep : end) - start;
      if (sep)
        start = sep + strlen (SEPARATOR);
      else if (i == 0)
        {
          /* One file: merged with itself. */
          in[1] = in[0], in[1].name = names[1];
          in[2] = in[0], in[2].name = names[2];
          return;
        }
    }
}

static void
check_result (const char *result, gsize len, char **paths)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChartaProject) project = charta_project_load_from_data (result, len, "merged.charta", &error);
  g_autofree char *again = NULL;
  gsize again_len = 0;

  CHECK (project != NULL, "the merge wrote what the loader refuses: %s", error ? error->message : "");
  again = charta_project_to_data (project, &again_len);
  CHECK (again_len == len && memcmp (again, result, len) == 0, "the merged text is not canonical");
  CHECK (charta_merge_count_conflicts (project) == g_strv_length (paths),
         "%u conflicts recorded, %u listed", charta_merge_count_conflicts (project), g_strv_length (paths));
}

/* merge(x, x, x) is x's canonical text, without a new conflict. */
static void
check_idempotent (const ChartaMergeInput *x)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChartaProject) project = charta_project_load_from_data (x->data, x->len, x->name, NULL);
  g_autofree char *canonical = NULL, *merged = NULL;
  g_auto(GStrv) paths = NULL;
  gsize canonical_len, merged_len = 0;

  if (project == NULL)
    return;
  canonical = charta_project_to_data (project, &canonical_len);
  merged = charta_merge_data (x, x, x, &merged_len, &paths, &error);
  CHECK (merged != NULL, "a valid file does not merge with itself: %s", error ? error->message : "");
  CHECK (merged_len == canonical_len && memcmp (merged, canonical, canonical_len) == 0,
         "merge(x, x, x) differs from x");
  CHECK (g_strv_length (paths) == charta_merge_count_conflicts (project),
         "merge(x, x, x) added conflicts");
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  ChartaMergeInput in[3];
  g_autoptr(GError) error = NULL;
  g_autofree char *result = NULL;
  g_auto(GStrv) paths = NULL;
  gsize len = 0;

  if (size > 256 * 1024)
    return 0;
  /* Text up to the first NUL byte, as a file name would be read. */
  split (text, strlen (text), in);
  result = charta_merge_data (&in[0], &in[1], &in[2], &len, &paths, &error);
  if (result == NULL)
    {
      CHECK (error != NULL && error->domain == CHARTA_MERGE_ERROR && error->message[0] != '\0',
             "a refusal without a merge error");
      CHECK (strstr (error->message, "base.charta") || strstr (error->message, "ours.charta") ||
             strstr (error->message, "theirs.charta"), "the refusal names no file: %s", error->message);
    }
  else
    check_result (result, len, paths);
  check_idempotent (&in[0]);
  return 0;
}
