/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-records-page"
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "charta-consultation-rules.h"
#include "charta-editor-dialog.h"
#include "charta-measure-group.h"
#include "charta-records-page.h"
#include "charta-ui-utils.h"

/* Measures and consultations. The page lists the records; a dialog edits a copy of one
 * and commits it as one undo step. The page is rebuilt, at most once per main-loop turn,
 * when its collection changes. */

struct _ChartaRecordsPage {
  GtkWidget parent_instance;

  GtkWidget *scroller;
  GtkWidget *title_label;
  GtkWidget *add_button;
  GtkWidget *empty_label;
  GtkWidget *rules_group;
  GtkWidget *meetings_list;
  GtkWidget *measures_box;
  GPtrArray *rule_rows;  /* the rows in rules_group, to remove on rebuild */

  ChartaCollection collection;
  ChartaDocument *document;
  guint refresh_id;
  gboolean stale;        /* changed while not shown: rebuilt when next shown */
};

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_COLLECTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ChartaRecordsPage, charta_records_page, GTK_TYPE_WIDGET)

static const char * const meeting_labels[] = { N_("Consultation"), N_("Evaluation"), N_("Peer review"),
                                               N_("Steering"), N_("Other") };

/* ---- the editor ---- */

static void
on_record_deleted_cb (ChartaEditorDialog *dialog, const char *title, ChartaRecordsPage *self)
{
  /* Translators: a toast after deleting; %s is the measure's or meeting's title */
  g_autofree char *text = g_strdup_printf (_("“%s” deleted"), title);

  if (self->document != NULL)
    charta_toast_with_undo (GTK_WIDGET (self), text, self->document);
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
edit_action (GtkWidget *widget, const char *name, GVariant *param)
{
  charta_records_page_edit (CHARTA_RECORDS_PAGE (widget), g_variant_get_string (param, NULL));
}

static void
add_action (GtkWidget *widget, const char *name, GVariant *param)
{
  charta_records_page_edit (CHARTA_RECORDS_PAGE (widget), NULL);
}

static GtkWidget *
edit_button (const char *id, const char *title)
{
  /* Translators: the accessible name of an edit button; %s is a measure or meeting */
  g_autofree char *name = g_strdup_printf (_("Edit “%s”"), title);

  return charta_row_button_new ("document-edit-symbolic", "records.edit", id, name);
}

static void
add_consultation (ChartaRecordsPage *self, const ChartaConsultation *c)
{
  GtkWidget *row = adw_action_row_new ();
  /* Translators: a meeting's date and kind, e.g. "2018-03-15 · Consultation" */
  g_autofree char *date = charta_format_date (c->date);
  g_autofree char *subtitle = g_strdup_printf (_("%s · %s"), date, _(meeting_labels[c->kind]));

  charta_row_set_title (row, c->title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), edit_button (c->id, c->title));
  gtk_list_box_append (GTK_LIST_BOX (self->meetings_list), row);
}

static GtkWidget *
rule_row (const ChartaRuleCheck *check)
{
  GtkWidget *row = adw_action_row_new ();
  gboolean behind = charta_rule_check_is_behind (check);
  GtkWidget *icon = gtk_image_new_from_icon_name (behind ? "dialog-warning-symbolic" : "emblem-ok-symbolic");
  /* Translators: a consultation rule's figures, e.g. "2 held, 3 required in 2018" */
  g_autofree char *subtitle = g_strdup_printf (_("%u held, %u required in %d"), check->held, check->required, check->year);

  charta_row_set_title (row, charta_item_get_title (check->rule));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  /* Said in words too, not by the icon alone. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  behind ? _("Behind") : _("Met"), -1);
  gtk_widget_set_tooltip_text (icon, behind ? _("Behind") : _("Met"));
  if (behind)
    gtk_widget_add_css_class (icon, "warning");
  else
    gtk_widget_add_css_class (icon, "success");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
  return row;
}

/* A warning row first when a rule is behind, then one row per rule. */
static void
fill_rules (ChartaRecordsPage *self)
{
  const ChartaProject *p = charta_document_get_project (self->document);
  int year = charta_consultation_rules_year (p, NULL);
  g_autoptr(GArray) checks = charta_consultation_rules_check (p, year);
  guint behind = 0;

  for (guint i = 0; i < checks->len; i++)
    behind += charta_rule_check_is_behind (&g_array_index (checks, ChartaRuleCheck, i));
  if (behind > 0)
    {
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "Behind the agreement: %u rule not met in %d",
                                                             "Behind the agreement: %u rules not met in %d", behind),
                                                behind, year);
      charta_row_set_title (row, title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Plan the meetings still needed this year"));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("dialog-warning-symbolic"));
      gtk_widget_add_css_class (row, "warning");
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->rules_group), row);
      g_ptr_array_add (self->rule_rows, row);
    }
  for (guint i = 0; i < checks->len; i++)
    {
      GtkWidget *row = rule_row (&g_array_index (checks, ChartaRuleCheck, i));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->rules_group), row);
      g_ptr_array_add (self->rule_rows, row);
    }
  gtk_widget_set_visible (self->rules_group, checks->len > 0);
}

static void
clear_rules (ChartaRecordsPage *self)
{
  for (guint i = 0; i < self->rule_rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self->rules_group), g_ptr_array_index (self->rule_rows, i));
  g_ptr_array_set_size (self->rule_rows, 0);
  gtk_widget_set_visible (self->rules_group, FALSE);
}

static void
rebuild (ChartaRecordsPage *self)
{
  gboolean measures = self->collection == CHARTA_COLLECTION_MEASURES;
  GtkWidget *child;
  guint n;

  /* 200 measures with their charts take a while to build: only for a page someone sees. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->stale = TRUE;
      return;
    }
  self->stale = FALSE;
  while ((child = gtk_widget_get_first_child (self->measures_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->measures_box), child);
  while ((child = gtk_widget_get_first_child (self->meetings_list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->meetings_list), child);
  clear_rules (self);
  if (self->document && !measures)
    fill_rules (self);
  n = self->document ? charta_document_get_n (self->document, self->collection) : 0;
  gtk_widget_set_visible (self->empty_label, n == 0);
  gtk_widget_set_visible (self->meetings_list, n > 0 && !measures);
  for (guint i = 0; i < n; i++)
    {
      gconstpointer record = charta_document_get (self->document, self->collection, i);
      if (measures)
        gtk_box_append (GTK_BOX (self->measures_box), charta_measure_group_new (record, charta_document_get_project (self->document)));
      else
        add_consultation (self, record);
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
  g_clear_pointer (&self->rule_rows, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), CHARTA_TYPE_RECORDS_PAGE);
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

/* The texts that name the collection shown. */
static void
show_collection (ChartaRecordsPage *self)
{
  gboolean measures = self->collection == CHARTA_COLLECTION_MEASURES;
  const char *add = measures ? _("_Add Measure") : _("_Add Meeting");

  gtk_label_set_text (GTK_LABEL (self->title_label), measures ? _("Measures") : _("Consultations and Evaluations"));
  gtk_button_set_label (GTK_BUTTON (self->add_button), add);
  charta_accessible_set_mnemonic_label (self->add_button, add);
  gtk_label_set_text (GTK_LABEL (self->empty_label),
                      measures ? _("No measures yet: add the indicators the city tracks, with a baseline and a target.")
                               : _("No meetings yet: add consultations, steering meetings and the yearly evaluation."));
}

static void
charta_records_page_constructed (GObject *object)
{
  G_OBJECT_CLASS (charta_records_page_parent_class)->constructed (object);
  show_collection (CHARTA_RECORDS_PAGE (object));
}

static void
charta_records_page_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  ChartaRecordsPage *self = CHARTA_RECORDS_PAGE (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_COLLECTION:
      g_value_set_int (value, self->collection);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
charta_records_page_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  ChartaRecordsPage *self = CHARTA_RECORDS_PAGE (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      charta_records_page_set_document (self, g_value_get_object (value));
      break;
    case PROP_COLLECTION:
      self->collection = g_value_get_int (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
charta_records_page_class_init (ChartaRecordsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = charta_records_page_constructed;
  object_class->dispose = charta_records_page_dispose;
  object_class->get_property = charta_records_page_get_property;
  object_class->set_property = charta_records_page_set_property;
  widget_class->map = charta_records_page_map;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, CHARTA_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* CHARTA_COLLECTION_MEASURES or CHARTA_COLLECTION_CONSULTATIONS */
  properties[PROP_COLLECTION] =
    g_param_spec_int ("collection", NULL, NULL, CHARTA_COLLECTION_MEASURES, CHARTA_COLLECTION_CONSULTATIONS,
                      CHARTA_COLLECTION_MEASURES, G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/charta/Charta/ui/charta-records-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ChartaRecordsPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, ChartaRecordsPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, ChartaRecordsPage, add_button);
  gtk_widget_class_bind_template_child (widget_class, ChartaRecordsPage, empty_label);
  gtk_widget_class_bind_template_child (widget_class, ChartaRecordsPage, rules_group);
  gtk_widget_class_bind_template_child (widget_class, ChartaRecordsPage, meetings_list);
  gtk_widget_class_bind_template_child (widget_class, ChartaRecordsPage, measures_box);
  gtk_widget_class_install_action (widget_class, "records.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "records.edit", "s", edit_action);
}

static void
charta_records_page_init (ChartaRecordsPage *self)
{
  self->rule_rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
charta_records_page_new (ChartaCollection collection)
{
  g_return_val_if_fail (collection == CHARTA_COLLECTION_MEASURES || collection == CHARTA_COLLECTION_CONSULTATIONS, NULL);
  return g_object_new (CHARTA_TYPE_RECORDS_PAGE, "collection", (int) collection, NULL);
}

ChartaDocument *
charta_records_page_get_document (ChartaRecordsPage *self)
{
  g_return_val_if_fail (CHARTA_IS_RECORDS_PAGE (self), NULL);
  return self->document;
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
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

ChartaCollection
charta_records_page_get_collection (ChartaRecordsPage *self)
{
  g_return_val_if_fail (CHARTA_IS_RECORDS_PAGE (self), CHARTA_COLLECTION_MEASURES);
  return self->collection;
}
