/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-records-page"
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "charta-editor-dialog.h"
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

/* ---- the editor ---- */

static void
on_undo_cb (AdwToast *toast, ChartaDocument *document)
{
  charta_document_undo (document);
}

static void
on_record_deleted_cb (ChartaEditorDialog *dialog, const char *title, ChartaRecordsPage *self)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  /* Translators: a toast after deleting; %s is the measure's or meeting's title */
  g_autofree char *text = g_strdup_printf (_("“%s” deleted"), title);
  AdwToast *toast;

  if (overlay == NULL || self->document == NULL)
    return;
  toast = adw_toast_new (text);
  adw_toast_set_button_label (toast, _("_Undo"));
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_cb), self->document, 0);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

void
charta_records_page_edit (ChartaRecordsPage *self, const char *id)
{
  ChartaEditorDialog *dialog;

  g_return_if_fail (CHARTA_IS_RECORDS_PAGE (self) && self->document != NULL);
  dialog = charta_editor_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), self->document,
                                     self->collection, id, NULL);
  g_signal_connect_object (dialog, "deleted", G_CALLBACK (on_record_deleted_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
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

ChartaCollection
charta_records_page_get_collection (ChartaRecordsPage *self)
{
  g_return_val_if_fail (CHARTA_IS_RECORDS_PAGE (self), CHARTA_COLLECTION_MEASURES);
  return self->collection;
}
