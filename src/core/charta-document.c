/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-document"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "charta-document.h"
#include "charta-drafts.h"
#include "charta-file.h"
#include "charta-merge.h"
#include "charta-review.h"
#include "charta-rounds.h"

/* Events from the file monitor come in bursts (an atomic replace is a create and a
 * rename); look at the file once they settle. */
#define MONITOR_SETTLE_MS 250

/* The undo history is a list of edits, each holding the old and the new copy of what it
 * changed (NULL for "absent"). Undo swaps new for old; redo swaps old for new. Edits are
 * small (one action, one assessment), so a project with 20,000 actions costs no more per
 * edit than an empty one. */

typedef enum {
  EDIT_ASSESSMENT,
  EDIT_COLLECTION,
  EDIT_HEADER,
  EDIT_ROUND,      /* one round at a position: closed (added) or renamed */
  EDIT_PROJECT,    /* the whole project: a merge, a resolved conflict */
  EDIT_COMMENT,    /* one comment at a position: added or changed */
  EDIT_GROUP,      /* several edits as one step: before is a GPtrArray of Edit, in order */
  EDIT_REVIEW,     /* one review at a position: its team, visit, assessments, feedback */
} EditKind;

typedef struct {
  EditKind kind;
  ChartaCollection collection;
  guint position;
  char *item_id;
  gpointer before;
  gpointer after;
} Edit;

struct _ChartaDocument {
  GObject parent_instance;

  ChartaProject *project;
  GFile *file;
  char *etag;

  GPtrArray *history;    /* of Edit */
  guint history_pos;     /* edits before this are applied */
  int saved_pos;         /* history_pos at the last save or load; -1 when unreachable */
  guint busy;

  GFileMonitor *monitor;
  guint settle_id;
  gboolean changed_on_disk;
  char *draft_key;
  guint draft_pos;       /* history_pos when the draft was written */
  gboolean has_draft;

  /* The text of the file as it was loaded or last saved: the base of a merge with a
   * version saved elsewhere. A loaded file keeps its own bytes: the merge reads every
   * version into its canonical form, so they merge as the canonical text would, and
   * opening does not write the whole project out again. NULL for a project never saved. */
  char *base;
  gsize base_len;

  /* Counts the changes to the project, the base and the etag: a merge that ran on the
   * state of an older count is not applied (see charta_document_merge_from_disk_async()). */
  guint64 serial;
  guint merging;
};

enum {
  PROP_0,
  PROP_FILE,
  PROP_MODIFIED,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_BUSY,
  PROP_CHANGED_ON_DISK,
  PROP_MERGING,
  N_PROPS
};

enum {
  ASSESSMENT_CHANGED,
  COLLECTION_CHANGED,
  HEADER_CHANGED,
  ROUNDS_CHANGED,
  COMMENTS_CHANGED,
  REVIEWS_CHANGED,
  RELOADED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (ChartaDocument, charta_document, G_TYPE_OBJECT)

static GPtrArray **
collection_array (ChartaDocument *self, ChartaCollection collection)
{
  ChartaProject *p = self->project;

  switch (collection)
    {
    case CHARTA_COLLECTION_ACTIONS: return &p->actions;
    case CHARTA_COLLECTION_MEASURES: return &p->measures;
    case CHARTA_COLLECTION_CONSULTATIONS: return &p->consultations;
    case CHARTA_COLLECTION_PEOPLE: return &p->people;
    case CHARTA_COLLECTION_PARTNERS: return &p->partners;
    case CHARTA_COLLECTION_PROGRAMMES: return &p->programmes;
    case CHARTA_N_COLLECTIONS:
    default: g_assert_not_reached ();
    }
}

static void
collection_object_free (ChartaCollection collection, gpointer object)
{
  if (object == NULL)
    return;
  switch (collection)
    {
    case CHARTA_COLLECTION_ACTIONS: charta_action_free (object); break;
    case CHARTA_COLLECTION_MEASURES: charta_measure_free (object); break;
    case CHARTA_COLLECTION_CONSULTATIONS: charta_consultation_free (object); break;
    case CHARTA_COLLECTION_PEOPLE: charta_person_free (object); break;
    case CHARTA_COLLECTION_PARTNERS: charta_partner_free (object); break;
    case CHARTA_COLLECTION_PROGRAMMES: charta_programme_free (object); break;
    case CHARTA_N_COLLECTIONS:
    default: g_assert_not_reached ();
    }
}

static gpointer
collection_object_copy (ChartaCollection collection, gconstpointer object)
{
  if (object == NULL)
    return NULL;
  switch (collection)
    {
    case CHARTA_COLLECTION_ACTIONS: return charta_action_copy (object);
    case CHARTA_COLLECTION_MEASURES: return charta_measure_copy (object);
    case CHARTA_COLLECTION_CONSULTATIONS: return charta_consultation_copy (object);
    case CHARTA_COLLECTION_PEOPLE: return charta_person_copy (object);
    case CHARTA_COLLECTION_PARTNERS: return charta_partner_copy (object);
    case CHARTA_COLLECTION_PROGRAMMES: return charta_programme_copy (object);
    case CHARTA_N_COLLECTIONS:
    default: g_assert_not_reached ();
    }
}

static gboolean
collection_object_equal (ChartaCollection collection, gconstpointer a, gconstpointer b)
{
  switch (collection)
    {
    case CHARTA_COLLECTION_ACTIONS: return charta_action_equal (a, b);
    case CHARTA_COLLECTION_MEASURES: return charta_measure_equal (a, b);
    case CHARTA_COLLECTION_CONSULTATIONS: return charta_consultation_equal (a, b);
    case CHARTA_COLLECTION_PEOPLE: return charta_person_equal (a, b);
    case CHARTA_COLLECTION_PARTNERS: return charta_partner_equal (a, b);
    case CHARTA_COLLECTION_PROGRAMMES: return charta_programme_equal (a, b);
    case CHARTA_N_COLLECTIONS:
    default: g_assert_not_reached ();
    }
}

static void
edit_free (Edit *edit)
{
  switch (edit->kind)
    {
    case EDIT_ASSESSMENT:
      g_clear_pointer ((ChartaAssessment **) &edit->before, charta_assessment_free);
      g_clear_pointer ((ChartaAssessment **) &edit->after, charta_assessment_free);
      break;
    case EDIT_COLLECTION:
      collection_object_free (edit->collection, edit->before);
      collection_object_free (edit->collection, edit->after);
      break;
    case EDIT_HEADER:
      g_clear_pointer ((ChartaProject **) &edit->before, charta_project_free);
      g_clear_pointer ((ChartaProject **) &edit->after, charta_project_free);
      break;
    case EDIT_ROUND:
      g_clear_pointer ((ChartaRound **) &edit->before, charta_round_free);
      g_clear_pointer ((ChartaRound **) &edit->after, charta_round_free);
      break;
    case EDIT_COMMENT:
      g_clear_pointer ((ChartaComment **) &edit->before, charta_comment_free);
      g_clear_pointer ((ChartaComment **) &edit->after, charta_comment_free);
      break;
    case EDIT_REVIEW:
      g_clear_pointer ((ChartaReview **) &edit->before, charta_review_free);
      g_clear_pointer ((ChartaReview **) &edit->after, charta_review_free);
      break;
    case EDIT_PROJECT:
      g_clear_pointer ((ChartaProject **) &edit->before, charta_project_free);
      g_clear_pointer ((ChartaProject **) &edit->after, charta_project_free);
      break;
    case EDIT_GROUP:
      g_clear_pointer ((GPtrArray **) &edit->before, g_ptr_array_unref);
      break;
    default:
      break;
    }
  g_free (edit->item_id);
  g_free (edit);
}

static void
notify_state (ChartaDocument *self, gboolean was_modified, gboolean could_undo, gboolean could_redo)
{
  if (was_modified != charta_document_get_modified (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
  if (could_undo != charta_document_can_undo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  if (could_redo != charta_document_can_redo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
}

static void ensure_lists (ChartaProject *p);

/* Puts a copy of @value in place of what stands at the edit's place. */
static void
apply (ChartaDocument *self, const Edit *edit, gconstpointer value, gconstpointer old)
{
  self->serial++;
  switch (edit->kind)
    {
    case EDIT_ASSESSMENT:
      {
        GPtrArray *list = self->project->assessments;
        for (guint i = 0; i < list->len; i++)
          {
            ChartaAssessment *a = g_ptr_array_index (list, i);
            if (strcmp (a->item, edit->item_id) == 0)
              {
                charta_assessment_free (a);
                g_ptr_array_remove_index (list, i);
                break;
              }
          }
        if (value != NULL)
          g_ptr_array_add (list, charta_assessment_copy (value));
        g_signal_emit (self, signals[ASSESSMENT_CHANGED], 0, edit->item_id);
        break;
      }
    case EDIT_COLLECTION:
      {
        GPtrArray *list = *collection_array (self, edit->collection);
        guint removed = old != NULL, added = value != NULL;
        if (removed)
          {
            collection_object_free (edit->collection, g_ptr_array_index (list, edit->position));
            g_ptr_array_remove_index (list, edit->position);
          }
        if (added)
          g_ptr_array_insert (list, edit->position, collection_object_copy (edit->collection, value));
        g_signal_emit (self, signals[COLLECTION_CHANGED], 0, edit->collection, edit->position, removed, added);
        break;
      }
    case EDIT_HEADER:
      {
        const ChartaProject *h = value;
        ChartaProject *p = self->project;
        ChartaProject tmp;
        ChartaProject *copy = charta_project_copy (h);
        /* Swap the header fields; the lists stay with the document's project. */
        tmp = *p;
        p->id = copy->id; copy->id = tmp.id;
        p->title = copy->title; copy->title = tmp.title;
        p->city = copy->city; copy->city = tmp.city;
        p->period = copy->period; copy->period = tmp.period;
        p->frameworks = copy->frameworks; copy->frameworks = tmp.frameworks;
        p->publish_review_levels = copy->publish_review_levels;
        p->extra = copy->extra; copy->extra = tmp.extra;
        charta_project_free (copy);
        g_signal_emit (self, signals[HEADER_CHANGED], 0);
        break;
      }
    case EDIT_ROUND:
      {
        guint removed = old != NULL, added = value != NULL;
        if (self->project->rounds == NULL)
          self->project->rounds = g_ptr_array_new ();
        if (removed)
          {
            charta_round_free (g_ptr_array_index (self->project->rounds, edit->position));
            g_ptr_array_remove_index (self->project->rounds, edit->position);
          }
        if (added)
          g_ptr_array_insert (self->project->rounds, edit->position, charta_round_copy (value));
        g_signal_emit (self, signals[ROUNDS_CHANGED], 0, edit->position, removed, added);
        break;
      }
    case EDIT_COMMENT:
      {
        guint removed = old != NULL, added = value != NULL;
        if (self->project->comments == NULL)
          self->project->comments = g_ptr_array_new ();
        if (removed)
          {
            charta_comment_free (g_ptr_array_index (self->project->comments, edit->position));
            g_ptr_array_remove_index (self->project->comments, edit->position);
          }
        if (added)
          g_ptr_array_insert (self->project->comments, edit->position, charta_comment_copy (value));
        g_signal_emit (self, signals[COMMENTS_CHANGED], 0, edit->position, removed, added);
        break;
      }
    case EDIT_REVIEW:
      {
        guint removed = old != NULL, added = value != NULL;
        if (self->project->reviews == NULL)
          self->project->reviews = g_ptr_array_new ();
        if (removed)
          {
            charta_review_free (g_ptr_array_index (self->project->reviews, edit->position));
            g_ptr_array_remove_index (self->project->reviews, edit->position);
          }
        if (added)
          g_ptr_array_insert (self->project->reviews, edit->position, charta_review_copy (value));
        g_signal_emit (self, signals[REVIEWS_CHANGED], 0, edit->position, removed, added);
        break;
      }
    case EDIT_GROUP:
      g_assert_not_reached ();  /* apply_edit() takes a group apart */
    case EDIT_PROJECT:
      charta_project_free (self->project);
      self->project = charta_project_copy (value);
      ensure_lists (self->project);
      g_signal_emit (self, signals[RELOADED], 0);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* Applies @edit forwards (redo) or backwards (undo); a group's edits in turn, backwards in
 * reverse order. */
static void
apply_edit (ChartaDocument *self, const Edit *edit, gboolean forward)
{
  GPtrArray *group = edit->before;

  if (edit->kind != EDIT_GROUP)
    {
      apply (self, edit, forward ? edit->after : edit->before, forward ? edit->before : edit->after);
      return;
    }
  for (guint i = 0; i < group->len; i++)
    apply_edit (self, g_ptr_array_index (group, forward ? i : group->len - 1 - i), forward);
}

static void
push_edit (ChartaDocument *self, Edit *edit)
{
  gboolean was_modified = charta_document_get_modified (self);
  gboolean could_undo = charta_document_can_undo (self);
  gboolean could_redo = charta_document_can_redo (self);

  /* A new edit after undo drops the redo branch; if the saved state was on it, no state
   * in the history equals the file any more. */
  if (self->saved_pos > (int) self->history_pos)
    self->saved_pos = -1;
  g_ptr_array_set_size (self->history, self->history_pos);
  g_ptr_array_add (self->history, edit);
  self->history_pos++;
  apply_edit (self, edit, TRUE);
  notify_state (self, was_modified, could_undo, could_redo);
}

/* A header-only copy of the project: the lists are left empty. */
static ChartaProject *
copy_header (const ChartaProject *p)
{
  ChartaProject shallow = *p;
  shallow.people = shallow.partners = shallow.assessments = NULL;
  shallow.actions = shallow.measures = shallow.consultations = NULL;
  shallow.programmes = shallow.reviews = shallow.rounds = shallow.comments = shallow.conflicts = NULL;
  return charta_project_copy (&shallow);
}

/* ---- the file on disk ---- */

static void
set_changed_on_disk (ChartaDocument *self, gboolean changed)
{
  if (self->changed_on_disk == changed)
    return;
  self->changed_on_disk = changed;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHANGED_ON_DISK]);
}

static gboolean
settle_timeout (gpointer data)
{
  ChartaDocument *self = data;

  self->settle_id = 0;
  /* Our own save changes the etag too; it is taken when the save finishes. */
  if (self->busy > 0 || self->file == NULL)
    return G_SOURCE_REMOVE;
  if (!charta_file_is_unchanged (self->file, self->etag, NULL))
    set_changed_on_disk (self, TRUE);
  return G_SOURCE_REMOVE;
}

static void
on_monitor_changed_cb (GFileMonitor *monitor, GFile *file, GFile *other, GFileMonitorEvent event, ChartaDocument *self)
{
  g_clear_handle_id (&self->settle_id, g_source_remove);
  self->settle_id = g_timeout_add (MONITOR_SETTLE_MS, settle_timeout, self);
}

static void
watch_file (ChartaDocument *self)
{
  if (self->monitor)
    g_signal_handlers_disconnect_by_data (self->monitor, self);
  g_clear_object (&self->monitor);
  if (self->file == NULL)
    return;
  self->monitor = g_file_monitor_file (self->file, G_FILE_MONITOR_WATCH_MOVES, NULL, NULL);
  if (self->monitor != NULL)
    {
      g_file_monitor_set_rate_limit (self->monitor, MONITOR_SETTLE_MS);
      g_signal_connect (self->monitor, "changed", G_CALLBACK (on_monitor_changed_cb), self);
    }
}

gboolean
charta_document_get_changed_on_disk (ChartaDocument *self)
{
  g_return_val_if_fail (CHARTA_IS_DOCUMENT (self), FALSE);
  return self->changed_on_disk;
}

void
charta_document_check_disk (ChartaDocument *self)
{
  g_return_if_fail (CHARTA_IS_DOCUMENT (self));
  g_clear_handle_id (&self->settle_id, g_source_remove);
  settle_timeout (self);
}

/* ---- recovery drafts ---- */

const char *
charta_document_get_draft_key (ChartaDocument *self)
{
  g_return_val_if_fail (CHARTA_IS_DOCUMENT (self), NULL);
  if (self->draft_key == NULL)
    self->draft_key = charta_draft_key_for (self->file, self->project->id);
  return self->draft_key;
}

gboolean
charta_document_write_draft (ChartaDocument *self, GError **error)
{
  g_autofree char *data = NULL;
  g_autofree char *uri = NULL;
  gsize len;

  g_return_val_if_fail (CHARTA_IS_DOCUMENT (self), FALSE);
  if (!charta_document_get_modified (self) || (self->has_draft && self->draft_pos == self->history_pos))
    return TRUE;
  data = charta_project_to_data (self->project, &len);
  uri = self->file ? g_file_get_uri (self->file) : NULL;
  if (!charta_draft_save (charta_document_get_draft_key (self), uri, data, len, error))
    return FALSE;
  self->has_draft = TRUE;
  self->draft_pos = self->history_pos;
  return TRUE;
}

void
charta_document_discard_draft (ChartaDocument *self)
{
  g_return_if_fail (CHARTA_IS_DOCUMENT (self));
  charta_draft_remove (charta_document_get_draft_key (self));
  self->has_draft = FALSE;
}

void
charta_document_mark_unsaved (ChartaDocument *self)
{
  gboolean was_modified = charta_document_get_modified (self);

  g_return_if_fail (CHARTA_IS_DOCUMENT (self));
  self->saved_pos = -1;
  if (!was_modified)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

static void
charta_document_finalize (GObject *object)
{
  ChartaDocument *self = CHARTA_DOCUMENT (object);

  g_clear_handle_id (&self->settle_id, g_source_remove);
  if (self->monitor)
    g_signal_handlers_disconnect_by_data (self->monitor, self);
  g_clear_object (&self->monitor);
  g_clear_pointer (&self->project, charta_project_free);
  g_clear_object (&self->file);
  g_clear_pointer (&self->etag, g_free);
  g_clear_pointer (&self->draft_key, g_free);
  g_clear_pointer (&self->base, g_free);
  g_clear_pointer (&self->history, g_ptr_array_unref);
  G_OBJECT_CLASS (charta_document_parent_class)->finalize (object);
}

static void
charta_document_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  ChartaDocument *self = CHARTA_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_FILE: g_value_set_object (value, self->file); break;
    case PROP_MODIFIED: g_value_set_boolean (value, charta_document_get_modified (self)); break;
    case PROP_CAN_UNDO: g_value_set_boolean (value, charta_document_can_undo (self)); break;
    case PROP_CAN_REDO: g_value_set_boolean (value, charta_document_can_redo (self)); break;
    case PROP_BUSY: g_value_set_boolean (value, self->busy > 0); break;
    case PROP_CHANGED_ON_DISK: g_value_set_boolean (value, self->changed_on_disk); break;
    case PROP_MERGING: g_value_set_boolean (value, self->merging > 0); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
charta_document_class_init (ChartaDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = charta_document_finalize;
  object_class->get_property = charta_document_get_property;

  properties[PROP_FILE] = g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                                               G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_MODIFIED] = g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                                                    G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CAN_UNDO] = g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                                                    G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CAN_REDO] = g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                                                    G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CHANGED_ON_DISK] =
    g_param_spec_boolean ("changed-on-disk", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_MERGING] = g_param_spec_boolean ("merging", NULL, NULL, FALSE,
                                                   G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[ASSESSMENT_CHANGED] =
    g_signal_new ("assessment-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
  /* (collection, position, removed, added), like GListModel::items-changed */
  signals[COLLECTION_CHANGED] =
    g_signal_new ("collection-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 4, G_TYPE_INT, G_TYPE_UINT, G_TYPE_UINT, G_TYPE_UINT);
  signals[HEADER_CHANGED] =
    g_signal_new ("header-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
  /* (position, removed, added) in the project's rounds */
  signals[ROUNDS_CHANGED] =
    g_signal_new ("rounds-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_UINT, G_TYPE_UINT, G_TYPE_UINT);
  /* (position, removed, added) in the project's comments */
  signals[COMMENTS_CHANGED] =
    g_signal_new ("comments-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_UINT, G_TYPE_UINT, G_TYPE_UINT);
  /* (position, removed, added) in the project's reviews */
  signals[REVIEWS_CHANGED] =
    g_signal_new ("reviews-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_UINT, G_TYPE_UINT, G_TYPE_UINT);
  signals[RELOADED] =
    g_signal_new ("reloaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
charta_document_init (ChartaDocument *self)
{
  self->history = g_ptr_array_new_with_free_func ((GDestroyNotify) edit_free);
}

static void
ensure_lists (ChartaProject *p)
{
  GPtrArray **lists[] = { &p->people, &p->partners, &p->assessments, &p->actions, &p->measures, &p->consultations,
                          &p->programmes };
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    if (*lists[i] == NULL)
      *lists[i] = g_ptr_array_new ();
}

/* Takes @base, the file's text as loaded, or serialises @project when it is NULL. */
static ChartaDocument *
document_new (ChartaProject *project, GFile *file, const char *etag, char *base, gsize base_len)
{
  ChartaDocument *self = g_object_new (CHARTA_TYPE_DOCUMENT, NULL);

  ensure_lists (project);
  self->project = project;
  self->file = file ? g_object_ref (file) : NULL;
  self->etag = g_strdup (etag);
  self->saved_pos = file ? 0 : -1;
  self->base = base;
  self->base_len = base_len;
  if (file != NULL && self->base == NULL)
    self->base = charta_project_to_data (project, &self->base_len);
  watch_file (self);
  return self;
}

ChartaDocument *
charta_document_new (ChartaProject *project, GFile *file, const char *etag)
{
  g_return_val_if_fail (project != NULL, NULL);
  return document_new (project, file, etag, NULL, 0);
}

static void
load_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  GFile *file = task_data;
  g_autofree char *etag = NULL;
  g_autofree char *name = g_file_get_parse_name (file);
  char *data = NULL;
  gsize len = 0;
  GError *error = NULL;
  ChartaProject *project = NULL;

  /* As charta_project_load_file does, keeping the bytes as the merge base. */
  if (charta_file_load (file, CHARTA_PROJECT_MAX_SIZE, &data, &len, &etag, cancellable, &error))
    project = charta_project_load_from_data (data, len, name, &error);
  if (project == NULL)
    {
      g_free (data);
      g_task_return_error (task, error);
    }
  else
    g_task_return_pointer (task, document_new (project, file, etag, data, len), g_object_unref);
}

void
charta_document_load_async (GFile *file, GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, charta_document_load_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, load_thread);
}

ChartaDocument *
charta_document_load_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

typedef struct {
  GFile *file;
  char *data;
  gsize len;
  char *etag;        /* to check, or NULL */
  char *new_etag;
  guint history_pos;
} SaveData;

static void
save_data_free (SaveData *d)
{
  g_clear_object (&d->file);
  g_free (d->data);
  g_free (d->etag);
  g_free (d->new_etag);
  g_free (d);
}

static void
save_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  SaveData *d = task_data;
  GError *error = NULL;

  if (!charta_file_replace (d->file, d->data, d->len, d->etag, &d->new_etag, cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static SaveData *
prepare_save (ChartaDocument *self, GFile *file, gboolean force)
{
  SaveData *d = g_new0 (SaveData, 1);
  gboolean same = file == NULL || (self->file != NULL && g_file_equal (file, self->file));

  d->file = g_object_ref (file ? file : self->file);
  /* Serialise on the calling thread: the project may change while the file is written. */
  d->data = charta_project_to_data (self->project, &d->len);
  d->etag = (same && !force) ? g_strdup (self->etag) : NULL;
  d->history_pos = self->history_pos;
  return d;
}

static void
finish_save (ChartaDocument *self, SaveData *d)
{
  gboolean was_modified = charta_document_get_modified (self);

  /* What was saved is safe: its draft goes. */
  charta_document_discard_draft (self);
  if (self->file == NULL || !g_file_equal (self->file, d->file))
    {
      g_set_object (&self->file, d->file);
      g_clear_pointer (&self->draft_key, g_free);
      watch_file (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
    }
  g_free (self->etag);
  self->etag = g_steal_pointer (&d->new_etag);
  self->serial++;
  /* What is on disk now is the base of the next merge. */
  g_free (self->base);
  self->base = g_memdup2 (d->data, d->len + 1);
  self->base_len = d->len;
  self->saved_pos = d->history_pos;
  set_changed_on_disk (self, FALSE);
  if (was_modified != charta_document_get_modified (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

static void
set_busy (ChartaDocument *self, gboolean busy)
{
  gboolean was = self->busy > 0;
  self->busy += busy ? 1 : -1;
  if (was != (self->busy > 0))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

void
charta_document_save_async (ChartaDocument *self, GFile *file, gboolean force, GCancellable *cancellable,
                            GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CHARTA_IS_DOCUMENT (self));
  g_return_if_fail (file != NULL || self->file != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, charta_document_save_async);
  g_task_set_task_data (task, prepare_save (self, file, force), (GDestroyNotify) save_data_free);
  set_busy (self, TRUE);
  g_task_run_in_thread (task, save_thread);
}

gboolean
charta_document_save_finish (ChartaDocument *self, GAsyncResult *result, GError **error)
{
  GTask *task = G_TASK (result);
  gboolean ok;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  set_busy (self, FALSE);
  ok = g_task_propagate_boolean (task, error);
  if (ok)
    finish_save (self, g_task_get_task_data (task));
  return ok;
}

gboolean
charta_document_save (ChartaDocument *self, GFile *file, gboolean force, GError **error)
{
  SaveData *d;
  gboolean ok;

  g_return_val_if_fail (CHARTA_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (file != NULL || self->file != NULL, FALSE);

  d = prepare_save (self, file, force);
  ok = charta_file_replace (d->file, d->data, d->len, d->etag, &d->new_etag, NULL, error);
  if (ok)
    finish_save (self, d);
  save_data_free (d);
  return ok;
}

const ChartaProject *
charta_document_get_project (ChartaDocument *self)
{
  g_return_val_if_fail (CHARTA_IS_DOCUMENT (self), NULL);
  return self->project;
}

GFile *
charta_document_get_file (ChartaDocument *self)
{
  g_return_val_if_fail (CHARTA_IS_DOCUMENT (self), NULL);
  return self->file;
}

const char *
charta_document_get_etag (ChartaDocument *self)
{
  g_return_val_if_fail (CHARTA_IS_DOCUMENT (self), NULL);
  return self->etag;
}

char *
charta_document_dup_title (ChartaDocument *self)
{

  g_return_val_if_fail (CHARTA_IS_DOCUMENT (self), NULL);
  if (self->file == NULL)
    return g_strdup (_("Unsaved Project"));
  return g_file_get_basename (self->file);
}

gboolean
charta_document_get_modified (ChartaDocument *self)
{
  g_return_val_if_fail (CHARTA_IS_DOCUMENT (self), FALSE);
  return self->saved_pos != (int) self->history_pos;
}

gboolean
charta_document_get_busy (ChartaDocument *self)
{
  return self->busy > 0;
}

gboolean
charta_document_can_undo (ChartaDocument *self)
{
  return self->history_pos > 0;
}

gboolean
charta_document_can_redo (ChartaDocument *self)
{
  return self->history_pos < self->history->len;
}

gboolean
charta_document_undo (ChartaDocument *self)
{
  gboolean was_modified, could_undo, could_redo;
  Edit *edit;

  g_return_val_if_fail (CHARTA_IS_DOCUMENT (self), FALSE);
  if (!charta_document_can_undo (self))
    return FALSE;
  was_modified = charta_document_get_modified (self);
  could_undo = TRUE;
  could_redo = charta_document_can_redo (self);
  edit = g_ptr_array_index (self->history, --self->history_pos);
  apply_edit (self, edit, FALSE);
  notify_state (self, was_modified, could_undo, could_redo);
  return TRUE;
}

gboolean
charta_document_redo (ChartaDocument *self)
{
  gboolean was_modified, could_undo, could_redo;
  Edit *edit;

  g_return_val_if_fail (CHARTA_IS_DOCUMENT (self), FALSE);
  if (!charta_document_can_redo (self))
    return FALSE;
  was_modified = charta_document_get_modified (self);
  could_undo = charta_document_can_undo (self);
  could_redo = TRUE;
  edit = g_ptr_array_index (self->history, self->history_pos++);
  apply_edit (self, edit, TRUE);
  notify_state (self, was_modified, could_undo, could_redo);
  return TRUE;
}

char *
charta_document_to_data (ChartaDocument *self, gsize *len)
{
  g_return_val_if_fail (CHARTA_IS_DOCUMENT (self), NULL);
  return charta_project_to_data (self->project, len);
}

static gboolean
assessment_is_empty (const ChartaAssessment *a)
{
  return a->level == CHARTA_UNSET && a->evidence == NULL && a->answer == NULL &&
         (a->sources == NULL || a->sources->len == 0) &&
         (a->key_problems == NULL || a->key_problems->len == 0) &&
         (a->recommendations == NULL || a->recommendations->len == 0) && a->extra == NULL;
}

void
charta_document_set_assessment (ChartaDocument *self, const char *item_id, ChartaAssessment *assessment)
{
  ChartaAssessment *current;
  Edit *edit;

  g_return_if_fail (CHARTA_IS_DOCUMENT (self));
  g_return_if_fail (item_id != NULL);

  /* An assessment with nothing in it is the same as none. */
  if (assessment != NULL && assessment_is_empty (assessment))
    g_clear_pointer (&assessment, charta_assessment_free);
  if (assessment != NULL && g_strcmp0 (assessment->item, item_id) != 0)
    {
      g_free (assessment->item);
      assessment->item = g_strdup (item_id);
    }
  current = charta_project_get_assessment (self->project, item_id);
  if ((current == NULL && assessment == NULL) ||
      (current != NULL && assessment != NULL && charta_assessment_equal (current, assessment)))
    {
      g_clear_pointer (&assessment, charta_assessment_free);
      return;
    }
  edit = g_new0 (Edit, 1);
  edit->kind = EDIT_ASSESSMENT;
  edit->item_id = g_strdup (item_id);
  edit->before = current ? charta_assessment_copy (current) : NULL;
  edit->after = assessment;
  push_edit (self, edit);
}

guint
charta_document_get_n (ChartaDocument *self, ChartaCollection collection)
{
  g_return_val_if_fail (CHARTA_IS_DOCUMENT (self), 0);
  return (*collection_array (self, collection))->len;
}

gconstpointer
charta_document_get (ChartaDocument *self, ChartaCollection collection, guint position)
{
  GPtrArray *list;

  g_return_val_if_fail (CHARTA_IS_DOCUMENT (self), NULL);
  list = *collection_array (self, collection);
  g_return_val_if_fail (position < list->len, NULL);
  return g_ptr_array_index (list, position);
}

int
charta_document_find (ChartaDocument *self, ChartaCollection collection, const char *id)
{
  GPtrArray *list;

  g_return_val_if_fail (CHARTA_IS_DOCUMENT (self), -1);
  list = *collection_array (self, collection);
  /* Every collection's objects start with their id. */
  for (guint i = 0; i < list->len; i++)
    if (g_strcmp0 (*(char **) g_ptr_array_index (list, i), id) == 0)
      return (int) i;
  return -1;
}

static Edit *new_collection_edit (ChartaCollection collection, guint position, gpointer before, gpointer after);

static void
collection_edit (ChartaDocument *self, ChartaCollection collection, guint position, gpointer before, gpointer after)
{
  push_edit (self, new_collection_edit (collection, position, before, after));
}

void
charta_document_insert (ChartaDocument *self, ChartaCollection collection, guint position, gpointer object)
{
  g_return_if_fail (CHARTA_IS_DOCUMENT (self));
  g_return_if_fail (object != NULL);
  g_return_if_fail (position <= charta_document_get_n (self, collection));
  collection_edit (self, collection, position, NULL, object);
}

void
charta_document_replace (ChartaDocument *self, ChartaCollection collection, guint position, gpointer object)
{
  gconstpointer current;

  g_return_if_fail (CHARTA_IS_DOCUMENT (self));
  g_return_if_fail (object != NULL);
  g_return_if_fail (position < charta_document_get_n (self, collection));
  current = charta_document_get (self, collection, position);
  if (collection_object_equal (collection, current, object))
    {
      collection_object_free (collection, object);
      return;
    }
  collection_edit (self, collection, position, collection_object_copy (collection, current), object);
}

void
charta_document_remove (ChartaDocument *self, ChartaCollection collection, guint position)
{
  g_return_if_fail (CHARTA_IS_DOCUMENT (self));
  g_return_if_fail (position < charta_document_get_n (self, collection));
  collection_edit (self, collection, position,
                   collection_object_copy (collection, charta_document_get (self, collection, position)), NULL);
}

void
charta_document_set_header (ChartaDocument *self, ChartaProject *header)
{
  g_autoptr(ChartaProject) current = NULL;
  g_autoptr(ChartaProject) next = NULL;
  Edit *edit;

  g_return_if_fail (CHARTA_IS_DOCUMENT (self));
  g_return_if_fail (header != NULL);
  current = copy_header (self->project);
  next = copy_header (header);
  charta_project_free (header);
  if (charta_project_equal (current, next))
    return;
  edit = g_new0 (Edit, 1);
  edit->kind = EDIT_HEADER;
  edit->before = g_steal_pointer (&current);
  edit->after = g_steal_pointer (&next);
  push_edit (self, edit);
}

ChartaProject *
charta_document_dup_header (ChartaDocument *self)
{
  g_return_val_if_fail (CHARTA_IS_DOCUMENT (self), NULL);
  return copy_header (self->project);
}

static ChartaReferenceKind
reference_kind (ChartaCollection collection)
{
  switch (collection)
    {
    case CHARTA_COLLECTION_PEOPLE: return CHARTA_REFERENCE_PERSON;
    case CHARTA_COLLECTION_PARTNERS: return CHARTA_REFERENCE_PARTNER;
    case CHARTA_COLLECTION_PROGRAMMES: return CHARTA_REFERENCE_PROGRAMME;
    case CHARTA_COLLECTION_ACTIONS:
    case CHARTA_COLLECTION_MEASURES:
    case CHARTA_COLLECTION_CONSULTATIONS:
    case CHARTA_N_COLLECTIONS:
    default: g_return_val_if_reached (CHARTA_REFERENCE_PERSON);
    }
}

static Edit *
new_collection_edit (ChartaCollection collection, guint position, gpointer before, gpointer after)
{
  Edit *edit = g_new0 (Edit, 1);

  edit->kind = EDIT_COLLECTION;
  edit->collection = collection;
  edit->position = position;
  edit->before = before;
  edit->after = after;
  return edit;
}

gboolean
charta_document_remove_referenced (ChartaDocument    *self,
                                   ChartaCollection   collection,
                                   const char        *id,
                                   const char        *replacement,
                                   GError           **error)
{
  ChartaReferenceKind kind = reference_kind (collection);
  GPtrArray *actions = self->project->actions;
  GPtrArray *group;
  Edit *edit;
  int position;

  g_return_val_if_fail (CHARTA_IS_DOCUMENT (self) && id != NULL, FALSE);
  position = charta_document_find (self, collection, id);
  g_return_val_if_fail (position >= 0, FALSE);
  if (!charta_project_check_removal (self->project, kind, id, replacement, error))
    return FALSE;
  /* The actions first, then the entry: undo puts the entry back before the actions
   * refer to it again. */
  group = g_ptr_array_new_with_free_func ((GDestroyNotify) edit_free);
  for (guint i = 0; i < actions->len; i++)
    {
      const ChartaAction *a = g_ptr_array_index (actions, i);
      g_autoptr(ChartaAction) changed = charta_action_reassign (a, kind, id, replacement);
      if (!charta_action_equal (a, changed))
        g_ptr_array_add (group, new_collection_edit (CHARTA_COLLECTION_ACTIONS, i, charta_action_copy (a),
                                                     g_steal_pointer (&changed)));
    }
  g_ptr_array_add (group, new_collection_edit (collection, position,
                                               collection_object_copy (collection, charta_document_get (self, collection, position)),
                                               NULL));
  edit = g_new0 (Edit, 1);
  edit->kind = EDIT_GROUP;
  edit->before = group;
  push_edit (self, edit);
  return TRUE;
}

/* Round edits are made by the core's rules (charta-rounds.h) on the project, then
 * recorded as one undo step that holds the round before and after. */
static void
round_edit (ChartaDocument *self, guint position, ChartaRound *before, ChartaRound *after)
{
  Edit *edit = g_new0 (Edit, 1);

  edit->kind = EDIT_ROUND;
  edit->position = position;
  edit->before = before;
  edit->after = after;
  push_edit (self, edit);
}

const ChartaRound *
charta_document_close_round (ChartaDocument *self, const char *label, const char *closed, GError **error)
{
  const ChartaRound *round;
  guint position;

  g_return_val_if_fail (CHARTA_IS_DOCUMENT (self), NULL);

  round = charta_project_close_round (self->project, label, closed, error);
  if (round == NULL)
    return NULL;
  /* Taken out again, so that the edit puts it in (and undo takes it out). */
  position = self->project->rounds->len - 1;
  g_ptr_array_steal_index (self->project->rounds, position);
  round_edit (self, position, NULL, (ChartaRound *) round);
  return g_ptr_array_index (self->project->rounds, position);
}

gboolean
charta_document_rename_round (ChartaDocument *self, const char *round_id, const char *label, GError **error)
{
  g_autoptr(ChartaRound) before = NULL;
  ChartaRound *round;
  guint position;

  g_return_val_if_fail (CHARTA_IS_DOCUMENT (self), FALSE);

  for (position = 0; self->project->rounds && position < self->project->rounds->len; position++)
    if (g_strcmp0 (((ChartaRound *) g_ptr_array_index (self->project->rounds, position))->id, round_id) == 0)
      break;
  if (self->project->rounds == NULL || position == self->project->rounds->len)
    return charta_project_rename_round (self->project, round_id, label, error);  /* says why */
  round = g_ptr_array_index (self->project->rounds, position);
  before = charta_round_copy (round);
  if (!charta_project_rename_round (self->project, round_id, label, error))
    return FALSE;
  if (charta_round_equal (before, round))
    return TRUE;
  round_edit (self, position, g_steal_pointer (&before), charta_round_copy (round));
  return TRUE;
}

void
charta_document_reload (ChartaDocument *self, ChartaProject *project, const char *etag)
{
  gboolean was_modified, could_undo, could_redo;

  g_return_if_fail (CHARTA_IS_DOCUMENT (self));
  g_return_if_fail (project != NULL);
  was_modified = charta_document_get_modified (self);
  could_undo = charta_document_can_undo (self);
  could_redo = charta_document_can_redo (self);
  ensure_lists (project);
  charta_project_free (self->project);
  self->project = project;
  self->serial++;
  /* @etag may be our own (restoring a draft keeps the file's etag). */
  if (etag != self->etag)
    {
      g_free (self->etag);
      self->etag = g_strdup (etag);
      /* Another version of the file: the base of the next merge. */
      g_free (self->base);
      self->base = charta_project_to_data (project, &self->base_len);
    }
  g_ptr_array_set_size (self->history, 0);
  self->history_pos = 0;
  self->saved_pos = 0;
  set_changed_on_disk (self, FALSE);
  g_signal_emit (self, signals[RELOADED], 0);
  notify_state (self, was_modified, could_undo, could_redo);
}

/* ---- merging with the version on disk, resolving conflicts ---- */

/* Replaces the whole project with @project (taken) as one undo step. */
static void
push_project (ChartaDocument *self, ChartaProject *project)
{
  Edit *edit = g_new0 (Edit, 1);

  edit->kind = EDIT_PROJECT;
  edit->before = charta_project_copy (self->project);
  edit->after = project;
  push_edit (self, edit);
}

/* A merge with the file on disk: what it starts from, taken on the main thread, and
 * what it makes, in a worker thread. Nothing in it is shared with the document. */
typedef struct {
  GFile *file;
  char *base, *ours;
  gsize base_len, ours_len;
  char *name, *base_name, *ours_name;
  guint64 serial;           /* the document's, when the inputs were taken */
  /* The result. */
  char *etag;               /* of the version read from disk */
  ChartaProject *merged;
  char *theirs;             /* that version, canonical: the next base */
  gsize theirs_len;
} DiskMerge;

static void
disk_merge_free (DiskMerge *d)
{
  g_clear_object (&d->file);
  g_free (d->base);
  g_free (d->ours);
  g_free (d->name);
  g_free (d->base_name);
  g_free (d->ours_name);
  g_free (d->etag);
  g_clear_pointer (&d->merged, charta_project_free);
  g_free (d->theirs);
  g_free (d);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DiskMerge, disk_merge_free)

static DiskMerge *
prepare_disk_merge (ChartaDocument *self)
{
  DiskMerge *d = g_new0 (DiskMerge, 1);

  d->file = g_object_ref (self->file);
  d->name = g_file_get_parse_name (self->file);
  /* Translators: names the versions of a merge in messages; %s is the file's name. */
  d->base_name = g_strdup_printf (_("%s (as opened)"), d->name);
  d->ours_name = g_strdup_printf (_("%s (your changes)"), d->name);
  d->base = self->base ? g_memdup2 (self->base, self->base_len + 1) : NULL;
  d->base_len = self->base_len;
  d->ours = charta_project_to_data (self->project, &d->ours_len);
  d->serial = self->serial;
  return d;
}

/* The slow part, on nothing but @d: safe in any thread. */
static gboolean
run_disk_merge (DiskMerge *d, GCancellable *cancellable, GError **error)
{
  g_autofree char *theirs = NULL;
  g_autoptr(ChartaProject) theirs_project = NULL;
  char *merged;
  gsize theirs_len, merged_len;
  ChartaMergeInput b = { d->base, d->base_len, d->base_name };
  ChartaMergeInput o = { d->ours, d->ours_len, d->ours_name };
  ChartaMergeInput t = { NULL, 0, d->name };

  if (!charta_file_load (d->file, CHARTA_PROJECT_MAX_SIZE, &theirs, &theirs_len, &d->etag, cancellable, error))
    return FALSE;
  t.data = theirs;
  t.len = theirs_len;
  merged = charta_merge_data (d->base ? &b : NULL, &o, &t, &merged_len, NULL, error);
  if (merged == NULL || g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      g_free (merged);
      return FALSE;
    }
  d->merged = charta_project_load_from_owned_data (merged, merged_len, d->ours_name, error);
  if (d->merged == NULL)
    return FALSE;
  /* The disk's version, canonical, is the base from now on; saving replaces it. */
  theirs_project = charta_project_load_from_data (theirs, theirs_len, d->name, NULL);
  if (theirs_project)
    d->theirs = charta_project_to_data (theirs_project, &d->theirs_len);
  return TRUE;
}

static void
apply_disk_merge (ChartaDocument *self, DiskMerge *d)
{
  g_free (self->base);
  self->base = g_steal_pointer (&d->theirs);
  self->base_len = self->base ? d->theirs_len : 0;
  g_free (self->etag);
  self->etag = g_steal_pointer (&d->etag);
  push_project (self, g_steal_pointer (&d->merged));
  /* The file holds another version than any state of the history. */
  self->saved_pos = -1;
  set_changed_on_disk (self, FALSE);
}

gboolean
charta_document_merge_from_disk (ChartaDocument  *self,
                                 guint           *n_conflicts,
                                 GError         **error)
{
  g_autoptr(DiskMerge) d = NULL;

  g_return_val_if_fail (CHARTA_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (self->file != NULL, FALSE);

  d = prepare_disk_merge (self);
  if (!run_disk_merge (d, NULL, error))
    return FALSE;
  if (n_conflicts)
    *n_conflicts = charta_merge_count_conflicts (d->merged);
  apply_disk_merge (self, d);
  return TRUE;
}

static void
set_merging (ChartaDocument *self, gboolean merging)
{
  gboolean was = self->merging > 0;

  self->merging += merging ? 1 : -1;
  if (was != (self->merging > 0))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MERGING]);
}

static void
disk_merge_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  GError *error = NULL;

  if (run_disk_merge (task_data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void on_disk_merged_cb (GObject *source, GAsyncResult *result, gpointer user_data);

/* One run in a worker thread, on the document's state as it is now; @outer completes
 * when a run's result is applied. */
static void
start_disk_merge (ChartaDocument *self, GTask *outer)
{
  g_autoptr(GTask) task = g_task_new (self, g_task_get_cancellable (outer), on_disk_merged_cb, g_object_ref (outer));

  g_task_set_source_tag (task, start_disk_merge);
  g_task_set_task_data (task, prepare_disk_merge (self), (GDestroyNotify) disk_merge_free);
  g_task_run_in_thread (task, disk_merge_thread);
}

/* Back on the main thread. A result made from an older state is never applied: when the
 * project changed meanwhile (an edit, undo, a save) or the file changed again, the merge
 * runs again on the newest of both, so no edit of either side is lost. */
static void
on_disk_merged_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GTask) outer = user_data;
  ChartaDocument *self = CHARTA_DOCUMENT (source);
  DiskMerge *d = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      set_merging (self, FALSE);
      g_task_return_error (outer, error);
      return;
    }
  if (d->serial != self->serial || self->file == NULL || !g_file_equal (self->file, d->file) ||
      !charta_file_is_unchanged (self->file, d->etag, NULL))
    {
      g_debug ("The project or its file changed during the merge: merging again");
      if (self->file != NULL)
        {
          start_disk_merge (self, outer);
          return;
        }
      set_merging (self, FALSE);
      g_task_return_new_error (outer, G_IO_ERROR, G_IO_ERROR_CANCELLED, "the file was closed");
      return;
    }
  g_task_set_task_data (outer, GUINT_TO_POINTER (charta_merge_count_conflicts (d->merged)), NULL);
  apply_disk_merge (self, d);
  set_merging (self, FALSE);
  g_task_return_boolean (outer, TRUE);
}

void
charta_document_merge_from_disk_async (ChartaDocument      *self,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CHARTA_IS_DOCUMENT (self));
  g_return_if_fail (self->file != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, charta_document_merge_from_disk_async);
  set_merging (self, TRUE);
  start_disk_merge (self, task);
}

gboolean
charta_document_merge_from_disk_finish (ChartaDocument  *self,
                                        GAsyncResult    *result,
                                        guint           *n_conflicts,
                                        GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == charta_document_merge_from_disk_async, FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  if (n_conflicts)
    *n_conflicts = GPOINTER_TO_UINT (g_task_get_task_data (G_TASK (result)));
  return TRUE;
}

gboolean
charta_document_get_merging (ChartaDocument *self)
{
  g_return_val_if_fail (CHARTA_IS_DOCUMENT (self), FALSE);
  return self->merging > 0;
}

gboolean
charta_document_merge_data (ChartaDocument  *self,
                            const char      *base,
                            gsize            base_len,
                            const char      *theirs,
                            gsize            theirs_len,
                            const char      *theirs_name,
                            guint           *n_conflicts,
                            GError         **error)
{
  g_autofree char *ours = NULL;
  g_autofree char *merged = NULL;
  ChartaProject *project;
  gsize ours_len, merged_len;
  g_autofree char *ours_name = NULL;

  g_return_val_if_fail (CHARTA_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (theirs != NULL, FALSE);

  ours_name = charta_document_dup_title (self);
  ours = charta_project_to_data (self->project, &ours_len);
  {
    ChartaMergeInput b = { base, base_len, _("the common version") };
    ChartaMergeInput o = { ours, ours_len, ours_name };
    ChartaMergeInput t = { theirs, theirs_len, theirs_name };
    merged = charta_merge_data (base ? &b : NULL, &o, &t, &merged_len, NULL, error);
  }
  if (merged == NULL)
    return FALSE;
  project = charta_project_load_from_data (merged, merged_len, ours_name, error);
  if (project == NULL)
    return FALSE;
  if (n_conflicts)
    *n_conflicts = charta_merge_count_conflicts (project);
  if (charta_project_equal (project, self->project))
    {
      charta_project_free (project);
      return TRUE;
    }
  push_project (self, project);
  return TRUE;
}

gboolean
charta_document_resolve_conflict (ChartaDocument     *self,
                                  guint               index,
                                  ChartaMergeChoice   choice,
                                  const ChartaNode   *value,
                                  GError            **error)
{
  ChartaProject *project;

  g_return_val_if_fail (CHARTA_IS_DOCUMENT (self), FALSE);
  project = charta_merge_resolve (self->project, index, choice, value, error);
  if (project == NULL)
    return FALSE;
  push_project (self, project);
  return TRUE;
}

/* ---- comments ---- */

static int
find_comment (ChartaDocument *self, const char *id)
{
  for (guint i = 0; self->project->comments && i < self->project->comments->len; i++)
    if (g_strcmp0 (((ChartaComment *) g_ptr_array_index (self->project->comments, i))->id, id) == 0)
      return i;
  return -1;
}

static void
comment_edit (ChartaDocument *self, guint position, ChartaComment *before, ChartaComment *after)
{
  Edit *edit = g_new0 (Edit, 1);

  edit->kind = EDIT_COMMENT;
  edit->position = position;
  edit->before = before;
  edit->after = after;
  push_edit (self, edit);
}

gboolean
charta_document_add_comment (ChartaDocument *self, ChartaComment *comment, GError **error)
{
  g_autoptr(ChartaComment) owned = comment;

  g_return_val_if_fail (CHARTA_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (comment != NULL, FALSE);
  if (!charta_comment_check (self->project, comment, error))
    return FALSE;
  comment_edit (self, self->project->comments ? self->project->comments->len : 0, NULL, g_steal_pointer (&owned));
  return TRUE;
}

gboolean
charta_document_set_comment_resolved (ChartaDocument *self, const char *comment_id, gboolean resolved)
{
  int position;
  ChartaComment *after;

  g_return_val_if_fail (CHARTA_IS_DOCUMENT (self), FALSE);
  position = find_comment (self, comment_id);
  if (position < 0)
    return FALSE;
  if (((ChartaComment *) g_ptr_array_index (self->project->comments, position))->resolved == resolved)
    return TRUE;
  after = charta_comment_copy (g_ptr_array_index (self->project->comments, position));
  after->resolved = resolved;
  comment_edit (self, position, charta_comment_copy (g_ptr_array_index (self->project->comments, position)), after);
  return TRUE;
}

static void
stamp_changed (ChartaAction *action)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  g_free (action->changed);
  action->changed = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

gboolean
charta_document_set_action_status (ChartaDocument *self, const char *action_id, int status, int progress,
                                   GError **error)
{
  int position;
  const ChartaAction *current;
  ChartaAction *next;
  const char *conflict;

  g_return_val_if_fail (CHARTA_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (status >= 0 && status < CHARTA_N_STATUSES, FALSE);
  g_return_val_if_fail (progress == CHARTA_UNSET || (progress >= 0 && progress <= 100), FALSE);

  position = charta_document_find (self, CHARTA_COLLECTION_ACTIONS, action_id);
  if (position < 0)
    {
      g_set_error (error, CHARTA_PROJECT_ERROR, CHARTA_PROJECT_ERROR_INVALID,
                   _("There is no action “%s” in the project"), action_id);
      return FALSE;
    }
  current = charta_document_get (self, CHARTA_COLLECTION_ACTIONS, position);
  if (status == CHARTA_STATUS_DONE && current->status != CHARTA_STATUS_DONE)
    progress = 100;
  conflict = charta_action_status_progress_conflict (status, progress);
  if (conflict != NULL)
    {
      g_set_error_literal (error, CHARTA_PROJECT_ERROR, CHARTA_PROJECT_ERROR_INVALID, conflict);
      return FALSE;
    }
  if (current->status == status && current->progress == progress)
    return TRUE;
  next = charta_action_copy (current);
  next->status = status;
  next->progress = progress;
  stamp_changed (next);
  charta_document_replace (self, CHARTA_COLLECTION_ACTIONS, position, next);
  return TRUE;
}

const char *
charta_document_add_action (ChartaDocument *self, const char *title, GError **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (title ? title : ""));
  ChartaAction *action;
  guint n;

  g_return_val_if_fail (CHARTA_IS_DOCUMENT (self), NULL);
  if (*stripped == '\0')
    {
      g_set_error_literal (error, CHARTA_PROJECT_ERROR, CHARTA_PROJECT_ERROR_INVALID, _("An action needs a title"));
      return NULL;
    }
  if (g_utf8_strlen (stripped, -1) > CHARTA_TITLE_MAX_CHARS)
    {
      g_set_error (error, CHARTA_PROJECT_ERROR, CHARTA_PROJECT_ERROR_INVALID,
                   _("An action's title is at most %d characters long"), CHARTA_TITLE_MAX_CHARS);
      return NULL;
    }
  action = charta_action_new (stripped);
  stamp_changed (action);
  n = charta_document_get_n (self, CHARTA_COLLECTION_ACTIONS);
  charta_document_insert (self, CHARTA_COLLECTION_ACTIONS, n, action);
  return ((const ChartaAction *) charta_document_get (self, CHARTA_COLLECTION_ACTIONS, n))->id;
}

/* ---- peer reviews ---- */

int
charta_document_find_review (ChartaDocument *self, const char *review_id)
{
  GPtrArray *reviews;

  g_return_val_if_fail (CHARTA_IS_DOCUMENT (self), -1);
  reviews = self->project->reviews;
  for (guint i = 0; reviews && i < reviews->len; i++)
    if (g_strcmp0 (((ChartaReview *) g_ptr_array_index (reviews, i))->id, review_id) == 0)
      return (int) i;
  return -1;
}

void
charta_document_replace_review (ChartaDocument *self, guint position, ChartaReview *review)
{
  g_autoptr(ChartaReview) owned = review;
  ChartaReview *current;
  Edit *edit;

  g_return_if_fail (CHARTA_IS_DOCUMENT (self));
  g_return_if_fail (review != NULL);
  g_return_if_fail (self->project->reviews != NULL && position < self->project->reviews->len);

  current = g_ptr_array_index (self->project->reviews, position);
  if (charta_review_equal (current, review))
    return;
  edit = g_new0 (Edit, 1);
  edit->kind = EDIT_REVIEW;
  edit->position = position;
  edit->before = charta_review_copy (current);
  edit->after = g_steal_pointer (&owned);
  push_edit (self, edit);
}

guint
charta_document_add_review (ChartaDocument *self, ChartaReview *review)
{
  Edit *edit;

  g_return_val_if_fail (CHARTA_IS_DOCUMENT (self), 0);
  g_return_val_if_fail (review != NULL, 0);

  if (self->project->reviews == NULL)
    self->project->reviews = g_ptr_array_new ();
  edit = g_new0 (Edit, 1);
  edit->kind = EDIT_REVIEW;
  edit->position = self->project->reviews->len;
  edit->after = review;
  push_edit (self, edit);
  return edit->position;
}

void
charta_document_remove_review (ChartaDocument *self, guint position)
{
  Edit *edit;

  g_return_if_fail (CHARTA_IS_DOCUMENT (self));
  g_return_if_fail (self->project->reviews != NULL && position < self->project->reviews->len);

  edit = g_new0 (Edit, 1);
  edit->kind = EDIT_REVIEW;
  edit->position = position;
  edit->before = charta_review_copy (g_ptr_array_index (self->project->reviews, position));
  push_edit (self, edit);
}

const ChartaAction *
charta_document_adopt_recommendation (ChartaDocument  *self,
                                      const char      *review_id,
                                      const char      *recommendation_id,
                                      GError         **error)
{
  ChartaReview *review;
  ChartaAction *action;
  guint position;

  g_return_val_if_fail (CHARTA_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (recommendation_id != NULL, NULL);

  review = charta_project_find_review (self->project, review_id);
  if (review == NULL)
    {
      g_set_error (error, CHARTA_REVIEW_ERROR, CHARTA_REVIEW_ERROR_NOT_FOUND, _("There is no such review"));
      return NULL;
    }
  if (!charta_review_check_adopt (self->project, review, recommendation_id, error))
    return NULL;
  action = charta_review_adopt_recommendation (self->project, review, recommendation_id, error);
  if (action == NULL)
    return NULL;
  /* Taken out again, so that the edit puts it in (and undo takes it out). */
  position = self->project->actions->len - 1;
  g_ptr_array_steal_index (self->project->actions, position);
  collection_edit (self, CHARTA_COLLECTION_ACTIONS, position, NULL, action);
  return g_ptr_array_index (self->project->actions, position);
}

void
charta_document_set_publish_review_levels (ChartaDocument *self, gboolean publish)
{
  ChartaProject *header;

  g_return_if_fail (CHARTA_IS_DOCUMENT (self));
  header = copy_header (self->project);
  header->publish_review_levels = !!publish;
  charta_document_set_header (self, header);
}
