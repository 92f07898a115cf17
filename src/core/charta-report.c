/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-report"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "charta-catalogue.h"
#include "charta-report.h"
#include "charta-review.h"
#include "charta-rounds.h"
#include "charta-date.h"

#define MAX_LIST 10000
#define MAX_PROBLEMS 50

G_DEFINE_QUARK (charta-report-error-quark, charta_report_error)

static const char * const status_keys[] = { "planned", "in-progress", "done", "postponed", "cancelled", NULL };
static const char * const direction_keys[] = { "increase", "decrease", "maintain", NULL };

/* ---- ids, hashes, periods ---- */

char *
charta_sha256_hex (const void *data, gsize len)
{
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, len);
}

static gboolean
uuid_to_bytes (const char *uuid, guint8 out[16])
{
  guint n = 0;

  if (!g_uuid_string_is_valid (uuid))
    return FALSE;
  for (const char *p = uuid; *p && n < 16; p++)
    {
      if (*p == '-')
        continue;
      out[n++] = (guint8) (g_ascii_xdigit_value (p[0]) << 4 | g_ascii_xdigit_value (p[1]));
      p++;
    }
  return n == 16;
}

char *
charta_uuid_v5 (const char *namespace_uuid, const char *name)
{
  g_autoptr(GChecksum) sha1 = g_checksum_new (G_CHECKSUM_SHA1);
  guint8 ns[16], digest[20];
  gsize digest_len = sizeof digest;

  g_return_val_if_fail (name != NULL, NULL);

  if (namespace_uuid == NULL || !uuid_to_bytes (namespace_uuid, ns))
    return NULL;
  g_checksum_update (sha1, ns, sizeof ns);
  g_checksum_update (sha1, (const guchar *) name, strlen (name));
  g_checksum_get_digest (sha1, digest, &digest_len);
  digest[6] = (digest[6] & 0x0f) | 0x50;   /* version 5 */
  digest[8] = (digest[8] & 0x3f) | 0x80;   /* RFC 4122 variant */
  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                          digest[0], digest[1], digest[2], digest[3], digest[4], digest[5],
                          digest[6], digest[7], digest[8], digest[9], digest[10], digest[11],
                          digest[12], digest[13], digest[14], digest[15]);
}

char *
charta_report_make_id (const char *project_id, const char *period)
{
  g_autofree char *name = g_strconcat (project_id, "/", period, NULL);
  return charta_uuid_v5 (CHARTA_REPORT_NAMESPACE, name);
}

static gboolean
all_digits (const char *s, gsize n)
{
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isdigit (s[i]))
      return FALSE;
  return TRUE;
}

gboolean
charta_report_period_range (const char *period, char **start, char **end, GError **error)
{
  gsize len = period ? strlen (period) : 0;
  guint year, first = 1, last = 12;

  if (len >= 4 && all_digits (period, 4))
    {
      year = (guint) g_ascii_strtoull (period, NULL, 10);
      if (len == 4)
        ;
      else if (len == 7 && period[4] == '-' && period[5] == 'H' && (period[6] == '1' || period[6] == '2'))
        first = (period[6] == '1') ? 1 : 7, last = first + 5;
      else if (len == 7 && period[4] == '-' && period[5] == 'Q' && period[6] >= '1' && period[6] <= '4')
        first = (guint) (period[6] - '1') * 3 + 1, last = first + 2;
      else if (len == 7 && period[4] == '-' && all_digits (period + 5, 2))
        first = last = (guint) g_ascii_strtoull (period + 5, NULL, 10);
      else
        year = 0;
      if (year >= 1900 && first >= 1 && last <= 12)
        {
          if (start)
            *start = g_strdup_printf ("%04u-%02u-01", year, first);
          if (end)
            *end = g_strdup_printf ("%04u-%02u-%02u", year, last,
                                    g_date_get_days_in_month ((GDateMonth) last, (GDateYear) year));
          return TRUE;
        }
    }
  g_set_error (error, CHARTA_REPORT_ERROR, CHARTA_REPORT_ERROR_PERIOD,
               _("“%s” is not a reporting period: use a year (2024), a half year (2024-H1), "
                 "a quarter (2024-Q3) or a month (2024-05)"), period ? period : "");
  return FALSE;
}

char *
charta_report_compute_revision (const ChartaNode *root)
{
  ChartaNode shallow = { .type = CHARTA_NODE_OBJECT };
  g_autoptr(GString) out = g_string_new (NULL);

  g_return_val_if_fail (root != NULL && root->type == CHARTA_NODE_OBJECT, NULL);

  /* The same canonical writer as the body, over the members that make the content:
   * borrowed, so nothing is copied. */
  shallow.members = g_array_new (FALSE, FALSE, sizeof (ChartaMember));
  for (guint i = 0; i < root->members->len; i++)
    {
      ChartaMember *m = &g_array_index (root->members, ChartaMember, i);
      if (strcmp (m->key, "made") != 0 && strcmp (m->key, "revision") != 0)
        g_array_append_val (shallow.members, *m);
    }
  charta_json_write (out, &shallow, 0);
  g_array_free (shallow.members, TRUE);
  return charta_sha256_hex (out->str, out->len);
}

/* ---- building ---- */

static void
set_string (ChartaNode *object, const char *key, const char *value)
{
  if (value != NULL)
    charta_node_set_member (object, key, charta_node_new_string (value));
}

static ChartaNode *
strings_node (GPtrArray *list)
{
  ChartaNode *node = charta_node_new_array ();

  for (guint i = 0; list && i < list->len; i++)
    charta_node_append (node, charta_node_new_string (g_ptr_array_index (list, i)));
  return node;
}

static int
compare_by_position (gconstpointer a, gconstpointer b)
{
  ChartaCatalogue *catalogue = charta_catalogue_get_default ();
  const ChartaAssessment *x = *(ChartaAssessment **) a, *y = *(ChartaAssessment **) b;
  guint px = charta_item_get_position (charta_catalogue_lookup (catalogue, x->item));
  guint py = charta_item_get_position (charta_catalogue_lookup (catalogue, y->item));

  return px < py ? -1 : px > py;
}

static ChartaNode *
levels_node (const ChartaProject *project)
{
  ChartaCatalogue *catalogue = charta_catalogue_get_default ();
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  ChartaNode *levels = charta_node_new_array ();

  for (guint i = 0; project->assessments && i < project->assessments->len; i++)
    {
      ChartaAssessment *a = g_ptr_array_index (project->assessments, i);
      if (a->level != CHARTA_UNSET && charta_catalogue_lookup (catalogue, a->item) != NULL)
        g_ptr_array_add (sorted, a);
    }
  g_ptr_array_sort (sorted, compare_by_position);
  for (guint i = 0; i < sorted->len; i++)
    {
      ChartaAssessment *a = g_ptr_array_index (sorted, i);
      const ChartaFramework *fw = charta_item_get_framework (charta_catalogue_lookup (catalogue, a->item));
      ChartaNode *level = charta_node_new_object ();

      set_string (level, "item", a->item);
      charta_node_set_member (level, "level", charta_node_new_number_int (a->level));
      charta_node_set_member (level, "scale", charta_node_new_number_int (charta_framework_get_n_levels (fw)));
      /* Evidence the consultant kept internal stays on this machine. */
      if (a->evidence != NULL && *a->evidence != '\0' && !a->evidence_private)
        set_string (level, "evidence", a->evidence);
      /* Reviewers' data stays home unless the city publishes the teams' agreed levels. */
      if (project->publish_review_levels && charta_project_get_agreed_level (project, a->item) != CHARTA_UNSET)
        charta_node_set_member (level, "review-level",
                                charta_node_new_number_int (charta_project_get_agreed_level (project, a->item)));
      charta_node_append (levels, level);
    }
  return levels;
}

static ChartaNode *
action_node (const ChartaAction *a)
{
  ChartaNode *node = charta_node_new_object ();

  /* Not the notes, not the owner (a person), not the partners: only what the city
   * publishes about its plan. */
  set_string (node, "id", a->id);
  set_string (node, "title", a->title);
  charta_node_set_member (node, "items", strings_node (a->items));
  set_string (node, "start", a->start);
  set_string (node, "due", a->due);
  if (a->progress != CHARTA_UNSET)
    charta_node_set_member (node, "progress", charta_node_new_number_int (a->progress));
  return node;
}

static ChartaNode *
actions_node (const ChartaProject *project)
{
  ChartaNode *by_status = charta_node_new_object ();

  for (int s = 0; s < CHARTA_N_STATUSES; s++)
    {
      ChartaNode *list = charta_node_new_array ();
      for (guint i = 0; project->actions && i < project->actions->len; i++)
        {
          ChartaAction *a = g_ptr_array_index (project->actions, i);
          if (a->status == s)
            charta_node_append (list, action_node (a));
        }
      charta_node_set_member (by_status, status_keys[s], list);
    }
  return by_status;
}

static ChartaNode *
dated_value_node (const ChartaDatedValue *v)
{
  ChartaNode *node;

  if (v == NULL || v->date == NULL || !isfinite (v->value))
    return charta_node_new_null ();
  node = charta_node_new_object ();
  set_string (node, "date", v->date);
  charta_node_set_member (node, "value", charta_node_new_number_double (v->value));
  return node;
}

static ChartaNode *
measures_node (const ChartaProject *project, const char *until)
{
  ChartaNode *list = charta_node_new_array ();

  for (guint i = 0; project->measures && i < project->measures->len; i++)
    {
      ChartaMeasure *m = g_ptr_array_index (project->measures, i);
      g_autoptr(ChartaDatedValue) latest = charta_measure_get_latest (m, project, until);
      ChartaNode *node = charta_node_new_object ();

      set_string (node, "id", m->id);
      set_string (node, "title", m->title);
      charta_node_set_member (node, "items", strings_node (m->items));
      set_string (node, "unit", m->unit);
      set_string (node, "direction", direction_keys[m->direction]);
      charta_node_set_member (node, "baseline", dated_value_node (m->baseline));
      charta_node_set_member (node, "target", dated_value_node (m->target));
      charta_node_set_member (node, "latest", dated_value_node (latest));
      charta_node_append (list, node);
    }
  return list;
}

static gboolean
takes_level (const ChartaItem *item)
{
  const char *kind = charta_item_get_kind (item);
  return strcmp (kind, "commitment") == 0 || strcmp (kind, "indicator") == 0 ||
         strcmp (kind, "area") == 0 || strcmp (kind, "key-factor") == 0;
}

static guint
count_assessable (const ChartaProject *project)
{
  ChartaCatalogue *catalogue = charta_catalogue_get_default ();
  guint n = 0;

  for (guint f = 0; f < charta_catalogue_get_n_frameworks (catalogue); f++)
    {
      const ChartaFramework *fw = charta_catalogue_get_framework (catalogue, f);
      if (!charta_project_uses_framework (project, charta_framework_get_id (fw)))
        continue;
      for (guint i = 0; i < charta_framework_get_n_items (fw); i++)
        if (takes_level (charta_framework_get_item (fw, i)))
          n++;
    }
  return n;
}

static char *
make_narrative (const ChartaProject *project, const ChartaNode *levels, const char *period,
                const char *until)
{
  GString *text = g_string_new (NULL);
  guint counts[CHARTA_N_STATUSES] = { 0 };
  guint n_actions = project->actions ? project->actions->len : 0;
  guint n_measures = project->measures ? project->measures->len : 0;
  guint n_with_value = 0;

  for (guint i = 0; i < n_actions; i++)
    counts[((ChartaAction *) g_ptr_array_index (project->actions, i))->status]++;
  for (guint i = 0; i < n_measures; i++)
    {
      g_autoptr(ChartaDatedValue) latest = charta_measure_get_latest (g_ptr_array_index (project->measures, i),
                                                                      project, until);
      n_with_value += latest != NULL;
    }

  /* Translators: the start of the report's narrative: city, reporting period, items
   * assessed, items that take a level */
  g_string_append_printf (text, _("%s, %s: %u of %u framework items assessed."),
                          project->city->name, period, levels->array->len, count_assessable (project));
  g_string_append_c (text, ' ');
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                             "%u action: %u done, %u in progress, %u planned, %u postponed, %u cancelled.",
                                             "%u actions: %u done, %u in progress, %u planned, %u postponed, %u cancelled.",
                                             n_actions),
                          n_actions, counts[CHARTA_STATUS_DONE], counts[CHARTA_STATUS_IN_PROGRESS],
                          counts[CHARTA_STATUS_PLANNED], counts[CHARTA_STATUS_POSTPONED],
                          counts[CHARTA_STATUS_CANCELLED]);
  g_string_append_c (text, ' ');
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                             "%u measure, %u with a value by the end of the period.",
                                             "%u measures, %u with a value by the end of the period.",
                                             n_measures),
                          n_measures, n_with_value);
  return g_string_free (text, FALSE);
}

static ChartaNode *
period_node (const char *period, const char *start, const char *end)
{
  ChartaNode *node = charta_node_new_object ();

  set_string (node, "id", period);
  set_string (node, "start", start);
  set_string (node, "end", end);
  return node;
}

static ChartaNode *
city_node (const ChartaCity *city)
{
  ChartaNode *node = charta_node_new_object ();

  set_string (node, "id", city->id);
  set_string (node, "name", city->name);
  return node;
}

/* The report period a closed round reported on: the open round's rule applied to the
 * round's period on the day it closed. */
static char *
round_report_period (const ChartaRound *round)
{
  ChartaProject then = { 0 };
  g_autoptr(GDateTime) closed = NULL;
  int y, m, d;

  if (round->period == NULL || sscanf (round->closed, "%4d-%2d-%2d", &y, &m, &d) != 3)
    return NULL;
  closed = g_date_time_new_utc (y, m, d, 12, 0, 0);
  then.period = round->period;
  return charta_project_get_report_period (&then, closed);
}

static void
set_last_closed (ChartaNode *node, const ChartaRound *round)
{
  if (round == NULL)
    return;
  set_string (node, "label", round->label);
  set_string (node, "closed", round->closed);
}

/* The round the report is on (docs/hub-api.md, "round"): the open round, numbered as it
 * will be when closed and named by the last closed round, when @period is the open
 * round's (or was not given); else the last closed round that reported on @period; else
 * none (NULL). */
static ChartaNode *
round_node (const ChartaProject *project, const char *period, gboolean given, GDateTime *made)
{
  guint n_rounds = project->rounds ? project->rounds->len : 0;
  g_autofree char *open_period = charta_project_get_report_period (project, made);
  ChartaNode *node;

  if (!given || g_strcmp0 (period, open_period) == 0)
    {
      node = charta_node_new_object ();
      charta_node_set_member (node, "number", charta_node_new_number_int (n_rounds + 1));
      charta_node_set_member (node, "open", charta_node_new_bool (TRUE));
      set_last_closed (node, charta_project_get_last_round (project));
      return node;
    }
  for (guint i = n_rounds; i > 0; i--)
    {
      const ChartaRound *round = g_ptr_array_index (project->rounds, i - 1);
      g_autofree char *round_period = round_report_period (round);

      if (g_strcmp0 (round_period, period) != 0)
        continue;
      node = charta_node_new_object ();
      charta_node_set_member (node, "number", charta_node_new_number_int (i));
      charta_node_set_member (node, "open", charta_node_new_bool (FALSE));
      set_last_closed (node, round);
      return node;
    }
  return NULL;
}

ChartaReport *
charta_report_new (const ChartaProject *project, const char *period, GDateTime *made,
                   GError **error)
{
  g_autoptr(ChartaReport) report = g_new0 (ChartaReport, 1);
  g_autoptr(GDateTime) made_utc = made ? g_date_time_to_utc (made) : g_date_time_new_now_utc ();
  g_autofree char *start = NULL, *end = NULL, *narrative = NULL;
  ChartaNode *root, *levels, *round;

  g_return_val_if_fail (project != NULL && project->city != NULL, NULL);

  report->period = period ? g_strdup (period) : charta_project_get_report_period (project, made_utc);
  if (!charta_report_period_range (report->period, &start, &end, error))
    return NULL;
  report->id = charta_report_make_id (project->id, report->period);
  report->project = g_strdup (project->id);
  report->city_id = g_strdup (project->city->id);
  report->city_name = g_strdup (project->city->name);
  report->made = g_date_time_format (made_utc, "%Y-%m-%dT%H:%M:%SZ");

  root = report->root = charta_node_new_object ();
  set_string (root, "format", CHARTA_REPORT_FORMAT);
  charta_node_set_member (root, "version", charta_node_new_number_int (CHARTA_REPORT_VERSION));
  set_string (root, "id", report->id);
  set_string (root, "revision", "");
  set_string (root, "made", report->made);
  set_string (root, "project", report->project);
  charta_node_set_member (root, "city", city_node (project->city));
  charta_node_set_member (root, "period", period_node (report->period, start, end));
  if ((round = round_node (project, report->period, period != NULL, made_utc)) != NULL)
    charta_node_set_member (root, "round", round);
  charta_node_set_member (root, "frameworks", strings_node (project->frameworks));
  levels = levels_node (project);
  charta_node_set_member (root, "levels", levels);
  charta_node_set_member (root, "actions", actions_node (project));
  charta_node_set_member (root, "measures", measures_node (project, end));
  narrative = make_narrative (project, levels, report->period, end);
  set_string (root, "narrative", narrative);

  report->revision = charta_report_compute_revision (root);
  set_string (root, "revision", report->revision);
  return g_steal_pointer (&report);
}

void
charta_report_free (ChartaReport *report)
{
  if (report == NULL)
    return;
  g_free (report->id);
  g_free (report->revision);
  g_free (report->project);
  g_free (report->city_id);
  g_free (report->city_name);
  g_free (report->period);
  g_free (report->made);
  charta_node_free (report->root);
  g_free (report);
}

GBytes *
charta_report_to_bytes (const ChartaReport *report)
{
  GString *out = g_string_sized_new (4096);

  g_return_val_if_fail (report != NULL && report->root != NULL, NULL);

  charta_json_write (out, report->root, 0);
  g_string_append_c (out, '\n');
  return g_string_free_to_bytes (out);
}

/* ---- checking untrusted reports ---- */

typedef struct {
  GString *messages;
  guint n_problems;
} Checker;

G_GNUC_PRINTF (4, 5)
static void
problem (Checker *c, const ChartaNode *at, const char *field, const char *format, ...)
{
  va_list args;
  g_autofree char *msg = NULL;

  if (++c->n_problems > MAX_PROBLEMS)
    return;
  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  if (c->messages->len > 0)
    g_string_append_c (c->messages, '\n');
  g_string_append_printf (c->messages, "%u:%u: %s%s%s", at ? at->line : 1, at ? at->column : 1,
                          field ? field : "", field ? ": " : "", msg);
}

static gboolean
is_in (const char *s, const char * const *list)
{
  for (guint i = 0; list[i]; i++)
    if (strcmp (s, list[i]) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
is_catalogue_id (const char *s)
{
  gsize len = strlen (s);

  if (len == 0 || len > 200 || s[0] == '.' || s[len - 1] == '.' || strstr (s, "..") != NULL)
    return FALSE;
  for (const char *p = s; *p; p++)
    if (!(g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '.' || *p == '-'))
      return FALSE;
  return TRUE;
}

/* Only the listed members, no others: a report is a published document, and whatever the
 * hub does not understand it should not store and show to other cities. */
static gboolean
check_members (Checker *c, const ChartaNode *object, const char *field, const char * const *allowed)
{
  gboolean ok = TRUE;

  if (object->type != CHARTA_NODE_OBJECT)
    {
      problem (c, object, field, _("expected %s, found %s"), charta_node_type_name (CHARTA_NODE_OBJECT),
               charta_node_type_name (object->type));
      return FALSE;
    }
  for (guint i = 0; i < object->members->len; i++)
    {
      ChartaMember *m = &g_array_index (object->members, ChartaMember, i);
      if (!is_in (m->key, allowed))
        {
          g_autofree char *where = field ? g_strdup_printf ("%s.%s", field, m->key) : g_strdup (m->key);
          problem (c, m->value, where, _("unknown member"));
          ok = FALSE;
        }
    }
  return ok;
}

/* The member @key of @object when it has @type; NULL (and a problem, if @required) when
 * it is missing or of another type. */
static const ChartaNode *
member (Checker *c, const ChartaNode *object, const char *field, const char *key,
        ChartaNodeType type, gboolean required)
{
  const ChartaNode *node = charta_node_get_member (object, key);
  g_autofree char *where = field ? g_strdup_printf ("%s.%s", field, key) : g_strdup (key);

  if (node == NULL || (node->type == CHARTA_NODE_NULL && !required))
    {
      if (required)
        problem (c, object, where, _("missing"));
      return NULL;
    }
  if (node->type != type)
    {
      problem (c, node, where, _("expected %s, found %s"), charta_node_type_name (type),
               charta_node_type_name (node->type));
      return NULL;
    }
  return node;
}

typedef gboolean (*StringCheck) (const char *s);

static gboolean
is_title (const char *s)
{
  return *s != '\0' && g_utf8_strlen (s, -1) <= CHARTA_TITLE_MAX_CHARS && strchr (s, '\n') == NULL;
}

static gboolean
is_text (const char *s)
{
  return strlen (s) <= CHARTA_REPORT_MAX_NARRATIVE;
}

static gboolean
is_revision (const char *s)
{
  if (strlen (s) != 64)
    return FALSE;
  for (const char *p = s; *p; p++)
    if (!g_ascii_isdigit (*p) && !(*p >= 'a' && *p <= 'f'))
      return FALSE;
  return TRUE;
}

static gboolean
is_framework_id (const char *s)
{
  return strlen (s) <= 64 && is_catalogue_id (s) && strchr (s, '.') == NULL;
}

static const char *
string_member (Checker *c, const ChartaNode *object, const char *field, const char *key,
               gboolean required, StringCheck check, const char *what)
{
  const ChartaNode *node = member (c, object, field, key, CHARTA_NODE_STRING, required);
  g_autofree char *where = NULL;

  if (node == NULL || check == NULL || check (node->string))
    return node ? node->string : NULL;
  where = field ? g_strdup_printf ("%s.%s", field, key) : g_strdup (key);
  /* Translators: e.g. "“x” is not a date (YYYY-MM-DD)" */
  problem (c, node, where, _("“%.80s” is not %s"), node->string, what);
  return NULL;
}

static gboolean
int_member (Checker *c, const ChartaNode *object, const char *field, const char *key,
            gboolean required, gint64 min, gint64 max, gint64 *out)
{
  const ChartaNode *node = member (c, object, field, key, CHARTA_NODE_NUMBER, required);
  g_autofree char *where = field ? g_strdup_printf ("%s.%s", field, key) : g_strdup (key);
  gint64 v;

  if (node == NULL)
    return FALSE;
  if (!charta_node_get_int (node, &v) || v < min || v > max)
    {
      problem (c, node, where, _("expected a whole number from %lld to %lld"),
               (long long) min, (long long) max);
      return FALSE;
    }
  if (out)
    *out = v;
  return TRUE;
}

static const ChartaNode *
list_member (Checker *c, const ChartaNode *object, const char *field, const char *key, gboolean required)
{
  const ChartaNode *list = member (c, object, field, key, CHARTA_NODE_ARRAY, required);

  if (list != NULL && list->array->len > MAX_LIST)
    {
      problem (c, list, key, _("more than %d entries"), MAX_LIST);
      return NULL;
    }
  return list;
}

static void
check_string_list (Checker *c, const ChartaNode *object, const char *field, const char *key,
                   gboolean required, StringCheck check, const char *what)
{
  const ChartaNode *list = list_member (c, object, field, key, required);

  for (guint i = 0; list && i < list->array->len; i++)
    {
      const ChartaNode *e = g_ptr_array_index (list->array, i);
      g_autofree char *where = g_strdup_printf ("%s%s%s[%u]", field ? field : "", field ? "." : "", key, i);
      if (e->type != CHARTA_NODE_STRING)
        problem (c, e, where, _("expected %s, found %s"), charta_node_type_name (CHARTA_NODE_STRING),
                 charta_node_type_name (e->type));
      else if (!check (e->string))
        problem (c, e, where, _("“%.80s” is not %s"), e->string, what);
    }
}

static void
check_levels (Checker *c, const ChartaNode *root)
{
  static const char * const allowed[] = { "item", "level", "scale", "evidence", "review-level", NULL };
  const ChartaNode *list = list_member (c, root, NULL, "levels", TRUE);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; list && i < list->array->len; i++)
    {
      const ChartaNode *e = g_ptr_array_index (list->array, i);
      g_autofree char *field = g_strdup_printf ("levels[%u]", i);
      const char *item;
      gint64 scale = 100;

      if (!check_members (c, e, field, allowed))
        continue;
      item = string_member (c, e, field, "item", TRUE, is_catalogue_id, _("a framework item id"));
      if (item && !g_hash_table_add (seen, (gpointer) item))
        problem (c, e, field, _("“%s” is listed twice"), item);
      int_member (c, e, field, "scale", TRUE, 1, 100, &scale);
      int_member (c, e, field, "level", TRUE, 1, scale, NULL);
      string_member (c, e, field, "evidence", FALSE, is_text, _("a text of at most 64 KiB"));
      int_member (c, e, field, "review-level", FALSE, 1, scale, NULL);
    }
}

static void
check_dated_value (Checker *c, const ChartaNode *object, const char *field, const char *key)
{
  static const char * const allowed[] = { "date", "value", NULL };
  const ChartaNode *node = charta_node_get_member (object, key);
  g_autofree char *where = g_strdup_printf ("%s.%s", field, key);

  if (node == NULL)
    problem (c, object, where, _("missing"));
  else if (node->type != CHARTA_NODE_NULL && check_members (c, node, where, allowed))
    {
      string_member (c, node, where, "date", TRUE, charta_date_is_valid, _("a date (YYYY-MM-DD)"));
      member (c, node, where, "value", CHARTA_NODE_NUMBER, TRUE);
    }
}

static void
check_actions (Checker *c, const ChartaNode *root)
{
  static const char * const allowed[] = { "id", "title", "items", "start", "due", "progress", NULL };
  const ChartaNode *by_status = member (c, root, NULL, "actions", CHARTA_NODE_OBJECT, TRUE);

  if (by_status == NULL || !check_members (c, by_status, "actions", status_keys))
    return;
  for (guint s = 0; status_keys[s]; s++)
    {
      g_autofree char *group = g_strdup_printf ("actions.%s", status_keys[s]);
      const ChartaNode *list = list_member (c, by_status, "actions", status_keys[s], TRUE);

      for (guint i = 0; list && i < list->array->len; i++)
        {
          const ChartaNode *e = g_ptr_array_index (list->array, i);
          g_autofree char *field = g_strdup_printf ("%s[%u]", group, i);

          if (!check_members (c, e, field, allowed))
            continue;
          string_member (c, e, field, "id", TRUE, g_uuid_string_is_valid, _("an id (a UUID)"));
          string_member (c, e, field, "title", TRUE, is_title, _("a title of one line"));
          check_string_list (c, e, field, "items", TRUE, is_catalogue_id, _("a framework item id"));
          string_member (c, e, field, "start", FALSE, charta_date_is_valid, _("a date (YYYY-MM-DD)"));
          string_member (c, e, field, "due", FALSE, charta_date_is_valid, _("a date (YYYY-MM-DD)"));
          int_member (c, e, field, "progress", FALSE, 0, 100, NULL);
        }
    }
}

static void
check_measures (Checker *c, const ChartaNode *root)
{
  static const char * const allowed[] = { "id", "title", "items", "unit", "direction", "baseline",
                                          "target", "latest", NULL };
  const ChartaNode *list = list_member (c, root, NULL, "measures", TRUE);

  for (guint i = 0; list && i < list->array->len; i++)
    {
      const ChartaNode *e = g_ptr_array_index (list->array, i);
      g_autofree char *field = g_strdup_printf ("measures[%u]", i);
      const char *direction;

      if (!check_members (c, e, field, allowed))
        continue;
      string_member (c, e, field, "id", TRUE, g_uuid_string_is_valid, _("an id (a UUID)"));
      string_member (c, e, field, "title", TRUE, is_title, _("a title of one line"));
      check_string_list (c, e, field, "items", TRUE, is_catalogue_id, _("a framework item id"));
      string_member (c, e, field, "unit", TRUE, is_title, _("a unit of one line"));
      direction = string_member (c, e, field, "direction", TRUE, NULL, NULL);
      if (direction && !is_in (direction, direction_keys))
        problem (c, charta_node_get_member (e, "direction"), field,
                 _("direction must be increase, decrease or maintain"));
      check_dated_value (c, e, field, "baseline");
      check_dated_value (c, e, field, "target");
      check_dated_value (c, e, field, "latest");
    }
}

static void
check_period (Checker *c, const ChartaNode *root, const char **period_id)
{
  static const char * const allowed[] = { "id", "start", "end", NULL };
  const ChartaNode *period = member (c, root, NULL, "period", CHARTA_NODE_OBJECT, TRUE);
  g_autofree char *start = NULL, *end = NULL;
  const char *id, *s, *e;

  if (period == NULL || !check_members (c, period, "period", allowed))
    return;
  id = string_member (c, period, "period", "id", TRUE, NULL, NULL);
  s = string_member (c, period, "period", "start", TRUE, NULL, NULL);
  e = string_member (c, period, "period", "end", TRUE, NULL, NULL);
  if (id == NULL)
    return;
  if (!charta_report_period_range (id, &start, &end, NULL))
    problem (c, charta_node_get_member (period, "id"), "period.id",
             _("“%.80s” is not a reporting period (2024, 2024-H1, 2024-Q3 or 2024-05)"), id);
  else if (g_strcmp0 (s, start) != 0 || g_strcmp0 (e, end) != 0)
    problem (c, period, "period", _("period %s runs from %s to %s"), id, start, end);
  else
    *period_id = id;
}

/* Optional: reports made before rounds existed have none. */
static void
check_round (Checker *c, const ChartaNode *root)
{
  static const char * const allowed[] = { "number", "open", "label", "closed", NULL };
  const ChartaNode *round = member (c, root, NULL, "round", CHARTA_NODE_OBJECT, FALSE);
  const ChartaNode *open;
  gboolean has_label, has_closed;

  if (round == NULL || !check_members (c, round, "round", allowed))
    return;
  int_member (c, round, "round", "number", TRUE, 1, 1000000, NULL);
  open = member (c, round, "round", "open", CHARTA_NODE_BOOL, TRUE);
  string_member (c, round, "round", "label", FALSE, is_title, _("a label of one line"));
  string_member (c, round, "round", "closed", FALSE, charta_date_is_valid, _("a date (YYYY-MM-DD)"));
  has_label = charta_node_get_member (round, "label") != NULL;
  has_closed = charta_node_get_member (round, "closed") != NULL;
  if (has_label != has_closed)
    problem (c, round, "round", _("“label” and “closed” go together: a round's name and the day it closed"));
  else if (open != NULL && !open->boolean && !has_label)
    problem (c, round, "round", _("a closed round needs its “label” and the day it “closed”"));
}

static void
check_header (Checker *c, const ChartaNode *root, GError **error)
{
  const ChartaNode *format = charta_node_get_member (root, "format");
  const ChartaNode *version = charta_node_get_member (root, "version");
  gint64 v;

  if (format == NULL || format->type != CHARTA_NODE_STRING || strcmp (format->string, CHARTA_REPORT_FORMAT) != 0)
    problem (c, format ? format : root, "format", _("not a Charta report: “format” must be “%s”"),
             CHARTA_REPORT_FORMAT);
  else if (version == NULL || !charta_node_get_int (version, &v) || v < 1)
    problem (c, version ? version : root, "version", _("“version” must be a whole number from 1"));
  else if (v > CHARTA_REPORT_VERSION)
    g_set_error (error, CHARTA_REPORT_ERROR, CHARTA_REPORT_ERROR_VERSION,
                 _("%u:%u: version: report version %lld is newer than this Charta reads (%d)"),
                 version->line, version->column, (long long) v, CHARTA_REPORT_VERSION);
}

static void
check_body (Checker *c, const ChartaNode *root, ChartaReport *report)
{
  static const char * const allowed[] = { "format", "version", "id", "revision", "made", "project", "city",
                                          "period", "round", "frameworks", "levels", "actions", "measures",
                                          "narrative", NULL };
  static const char * const city_allowed[] = { "id", "name", NULL };
  const ChartaNode *city;
  const char *period = NULL;

  check_members (c, root, NULL, allowed);
  report->id = g_strdup (string_member (c, root, NULL, "id", TRUE, g_uuid_string_is_valid, _("an id (a UUID)")));
  report->revision = g_strdup (string_member (c, root, NULL, "revision", TRUE, is_revision,
                                              _("a revision (64 hexadecimal digits)")));
  report->made = g_strdup (string_member (c, root, NULL, "made", TRUE, charta_timestamp_is_valid,
                                          _("a time (ISO 8601 with a time zone)")));
  report->project = g_strdup (string_member (c, root, NULL, "project", TRUE, g_uuid_string_is_valid,
                                             _("an id (a UUID)")));
  city = member (c, root, NULL, "city", CHARTA_NODE_OBJECT, TRUE);
  if (city && check_members (c, city, "city", city_allowed))
    {
      report->city_id = g_strdup (string_member (c, city, "city", "id", TRUE, g_uuid_string_is_valid,
                                                 _("an id (a UUID)")));
      report->city_name = g_strdup (string_member (c, city, "city", "name", TRUE, is_title,
                                                   _("a name of one line")));
    }
  check_period (c, root, &period);
  report->period = g_strdup (period);
  check_round (c, root);
  check_string_list (c, root, NULL, "frameworks", TRUE, is_framework_id, _("a framework id"));
  check_levels (c, root);
  check_actions (c, root);
  check_measures (c, root);
  string_member (c, root, NULL, "narrative", TRUE, is_text, _("a text of at most 64 KiB"));
}

static void
check_identity (Checker *c, const ChartaNode *root, const ChartaReport *report)
{
  g_autofree char *expected_id = NULL;
  g_autofree char *revision = NULL;

  if (report->id == NULL || report->project == NULL || report->period == NULL || report->revision == NULL)
    return;
  expected_id = charta_report_make_id (report->project, report->period);
  if (strcmp (expected_id, report->id) != 0)
    problem (c, charta_node_get_member (root, "id"), "id",
             _("the id of the report of project %s for %s is %s"), report->project, report->period, expected_id);
  revision = charta_report_compute_revision (root);
  if (strcmp (revision, report->revision) != 0)
    problem (c, charta_node_get_member (root, "revision"), "revision",
             _("does not match the content (expected %s): the report was changed after it was made"), revision);
}

ChartaReport *
charta_report_parse (const char *data, gsize len, GError **error)
{
  g_autoptr(ChartaReport) report = g_new0 (ChartaReport, 1);
  g_autoptr(GString) messages = g_string_new (NULL);
  g_autoptr(GError) local_error = NULL;
  Checker c = { messages, 0 };
  ChartaNode *root;

  root = charta_json_parse (data, len, NULL, NULL, &local_error);
  if (root == NULL)
    {
      g_set_error (error, CHARTA_REPORT_ERROR, CHARTA_REPORT_ERROR_INVALID, "%s", local_error->message);
      return NULL;
    }
  report->root = root;
  if (root->type != CHARTA_NODE_OBJECT)
    {
      g_set_error (error, CHARTA_REPORT_ERROR, CHARTA_REPORT_ERROR_INVALID,
                   _("%u:%u: a Charta report is a JSON object, not %s"), root->line, root->column,
                   charta_node_type_name (root->type));
      return NULL;
    }
  check_header (&c, root, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (c.n_problems == 0)
    check_body (&c, root, report);
  if (c.n_problems == 0)
    check_identity (&c, root, report);
  if (c.n_problems > 0)
    {
      if (c.n_problems > MAX_PROBLEMS)
        g_string_append_printf (messages, "\n%s", _("… and more problems"));
      g_set_error_literal (error, CHARTA_REPORT_ERROR, CHARTA_REPORT_ERROR_INVALID, messages->str);
      return NULL;
    }
  return g_steal_pointer (&report);
}

/* ---- the hub's summary of a report ---- */

static guint
list_length (const ChartaNode *object, const char *key)
{
  const ChartaNode *list = charta_node_get_member (object, key);
  return list && list->type == CHARTA_NODE_ARRAY ? list->array->len : 0;
}

char *
charta_report_make_summary (const ChartaReport *report, const char *received)
{
  g_autoptr(ChartaNode) summary = charta_node_new_object ();
  const ChartaNode *actions, *narrative;
  ChartaNode *city = charta_node_new_object ();
  ChartaNode *counts = charta_node_new_object ();
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (report != NULL && report->root != NULL && received != NULL, NULL);

  actions = charta_node_get_member (report->root, "actions");
  narrative = charta_node_get_member (report->root, "narrative");
  set_string (summary, "id", report->id);
  set_string (city, "id", report->city_id);
  set_string (city, "name", report->city_name);
  charta_node_set_member (summary, "city", city);
  set_string (summary, "period", report->period);
  set_string (summary, "revision", report->revision);
  set_string (summary, "made", report->made);
  set_string (summary, "received", received);
  charta_node_set_member (summary, "levels", charta_node_new_number_int (list_length (report->root, "levels")));
  for (guint s = 0; status_keys[s]; s++)
    charta_node_set_member (counts, status_keys[s],
                            charta_node_new_number_int (actions ? list_length (actions, status_keys[s]) : 0));
  charta_node_set_member (summary, "actions", counts);
  charta_node_set_member (summary, "measures", charta_node_new_number_int (list_length (report->root, "measures")));
  set_string (summary, "narrative", narrative && narrative->type == CHARTA_NODE_STRING ? narrative->string : "");
  charta_json_write (out, summary, 0);
  return g_string_free (out, FALSE);
}

/* ---- the report against a catalogue ---- */

GArray *
charta_report_get_levels (const ChartaReport *report)
{
  const ChartaNode *list;
  GArray *levels;

  g_return_val_if_fail (report != NULL && report->root != NULL, NULL);

  list = charta_node_get_member (report->root, "levels");
  levels = g_array_sized_new (FALSE, FALSE, sizeof (ChartaReportLevel), list ? list->array->len : 0);
  for (guint i = 0; list && list->type == CHARTA_NODE_ARRAY && i < list->array->len; i++)
    {
      const ChartaNode *e = g_ptr_array_index (list->array, i);
      const ChartaNode *item = charta_node_get_member (e, "item");
      ChartaReportLevel level = { item && item->type == CHARTA_NODE_STRING ? item->string : NULL, 0, 0 };
      gint64 v;

      if (charta_node_get_int (charta_node_get_member (e, "level"), &v))
        level.level = (int) v;
      if (charta_node_get_int (charta_node_get_member (e, "scale"), &v))
        level.scale = (int) v;
      g_array_append_val (levels, level);
    }
  return levels;
}

static void
check_known_level (Checker *c, ChartaCatalogue *catalogue, const ChartaNode *e, guint i)
{
  g_autofree char *field = g_strdup_printf ("levels[%u]", i);
  const ChartaNode *item = charta_node_get_member (e, "item");
  const ChartaItem *known = charta_catalogue_lookup (catalogue, item->string);
  gint64 level = 0, scale = 0;
  guint n_levels;

  charta_node_get_int (charta_node_get_member (e, "level"), &level);
  charta_node_get_int (charta_node_get_member (e, "scale"), &scale);
  if (known == NULL)
    {
      g_autofree char *where = g_strconcat (field, ".item", NULL);
      problem (c, item, where, _("“%.80s” is not an item of the hub’s catalogue"), item->string);
      return;
    }
  n_levels = charta_framework_get_n_levels (charta_item_get_framework (known));
  if (scale != (gint64) n_levels)
    {
      g_autofree char *where = g_strconcat (field, ".scale", NULL);
      problem (c, charta_node_get_member (e, "scale"), where, _("%s is assessed on a scale of %u, not %lld"),
               item->string, n_levels, (long long) scale);
    }
  else if (level < 1 || level > scale)
    {
      g_autofree char *where = g_strconcat (field, ".level", NULL);
      problem (c, charta_node_get_member (e, "level"), where, _("level %lld is not on the scale of 1 to %u"),
               (long long) level, n_levels);
    }
}

static void
check_known_items (Checker *c, ChartaCatalogue *catalogue, const ChartaNode *list, const char *field)
{
  for (guint i = 0; list && i < list->array->len; i++)
    {
      const ChartaNode *e = g_ptr_array_index (list->array, i);
      const ChartaNode *items = charta_node_get_member (e, "items");

      for (guint j = 0; items && j < items->array->len; j++)
        {
          const ChartaNode *id = g_ptr_array_index (items->array, j);
          if (charta_catalogue_lookup (catalogue, id->string) == NULL)
            {
              g_autofree char *where = g_strdup_printf ("%s[%u].items[%u]", field, i, j);
              problem (c, id, where, _("“%.80s” is not an item of the hub’s catalogue"), id->string);
            }
        }
    }
}

gboolean
charta_report_check_catalogue (const ChartaReport *report, ChartaCatalogue *catalogue, GError **error)
{
  g_autoptr(GString) messages = g_string_new (NULL);
  Checker c = { messages, 0 };
  const ChartaNode *root, *levels, *frameworks, *actions;

  g_return_val_if_fail (report != NULL && report->root != NULL && catalogue != NULL, FALSE);

  root = report->root;
  frameworks = charta_node_get_member (root, "frameworks");
  for (guint i = 0; frameworks && i < frameworks->array->len; i++)
    {
      const ChartaNode *id = g_ptr_array_index (frameworks->array, i);
      if (charta_catalogue_find_framework (catalogue, id->string) == NULL)
        {
          g_autofree char *where = g_strdup_printf ("frameworks[%u]", i);
          problem (&c, id, where, _("“%.80s” is not a framework of the hub’s catalogue"), id->string);
        }
    }
  levels = charta_node_get_member (root, "levels");
  for (guint i = 0; levels && i < levels->array->len; i++)
    check_known_level (&c, catalogue, g_ptr_array_index (levels->array, i), i);
  actions = charta_node_get_member (root, "actions");
  for (guint s = 0; actions && s < actions->members->len; s++)
    {
      ChartaMember *m = &g_array_index (actions->members, ChartaMember, s);
      g_autofree char *field = g_strdup_printf ("actions.%s", m->key);
      check_known_items (&c, catalogue, m->value, field);
    }
  check_known_items (&c, catalogue, charta_node_get_member (root, "measures"), "measures");
  if (c.n_problems == 0)
    return TRUE;
  if (c.n_problems > MAX_PROBLEMS)
    g_string_append_printf (messages, "\n%s", _("… and more problems"));
  g_set_error_literal (error, CHARTA_REPORT_ERROR, CHARTA_REPORT_ERROR_INVALID, messages->str);
  return FALSE;
}
