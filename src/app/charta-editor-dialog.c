/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-editor-dialog"
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "charta-actual-row.h"
#include "charta-comments-panel.h"
#include "charta-date.h"
#include "charta-date-row.h"
#include "charta-editor-dialog.h"
#include "charta-funding-row.h"
#include "charta-item-links.h"
#include "charta-ui-utils.h"

/* One dialog for the three kinds of record a consultant edits one at a time. The record is
 * copied when the dialog opens; the fields are read back into the copy on Save, and the
 * copy replaces the record only when it differs (charta_document_replace() compares), so
 * one Save is one undo step and a Save without a change is none. */

struct _ChartaEditorDialog {
  AdwWindow parent_instance;

  ChartaDocument *document;
  ChartaCollection collection;
  char *record_id;
  char *item_id;
  gpointer record;              /* the copy being edited */
  gboolean is_new;
  gboolean computed;       /* a measure that counts its values in the project */
  gboolean can_save;
  gboolean progress_touched;
  GPtrArray *workforms;         /* the AII work forms (ChartaItem), parallel to workform_checks */
  GPtrArray *workform_checks;   /* GtkCheckButton */
  GPtrArray *partner_checks;    /* GtkCheckButton, parallel to the project's partners */
  char *participants;           /* a meeting's participants as first shown */

  /* template */
  GtkWidget *save_button;
  GtkWidget *title_row;
  GtkWidget *status_row;
  GtkWidget *progress_row;
  GtkWidget *progress_spin;
  GtkWidget *unit_row;
  GtkWidget *direction_row;
  GtkWidget *breakdown_row;
  GtkWidget *groups_row;
  GtkWidget *date_row;
  GtkWidget *kind_row;
  GtkWidget *participants_row;
  GtkWidget *plan_group;
  GtkWidget *programme_row;
  GtkWidget *workform_row;
  GtkWidget *objectives_row;
  GtkWidget *funding_box;
  GtkWidget *funding_list;
  GtkWidget *owner_row;
  GtkWidget *partners_row;
  GtkWidget *start_row;
  GtkWidget *due_row;
  GtkWidget *values_group;
  GtkWidget *base_date_row;
  GtkWidget *base_value_row;
  GtkWidget *target_date_row;
  GtkWidget *target_value_row;
  GtkWidget *actuals_box;
  GtkWidget *actuals_list;
  GtkWidget *computed_label;
  GtkWidget *items_group;
  GtkWidget *description_box;
  GtkWidget *description_view;
  GtkWidget *conclusions_box;
  GtkWidget *conclusions_view;
  GtkWidget *notes_box;
  GtkWidget *notes_view;
  GtkWidget *comments_box;
  GtkWidget *delete_button;
  const char *close_response;   /* interned: the answer to "Discard Changes?" */
};

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_COLLECTION,
  PROP_RECORD_ID,
  PROP_ITEM_ID,
  PROP_CAN_SAVE,
  N_PROPS
};

enum {
  DELETED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (ChartaEditorDialog, charta_editor_dialog, ADW_TYPE_WINDOW)

/* ---- checking ---- */

static const char *
text_of (GtkWidget *editable)
{
  return gtk_editable_get_text (GTK_EDITABLE (editable));
}

static gboolean
title_ok (ChartaEditorDialog *self)
{
  g_autofree char *title = g_strstrip (g_strdup (text_of (self->title_row)));
  return *title != '\0' && g_utf8_strlen (title, -1) <= CHARTA_TITLE_MAX_CHARS;
}


/* A baseline or a target: a date and a value, or neither. */
static gboolean
pair_ok (GtkWidget *date_row, GtkWidget *value_row)
{
  const char *value = text_of (value_row);
  gboolean has_date = *text_of (date_row) != '\0';
  gboolean good_value = *value == '\0' ? !has_date : charta_parse_number (value, NULL);

  charta_widget_mark_error (value_row, good_value);
  return charta_date_row_get_valid (CHARTA_DATE_ROW (date_row)) && good_value &&
         (has_date || *value == '\0');
}

static gboolean
action_ok (ChartaEditorDialog *self)
{
  const char *start = charta_date_row_get_date (CHARTA_DATE_ROW (self->start_row));
  const char *due = charta_date_row_get_date (CHARTA_DATE_ROW (self->due_row));
  gboolean order_ok = start == NULL || due == NULL || strcmp (start, due) <= 0;

  int status = (int) adw_combo_row_get_selected (ADW_COMBO_ROW (self->status_row));
  int progress = self->progress_touched ? gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->progress_spin))
                                        : CHARTA_UNSET;
  const char *conflict = charta_action_status_progress_conflict (status, progress);

  gboolean funding_ok = TRUE;
  g_auto(GStrv) objectives = g_strsplit (text_of (self->objectives_row), ",", -1);
  gboolean objectives_ok = TRUE;

  for (guint i = 0; objectives[i]; i++)
    objectives_ok = objectives_ok && g_utf8_strlen (objectives[i], -1) <= CHARTA_TITLE_MAX_CHARS;
  charta_widget_mark_error (self->objectives_row, objectives_ok);
  for (GtkWidget *row = gtk_widget_get_first_child (self->funding_list); row; row = gtk_widget_get_next_sibling (row))
    funding_ok = funding_ok && charta_funding_row_get_valid (CHARTA_FUNDING_ROW (row));
  if (charta_date_row_get_valid (CHARTA_DATE_ROW (self->due_row)))
    charta_widget_mark_error (self->due_row, order_ok);
  /* The core's rule, said where the progress is typed. */
  charta_widget_mark_error (self->progress_row, conflict == NULL);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->progress_row), conflict ? conflict : "");
  return conflict == NULL && order_ok && funding_ok && objectives_ok && charta_date_row_get_valid (CHARTA_DATE_ROW (self->start_row)) &&
         charta_date_row_get_valid (CHARTA_DATE_ROW (self->due_row));
}

/* The groups typed, each once, blanks dropped; NULL-terminated. */
static GStrv
dup_groups (ChartaEditorDialog *self)
{
  g_auto(GStrv) parts = g_strsplit (text_of (self->groups_row), ",", -1);
  GStrvBuilder *builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GStrv groups;

  for (guint i = 0; parts[i]; i++)
    {
      char *group = g_strstrip (parts[i]);
      if (*group != '\0' && g_hash_table_add (seen, group))
        g_strv_builder_add (builder, group);
    }
  groups = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return groups;
}

static gboolean
groups_ok (ChartaEditorDialog *self)
{
  g_auto(GStrv) groups = dup_groups (self);
  gboolean ok = g_utf8_strlen (text_of (self->breakdown_row), -1) <= CHARTA_TITLE_MAX_CHARS;

  for (guint i = 0; groups[i]; i++)
    ok = ok && g_utf8_strlen (groups[i], -1) <= CHARTA_TITLE_MAX_CHARS;
  charta_widget_mark_error (self->groups_row, ok);
  return ok;
}

static gboolean
measure_ok (ChartaEditorDialog *self)
{
  gboolean ok = *text_of (self->unit_row) != '\0' && groups_ok (self);

  ok = pair_ok (self->base_date_row, self->base_value_row) && ok;
  ok = pair_ok (self->target_date_row, self->target_value_row) && ok;
  for (GtkWidget *row = gtk_widget_get_first_child (self->actuals_list); row; row = gtk_widget_get_next_sibling (row))
    ok = ok && charta_actual_row_get_valid (CHARTA_ACTUAL_ROW (row));
  return ok;
}

static void
update_can_save (ChartaEditorDialog *self)
{
  gboolean ok;

  if (self->record == NULL)
    return;
  ok = title_ok (self);
  if (self->collection == CHARTA_COLLECTION_ACTIONS)
    ok = action_ok (self) && ok;
  else if (self->collection == CHARTA_COLLECTION_MEASURES)
    ok = measure_ok (self) && ok;
  else
    ok = charta_date_row_get_valid (CHARTA_DATE_ROW (self->date_row)) && ok;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", ok);
  if (ok == self->can_save)
    return;
  self->can_save = ok;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_SAVE]);
}

static void
on_field_changed_cb (ChartaEditorDialog *self)
{
  update_can_save (self);
}

static void
on_progress_changed_cb (ChartaEditorDialog *self)
{
  self->progress_touched = TRUE;
  update_can_save (self);
}

/* Picking Done sets the progress to 100, so the two agree (charta_action_status_progress_conflict). */
static void
on_status_selected_cb (ChartaEditorDialog *self)
{
  if (self->record == NULL || self->collection != CHARTA_COLLECTION_ACTIONS)
    return;
  if (adw_combo_row_get_selected (ADW_COMBO_ROW (self->status_row)) == CHARTA_STATUS_DONE)
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->progress_spin), 100);
  update_can_save (self);
}

/* ---- text ---- */

static void
set_view_text (GtkWidget *view, const char *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text ? text : "", -1);
}

static void
replace_text (char **slot, GtkWidget *view)
{
  g_free (*slot);
  *slot = charta_text_buffer_dup_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)));
}

static void
replace_title (char **slot, GtkWidget *row)
{
  g_free (*slot);
  *slot = g_strstrip (g_strdup (text_of (row)));
}

static void
replace_date (char **slot, GtkWidget *row)
{
  g_free (*slot);
  *slot = g_strdup (charta_date_row_get_date (CHARTA_DATE_ROW (row)));
}

/* ---- filling the form ---- */

static void
fill_combo (GtkWidget *row, GtkStringList *labels, guint selected)
{
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (labels));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
  g_object_unref (labels);
}

/* A list of strings as one text, "a, b, c"; "" for none. */
static char *
join_list (GPtrArray *list)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;

  for (guint i = 0; list && i < list->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (list, i));
  strv = g_strv_builder_end (builder);
  return g_strjoinv (", ", strv);
}

/* A row of an editable list (actuals, funding lines) that asks to be removed and says
 * whether it is valid. */
static void
on_remove_row_cb (GtkWidget *row, ChartaEditorDialog *self)
{
  gtk_list_box_remove (GTK_LIST_BOX (gtk_widget_get_parent (row)), row);
  update_can_save (self);
}

static void
append_row (ChartaEditorDialog *self, GtkWidget *list, GtkWidget *row)
{
  g_signal_connect_object (row, "remove", G_CALLBACK (on_remove_row_cb), self, 0);
  g_signal_connect_object (row, "notify::valid", G_CALLBACK (update_can_save), self, G_CONNECT_SWAPPED);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
}

static gboolean
list_has (GPtrArray *list, const char *id)
{
  return list != NULL && g_ptr_array_find_with_equal_func (list, id, g_str_equal, NULL);
}

/* A row with a check in @expander, the check kept in @checks. */
static void
add_check_row (GtkWidget *expander, const char *title, gboolean active, GPtrArray *checks)
{
  g_ptr_array_add (checks, charta_expander_add_check (expander, title, active));
}

/* Adds @id to *@list or removes it, keeping the others in their order. */
static void
toggle_id (GPtrArray **list, const char *id, gboolean on)
{
  guint index;

  if (*list && g_ptr_array_find_with_equal_func (*list, id, g_str_equal, &index))
    {
      if (!on)
        g_ptr_array_remove_index (*list, index);
    }
  else if (on)
    {
      if (*list == NULL)
        *list = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (*list, g_strdup (id));
    }
}

static void
fill_partners (ChartaEditorDialog *self, const ChartaAction *a)
{
  const ChartaProject *p = charta_document_get_project (self->document);

  if (p->partners->len == 0)
    adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self->partners_row), _("The project lists no partners yet"));
  for (guint i = 0; i < p->partners->len; i++)
    {
      const ChartaPartner *partner = g_ptr_array_index (p->partners, i);
      add_check_row (self->partners_row, partner->name, list_has (a->partners, partner->id), self->partner_checks);
    }
}

/* The AII work forms, several of which an action may combine (format version 2). */
static void
fill_workforms (ChartaEditorDialog *self, const ChartaAction *a)
{
  const ChartaFramework *aii = charta_catalogue_find_framework (charta_catalogue_get_default (), "aii");
  g_autoptr(GString) chosen = g_string_new (NULL);

  for (guint i = 0; aii && i < charta_framework_get_n_items (aii); i++)
    {
      const ChartaItem *wf = charta_framework_get_item (aii, i);
      gboolean on;

      if (strcmp (charta_item_get_kind (wf), "workform") != 0)
        continue;
      on = charta_action_has_workform (a, charta_item_get_id (wf));
      if (on)
        g_string_append_printf (chosen, "%s%s", chosen->len ? ", " : "", charta_item_get_title (wf));
      g_ptr_array_add (self->workforms, (gpointer) wf);
      add_check_row (self->workform_row, charta_item_get_title (wf), on, self->workform_checks);
    }
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self->workform_row),
                                 chosen->len ? chosen->str : _("None yet: still to be agreed"));
}

/* The project's programmes (made on the Project page); 0: none. */
static void
fill_programmes (ChartaEditorDialog *self, const ChartaAction *a)
{
  const ChartaProject *p = charta_document_get_project (self->document);
  GtkStringList *labels = gtk_string_list_new (NULL);
  guint selected = 0;

  gtk_string_list_append (labels, _("None"));
  for (guint i = 0; p->programmes && i < p->programmes->len; i++)
    {
      const ChartaProgramme *programme = g_ptr_array_index (p->programmes, i);
      if (g_strcmp0 (a->programme, programme->id) == 0)
        selected = i + 1;
      gtk_string_list_append (labels, programme->title);
    }
  fill_combo (self->programme_row, labels, selected);
  if (p->programmes == NULL || p->programmes->len == 0)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->programme_row), _("The project has no programmes yet"));
}

static GtkWidget *
add_funding_row (ChartaEditorDialog *self, const ChartaFunding *funding)
{
  GtkWidget *row = charta_funding_row_new (funding);

  append_row (self, self->funding_list, row);
  return row;
}

static void
add_funding_action (GtkWidget *widget, const char *name, GVariant *param)
{
  ChartaEditorDialog *self = CHARTA_EDITOR_DIALOG (widget);
  GtkWidget *row = add_funding_row (self, NULL);

  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  gtk_widget_grab_focus (charta_funding_row_get_amount_row (CHARTA_FUNDING_ROW (row)));
  update_can_save (self);
}

static void
fill_plan_v2 (ChartaEditorDialog *self, const ChartaAction *a)
{
  g_autofree char *codes = join_list (a->policy_objectives);

  fill_programmes (self, a);
  fill_workforms (self, a);
  gtk_editable_set_text (GTK_EDITABLE (self->objectives_row), codes);
  for (guint i = 0; a->funding && i < a->funding->len; i++)
    add_funding_row (self, g_ptr_array_index (a->funding, i));
}

static void
fill_action (ChartaEditorDialog *self, const ChartaAction *a)
{
  const ChartaProject *p = charta_document_get_project (self->document);
  GtkStringList *statuses = gtk_string_list_new (NULL);
  GtkStringList *owners = gtk_string_list_new (NULL);
  guint owner = 0;

  for (int st = 0; st < CHARTA_N_STATUSES; st++)
    gtk_string_list_append (statuses, charta_status_get_label (st));
  fill_combo (self->status_row, statuses, a->status);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->progress_spin),
                             a->progress != CHARTA_UNSET ? a->progress : a->status == CHARTA_STATUS_DONE ? 100 : 0);
  self->progress_touched = a->progress != CHARTA_UNSET;

  fill_plan_v2 (self, a);

  gtk_string_list_append (owners, _("Nobody"));
  for (guint i = 0; i < p->people->len; i++)
    {
      const ChartaPerson *person = g_ptr_array_index (p->people, i);
      if (g_strcmp0 (a->owner, person->id) == 0)
        owner = i + 1;
      gtk_string_list_append (owners, person->name);
    }
  fill_combo (self->owner_row, owners, owner);
  fill_partners (self, a);
  charta_date_row_set_date (CHARTA_DATE_ROW (self->start_row), a->start);
  charta_date_row_set_date (CHARTA_DATE_ROW (self->due_row), a->due);
  charta_item_links_set_document (CHARTA_ITEM_LINKS (self->items_group), self->document);
  charta_item_links_set_items (CHARTA_ITEM_LINKS (self->items_group), a->items);
  set_view_text (self->description_view, a->description);
  set_view_text (self->notes_view, a->notes);
}

static void
set_value_text (GtkWidget *row, const ChartaDatedValue *v)
{
  g_autofree char *text = charta_format_form_number (v ? v->value : NAN);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static GtkWidget *
add_actual_row (ChartaEditorDialog *self, const ChartaDatedValue *value, const char *date)
{
  GtkWidget *row = charta_actual_row_new (value, date);
  g_auto(GStrv) groups = dup_groups (self);

  charta_actual_row_set_groups (CHARTA_ACTUAL_ROW (row), (const char * const *) groups);
  append_row (self, self->actuals_list, row);
  return row;
}

static void
add_actual_action (GtkWidget *widget, const char *name, GVariant *param)
{
  ChartaEditorDialog *self = CHARTA_EDITOR_DIALOG (widget);
  g_autofree char *today = charta_date_today ();
  GtkWidget *row = add_actual_row (self, NULL, today);

  gtk_widget_grab_focus (charta_actual_row_get_date_row (CHARTA_ACTUAL_ROW (row)));
  update_can_save (self);
}

/* Each actual gets a field per group as the groups are typed. */
static void
on_groups_changed_cb (ChartaEditorDialog *self)
{
  g_auto(GStrv) groups = dup_groups (self);

  for (GtkWidget *row = gtk_widget_get_first_child (self->actuals_list); row; row = gtk_widget_get_next_sibling (row))
    charta_actual_row_set_groups (CHARTA_ACTUAL_ROW (row), (const char * const *) groups);
  update_can_save (self);
}

static void
fill_measure (ChartaEditorDialog *self, const ChartaMeasure *m)
{
  g_autofree char *groups = join_list (m->groups);

  gtk_editable_set_text (GTK_EDITABLE (self->groups_row), groups);
  gtk_editable_set_text (GTK_EDITABLE (self->breakdown_row), m->breakdown ? m->breakdown : "");
  gtk_editable_set_text (GTK_EDITABLE (self->unit_row), m->unit ? m->unit : "");
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->direction_row), m->direction);
  charta_date_row_set_date (CHARTA_DATE_ROW (self->base_date_row), m->baseline ? m->baseline->date : NULL);
  set_value_text (self->base_value_row, m->baseline);
  charta_date_row_set_date (CHARTA_DATE_ROW (self->target_date_row), m->target ? m->target->date : NULL);
  set_value_text (self->target_value_row, m->target);
  /* The loader refuses actuals on a computed measure: none can be added here. */
  self->computed = m->computed != CHARTA_UNSET;
  for (guint i = 0; m->actuals && i < m->actuals->len; i++)
    {
      add_actual_row (self, g_ptr_array_index (m->actuals, i), NULL);
    }
  set_view_text (self->description_view, m->description);
}

static void
fill_consultation (ChartaEditorDialog *self, ChartaConsultation *c)
{
  if (c->participants)
    self->participants = join_list (c->participants);
  charta_date_row_set_date (CHARTA_DATE_ROW (self->date_row), c->date);
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->kind_row), c->kind);
  gtk_editable_set_text (GTK_EDITABLE (self->participants_row), self->participants ? self->participants : "");
  set_view_text (self->conclusions_view, c->conclusions);
  set_view_text (self->notes_view, c->notes);
}

/* Only the fields of the kind edited are shown. */
static void
show_fields (ChartaEditorDialog *self)
{
  gboolean action = self->collection == CHARTA_COLLECTION_ACTIONS;
  gboolean measure = self->collection == CHARTA_COLLECTION_MEASURES;
  gboolean meeting = self->collection == CHARTA_COLLECTION_CONSULTATIONS;
  GtkWidget * const action_fields[] = { self->status_row, self->progress_row, self->plan_group, self->items_group };
  GtkWidget * const measure_fields[] = { self->unit_row, self->direction_row, self->values_group, self->actuals_box };
  GtkWidget * const meeting_fields[] = { self->date_row, self->kind_row, self->participants_row, self->conclusions_box };

  for (guint i = 0; i < G_N_ELEMENTS (action_fields); i++)
    {
      gtk_widget_set_visible (action_fields[i], action);
      gtk_widget_set_visible (measure_fields[i], measure);
      gtk_widget_set_visible (meeting_fields[i], meeting);
    }
  gtk_widget_set_visible (self->funding_box, action);
  gtk_widget_set_visible (self->breakdown_row, measure);
  gtk_widget_set_visible (self->groups_row, measure);
  gtk_widget_set_visible (self->actuals_box, measure && !self->computed);
  gtk_widget_set_visible (self->computed_label, measure && self->computed);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.add-actual", measure && !self->computed);
  gtk_widget_set_visible (self->description_box, action || measure);
  gtk_widget_set_visible (self->notes_box, action || meeting);
  gtk_widget_set_visible (self->delete_button, !self->is_new);
}

static void
set_titles (ChartaEditorDialog *self)
{
  const char *title, *del;

  if (self->collection == CHARTA_COLLECTION_ACTIONS)
    {
      title = self->is_new ? _("New Action") : _("Edit Action");
      del = _("_Delete Action");
    }
  else if (self->collection == CHARTA_COLLECTION_MEASURES)
    {
      title = self->is_new ? _("New Measure") : _("Edit Measure");
      del = _("_Delete Measure");
    }
  else
    {
      title = self->is_new ? _("New Meeting") : _("Edit Meeting");
      del = _("_Delete Meeting");
    }
  gtk_window_set_title (GTK_WINDOW (self), title);
  gtk_button_set_label (GTK_BUTTON (self->delete_button), del);
  charta_accessible_set_mnemonic_label (self->delete_button, del);
}

static gpointer
copy_record (ChartaEditorDialog *self)
{
  int position = self->record_id ? charta_document_find (self->document, self->collection, self->record_id) : -1;
  gconstpointer current = position >= 0 ? charta_document_get (self->document, self->collection, position) : NULL;
  g_autofree char *today = charta_date_today ();

  self->is_new = current == NULL;
  switch ((int) self->collection)
    {
    case CHARTA_COLLECTION_ACTIONS:
      if (current)
        return charta_action_copy (current);
      {
        ChartaAction *a = charta_action_new ("");
        if (self->item_id != NULL)
          {
            a->items = g_ptr_array_new_with_free_func (g_free);
            g_ptr_array_add (a->items, g_strdup (self->item_id));
          }
        return a;
      }
    case CHARTA_COLLECTION_MEASURES:
      return current ? charta_measure_copy (current) : charta_measure_new ("", "");
    default:
      return current ? charta_consultation_copy (current) : charta_consultation_new ("", today);
    }
}

static void
free_record (ChartaEditorDialog *self)
{
  if (self->record == NULL)
    return;
  if (self->collection == CHARTA_COLLECTION_ACTIONS)
    charta_action_free (self->record);
  else if (self->collection == CHARTA_COLLECTION_MEASURES)
    charta_measure_free (self->record);
  else
    charta_consultation_free (self->record);
  self->record = NULL;
}

/* Measures and meetings, like actions, have their id first and their title second. */
static const char *
record_title (ChartaEditorDialog *self)
{
  if (self->collection == CHARTA_COLLECTION_ACTIONS)
    return ((ChartaAction *) self->record)->title;
  if (self->collection == CHARTA_COLLECTION_MEASURES)
    return ((ChartaMeasure *) self->record)->title;
  return ((ChartaConsultation *) self->record)->title;
}

static const char *
record_id (ChartaEditorDialog *self)
{
  return *(char **) self->record;
}

/* ---- saving ---- */

/* An empty list the file did not have stays absent, so a Save without a change is none. */
static void
drop_if_empty (GPtrArray **list)
{
  if (*list && (*list)->len == 0)
    g_clear_pointer (list, g_ptr_array_unref);
}

static void
collect_funding (ChartaEditorDialog *self, ChartaAction *a)
{
  /* The model's lists of records free their elements themselves: no free function. */
  for (guint i = 0; a->funding && i < a->funding->len; i++)
    charta_funding_free (g_ptr_array_index (a->funding, i));
  g_clear_pointer (&a->funding, g_ptr_array_unref);
  for (GtkWidget *row = gtk_widget_get_first_child (self->funding_list); row; row = gtk_widget_get_next_sibling (row))
    {
      ChartaFunding *f = charta_funding_row_dup_value (CHARTA_FUNDING_ROW (row));
      if (f == NULL)
        continue;
      if (a->funding == NULL)
        a->funding = g_ptr_array_new ();
      g_ptr_array_add (a->funding, f);
    }
}

static void
collect_plan_v2 (ChartaEditorDialog *self, ChartaAction *a)
{
  const ChartaProject *p = charta_document_get_project (self->document);
  guint programme = adw_combo_row_get_selected (ADW_COMBO_ROW (self->programme_row));
  g_auto(GStrv) codes = g_strsplit (text_of (self->objectives_row), ",", -1);
  gboolean had_objectives = a->policy_objectives != NULL;

  g_free (a->programme);
  a->programme = (programme > 0 && programme != GTK_INVALID_LIST_POSITION)
                 ? g_strdup (((ChartaProgramme *) g_ptr_array_index (p->programmes, programme - 1))->id) : NULL;
  for (guint i = 0; i < self->workform_checks->len; i++)
    toggle_id (&a->workforms, charta_item_get_id (g_ptr_array_index (self->workforms, i)),
               gtk_check_button_get_active (g_ptr_array_index (self->workform_checks, i)));
  drop_if_empty (&a->workforms);
  if (had_objectives)
    g_ptr_array_set_size (a->policy_objectives, 0);
  for (guint i = 0; codes[i]; i++)
    {
      char *code = g_strstrip (codes[i]);
      if (*code != '\0')
        toggle_id (&a->policy_objectives, code, TRUE);
    }
  drop_if_empty (&a->policy_objectives);
  collect_funding (self, a);
}

static void
collect_action (ChartaEditorDialog *self, ChartaAction *a)
{
  const ChartaProject *p = charta_document_get_project (self->document);
  guint owner = adw_combo_row_get_selected (ADW_COMBO_ROW (self->owner_row));

  replace_title (&a->title, self->title_row);
  replace_text (&a->description, self->description_view);
  replace_text (&a->notes, self->notes_view);
  a->status = (int) adw_combo_row_get_selected (ADW_COMBO_ROW (self->status_row));
  if (self->progress_touched)
    a->progress = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->progress_spin));
  collect_plan_v2 (self, a);
  g_free (a->owner);
  a->owner = (owner > 0 && owner != GTK_INVALID_LIST_POSITION)
             ? g_strdup (((ChartaPerson *) g_ptr_array_index (p->people, owner - 1))->id) : NULL;
  replace_date (&a->start, self->start_row);
  replace_date (&a->due, self->due_row);
  charta_item_links_apply (CHARTA_ITEM_LINKS (self->items_group), &a->items);
  for (guint i = 0; i < self->partner_checks->len; i++)
    toggle_id (&a->partners, ((ChartaPartner *) g_ptr_array_index (p->partners, i))->id,
               gtk_check_button_get_active (g_ptr_array_index (self->partner_checks, i)));
}

static void
collect_groups (ChartaEditorDialog *self, ChartaMeasure *m)
{
  g_auto(GStrv) groups = dup_groups (self);

  replace_title (&m->breakdown, self->breakdown_row);
  if (m->breakdown && *m->breakdown == '\0')
    g_clear_pointer (&m->breakdown, g_free);
  g_clear_pointer (&m->groups, g_ptr_array_unref);
  for (guint i = 0; groups[i]; i++)
    {
      if (m->groups == NULL)
        m->groups = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (m->groups, g_strdup (groups[i]));
    }
}

static void
collect_measure (ChartaEditorDialog *self, ChartaMeasure *m)
{
  ChartaDatedValue *value;

  replace_title (&m->title, self->title_row);
  replace_title (&m->unit, self->unit_row);
  collect_groups (self, m);
  m->direction = (int) adw_combo_row_get_selected (ADW_COMBO_ROW (self->direction_row));
  replace_text (&m->description, self->description_view);
  value = charta_dated_value_update (m->baseline, self->base_date_row, self->base_value_row);
  g_clear_pointer (&m->baseline, charta_dated_value_free);
  m->baseline = value;
  value = charta_dated_value_update (m->target, self->target_date_row, self->target_value_row);
  g_clear_pointer (&m->target, charta_dated_value_free);
  m->target = value;
  if (m->actuals == NULL && gtk_widget_get_first_child (self->actuals_list) != NULL)
    m->actuals = g_ptr_array_new ();
  for (guint i = 0; m->actuals && i < m->actuals->len; i++)
    charta_dated_value_free (g_ptr_array_index (m->actuals, i));
  if (m->actuals)
    g_ptr_array_set_size (m->actuals, 0);
  for (GtkWidget *row = gtk_widget_get_first_child (self->actuals_list); row; row = gtk_widget_get_next_sibling (row))
    g_ptr_array_add (m->actuals, charta_actual_row_dup_value (CHARTA_ACTUAL_ROW (row)));
}

static void
collect_consultation (ChartaEditorDialog *self, ChartaConsultation *c)
{
  g_auto(GStrv) parts = g_strsplit (text_of (self->participants_row), ",", -1);

  replace_title (&c->title, self->title_row);
  replace_date (&c->date, self->date_row);
  c->kind = (int) adw_combo_row_get_selected (ADW_COMBO_ROW (self->kind_row));
  replace_text (&c->conclusions, self->conclusions_view);
  replace_text (&c->notes, self->notes_view);
  /* A name may hold a comma ("City of Mechelen, diversity officer"): the list is split
   * again only when it was edited. */
  if (g_strcmp0 (text_of (self->participants_row), self->participants ? self->participants : "") == 0)
    return;
  g_clear_pointer (&c->participants, g_ptr_array_unref);
  for (guint i = 0; parts[i]; i++)
    {
      char *name = g_strstrip (g_strdup (parts[i]));
      if (*name == '\0' || g_utf8_strlen (name, -1) > CHARTA_TITLE_MAX_CHARS)
        {
          g_free (name);
          continue;
        }
      if (c->participants == NULL)
        c->participants = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (c->participants, name);
    }
}

/* An action carries the time of its last real change: a Save that changes nothing keeps
 * the old stamp, so charta_document_replace() sees an equal record and adds no undo step. */
static void
stamp_action (ChartaEditorDialog *self, ChartaAction *a, int position)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  if (position >= 0)
    {
      const ChartaAction *current = charta_document_get (self->document, CHARTA_COLLECTION_ACTIONS, position);
      g_free (a->changed);
      a->changed = g_strdup (current->changed);
      if (charta_action_equal (current, a))
        return;
    }
  g_free (a->changed);
  a->changed = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

/* What Save would write differs from the record as the dialog opened. */
static gboolean
has_changes (ChartaEditorDialog *self)
{
  gboolean changed;

  if (self->collection == CHARTA_COLLECTION_ACTIONS)
    {
      g_autoptr(ChartaAction) a = charta_action_copy (self->record);
      collect_action (self, a);
      changed = !charta_action_equal (a, self->record);
    }
  else if (self->collection == CHARTA_COLLECTION_MEASURES)
    {
      g_autoptr(ChartaMeasure) m = charta_measure_copy (self->record);
      collect_measure (self, m);
      changed = !charta_measure_equal (m, self->record);
    }
  else
    {
      g_autoptr(ChartaConsultation) c = charta_consultation_copy (self->record);
      collect_consultation (self, c);
      changed = !charta_consultation_equal (c, self->record);
    }
  return changed;
}

static gboolean
answer_close_idle (gpointer data)
{
  g_autoptr(ChartaEditorDialog) self = data;
  const char *response = self->close_response;

  if (g_strcmp0 (response, "discard") == 0)
    gtk_window_destroy (GTK_WINDOW (self));
  else if (g_strcmp0 (response, "save") == 0)
    charta_editor_dialog_save (self);
  return G_SOURCE_REMOVE;
}

/* Answered after the question has closed: it dies with the editor it belongs to. */
static void
on_close_response_cb (AdwMessageDialog *dialog, const char *response, ChartaEditorDialog *self)
{
  if (g_strcmp0 (response, "discard") != 0 && g_strcmp0 (response, "save") != 0)
    return;
  self->close_response = g_intern_string (response);
  g_idle_add (answer_close_idle, g_object_ref (self));
}

/* Escape, the close button or Ctrl+W with something typed asks before it is dropped:
 * Keep Editing (the default), Discard, or Save when the fields are valid. */
static gboolean
charta_editor_dialog_close_request (GtkWindow *window)
{
  ChartaEditorDialog *self = CHARTA_EDITOR_DIALOG (window);
  GtkWidget *dialog;

  if (self->record == NULL || !has_changes (self))
    return FALSE;
  dialog = adw_message_dialog_new (window, self->is_new ? _("Discard the New Item?") : _("Discard Changes?"),
                                   _("What was typed in this editor is not saved yet."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "keep", _("_Keep Editing"),
                                    "discard", _("_Discard"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard", ADW_RESPONSE_DESTRUCTIVE);
  if (self->can_save)
    {
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "save", _("_Save"));
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
    }
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_close_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

static void
save_action (GtkWidget *widget, const char *name, GVariant *param)
{
  charta_editor_dialog_save (CHARTA_EDITOR_DIALOG (widget));
}

static void
delete_action (GtkWidget *widget, const char *name, GVariant *param)
{
  ChartaEditorDialog *self = CHARTA_EDITOR_DIALOG (widget);
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  int position = charta_document_find (self->document, self->collection, record_id (self));
  g_autofree char *title = g_strdup (record_title (self));

  if (position >= 0 && self->collection == CHARTA_COLLECTION_ACTIONS && parent != NULL)
    gtk_widget_activate_action (GTK_WIDGET (parent), "win.delete-action", "s", record_id (self));
  else if (position >= 0 && self->collection != CHARTA_COLLECTION_ACTIONS)
    {
      charta_document_remove (self->document, self->collection, position);
      g_signal_emit (self, signals[DELETED], 0, title);
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

/* ---- GObject ---- */

static void
charta_editor_dialog_constructed (GObject *object)
{
  ChartaEditorDialog *self = CHARTA_EDITOR_DIALOG (object);

  G_OBJECT_CLASS (charta_editor_dialog_parent_class)->constructed (object);
  g_return_if_fail (self->document != NULL);
  self->record = copy_record (self);
  gtk_editable_set_text (GTK_EDITABLE (self->title_row), record_title (self) ? record_title (self) : "");
  if (self->collection == CHARTA_COLLECTION_ACTIONS)
    fill_action (self, self->record);
  else if (self->collection == CHARTA_COLLECTION_MEASURES)
    fill_measure (self, self->record);
  else
    fill_consultation (self, self->record);
  show_fields (self);
  set_titles (self);
  /* Comments on an action or measure that exists (a new one has no id to hang them on):
   * each comment is its own undo step of the document, kept whether the edit is saved
   * or cancelled. */
  if (!self->is_new && self->collection != CHARTA_COLLECTION_CONSULTATIONS)
    {
      gtk_box_append (GTK_BOX (self->comments_box), charta_comments_panel_new (self->document, record_id (self)));
      gtk_widget_set_visible (self->comments_box, TRUE);
    }
  self->can_save = TRUE;
  update_can_save (self);
}

/* Typing starts in the first field, not on Cancel (the header bar comes first). When
 * shown, not before: focusing a field of a window not yet shown keeps the window off
 * the accessibility bus in GTK 4.8. */
static void
charta_editor_dialog_map (GtkWidget *widget)
{
  ChartaEditorDialog *self = CHARTA_EDITOR_DIALOG (widget);

  GTK_WIDGET_CLASS (charta_editor_dialog_parent_class)->map (widget);
  gtk_widget_grab_focus (self->title_row);
}

static void
charta_editor_dialog_dispose (GObject *object)
{
  ChartaEditorDialog *self = CHARTA_EDITOR_DIALOG (object);

  free_record (self);
  g_clear_object (&self->document);
  g_clear_pointer (&self->workforms, g_ptr_array_unref);
  g_clear_pointer (&self->workform_checks, g_ptr_array_unref);
  g_clear_pointer (&self->partner_checks, g_ptr_array_unref);
  g_clear_pointer (&self->record_id, g_free);
  g_clear_pointer (&self->item_id, g_free);
  g_clear_pointer (&self->participants, g_free);
  G_OBJECT_CLASS (charta_editor_dialog_parent_class)->dispose (object);
}

static void
charta_editor_dialog_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  ChartaEditorDialog *self = CHARTA_EDITOR_DIALOG (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_COLLECTION:
      g_value_set_int (value, self->collection);
      break;
    case PROP_RECORD_ID:
      g_value_set_string (value, self->record_id);
      break;
    case PROP_ITEM_ID:
      g_value_set_string (value, self->item_id);
      break;
    case PROP_CAN_SAVE:
      g_value_set_boolean (value, self->can_save);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
charta_editor_dialog_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  ChartaEditorDialog *self = CHARTA_EDITOR_DIALOG (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      self->document = g_value_dup_object (value);
      break;
    case PROP_COLLECTION:
      self->collection = g_value_get_int (value);
      break;
    case PROP_RECORD_ID:
      self->record_id = g_value_dup_string (value);
      break;
    case PROP_ITEM_ID:
      self->item_id = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
charta_editor_dialog_class_init (ChartaEditorDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  const GParamFlags construct = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = charta_editor_dialog_constructed;
  object_class->dispose = charta_editor_dialog_dispose;
  object_class->get_property = charta_editor_dialog_get_property;
  object_class->set_property = charta_editor_dialog_set_property;
  GTK_WINDOW_CLASS (klass)->close_request = charta_editor_dialog_close_request;
  widget_class->map = charta_editor_dialog_map;

  properties[PROP_DOCUMENT] = g_param_spec_object ("document", NULL, NULL, CHARTA_TYPE_DOCUMENT, construct);
  properties[PROP_COLLECTION] = g_param_spec_int ("collection", NULL, NULL,
                                                  CHARTA_COLLECTION_ACTIONS, CHARTA_COLLECTION_CONSULTATIONS,
                                                  CHARTA_COLLECTION_ACTIONS, construct);
  properties[PROP_RECORD_ID] = g_param_spec_string ("record-id", NULL, NULL, NULL, construct);
  properties[PROP_ITEM_ID] = g_param_spec_string ("item-id", NULL, NULL, NULL, construct);
  properties[PROP_CAN_SAVE] =
    g_param_spec_boolean ("can-save", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[DELETED] = g_signal_new ("deleted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (CHARTA_TYPE_DATE_ROW);
  g_type_ensure (CHARTA_TYPE_ITEM_LINKS);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/charta/Charta/ui/charta-editor-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ChartaEditorDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, ChartaEditorDialog, title_row);
  gtk_widget_class_bind_template_child (widget_class, ChartaEditorDialog, status_row);
  gtk_widget_class_bind_template_child (widget_class, ChartaEditorDialog, progress_row);
  gtk_widget_class_bind_template_child (widget_class, ChartaEditorDialog, progress_spin);
  gtk_widget_class_bind_template_child (widget_class, ChartaEditorDialog, unit_row);
  gtk_widget_class_bind_template_child (widget_class, ChartaEditorDialog, direction_row);
  gtk_widget_class_bind_template_child (widget_class, ChartaEditorDialog, breakdown_row);
  gtk_widget_class_bind_template_child (widget_class, ChartaEditorDialog, groups_row);
  gtk_widget_class_bind_template_child (widget_class, ChartaEditorDialog, date_row);
  gtk_widget_class_bind_template_child (widget_class, ChartaEditorDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, ChartaEditorDialog, participants_row);
  gtk_widget_class_bind_template_child (widget_class, ChartaEditorDialog, plan_group);
  gtk_widget_class_bind_template_child (widget_class, ChartaEditorDialog, programme_row);
  gtk_widget_class_bind_template_child (widget_class, ChartaEditorDialog, workform_row);
  gtk_widget_class_bind_template_child (widget_class, ChartaEditorDialog, objectives_row);
  gtk_widget_class_bind_template_child (widget_class, ChartaEditorDialog, funding_box);
  gtk_widget_class_bind_template_child (widget_class, ChartaEditorDialog, funding_list);
  gtk_widget_class_bind_template_child (widget_class, ChartaEditorDialog, owner_row);
  gtk_widget_class_bind_template_child (widget_class, ChartaEditorDialog, partners_row);
  gtk_widget_class_bind_template_child (widget_class, ChartaEditorDialog, start_row);
  gtk_widget_class_bind_template_child (widget_class, ChartaEditorDialog, due_row);
  gtk_widget_class_bind_template_child (widget_class, ChartaEditorDialog, values_group);
  gtk_widget_class_bind_template_child (widget_class, ChartaEditorDialog, base_date_row);
  gtk_widget_class_bind_template_child (widget_class, ChartaEditorDialog, base_value_row);
  gtk_widget_class_bind_template_child (widget_class, ChartaEditorDialog, target_date_row);
  gtk_widget_class_bind_template_child (widget_class, ChartaEditorDialog, target_value_row);
  gtk_widget_class_bind_template_child (widget_class, ChartaEditorDialog, actuals_box);
  gtk_widget_class_bind_template_child (widget_class, ChartaEditorDialog, actuals_list);
  gtk_widget_class_bind_template_child (widget_class, ChartaEditorDialog, computed_label);
  gtk_widget_class_bind_template_child (widget_class, ChartaEditorDialog, items_group);
  gtk_widget_class_bind_template_child (widget_class, ChartaEditorDialog, description_box);
  gtk_widget_class_bind_template_child (widget_class, ChartaEditorDialog, description_view);
  gtk_widget_class_bind_template_child (widget_class, ChartaEditorDialog, conclusions_box);
  gtk_widget_class_bind_template_child (widget_class, ChartaEditorDialog, conclusions_view);
  gtk_widget_class_bind_template_child (widget_class, ChartaEditorDialog, notes_box);
  gtk_widget_class_bind_template_child (widget_class, ChartaEditorDialog, notes_view);
  gtk_widget_class_bind_template_child (widget_class, ChartaEditorDialog, comments_box);
  gtk_widget_class_bind_template_child (widget_class, ChartaEditorDialog, delete_button);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_progress_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_groups_changed_cb);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "editor.add-actual", NULL, add_actual_action);
  gtk_widget_class_install_action (widget_class, "editor.add-funding", NULL, add_funding_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
}

/* Ctrl+Enter saves from any field, a multi-line one too: in the capture phase, before a
 * text view takes Enter for a new line. */
static void
add_save_shortcuts (ChartaEditorDialog *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();
  const guint keys[] = { GDK_KEY_Return, GDK_KEY_KP_Enter, GDK_KEY_ISO_Enter };

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (keys[i], GDK_CONTROL_MASK),
                                                            gtk_named_action_new ("editor.save")));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

static void
charta_editor_dialog_init (ChartaEditorDialog *self)
{
  self->workforms = g_ptr_array_new ();
  self->workform_checks = g_ptr_array_new ();
  self->partner_checks = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  add_save_shortcuts (self);
  g_signal_connect_swapped (self->status_row, "notify::selected", G_CALLBACK (on_status_selected_cb), self);
}

/* ---- public API ---- */

ChartaEditorDialog *
charta_editor_dialog_new (GtkWindow        *parent,
                          ChartaDocument   *document,
                          ChartaCollection  collection,
                          const char       *record_id,
                          const char       *item_id)
{
  g_return_val_if_fail (CHARTA_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (collection == CHARTA_COLLECTION_ACTIONS || collection == CHARTA_COLLECTION_MEASURES ||
                        collection == CHARTA_COLLECTION_CONSULTATIONS, NULL);

  return g_object_new (CHARTA_TYPE_EDITOR_DIALOG,
                       "transient-for", parent,
                       "document", document,
                       "collection", (int) collection,
                       "record-id", record_id,
                       "item-id", item_id,
                       NULL);
}

ChartaCollection
charta_editor_dialog_get_collection (ChartaEditorDialog *self)
{
  g_return_val_if_fail (CHARTA_IS_EDITOR_DIALOG (self), CHARTA_COLLECTION_ACTIONS);
  return self->collection;
}

gboolean
charta_editor_dialog_get_can_save (ChartaEditorDialog *self)
{
  g_return_val_if_fail (CHARTA_IS_EDITOR_DIALOG (self), FALSE);
  return self->can_save;
}

gboolean
charta_editor_dialog_save (ChartaEditorDialog *self)
{
  int position;
  gpointer record;

  g_return_val_if_fail (CHARTA_IS_EDITOR_DIALOG (self), FALSE);

  update_can_save (self);
  if (!self->can_save)
    return FALSE;
  if (self->collection == CHARTA_COLLECTION_ACTIONS)
    collect_action (self, self->record);
  else if (self->collection == CHARTA_COLLECTION_MEASURES)
    collect_measure (self, self->record);
  else
    collect_consultation (self, self->record);
  position = charta_document_find (self->document, self->collection, record_id (self));
  if (self->collection == CHARTA_COLLECTION_ACTIONS)
    stamp_action (self, self->record, position);
  record = g_steal_pointer (&self->record);
  if (position >= 0)
    charta_document_replace (self->document, self->collection, position, record);
  else
    charta_document_insert (self->document, self->collection,
                            charta_document_get_n (self->document, self->collection), record);
  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;
}

void
charta_editor_dialog_set_title_text (ChartaEditorDialog *self, const char *title)
{
  g_return_if_fail (CHARTA_IS_EDITOR_DIALOG (self));
  gtk_editable_set_text (GTK_EDITABLE (self->title_row), title);
}
