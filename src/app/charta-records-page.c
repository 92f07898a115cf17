/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-records-page"
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "charta-date.h"
#include "charta-measure-chart.h"
#include "charta-records-page.h"
#include "charta-ui-utils.h"

/* Measures and consultations. The page lists the records; a dialog edits a copy of one
 * and commits it as one undo step. The page is rebuilt, at most once per main-loop turn,
 * when its collection changes. */

struct _ChartaRecordsPage {
  GtkWidget parent_instance;

  ChartaCollection collection;
  GtkWidget *scroller;
  GtkWidget *box;
  ChartaDocument *document;
  guint refresh_id;
  gboolean stale;        /* changed while not shown: rebuilt when next shown */
};

G_DEFINE_FINAL_TYPE (ChartaRecordsPage, charta_records_page, GTK_TYPE_WIDGET)

static const char * const direction_labels[] = { N_("Increase"), N_("Decrease"), N_("Maintain") };
static const char * const meeting_labels[] = { N_("Consultation"), N_("Evaluation"), N_("Peer review"),
                                               N_("Steering"), N_("Other") };

static char *
today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  return g_date_time_format (now, "%Y-%m-%d");
}

/* ---- the editor ---- */

typedef struct {
  ChartaRecordsPage *page;
  GtkWidget *window;
  GtkWidget *save;
  gpointer record;          /* the copy being edited */
  gboolean is_new;
  GPtrArray *checks;        /* entry rows that must hold a date or a number */
  GtkWidget *title, *unit, *direction, *kind, *date, *participants;
  GtkWidget *base_date, *base_value, *target_date, *target_value;
  GtkWidget *actuals_box;
  GtkTextBuffer *description, *conclusions, *notes;
} Editor;

static void
editor_free (Editor *e)
{
  if (e->record)
    {
      if (e->page->collection == CHARTA_COLLECTION_MEASURES)
        charta_measure_free (e->record);
      else
        charta_consultation_free (e->record);
    }
  g_ptr_array_unref (e->checks);
  g_object_unref (e->page);
  g_free (e);
}

static const char *
entry_text (GtkWidget *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static gboolean
number_ok (const char *input, double *out)
{
  g_autofree char *text = NULL;
  char *end = NULL;
  double d;

  if (input == NULL || *input == '\0')
    return FALSE;
  /* "12,5" and "12.5" alike: half of Europe writes a decimal comma. */
  text = g_strdelimit (g_strdup (input), ",", '.');
  d = g_ascii_strtod (text, &end);
  if (end == NULL || *end != '\0' || !isfinite (d))
    return FALSE;
  if (out)
    *out = d;
  return TRUE;
}

/* Every field that must be a date or a number is checked as it is typed; Save waits for
 * all to be right. An empty optional field is fine. */
static void
validate (Editor *e)
{
  g_autofree char *t = g_strdup (entry_text (e->title));
  gboolean ok;

  ok = *g_strstrip (t) != '\0';
  for (guint i = 0; i < e->checks->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (e->checks, i);
      const char *kind = g_object_get_data (G_OBJECT (row), "charta-check");
      const char *text = entry_text (row);
      gboolean required = g_object_get_data (G_OBJECT (row), "charta-required") != NULL;
      gboolean good = (*text == '\0' && !required) ||
                      (strcmp (kind, "date") == 0 ? charta_date_is_valid (text) : number_ok (text, NULL));
      if (good)
        gtk_widget_remove_css_class (row, "error");
      else
        gtk_widget_add_css_class (row, "error");
      ok = ok && good;
    }
  if (e->unit && *entry_text (e->unit) == '\0')
    ok = FALSE;
  gtk_widget_set_sensitive (e->save, ok);
}

static GtkWidget *
entry_row (Editor *e, const char *title, const char *text, const char *check, gboolean required)
{
  GtkWidget *row = adw_entry_row_new ();

  charta_row_set_title (row, title);
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
  if (check)
    {
      g_object_set_data (G_OBJECT (row), "charta-check", (gpointer) check);
      if (required)
        g_object_set_data (G_OBJECT (row), "charta-required", GINT_TO_POINTER (1));
      g_ptr_array_add (e->checks, row);
    }
  g_signal_connect_swapped (row, "changed", G_CALLBACK (validate), e);
  return row;
}

static char *
format_number (double d)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  return isfinite (d) ? g_strdup (g_ascii_formatd (buf, sizeof buf, "%g", d)) : g_strdup ("");
}

static void
on_remove_actual_cb (GtkButton *button, Editor *e)
{
  GtkWidget *row = g_object_get_data (G_OBJECT (button), "charta-row");
  g_ptr_array_remove (e->checks, g_object_get_data (G_OBJECT (row), "charta-date"));
  g_ptr_array_remove (e->checks, g_object_get_data (G_OBJECT (row), "charta-value"));
  gtk_list_box_remove (GTK_LIST_BOX (e->actuals_box), row);
  validate (e);
}

static void
add_actual_row (Editor *e, const char *date, double value)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *list = gtk_list_box_new ();
  g_autofree char *value_text = format_number (value);
  GtkWidget *d = entry_row (e, _("Date"), date, "date", TRUE);
  GtkWidget *v = entry_row (e, _("Value"), value_text, "number", TRUE);
  GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_list_box_append (GTK_LIST_BOX (list), d);
  gtk_list_box_append (GTK_LIST_BOX (list), v);
  gtk_widget_set_hexpand (list, TRUE);
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove This Actual"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Remove This Actual"), -1);
  g_object_set_data (G_OBJECT (remove), "charta-row", row);
  g_object_set_data (G_OBJECT (row), "charta-date", d);
  g_object_set_data (G_OBJECT (row), "charta-value", v);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_actual_cb), e);
  gtk_box_append (GTK_BOX (box), list);
  gtk_box_append (GTK_BOX (box), remove);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_append (GTK_LIST_BOX (e->actuals_box), row);
}

static void
on_add_actual_cb (Editor *e)
{
  g_autofree char *t = today ();
  add_actual_row (e, t, NAN);
  validate (e);
}

static ChartaDatedValue *
dated_value_from (GtkWidget *date_row, GtkWidget *value_row)
{
  double value;

  if (!charta_date_is_valid (entry_text (date_row)) || !number_ok (entry_text (value_row), &value))
    return NULL;
  return charta_dated_value_new (entry_text (date_row), value);
}

static void
collect_measure (Editor *e, ChartaMeasure *m)
{
  g_free (m->title);
  m->title = g_strstrip (g_strdup (entry_text (e->title)));
  g_free (m->unit);
  m->unit = g_strstrip (g_strdup (entry_text (e->unit)));
  m->direction = (int) adw_combo_row_get_selected (ADW_COMBO_ROW (e->direction));
  g_free (m->description);
  m->description = charta_text_buffer_dup_text (e->description);
  g_clear_pointer (&m->baseline, charta_dated_value_free);
  m->baseline = dated_value_from (e->base_date, e->base_value);
  g_clear_pointer (&m->target, charta_dated_value_free);
  m->target = dated_value_from (e->target_date, e->target_value);
  if (m->actuals == NULL)
    m->actuals = g_ptr_array_new ();
  for (guint i = 0; i < m->actuals->len; i++)
    charta_dated_value_free (g_ptr_array_index (m->actuals, i));
  g_ptr_array_set_size (m->actuals, 0);
  for (GtkWidget *row = gtk_widget_get_first_child (e->actuals_box); row; row = gtk_widget_get_next_sibling (row))
    {
      ChartaDatedValue *v = dated_value_from (g_object_get_data (G_OBJECT (row), "charta-date"),
                                              g_object_get_data (G_OBJECT (row), "charta-value"));
      if (v)
        g_ptr_array_add (m->actuals, v);
    }
}

static void
collect_consultation (Editor *e, ChartaConsultation *c)
{
  g_auto(GStrv) parts = g_strsplit (entry_text (e->participants), ",", -1);

  g_free (c->title);
  c->title = g_strstrip (g_strdup (entry_text (e->title)));
  g_free (c->date);
  c->date = g_strdup (entry_text (e->date));
  c->kind = (int) adw_combo_row_get_selected (ADW_COMBO_ROW (e->kind));
  g_free (c->conclusions);
  c->conclusions = charta_text_buffer_dup_text (e->conclusions);
  g_free (c->notes);
  c->notes = charta_text_buffer_dup_text (e->notes);
  g_clear_pointer (&c->participants, g_ptr_array_unref);
  for (guint i = 0; parts[i]; i++)
    {
      char *p = g_strstrip (g_strdup (parts[i]));
      if (*p == '\0' || g_utf8_strlen (p, -1) > CHARTA_TITLE_MAX_CHARS)
        {
          g_free (p);
          continue;
        }
      if (c->participants == NULL)
        c->participants = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (c->participants, p);
    }
}

static void
on_save_cb (Editor *e)
{
  ChartaDocument *doc = e->page->document;
  const char *id = *(char **) e->record;
  int position = charta_document_find (doc, e->page->collection, id);
  gpointer record = g_steal_pointer (&e->record);

  if (!gtk_widget_get_sensitive (e->save))
    {
      e->record = record;
      return;
    }
  if (e->page->collection == CHARTA_COLLECTION_MEASURES)
    collect_measure (e, record);
  else
    collect_consultation (e, record);
  if (position >= 0)
    charta_document_replace (doc, e->page->collection, position, record);
  else
    charta_document_insert (doc, e->page->collection, charta_document_get_n (doc, e->page->collection), record);
  gtk_window_destroy (GTK_WINDOW (e->window));
}

static void
on_undo_cb (AdwToast *toast, ChartaDocument *document)
{
  charta_document_undo (document);
}

static void
on_delete_cb (Editor *e)
{
  ChartaDocument *doc = e->page->document;
  int position = charta_document_find (doc, e->page->collection, *(char **) e->record);
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (e->page), ADW_TYPE_TOAST_OVERLAY);
  /* Measures and meetings both have their title as the second field. */
  g_autofree char *text = g_strdup_printf (_("“%s” deleted"), e->page->collection == CHARTA_COLLECTION_MEASURES
                                           ? ((ChartaMeasure *) e->record)->title
                                           : ((ChartaConsultation *) e->record)->title);

  if (position >= 0)
    {
      charta_document_remove (doc, e->page->collection, position);
      if (overlay)
        {
          AdwToast *toast = adw_toast_new (text);
          adw_toast_set_button_label (toast, _("_Undo"));
          g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_cb), doc, 0);
          adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
        }
    }
  gtk_window_destroy (GTK_WINDOW (e->window));
}

static GtkWidget *
combo (const char *title, const char * const *labels, guint n, guint selected)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  GtkWidget *row = adw_combo_row_new ();

  for (guint i = 0; i < n; i++)
    gtk_string_list_append (list, _(labels[i]));
  charta_row_set_title (row, title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (list));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
  return row;
}

static void
build_measure_form (Editor *e, GtkWidget *box)
{
  ChartaMeasure *m = e->record;
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *values = adw_preferences_group_new ();
  GtkWidget *add = gtk_button_new_from_icon_name ("list-add-symbolic");
  g_autofree char *base_value = format_number (m->baseline ? m->baseline->value : NAN);
  g_autofree char *target_value = format_number (m->target ? m->target->value : NAN);

  e->title = entry_row (e, _("Title"), m->title, NULL, TRUE);
  e->unit = entry_row (e, _("Unit"), m->unit, NULL, TRUE);
  e->direction = combo (_("Direction"), direction_labels, G_N_ELEMENTS (direction_labels), m->direction);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), e->title);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), e->unit);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), e->direction);
  gtk_box_append (GTK_BOX (box), group);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (values), _("Baseline and Target"));
  e->base_date = entry_row (e, _("Baseline Date (YYYY-MM-DD)"), m->baseline ? m->baseline->date : NULL, "date", FALSE);
  e->base_value = entry_row (e, _("Baseline Value"), base_value, "number", FALSE);
  e->target_date = entry_row (e, _("Target Date (YYYY-MM-DD)"), m->target ? m->target->date : NULL, "date", FALSE);
  e->target_value = entry_row (e, _("Target Value"), target_value, "number", FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (values), e->base_date);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (values), e->base_value);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (values), e->target_date);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (values), e->target_value);
  gtk_box_append (GTK_BOX (box), values);

  gtk_box_append (GTK_BOX (box), charta_heading_new (_("Actuals")));
  e->actuals_box = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (e->actuals_box), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (e->actuals_box, "boxed-list");
  for (guint i = 0; m->actuals && i < m->actuals->len; i++)
    {
      ChartaDatedValue *v = g_ptr_array_index (m->actuals, i);
      add_actual_row (e, v->date, v->value);
    }
  gtk_box_append (GTK_BOX (box), e->actuals_box);
  gtk_button_set_label (GTK_BUTTON (add), _("Add _Actual"));
  gtk_button_set_use_underline (GTK_BUTTON (add), TRUE);
  gtk_widget_set_halign (add, GTK_ALIGN_START);
  g_signal_connect_swapped (add, "clicked", G_CALLBACK (on_add_actual_cb), e);
  gtk_box_append (GTK_BOX (box), add);
  gtk_box_append (GTK_BOX (box), charta_heading_new (_("Description")));
  gtk_box_append (GTK_BOX (box), charta_text_area_new (_("Description"), m->description, 72, &e->description, NULL));
}

static void
build_consultation_form (Editor *e, GtkWidget *box)
{
  ChartaConsultation *c = e->record;
  GtkWidget *group = adw_preferences_group_new ();
  g_autofree char *participants = NULL;

  if (c->participants)
    {
      g_ptr_array_add (c->participants, NULL);
      participants = g_strjoinv (", ", (char **) c->participants->pdata);
      g_ptr_array_remove_index (c->participants, c->participants->len - 1);
    }
  e->title = entry_row (e, _("Title"), c->title, NULL, TRUE);
  e->date = entry_row (e, _("Date (YYYY-MM-DD)"), c->date, "date", TRUE);
  e->kind = combo (_("Kind"), meeting_labels, G_N_ELEMENTS (meeting_labels), c->kind);
  e->participants = entry_row (e, _("Participants (separated by commas)"), participants, NULL, FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), e->title);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), e->date);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), e->kind);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), e->participants);
  gtk_box_append (GTK_BOX (box), group);
  gtk_box_append (GTK_BOX (box), charta_heading_new (_("Conclusions")));
  gtk_box_append (GTK_BOX (box), charta_text_area_new (_("Conclusions"), c->conclusions, 72, &e->conclusions, NULL));
  gtk_box_append (GTK_BOX (box), charta_heading_new (_("Notes (internal, never reported)")));
  gtk_box_append (GTK_BOX (box), charta_text_area_new (_("Notes"), c->notes, 72, &e->notes, NULL));
}

void
charta_records_page_edit (ChartaRecordsPage *self, const char *id)
{
  gboolean measures = self->collection == CHARTA_COLLECTION_MEASURES;
  int position = id ? charta_document_find (self->document, self->collection, id) : -1;
  Editor *e = g_new0 (Editor, 1);
  GtkWidget *toolbar = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = charta_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  g_autofree char *t = today ();

  g_return_if_fail (CHARTA_IS_RECORDS_PAGE (self) && self->document != NULL);
  e->page = g_object_ref (self);
  e->checks = g_ptr_array_new ();
  e->is_new = position < 0;
  if (position >= 0)
    e->record = measures ? (gpointer) charta_measure_copy (charta_document_get (self->document, self->collection, position))
                         : (gpointer) charta_consultation_copy (charta_document_get (self->document, self->collection, position));
  else
    e->record = measures ? (gpointer) charta_measure_new ("", "") : (gpointer) charta_consultation_new ("", t);

  e->window = adw_window_new ();
  gtk_window_set_transient_for (GTK_WINDOW (e->window), GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  gtk_window_set_modal (GTK_WINDOW (e->window), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (e->window), 520, 680);
  gtk_window_set_title (GTK_WINDOW (e->window),
                        measures ? (e->is_new ? _("New Measure") : _("Edit Measure"))
                                 : (e->is_new ? _("New Meeting") : _("Edit Meeting")));
  g_object_set_data_full (G_OBJECT (e->window), "charta-editor", e, (GDestroyNotify) editor_free);

  e->save = charta_button_new_with_mnemonic (_("_Save"));
  gtk_widget_add_css_class (e->save, "suggested-action");
  g_signal_connect_swapped (e->save, "clicked", G_CALLBACK (on_save_cb), e);
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (gtk_window_destroy), e->window);
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), e->save);
  gtk_box_append (GTK_BOX (toolbar), header);

  if (measures)
    build_measure_form (e, box);
  else
    build_consultation_form (e, box);
  if (!e->is_new)
    {
      GtkWidget *del = charta_button_new_with_mnemonic (_("_Delete"));
      gtk_widget_add_css_class (del, "destructive-action");
      gtk_widget_set_halign (del, GTK_ALIGN_START);
      g_signal_connect_swapped (del, "clicked", G_CALLBACK (on_delete_cb), e);
      gtk_box_append (GTK_BOX (box), del);
    }
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (toolbar), scroller);
  adw_window_set_content (ADW_WINDOW (e->window), toolbar);
  validate (e);
  gtk_window_present (GTK_WINDOW (e->window));
}

/* ---- the list ---- */

static void
on_edit_clicked_cb (GtkWidget *button, ChartaRecordsPage *self)
{
  charta_records_page_edit (self, g_object_get_data (G_OBJECT (button), "charta-id"));
}

static void
on_add_clicked_cb (ChartaRecordsPage *self)
{
  charta_records_page_edit (self, NULL);
}

static GtkWidget *
edit_button (ChartaRecordsPage *self, const char *id, const char *title)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("document-edit-symbolic");
  /* Translators: the accessible name of an edit button; %s is a measure or meeting */
  g_autofree char *name = g_strdup_printf (_("Edit “%s”"), title);

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  g_object_set_data_full (G_OBJECT (button), "charta-id", g_strdup (id), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (on_edit_clicked_cb), self);
  return button;
}

static GtkWidget *
value_row (const char *title, const ChartaDatedValue *v, const char *unit)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *value = v ? g_strdup_printf ("%g", v->value) : NULL;   /* the locale's decimal mark */
  g_autofree char *date = v ? charta_format_date (v->date) : NULL;
  /* Translators: a value with its unit and date, e.g. "42 % on 2018-12-31" */
  g_autofree char *text = v ? g_strdup_printf (_("%s %s on %s"), value, unit, date) : g_strdup (_("Not set"));

  charta_row_set_title (row, title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text);
  return row;
}

static void
add_measure (ChartaRecordsPage *self, const ChartaMeasure *m)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *chart_row = adw_preferences_row_new ();
  GtkWidget *chart = charta_measure_chart_new (m);
  /* Translators: a measure's unit and direction, e.g. "percent · Increase" */
  g_autofree char *description = g_strdup_printf (_("%s · %s"), m->unit, _(direction_labels[m->direction]));

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), m->title);
  charta_group_set_description (group, description);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), edit_button (self, m->id, m->title));
  gtk_widget_set_margin_top (chart, 8);
  gtk_widget_set_margin_bottom (chart, 8);
  gtk_widget_set_margin_start (chart, 8);
  gtk_widget_set_margin_end (chart, 8);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (chart_row), chart);
  gtk_accessible_update_property (GTK_ACCESSIBLE (chart_row), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Chart"), -1);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (chart_row), FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), chart_row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), value_row (_("Baseline"), m->baseline, m->unit));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), value_row (_("Target"), m->target, m->unit));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             value_row (_("Latest"), m->actuals && m->actuals->len
                                                       ? g_ptr_array_index (m->actuals, m->actuals->len - 1) : NULL,
                                        m->unit));
  gtk_box_append (GTK_BOX (self->box), group);
}

static void
add_consultation (ChartaRecordsPage *self, GtkWidget *group, const ChartaConsultation *c)
{
  GtkWidget *row = adw_action_row_new ();
  /* Translators: a meeting's date and kind, e.g. "2018-03-15 · Consultation" */
  g_autofree char *date = charta_format_date (c->date);
  g_autofree char *subtitle = g_strdup_printf (_("%s · %s"), date, _(meeting_labels[c->kind]));

  charta_row_set_title (row, c->title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), edit_button (self, c->id, c->title));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
}

static void
rebuild (ChartaRecordsPage *self)
{
  gboolean measures = self->collection == CHARTA_COLLECTION_MEASURES;
  GtkWidget *child, *header, *title, *add, *group = NULL;
  guint n;

  /* 200 measures with their charts take a while to build: only for a page someone sees. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->stale = TRUE;
      return;
    }
  self->stale = FALSE;
  while ((child = gtk_widget_get_first_child (self->box)) != NULL)
    gtk_box_remove (GTK_BOX (self->box), child);
  if (self->document == NULL)
    return;

  header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  title = gtk_label_new (measures ? _("Measures") : _("Consultations and Evaluations"));
  gtk_widget_add_css_class (title, "title-1");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_widget_set_hexpand (title, TRUE);
  add = charta_button_new_with_mnemonic (measures ? _("_Add Measure") : _("_Add Meeting"));
  gtk_widget_add_css_class (add, "suggested-action");
  gtk_widget_set_valign (add, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (add, "clicked", G_CALLBACK (on_add_clicked_cb), self);
  gtk_box_append (GTK_BOX (header), title);
  gtk_box_append (GTK_BOX (header), add);
  gtk_box_append (GTK_BOX (self->box), header);

  n = charta_document_get_n (self->document, self->collection);
  if (n == 0)
    {
      GtkWidget *empty = gtk_label_new (measures ? _("No measures yet: add the indicators the city tracks, with a baseline and a target.")
                                                 : _("No meetings yet: add consultations, steering meetings and the yearly evaluation."));
      gtk_label_set_wrap (GTK_LABEL (empty), TRUE);
      gtk_label_set_xalign (GTK_LABEL (empty), 0);
      gtk_widget_add_css_class (empty, "dim-label");
      gtk_box_append (GTK_BOX (self->box), empty);
      return;
    }
  if (!measures)
    {
      group = adw_preferences_group_new ();
      gtk_box_append (GTK_BOX (self->box), group);
    }
  for (guint i = 0; i < n; i++)
    {
      gconstpointer record = charta_document_get (self->document, self->collection, i);
      if (measures)
        add_measure (self, record);
      else
        add_consultation (self, group, record);
    }
}

static gboolean
refresh_idle (gpointer data)
{
  ChartaRecordsPage *self = data;
  self->refresh_id = 0;
  rebuild (self);
  return G_SOURCE_REMOVE;
}

static void
on_collection_changed_cb (ChartaDocument *doc, int collection, guint position, guint removed, guint added,
                          ChartaRecordsPage *self)
{
  if ((ChartaCollection) collection == self->collection && self->refresh_id == 0)
    self->refresh_id = g_idle_add (refresh_idle, self);
}

static void
charta_records_page_dispose (GObject *object)
{
  ChartaRecordsPage *self = CHARTA_RECORDS_PAGE (object);

  charta_records_page_set_document (self, NULL);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  G_OBJECT_CLASS (charta_records_page_parent_class)->dispose (object);
}

static void
charta_records_page_map (GtkWidget *widget)
{
  ChartaRecordsPage *self = CHARTA_RECORDS_PAGE (widget);

  GTK_WIDGET_CLASS (charta_records_page_parent_class)->map (widget);
  if (self->stale)
    rebuild (self);
}

static void
charta_records_page_class_init (ChartaRecordsPageClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = charta_records_page_dispose;
  GTK_WIDGET_CLASS (klass)->map = charta_records_page_map;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
}

static void
charta_records_page_init (ChartaRecordsPage *self)
{
  self->scroller = charta_page_scroller_new (&self->box);
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));
}

GtkWidget *
charta_records_page_new (ChartaCollection collection)
{
  ChartaRecordsPage *self = g_object_new (CHARTA_TYPE_RECORDS_PAGE, NULL);

  g_return_val_if_fail (collection == CHARTA_COLLECTION_MEASURES || collection == CHARTA_COLLECTION_CONSULTATIONS, NULL);
  self->collection = collection;
  return GTK_WIDGET (self);
}

void
charta_records_page_set_document (ChartaRecordsPage *self, ChartaDocument *document)
{
  g_return_if_fail (CHARTA_IS_RECORDS_PAGE (self));

  if (self->document == document)
    return;
  if (self->document)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_set_object (&self->document, document);
  if (document)
    {
      g_signal_connect (document, "collection-changed", G_CALLBACK (on_collection_changed_cb), self);
      g_signal_connect_swapped (document, "reloaded", G_CALLBACK (rebuild), self);
    }
  rebuild (self);
}
