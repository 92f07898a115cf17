/* SPDX-License-Identifier: GPL-3.0-or-later */
/* charta-cli round and charta-cli changes: reporting rounds, and what changed since one. */
#define G_LOG_DOMAIN "charta-cli"
#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "charta-cli-private.h"
#include "charta-cli-round.h"
#include "charta-date.h"
#include "charta-file.h"
#include "charta-format.h"
#include "charta-rounds.h"

enum {
  EXIT_OK = 0,
  EXIT_INVALID = 1,
  EXIT_USAGE = 2,
};

static int
usage_error (const char *message)
{
  g_printerr ("%s: %s\n", g_get_prgname (), message);
  g_printerr (_("Try “%s --help” for more information."), g_get_prgname ());
  g_printerr ("\n");
  return EXIT_USAGE;
}

static GOptionContext *
command_context (const char *parameters, const char *summary, const char *description)
{
  GOptionContext *context = g_option_context_new (parameters);

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, summary);
  g_option_context_set_description (context, description);
  return context;
}

static gboolean
parse_args (GOptionContext *context, GOptionEntry *entries, int *argc, char ***argv)
{
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (g_option_context_parse (context, argc, argv, &error))
    return TRUE;
  g_printerr ("%s: %s\n", g_get_prgname (), error->message);
  return FALSE;
}

/* Replaces @path atomically, only if it is still what was read (@etag). */
static gboolean
save_project (const ChartaProject *project, const char *path, const char *etag)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize len;

  if (charta_project_is_migrated (project))
    /* Translators: said once when an older file is rewritten; %s is the file name */
    g_printerr (_("%s: format version %d; written in version %d, which older versions of Charta cannot open\n"),
                path, project->file_version, CHARTA_PROJECT_VERSION);
  data = charta_project_to_data (project, &len);
  if (len > CHARTA_PROJECT_MAX_SIZE)
    {
      g_printerr (_("%s: not written: it would be larger than Charta can open\n"), path);
      return FALSE;
    }
  if (!charta_file_replace (file, data, len, etag, NULL, NULL, &error))
    {
      g_printerr ("%s: %s\n", path, error->message);
      return FALSE;
    }
  return TRUE;
}

static guint
round_number (const ChartaProject *project, const ChartaRound *round)
{
  guint i = 0;

  g_ptr_array_find (project->rounds, round, &i);
  return i + 1;
}

static void
print_json (ChartaNode *node)
{
  g_autoptr(GString) out = g_string_new (NULL);

  charta_json_write (out, node, 0);
  g_string_append_c (out, '\n');
  g_print ("%s", out->str);
  charta_node_free (node);
}

/* ---- round close ---- */

static int
round_close (int argc, char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autofree char *label = NULL, *date = NULL, *etag = NULL;
  g_autoptr(ChartaProject) project = NULL;
  g_autoptr(GError) error = NULL;
  const ChartaRound *round;
  GOptionEntry entries[] = {
    { "label", 0, 0, G_OPTION_ARG_STRING, &label, N_("The round's name, e.g. “2024” or “Yearly evaluation 2024”"), N_("TEXT") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("The day the round is closed (YYYY-MM-DD; default today)"), N_("DATE") },
    { NULL }
  };

  context = command_context (_("FILE"),
                             _("Close a reporting round: freeze the project as it is now into FILE."),
                             _("The round keeps the project's period and a snapshot: each item's level,\n"
                               "each action's status and progress, each measure's latest value (the one\n"
                               "with the newest date). “charta-cli changes” compares with it. A closed\n"
                               "round can be renamed, not edited. FILE is replaced atomically, and only if\n"
                               "nobody changed it since it was read.\n\n"
                               "Exit status: 0 on success, 1 when FILE is invalid or cannot be written,\n"
                               "2 on a usage error (a missing label, a bad date)."));
  if (!parse_args (context, entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2 || label == NULL)
    return usage_error (_("round close needs one FILE and --label TEXT"));
  if (date != NULL && !charta_date_is_valid (date))
    {
      g_autofree char *why = charta_date_describe_invalid (date);
      g_autofree char *message = g_strdup_printf ("--date: %s", why);
      return usage_error (message);
    }

  project = charta_cli_load_project (argv[1], &etag);
  if (project == NULL)
    return EXIT_INVALID;
  if (date == NULL)
    date = charta_date_today ();
  round = charta_project_close_round (project, label, date, &error);
  if (round == NULL)
    {
      g_printerr ("%s: %s\n", argv[1], error->message);
      return EXIT_USAGE;
    }
  if (!save_project (project, argv[1], etag))
    return EXIT_INVALID;
  /* Translators: FILE: round NUMBER “LABEL” closed on DATE */
  g_print (_("%s: round %u “%s” closed on %s\n"), argv[1], round_number (project, round), round->label,
           round->closed);
  return EXIT_OK;
}

/* ---- round list ---- */

static ChartaNode *
rounds_node (const ChartaProject *project)
{
  ChartaNode *list = charta_node_new_array ();

  for (guint i = 0; project->rounds && i < project->rounds->len; i++)
    {
      const ChartaRound *r = g_ptr_array_index (project->rounds, i);
      ChartaNode *node = charta_node_new_object ();

      charta_node_set_member (node, "number", charta_node_new_number_int (i + 1));
      charta_node_set_member (node, "id", charta_node_new_string (r->id));
      charta_node_set_member (node, "label", charta_node_new_string (r->label));
      charta_node_set_member (node, "closed", charta_node_new_string (r->closed));
      if (r->period && r->period->start && r->period->end)
        {
          ChartaNode *period = charta_node_new_object ();
          charta_node_set_member (period, "start", charta_node_new_string (r->period->start));
          charta_node_set_member (period, "end", charta_node_new_string (r->period->end));
          charta_node_set_member (node, "period", period);
        }
      charta_node_append (list, node);
    }
  return list;
}

static int
round_list (int argc, char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(ChartaProject) project = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the rounds as JSON"), NULL },
    { NULL }
  };

  context = command_context (_("FILE"),
                             _("List the reporting rounds closed in FILE."),
                             _("One line per round: its number, the day it was closed, its label, the period\n"
                               "it reports on and its id. A round is named on the command line by its\n"
                               "number, its label or its id.\n\n"
                               "Exit status: 0 on success, 1 when FILE is invalid, 2 on a usage error."));
  if (!parse_args (context, entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2)
    return usage_error (_("round list needs exactly one FILE"));
  project = charta_cli_load_project (argv[1], NULL);
  if (project == NULL)
    return EXIT_INVALID;
  if (json)
    {
      print_json (rounds_node (project));
      return EXIT_OK;
    }
  if (project->rounds == NULL || project->rounds->len == 0)
    g_print (_("%s: no round closed yet\n"), argv[1]);
  for (guint i = 0; project->rounds && i < project->rounds->len; i++)
    {
      const ChartaRound *r = g_ptr_array_index (project->rounds, i);
      g_autofree char *closed = charta_format_date (r->closed);

      if (r->period && r->period->start && r->period->end)
        {
          g_autofree char *start = charta_format_date (r->period->start);
          g_autofree char *end = charta_format_date (r->period->end);
          /* Translators: number, closing day, label, period start and end, id */
          g_print (_("%u  %s  %s  (%s – %s)  %s\n"), i + 1, closed, r->label, start, end, r->id);
        }
      else
        /* Translators: number, closing day, label, id */
        g_print (_("%u  %s  %s  %s\n"), i + 1, closed, r->label, r->id);
    }
  return EXIT_OK;
}

/* ---- round rename ---- */

static int
round_rename (int argc, char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autofree char *label = NULL, *etag = NULL;
  g_autoptr(ChartaProject) project = NULL;
  g_autoptr(GError) error = NULL;
  const ChartaRound *round;
  GOptionEntry entries[] = {
    { "label", 0, 0, G_OPTION_ARG_STRING, &label, N_("The round's new name"), N_("TEXT") },
    { NULL }
  };

  context = command_context (_("FILE ROUND"),
                             _("Rename a reporting round."),
                             _("ROUND is the round's number (see “charta-cli round list”), label or id. Only\n"
                               "the label changes: a closed round's date, period and snapshot stay as they\n"
                               "were. FILE is replaced atomically.\n\n"
                               "Exit status: 0 on success, 1 when FILE is invalid or cannot be written,\n"
                               "2 on a usage error (no such round, a bad label)."));
  if (!parse_args (context, entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 3 || label == NULL)
    return usage_error (_("round rename needs FILE, ROUND and --label TEXT"));
  project = charta_cli_load_project (argv[1], &etag);
  if (project == NULL)
    return EXIT_INVALID;
  round = charta_project_find_round (project, argv[2], &error);
  if (round == NULL || !charta_project_rename_round (project, round->id, label, &error))
    {
      g_printerr ("%s: %s\n", argv[1], error->message);
      return EXIT_USAGE;
    }
  if (!save_project (project, argv[1], etag))
    return EXIT_INVALID;
  /* Translators: FILE: round NUMBER is now called “LABEL” */
  g_print (_("%s: round %u is now “%s”\n"), argv[1], round_number (project, round), round->label);
  return EXIT_OK;
}

/* ---- round ---- */

static void
print_round_usage (FILE *to)
{
  fprintf (to, "%s\n  charta-cli round %s\n\n%s\n", _("Usage:"), _("SUBCOMMAND FILE [OPTION…]"), _("Subcommands:"));
  fprintf (to, "  %-8s %s\n", "close", _("Close a round: freeze the project as it is now"));
  fprintf (to, "  %-8s %s\n", "list", _("List the rounds closed"));
  fprintf (to, "  %-8s %s\n", "rename", _("Rename a round"));
  fprintf (to, "\n%s\n", _("Run “charta-cli round SUBCOMMAND --help” for the options of a subcommand."));
}

int
charta_cli_round (int argc, char **argv)
{
  static const struct {
    const char *name;
    int (*run) (int argc, char **argv);
  } subcommands[] = {
    { "close", round_close },
    { "list", round_list },
    { "rename", round_rename },
  };

  if (argc < 2)
    {
      print_round_usage (stderr);
      return EXIT_USAGE;
    }
  if (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0)
    {
      print_round_usage (stdout);
      return EXIT_OK;
    }
  for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
    if (strcmp (argv[1], subcommands[i].name) == 0)
      {
        g_autofree char *prgname = g_strdup_printf ("charta-cli round %s", subcommands[i].name);
        g_set_prgname (prgname);
        return subcommands[i].run (argc - 1, argv + 1);
      }
  g_printerr (_("charta-cli round: unknown subcommand “%s”\n\n"), argv[1]);
  print_round_usage (stderr);
  return EXIT_USAGE;
}

/* ---- changes ---- */

static void
print_group (const ChartaChangeGroup *group)
{
  /* Translators: the heading of the changes that serve nothing of a Charter role or DIVE area */
  g_print ("\n%s\n", group->item ? charta_item_get_title (group->item) : _("Other"));
  for (guint i = 0; i < group->changes->len; i++)
    {
      const ChartaChange *c = g_ptr_array_index (group->changes, i);
      g_autofree char *text = charta_change_describe (c);
      /* Translators: a change: its kind, what changed, how; e.g. "Level up: Housing: level 2 → 3" */
      g_print (_("  %s: %s: %s\n"), charta_change_kind_get_label (c->kind), c->title, text);
    }
}

static void
print_changes (const ChartaProject *project, const ChartaChanges *changes)
{
  const ChartaRound *since = charta_project_find_round (project, changes->since->id, NULL);
  g_autofree char *closed = charta_format_date (changes->since->closed);
  g_autofree char *today = charta_format_date (changes->today);

  /* Translators: round NUMBER “LABEL”, the day it was closed, the day compared */
  g_print (_("Changes since round %u “%s”, closed on %s, as of %s\n"),
           round_number (project, since), changes->since->label, closed, today);
  for (guint i = 0; i < changes->groups->len; i++)
    print_group (g_ptr_array_index (changes->groups, i));
  g_print ("\n");
  if (changes->changes->len == 0)
    g_print ("%s\n", _("Nothing changed."));
  for (guint k = 0; k < CHARTA_N_CHANGE_KINDS; k++)
    {
      guint n = charta_changes_count (changes, k);
      if (n > 0)
        /* Translators: a count of one kind of change, e.g. "Level up: 2" */
        g_print (_("%s: %u\n"), charta_change_kind_get_label (k), n);
    }
}

int
charta_cli_changes (int argc, char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autofree char *since_name = NULL, *date = NULL;
  g_autoptr(ChartaProject) project = NULL;
  g_autoptr(ChartaChanges) changes = NULL;
  g_autoptr(GError) error = NULL;
  const ChartaRound *since = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "since", 0, 0, G_OPTION_ARG_STRING, &since_name, N_("Compare with ROUND: its number, label or id (default: the last round)"), N_("ROUND") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("Take the project as of DATE: overdue actions, measures' latest values (YYYY-MM-DD; default today)"), N_("DATE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the changes as JSON"), NULL },
    { NULL }
  };

  context = command_context (_("FILE"),
                             _("Say what changed in a project since a reporting round."),
                             _("Lists levels up or down, actions added, completed, postponed or newly\n"
                               "overdue, and measures whose latest value moved toward or away from their\n"
                               "target, under each Charter role and DIVE area they serve.\n\n"
                               "Exit status: 0 on success, 1 when FILE is invalid, 2 on a usage error (no\n"
                               "such round, or no round closed yet)."));
  if (!parse_args (context, entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2)
    return usage_error (_("changes needs exactly one FILE"));
  if (date != NULL && !charta_date_is_valid (date))
    {
      g_autofree char *why = charta_date_describe_invalid (date);
      g_autofree char *message = g_strdup_printf ("--date: %s", why);
      return usage_error (message);
    }
  project = charta_cli_load_project (argv[1], NULL);
  if (project == NULL)
    return EXIT_INVALID;
  if (since_name != NULL && (since = charta_project_find_round (project, since_name, &error)) == NULL)
    {
      g_printerr ("%s: --since: %s\n", argv[1], error->message);
      return EXIT_USAGE;
    }
  changes = charta_changes_new (project, since, date, &error);
  if (changes == NULL)
    {
      g_printerr ("%s: %s\n", argv[1], error->message);
      return EXIT_USAGE;
    }
  if (json)
    print_json (charta_changes_to_node (changes));
  else
    print_changes (project, changes);
  return EXIT_OK;
}
