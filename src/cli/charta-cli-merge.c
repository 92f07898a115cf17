/* SPDX-License-Identifier: GPL-3.0-or-later */
/* charta-cli merge: three-way merge of project files, also as git's merge driver. */
#define G_LOG_DOMAIN "charta-cli"
#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "charta-cli-merge.h"
#include "charta-file.h"
#include "charta-merge.h"

enum {
  MERGE_CLEAN = 0,
  MERGE_CONFLICTS = 1,
  MERGE_FAILED = 2,
};

/* How many conflict paths the command lists before "and N more". */
#define MAX_LISTED 20

static int
merge_usage_error (const char *message)
{
  g_printerr ("%s: %s\n", g_get_prgname (), message);
  g_printerr (_("Try “%s --help” for more information."), g_get_prgname ());
  g_printerr ("\n");
  return MERGE_FAILED;
}

static void
list_conflicts (const char *out_name, char **paths)
{
  guint n = g_strv_length (paths);

  for (guint i = 0; i < n && i < MAX_LISTED; i++)
    /* Translators: FILE: conflict at PATH, e.g. actions["…"].title */
    g_printerr (_("%s: conflict at %s\n"), out_name, *paths[i] ? paths[i] : "/");
  if (n > MAX_LISTED)
    {
      g_printerr ("%s: ", out_name);
      g_printerr (g_dngettext (GETTEXT_PACKAGE, "and %u more conflict\n", "and %u more conflicts\n",
                               n - MAX_LISTED), n - MAX_LISTED);
    }
}

static gboolean
write_output (const char *output, const char *data, gsize len)
{
  g_autoptr(GFile) out = NULL;
  g_autoptr(GError) error = NULL;

  if (output == NULL || strcmp (output, "-") == 0)
    {
      fwrite (data, 1, len, stdout);
      return fflush (stdout) == 0;
    }
  out = g_file_new_for_commandline_arg (output);
  if (charta_file_replace (out, data, len, NULL, NULL, NULL, &error))
    return TRUE;
  g_printerr ("%s: %s\n", output, error->message);
  return FALSE;
}

int
charta_cli_merge (int argc, char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  g_autofree char *result = NULL;
  g_auto(GStrv) paths = NULL;
  GFile *files[3] = { NULL, NULL, NULL };
  gsize out_len = 0;
  ChartaMergeInput inputs[3];
  guint n_conflicts;
  int status = MERGE_FAILED;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the result to OUT (“-” or none: standard output)"), N_("OUT") },
    { NULL }
  };

  context = g_option_context_new (_("BASE OURS THEIRS"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("Merge two versions of a Charta project that grew from a common BASE."));
  g_option_context_set_description (context,
    _("Actions, measures, people, partners, meetings and assessments are matched by their ids\n"
      "and merged field by field: a change on one side is taken, the same change on both\n"
      "sides is no conflict. What both sides changed differently, or one side deleted and the\n"
      "other changed, is recorded in the result's “conflicts” list and keeps OURS until it is\n"
      "resolved in Charta. The result is a valid project file, never text with conflict\n"
      "markers; OUT is replaced atomically and only written when all three files load\n"
      "(a bad value that does not reach the result, such as one both sides replaced,\n"
      "does not count).\n\n"
      "As git's merge driver: charta-cli merge %O %A %B -o %A\n\n"
      "Exit status: 0 merged cleanly, 1 conflicts remain, 2 on a usage error or when a\n"
      "file does not load (then nothing is written)."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return merge_usage_error (error->message);
  if (argc != 4)
    return merge_usage_error (_("merge needs three files: BASE OURS THEIRS"));

  /* The merge reads each file when it needs its text, and does not keep it. */
  for (guint i = 0; i < 3; i++)
    {
      files[i] = g_file_new_for_commandline_arg (argv[i + 1]);
      inputs[i] = (ChartaMergeInput) { NULL, 0, argv[i + 1], files[i] };
    }
  result = charta_merge_data (&inputs[0], &inputs[1], &inputs[2], &out_len, &paths, &error);
  if (result == NULL)
    {
      g_printerr ("%s\n", error->message);
      goto out;
    }
  if (!write_output (output, result, out_len))
    goto out;
  n_conflicts = g_strv_length (paths);
  if (n_conflicts > 0)
    {
      const char *name = output && strcmp (output, "-") != 0 ? output : "-";
      list_conflicts (name, paths);
      g_printerr (g_dngettext (GETTEXT_PACKAGE,
                               "%s: %u conflict recorded; it keeps the value of OURS until it is resolved in Charta\n",
                               "%s: %u conflicts recorded; they keep the values of OURS until they are resolved in Charta\n",
                               n_conflicts), name, n_conflicts);
    }
  status = n_conflicts > 0 ? MERGE_CONFLICTS : MERGE_CLEAN;

out:
  for (guint i = 0; i < 3; i++)
    g_clear_object (&files[i]);
  return status;
}

gboolean
charta_cli_report_conflicts (const char *path, const ChartaProject *project)
{
  guint n = charta_merge_count_conflicts (project);

  if (n == 0)
    return FALSE;
  g_print (g_dngettext (GETTEXT_PACKAGE,
                        "%s: %u unresolved conflict from a merge; open the file in Charta to resolve it\n",
                        "%s: %u unresolved conflicts from a merge; open the file in Charta to resolve them\n",
                        n), path, n);
  return TRUE;
}
