/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-export"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "charta-date.h"
#include "charta-format.h"
#include "charta-summary.h"
#include "charta-export-document.h"

static void
free_bar (gpointer data)
{
  ChartaExportBar *bar = data;

  g_free (bar->id);
  g_free (bar->title);
  g_free (bar);
}

static void
free_assessment (gpointer data)
{
  ChartaExportAssessment *a = data;

  g_free (a->item);
  g_free (a->title);
  g_free (a->group);
  g_free (a->level_title);
  g_free (a->level_description);
  g_free (a->evidence);
  g_ptr_array_unref (a->sources);
  g_free (a->answer);
  g_ptr_array_unref (a->key_problems);
  g_ptr_array_unref (a->recommendations);
  g_free (a->changed);
  g_free (a);
}

static void
free_framework (gpointer data)
{
  ChartaExportFramework *f = data;

  g_free (f->id);
  g_free (f->title);
  g_ptr_array_unref (f->assessments);
  g_free (f);
}

static void
free_action (gpointer data)
{
  ChartaExportAction *a = data;

  g_free (a->id);
  g_free (a->title);
  g_free (a->description);
  g_ptr_array_unref (a->items);
  g_ptr_array_unref (a->workforms);
  g_free (a->owner);
  g_ptr_array_unref (a->partners);
  g_free (a->start);
  g_free (a->due);
  g_free (a->notes);
  g_free (a);
}

static void
free_value (gpointer data)
{
  ChartaExportValue *v = data;

  if (v == NULL)
    return;
  g_free (v->date);
  g_free (v->note);
  g_free (v);
}

static void
free_measure (gpointer data)
{
  ChartaExportMeasure *m = data;

  g_free (m->id);
  g_free (m->title);
  g_free (m->description);
  g_free (m->unit);
  free_value (m->baseline);
  free_value (m->target);
  g_ptr_array_unref (m->actuals);
  g_free (m);
}

static void
free_consultation (gpointer data)
{
  ChartaExportConsultation *c = data;

  g_free (c->id);
  g_free (c->date);
  g_free (c->title);
  g_clear_pointer (&c->participants, g_ptr_array_unref);
  g_free (c->conclusions);
  g_free (c->notes);
  g_free (c);
}

static void
free_section (gpointer data)
{
  ChartaExportSection *s = data;

  g_free (s->anchor);
  g_free (s->title);
  g_free (s);
}

static void
free_change (gpointer data)
{
  ChartaExportChange *c = data;

  g_free (c->id);
  g_free (c->title);
  g_free (c->description);
  g_free (c->groups);
  g_free (c->due);
  g_free (c);
}

static void
free_change_group (gpointer data)
{
  ChartaExportChangeGroup *g = data;

  g_free (g->id);
  g_free (g->title);
  g_ptr_array_unref (g->changes);
  g_free (g);
}

static void
free_reviewer (gpointer data)
{
  ChartaExportReviewer *r = data;

  g_free (r->name);
  g_free (r->role);
  g_free (r->city);
  g_free (r);
}

static void
free_feedback (gpointer data)
{
  ChartaExportFeedback *f = data;

  g_free (f->area);
  g_free (f->title);
  g_free (f->situation);
  g_free (f->findings);
  g_free (f->key_problems);
  g_free (f->recommendations);
  g_free (f->good_practices);
  g_free (f);
}

static void
free_review (ChartaExportReview *r)
{
  if (r == NULL)
    return;
  g_free (r->title);
  g_free (r->kind);
  g_free (r->stage);
  g_free (r->start);
  g_free (r->end);
  g_ptr_array_unref (r->team);
  g_ptr_array_unref (r->items);
  g_ptr_array_unref (r->gaps);
  g_ptr_array_unref (r->feedback);
  g_free (r);
}

static GPtrArray *
new_strv (void)
{
  return g_ptr_array_new_with_free_func (g_free);
}

/* Empty text is no text: renderers test for NULL only. */
static char *
dup_text (const char *text)
{
  return text != NULL && *text != '\0' ? g_strdup (text) : NULL;
}

static const char *
item_title (ChartaCatalogue *catalogue, const char *id)
{
  const ChartaItem *item = charta_catalogue_lookup (catalogue, id);
  const char *title = item ? charta_item_get_title (item) : NULL;

  return title ? title : id;
}

/* ---- the fields the project format changes in version 2 (one function each) ---- */

/* Work forms of an action, as catalogue ids. Version 1 has one (`workform`); version 2
 * a list (`workforms`): adapt here only. */
static GPtrArray *
action_workform_ids (const ChartaAction *action)
{
  GPtrArray *ids = g_ptr_array_new ();

  for (guint i = 0; action->workforms && i < action->workforms->len; i++)
    g_ptr_array_add (ids, g_ptr_array_index (action->workforms, i));
  return ids;
}

/* The sources of an assessment, each as the one line a report shows. Version 1 holds
 * titles; version 2 records (title, date, link, page): adapt here only. */
static GPtrArray *
assessment_source_lines (const ChartaAssessment *assessment)
{
  GPtrArray *lines = new_strv ();

  for (guint i = 0; assessment->sources && i < assessment->sources->len; i++)
    {
      const ChartaSource *source = g_ptr_array_index (assessment->sources, i);
      GString *line = g_string_new (source->title);

      if (source->reference)
        g_string_append_printf (line, ", %s", source->reference);
      if (source->date)
        {
          g_autofree char *date = charta_format_date (source->date);
          g_string_append_printf (line, ", %s", date);
        }
      if (source->page)
        /* Translators: a page of a source document in a report, e.g. ", p. 12" */
        g_string_append_printf (line, _(", p. %s"), source->page);
      if (source->link)
        g_string_append_printf (line, " (%s)", source->link);
      g_ptr_array_add (lines, g_string_free (line, FALSE));
    }
  return lines;
}

/* ---- building ---- */

static void
add_section (ChartaExportDocument *doc, ChartaExportSectionKind kind, const char *anchor, const char *title)
{
  ChartaExportSection *s = g_new0 (ChartaExportSection, 1);

  s->kind = kind;
  s->anchor = g_strdup (anchor);
  s->title = g_strdup (title);
  g_ptr_array_add (doc->sections, s);
}

static void
add_bars (GPtrArray *bars, GArray *progress)
{
  for (guint i = 0; i < progress->len; i++)
    {
      const ChartaProgress *p = &g_array_index (progress, ChartaProgress, i);
      ChartaExportBar *bar = g_new0 (ChartaExportBar, 1);

      bar->id = g_strdup (charta_item_get_id (p->item));
      bar->title = g_strdup (charta_item_get_title (p->item));
      bar->mean = charta_progress_get_mean (p);
      bar->n_assessed = p->n_assessed;
      bar->n_assessable = p->n_assessable;
      bar->n_open = charta_progress_get_open_actions (p);
      bar->n_done = p->actions[CHARTA_STATUS_DONE];
      bar->n_overdue = p->n_overdue;
      g_ptr_array_add (bars, bar);
    }
}

static gboolean
has_content (const ChartaAssessment *a)
{
  return a->level != CHARTA_UNSET || (a->evidence && *a->evidence) || (a->answer && *a->answer) ||
         (a->key_problems && a->key_problems->len > 0) ||
         (a->recommendations && a->recommendations->len > 0);
}

static GPtrArray *
titles_of (ChartaCatalogue *catalogue, GPtrArray *ids)
{
  GPtrArray *titles = new_strv ();

  for (guint i = 0; ids && i < ids->len; i++)
    g_ptr_array_add (titles, g_strdup (item_title (catalogue, g_ptr_array_index (ids, i))));
  return titles;
}

static ChartaExportAssessment *
build_assessment (ChartaCatalogue *catalogue, const ChartaItem *item, const ChartaAssessment *a,
                  gboolean internal)
{
  ChartaExportAssessment *out = g_new0 (ChartaExportAssessment, 1);
  const ChartaFramework *fw = charta_item_get_framework (item);
  const ChartaItem *parent = charta_item_get_parent (item);
  const ChartaLevel *level = a->level != CHARTA_UNSET ? charta_framework_find_level (fw, a->level) : NULL;

  out->item = g_strdup (charta_item_get_id (item));
  out->title = g_strdup (charta_item_get_title (item));
  out->group = parent ? g_strdup (charta_item_get_title (parent)) : NULL;
  out->level = a->level;
  out->n_levels = charta_framework_get_n_levels (fw);
  out->level_title = level ? dup_text (charta_level_get_title (level)) : NULL;
  out->level_description = level ? dup_text (charta_level_get_description (level)) : NULL;
  /* Evidence kept internal never enters a public document. */
  if (internal || !a->evidence_private)
    {
      out->evidence = dup_text (a->evidence);
      out->evidence_internal = a->evidence_private && out->evidence != NULL;
    }
  out->sources = assessment_source_lines (a);
  out->answer = dup_text (a->answer);
  out->key_problems = titles_of (catalogue, a->key_problems);
  out->recommendations = titles_of (catalogue, a->recommendations);
  out->changed = g_strdup (a->changed);
  return out;
}

static void
add_assessments (ChartaExportDocument *doc, const ChartaProject *project, ChartaCatalogue *catalogue)
{
  for (guint f = 0; f < charta_catalogue_get_n_frameworks (catalogue); f++)
    {
      const ChartaFramework *fw = charta_catalogue_get_framework (catalogue, f);
      ChartaExportFramework *part;

      if (!charta_project_uses_framework (project, charta_framework_get_id (fw)))
        continue;
      g_ptr_array_add (doc->frameworks, g_strdup (charta_framework_get_title (fw)));
      part = g_new0 (ChartaExportFramework, 1);
      part->id = g_strdup (charta_framework_get_id (fw));
      part->title = g_strdup (charta_framework_get_title (fw));
      part->assessments = g_ptr_array_new_with_free_func (free_assessment);
      for (guint i = 0; i < charta_framework_get_n_items (fw); i++)
        {
          const ChartaItem *item = charta_framework_get_item (fw, i);
          const ChartaAssessment *a = charta_project_get_assessment (project, charta_item_get_id (item));

          if (a != NULL && has_content (a))
            g_ptr_array_add (part->assessments, build_assessment (catalogue, item, a, doc->internal));
        }
      g_ptr_array_add (doc->assessed, part);
    }
}

/* People's names are internal; a public report names the organisation that owns the action. */
static char *
describe_owner (const ChartaProject *project, const char *person_id, gboolean internal)
{
  const ChartaPerson *person = person_id ? charta_project_find_person (project, person_id) : NULL;

  if (person == NULL)
    return NULL;
  return dup_text (internal ? person->name : person->organisation);
}

static ChartaExportAction *
build_action (const ChartaProject *project, ChartaCatalogue *catalogue, const ChartaAction *a,
              const char *today, gboolean internal)
{
  ChartaExportAction *out = g_new0 (ChartaExportAction, 1);
  g_autoptr(GPtrArray) workforms = action_workform_ids (a);

  out->id = g_strdup (a->id);
  out->title = g_strdup (a->title);
  out->description = dup_text (a->description);
  out->items = new_strv ();
  for (guint i = 0; a->items && i < a->items->len; i++)
    g_ptr_array_add (out->items, g_strdup (g_ptr_array_index (a->items, i)));
  out->workforms = titles_of (catalogue, workforms);
  out->owner = describe_owner (project, a->owner, internal);
  out->partners = new_strv ();
  for (guint i = 0; a->partners && i < a->partners->len; i++)
    {
      const ChartaPartner *p = charta_project_find_partner (project, g_ptr_array_index (a->partners, i));
      if (p != NULL && p->name != NULL)
        g_ptr_array_add (out->partners, g_strdup (p->name));
    }
  out->start = g_strdup (a->start);
  out->due = g_strdup (a->due);
  out->status = a->status;
  out->progress = a->progress;
  out->overdue = charta_action_is_overdue (a, today);
  out->notes = internal ? dup_text (a->notes) : NULL;
  return out;
}

static ChartaExportValue *
build_value (const ChartaDatedValue *v)
{
  ChartaExportValue *out;

  if (v == NULL)
    return NULL;
  out = g_new0 (ChartaExportValue, 1);
  out->date = g_strdup (v->date);
  out->value = v->value;
  out->note = dup_text (v->note);
  return out;
}

static int
compare_values (gconstpointer a, gconstpointer b)
{
  const ChartaExportValue *va = *(ChartaExportValue * const *) a;
  const ChartaExportValue *vb = *(ChartaExportValue * const *) b;

  return g_strcmp0 (va->date, vb->date);
}

static ChartaExportMeasure *
build_measure (const ChartaMeasure *m)
{
  ChartaExportMeasure *out = g_new0 (ChartaExportMeasure, 1);

  out->id = g_strdup (m->id);
  out->title = g_strdup (m->title);
  out->description = dup_text (m->description);
  out->unit = dup_text (m->unit);
  out->direction = m->direction;
  out->baseline = build_value (m->baseline);
  out->target = build_value (m->target);
  out->actuals = g_ptr_array_new_with_free_func (free_value);
  for (guint i = 0; m->actuals && i < m->actuals->len; i++)
    g_ptr_array_add (out->actuals, build_value (g_ptr_array_index (m->actuals, i)));
  /* Stable (GLib ≥ 2.32): equal dates keep the order entered. */
  g_ptr_array_sort (out->actuals, compare_values);
  return out;
}

/* Who took part and what was concluded is internal: a public report says only that the
 * meeting took place, what it was about and how many took part. */
static ChartaExportConsultation *
build_consultation (const ChartaConsultation *c, gboolean internal)
{
  ChartaExportConsultation *out = g_new0 (ChartaExportConsultation, 1);

  out->id = g_strdup (c->id);
  out->date = g_strdup (c->date);
  out->kind = c->kind;
  out->title = g_strdup (c->title);
  out->n_participants = c->participants ? c->participants->len : 0;
  if (internal)
    {
      out->participants = new_strv ();
      for (guint i = 0; c->participants && i < c->participants->len; i++)
        g_ptr_array_add (out->participants, g_strdup (g_ptr_array_index (c->participants, i)));
      out->conclusions = dup_text (c->conclusions);
      out->notes = dup_text (c->notes);
    }
  return out;
}

static int
compare_consultations (gconstpointer a, gconstpointer b)
{
  const ChartaExportConsultation *ca = *(ChartaExportConsultation * const *) a;
  const ChartaExportConsultation *cb = *(ChartaExportConsultation * const *) b;

  return g_strcmp0 (ca->date, cb->date);
}

/* ---- what changed ---- */

static ChartaExportChange *
build_change (const ChartaChange *c, const char *groups)
{
  ChartaExportChange *out = g_new0 (ChartaExportChange, 1);
  gboolean level = c->kind == CHARTA_CHANGE_LEVEL_UP || c->kind == CHARTA_CHANGE_LEVEL_DOWN;
  gboolean measure = c->kind == CHARTA_CHANGE_MEASURE_TOWARD || c->kind == CHARTA_CHANGE_MEASURE_AWAY;

  out->kind = c->kind;
  out->kind_label = charta_change_kind_get_label (c->kind);
  out->id = g_strdup (c->id);
  out->title = g_strdup (c->title);
  out->description = charta_change_describe (c);
  out->groups = g_strdup (groups);
  out->old_level = level ? c->old_level : CHARTA_UNSET;
  out->new_level = level ? c->new_level : CHARTA_UNSET;
  out->old_status = !level && !measure ? c->old_status : CHARTA_UNSET;
  out->new_status = !level && !measure ? c->new_status : CHARTA_UNSET;
  out->due = !level && !measure ? g_strdup (c->due) : NULL;
  out->old_value = measure && c->old_value ? c->old_value->value : NAN;
  out->new_value = measure && c->new_value ? c->new_value->value : NAN;
  out->target = measure && c->target ? c->target->value : NAN;
  return out;
}

/* Each change's groups as one text ("; "), in one pass over the groups. */
static GHashTable *
group_titles (const ChartaChanges *changes)
{
  GHashTable *titles = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_free);

  for (guint i = 0; i < changes->groups->len; i++)
    {
      const ChartaChangeGroup *g = g_ptr_array_index (changes->groups, i);

      for (guint k = 0; g->item != NULL && k < g->changes->len; k++)
        {
          gpointer key = g_ptr_array_index (g->changes, k);
          const char *before = g_hash_table_lookup (titles, key);
          char *joined = before ? g_strconcat (before, "; ", charta_item_get_title (g->item), NULL)
                                : g_strdup (charta_item_get_title (g->item));
          g_hash_table_insert (titles, key, joined);
        }
    }
  return titles;
}

static void
add_changes (ChartaExportDocument *doc, const ChartaProject *project, const ChartaRound *round)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChartaChanges) changes = charta_changes_new (project, round, doc->today, &error);
  g_autoptr(GHashTable) titles = NULL;
  g_autoptr(GHashTable) made = NULL;
  guint number = 0;

  if (changes == NULL)
    {
      doc->no_changes_reason = project->rounds == NULL || project->rounds->len == 0 ?
        g_strdup (_("No reporting round has been closed yet, so this report cannot say what changed.")) :
        /* Translators: %s is the name of a reporting round */
        g_strdup_printf (_("Round “%s” holds no snapshot, so this report cannot say what changed."),
                         (round ? round : charta_project_get_last_round (project))->label);
      return;
    }
  for (guint i = 0; i < project->rounds->len; i++)
    if (g_strcmp0 (((ChartaRound *) g_ptr_array_index (project->rounds, i))->id, changes->since->id) == 0)
      number = i;
  doc->since_id = g_strdup (changes->since->id);
  doc->since_label = g_strdup (changes->since->label);
  doc->since_closed = g_strdup (changes->since->closed);
  doc->since_number = number + 1;
  titles = group_titles (changes);
  made = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < changes->changes->len; i++)
    {
      const ChartaChange *c = g_ptr_array_index (changes->changes, i);
      ChartaExportChange *out = build_change (c, g_hash_table_lookup (titles, c));

      g_ptr_array_add (doc->changes, out);
      g_hash_table_insert (made, (gpointer) c, out);
    }
  for (guint i = 0; i < changes->groups->len; i++)
    {
      const ChartaChangeGroup *g = g_ptr_array_index (changes->groups, i);
      ChartaExportChangeGroup *out = g_new0 (ChartaExportChangeGroup, 1);

      out->id = g->item ? g_strdup (charta_item_get_id (g->item)) : NULL;
      /* Translators: the heading of the changes that serve no Charter role or DIVE area */
      out->title = g_strdup (g->item ? charta_item_get_title (g->item) : C_("changes", "Other"));
      out->changes = g_ptr_array_new ();
      for (guint k = 0; k < g->changes->len; k++)
        g_ptr_array_add (out->changes, g_hash_table_lookup (made, g_ptr_array_index (g->changes, k)));
      g_ptr_array_add (doc->change_groups, out);
    }
}

static void
add_sections (ChartaExportDocument *doc)
{
  add_section (doc, CHARTA_EXPORT_SECTION_SUMMARY, "summary", _("Summary"));
  if (doc->since_label != NULL)
    add_section (doc, CHARTA_EXPORT_SECTION_CHANGES, "changes", _("What changed"));
  add_section (doc, CHARTA_EXPORT_SECTION_ASSESSMENT, "assessment", _("Assessment"));
  add_section (doc, CHARTA_EXPORT_SECTION_ACTIONS, "action-plan", _("Action plan"));
  add_section (doc, CHARTA_EXPORT_SECTION_MEASURES, "measures", _("Measures"));
  add_section (doc, CHARTA_EXPORT_SECTION_CONSULTATIONS, "consultations", _("Consultations"));
}

/* What every kind of report has: who, when, for which period, in which language. */
static ChartaExportDocument *
document_new (const ChartaProject *project, const ChartaExportOptions *options, const char *kind_title)
{
  ChartaExportDocument *doc = g_new0 (ChartaExportDocument, 1);

  doc->internal = options && options->internal;
  doc->today = options && options->today ? g_strdup (options->today) : charta_date_today ();
  doc->language = options && options->language ? g_strdup (options->language) : charta_export_current_language ();
  doc->kind_title = g_strdup (kind_title);
  doc->title = g_strdup (project->title);
  doc->city = g_strdup (project->city ? project->city->name : NULL);
  doc->country = project->city ? dup_text (project->city->country) : NULL;
  doc->period_start = project->period ? g_strdup (project->period->start) : NULL;
  doc->period_end = project->period ? g_strdup (project->period->end) : NULL;
  doc->period_label = project->period ? dup_text (project->period->label) : NULL;
  doc->frameworks = new_strv ();
  doc->sections = g_ptr_array_new_with_free_func (free_section);
  doc->roles = g_ptr_array_new_with_free_func (free_bar);
  doc->areas = g_ptr_array_new_with_free_func (free_bar);
  doc->assessed = g_ptr_array_new_with_free_func (free_framework);
  doc->actions = g_ptr_array_new_full (project->actions ? project->actions->len : 0, free_action);
  doc->measures = g_ptr_array_new_with_free_func (free_measure);
  doc->consultations = g_ptr_array_new_with_free_func (free_consultation);
  doc->changes = g_ptr_array_new_with_free_func (free_change);
  doc->change_groups = g_ptr_array_new_with_free_func (free_change_group);
  return doc;
}

ChartaExportDocument *
charta_export_document_new (const ChartaProject *project, ChartaCatalogue *catalogue,
                            const ChartaExportOptions *options)
{
  ChartaExportDocument *doc;
  g_autoptr(ChartaSummary) summary = NULL;

  g_return_val_if_fail (project != NULL, NULL);
  g_return_val_if_fail (catalogue != NULL, NULL);

  doc = document_new (project, options, _("Assessment and action plan"));
  add_changes (doc, project, options ? options->round : NULL);
  add_sections (doc);
  summary = charta_summary_new (project, doc->today);
  add_bars (doc->roles, summary->roles);
  add_bars (doc->areas, summary->areas);
  add_assessments (doc, project, catalogue);
  for (guint i = 0; project->actions && i < project->actions->len; i++)
    g_ptr_array_add (doc->actions, build_action (project, catalogue, g_ptr_array_index (project->actions, i),
                                                 doc->today, doc->internal));
  for (guint i = 0; project->measures && i < project->measures->len; i++)
    g_ptr_array_add (doc->measures, build_measure (g_ptr_array_index (project->measures, i)));
  for (guint i = 0; project->consultations && i < project->consultations->len; i++)
    g_ptr_array_add (doc->consultations,
                     build_consultation (g_ptr_array_index (project->consultations, i), doc->internal));
  g_ptr_array_sort (doc->consultations, compare_consultations);
  return doc;
}

/* ---- a peer review's feedback report ---- */

static void
find_stage (ChartaExportReview *out, ChartaCatalogue *catalogue, const char *stage_id)
{
  const ChartaItem *stage = stage_id ? charta_catalogue_lookup (catalogue, stage_id) : NULL;
  const ChartaFramework *fw = stage ? charta_item_get_framework (stage) : NULL;

  if (stage == NULL)
    return;
  out->stage = g_strdup (charta_item_get_title (stage));
  for (guint i = 0; i < charta_framework_get_n_items (fw); i++)
    {
      const ChartaItem *item = charta_framework_get_item (fw, i);

      if (strcmp (charta_item_get_kind (item), "review-stage") != 0)
        continue;
      out->n_stages++;
      if (item == stage)
        out->stage_number = out->n_stages;
    }
}

static GPtrArray *
item_titles (GPtrArray *items)
{
  GPtrArray *titles = new_strv ();

  for (guint i = 0; i < items->len; i++)
    {
      const ChartaItem *item = g_ptr_array_index (items, i);
      const char *title = charta_item_get_title (item);
      g_ptr_array_add (titles, g_strdup (title ? title : charta_item_get_id (item)));
    }
  return titles;
}

static ChartaExportFeedback *
build_feedback (const ChartaProject *project, ChartaCatalogue *catalogue, const ChartaReview *review,
                const ChartaFeedbackSection *section)
{
  ChartaExportFeedback *out = g_new0 (ChartaExportFeedback, 1);
  const ChartaItem *area = charta_catalogue_lookup (catalogue, section->area);
  const ChartaAssessment *own = charta_project_get_assessment (project, section->area);
  const ChartaReviewAssessment *agreed = charta_review_get_agreed (review, section->area);

  out->area = g_strdup (section->area);
  out->title = g_strdup (item_title (catalogue, section->area));
  out->city_level = own ? own->level : CHARTA_UNSET;
  out->team_level = agreed ? agreed->level : CHARTA_UNSET;
  out->n_levels = area ? charta_framework_get_n_levels (charta_item_get_framework (area)) : 0;
  out->situation = dup_text (section->situation);
  out->findings = dup_text (section->findings);
  out->key_problems = dup_text (section->key_problems);
  out->recommendations = dup_text (section->recommendations);
  out->good_practices = dup_text (section->good_practices);
  return out;
}

static ChartaExportReview *
build_review (const ChartaProject *project, ChartaCatalogue *catalogue, const ChartaReview *original,
              gboolean internal)
{
  g_autoptr(ChartaReview) review = charta_review_copy (original);
  ChartaExportReview *out = g_new0 (ChartaExportReview, 1);
  g_autoptr(GPtrArray) items = charta_review_get_items (review);
  g_autoptr(GPtrArray) gaps = charta_review_find_gaps (review);

  /* Drafted on the copy: sections the team wrote stay as written. */
  charta_review_draft_feedback (review, project);
  out->kind = g_strdup (charta_review_kind_get_label (review->kind));
  out->title = g_strdup (review->title ? review->title : out->kind);
  find_stage (out, catalogue, review->stage);
  out->start = g_strdup (review->start);
  out->end = g_strdup (review->end);
  out->team = g_ptr_array_new_with_free_func (free_reviewer);
  for (guint i = 0; review->team && i < review->team->len; i++)
    {
      const ChartaReviewer *m = g_ptr_array_index (review->team, i);
      const ChartaPerson *person = charta_project_find_person (project, m->person);
      ChartaExportReviewer *r = g_new0 (ChartaExportReviewer, 1);

      /* People's names are internal, as everywhere else. */
      r->name = internal && person ? dup_text (person->name) : NULL;
      r->role = g_strdup (charta_review_role_get_label (m->role));
      r->city = dup_text (m->city);
      g_ptr_array_add (out->team, r);
    }
  out->items = item_titles (items);
  out->gaps = item_titles (gaps);
  out->n_sessions = review->sessions ? review->sessions->len : 0;
  out->feedback = g_ptr_array_new_with_free_func (free_feedback);
  for (guint i = 0; review->feedback && i < review->feedback->len; i++)
    g_ptr_array_add (out->feedback, build_feedback (project, catalogue, review, g_ptr_array_index (review->feedback, i)));
  return out;
}

ChartaExportDocument *
charta_export_document_new_review (const ChartaProject *project, ChartaCatalogue *catalogue,
                                   const ChartaReview *review, const ChartaExportOptions *options)
{
  ChartaExportDocument *doc;

  g_return_val_if_fail (project != NULL, NULL);
  g_return_val_if_fail (catalogue != NULL, NULL);
  g_return_val_if_fail (review != NULL, NULL);

  doc = document_new (project, options, _("Peer review feedback report"));
  doc->review = build_review (project, catalogue, review, doc->internal);
  if (review->start != NULL && review->end != NULL)
    {
      g_free (doc->period_start);
      g_free (doc->period_end);
      g_clear_pointer (&doc->period_label, g_free);
      doc->period_start = g_strdup (review->start);
      doc->period_end = g_strdup (review->end);
    }
  g_ptr_array_add (doc->frameworks, g_strdup (doc->review->kind));
  add_section (doc, CHARTA_EXPORT_SECTION_REVIEW, "review", _("The review"));
  add_section (doc, CHARTA_EXPORT_SECTION_FEEDBACK, "feedback", _("Feedback per area"));
  return doc;
}

void
charta_export_document_free (ChartaExportDocument *doc)
{
  if (doc == NULL)
    return;
  g_free (doc->language);
  g_free (doc->today);
  g_free (doc->title);
  g_free (doc->city);
  g_free (doc->country);
  g_free (doc->period_start);
  g_free (doc->period_end);
  g_free (doc->period_label);
  g_ptr_array_unref (doc->frameworks);
  g_ptr_array_unref (doc->sections);
  g_ptr_array_unref (doc->roles);
  g_ptr_array_unref (doc->areas);
  g_ptr_array_unref (doc->assessed);
  g_ptr_array_unref (doc->actions);
  g_ptr_array_unref (doc->measures);
  g_ptr_array_unref (doc->consultations);
  g_free (doc->since_id);
  g_free (doc->since_label);
  g_free (doc->since_closed);
  g_free (doc->no_changes_reason);
  g_ptr_array_unref (doc->changes);
  g_ptr_array_unref (doc->change_groups);
  g_free (doc->kind_title);
  free_review (doc->review);
  g_free (doc);
}

const char *
charta_export_meeting_kind_label (ChartaMeetingKind kind)
{
  switch (kind)
    {
    case CHARTA_MEETING_CONSULTATION: return C_("meeting kind", "Consultation");
    case CHARTA_MEETING_EVALUATION: return C_("meeting kind", "Evaluation");
    case CHARTA_MEETING_PEER_REVIEW: return C_("meeting kind", "Peer review");
    case CHARTA_MEETING_STEERING: return C_("meeting kind", "Steering group");
    case CHARTA_MEETING_OTHER:
    default: return C_("meeting kind", "Other meeting");
    }
}

const char *
charta_export_direction_label (ChartaDirection direction)
{
  switch (direction)
    {
    case CHARTA_DIRECTION_DECREASE: return C_("measure direction", "Lower is better");
    case CHARTA_DIRECTION_MAINTAIN: return C_("measure direction", "Keep at the target");
    case CHARTA_DIRECTION_INCREASE:
    default: return C_("measure direction", "Higher is better");
    }
}

char *
charta_export_describe_level (const ChartaExportAssessment *a)
{
  if (a->level == CHARTA_UNSET)
    return g_strdup (charta_format_not_assessed ());
  if (a->level_title == NULL)
    /* Translators: the level an item reached on its framework's scale, e.g. "Level 2 of 4" */
    return g_strdup_printf (_("Level %d of %u"), a->level, a->n_levels);
  /* Translators: e.g. "Level 2 of 4: Partly in place" */
  return g_strdup_printf (_("Level %d of %u: %s"), a->level, a->n_levels, a->level_title);
}

char *
charta_export_describe_period (const ChartaExportDocument *doc)
{
  g_autofree char *start = charta_format_date (doc->period_start);
  g_autofree char *end = charta_format_date (doc->period_end);

  /* Translators: a reporting period, e.g. "2018-01-01 to 2018-12-31" */
  return g_strdup_printf (_("%s to %s"), start, end);
}

char *
charta_export_describe_round (const ChartaExportDocument *doc)
{
  g_autofree char *closed = NULL;

  if (doc->since_label == NULL)
    return g_strdup (doc->no_changes_reason);   /* NULL in a review's report */
  closed = charta_format_date (doc->since_closed);
  /* Translators: round NUMBER “LABEL”, the day it was closed */
  return g_strdup_printf (_("Changes since round %u “%s”, closed on %s"), doc->since_number, doc->since_label, closed);
}

const char *
charta_export_describe_audience (const ChartaExportDocument *doc)
{
  /* Translators: marks a report that holds internal evidence, names and notes */
  return doc->internal ? C_("report audience", "Internal") : C_("report audience", "Public");
}

char *
charta_export_current_language (void)
{
  const char * const *names = g_get_language_names ();
  g_autofree char *tag = NULL;
  char *cut;

  if (names[0] == NULL || g_str_equal (names[0], "C") || g_str_equal (names[0], "POSIX") ||
      g_str_has_prefix (names[0], "C."))
    return g_strdup ("en");
  tag = g_strdup (names[0]);
  if ((cut = strpbrk (tag, ".@")) != NULL)
    *cut = '\0';
  g_strdelimit (tag, "_", '-');
  return g_steal_pointer (&tag);
}
