/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-rounds"
#include "config.h"

#include <glib/gi18n.h>

#include "charta-catalogue.h"
#include "charta-date.h"
#include "charta-rounds.h"
#include "charta-rounds-dialog.h"

/* Reporting Rounds: the rounds closed (date, label, period), Close Round… and Rename —
 * a closed round is frozen, only its label changes — and What Changed since a round
 * (default: the last), grouped by Charter role and DIVE area, one row per change with
 * its kind in words (never colour alone). Both follow the document: ::rounds-changed and
 * every edit rebuild them. */

struct _ChartaRoundsDialog {
  AdwWindow parent_instance;

  AdwToastOverlay *toast_overlay;
  AdwViewStack *view_stack;
  AdwPreferencesGroup *rounds_group;
  GtkLabel *no_rounds_label;
  AdwComboRow *since_row;
  GtkBox *changes_box;
  GtkLabel *changes_label;

  ChartaDocument *document;
  GSignalGroup *signals;
  GPtrArray *round_rows;       /* of GtkWidget, in rounds_group */
  GPtrArray *since_ids;        /* of char*, beside since_row's items */
  char *since;                 /* the round chosen, or NULL for the last */
  guint rebuild_id;
  gboolean filling;
};

G_DEFINE_FINAL_TYPE (ChartaRoundsDialog, charta_rounds_dialog, ADW_TYPE_WINDOW)

static void queue_rebuild (ChartaRoundsDialog *self);

/* ---- helpers ---- */

static char *
describe_round (const ChartaRound *round)
{
  if (round->period != NULL && round->period->start != NULL && round->period->end != NULL)
    /* Translators: a round's subtitle: the date it was closed and the period it reports on */
    return g_strdup_printf (_("Closed %s · period %s to %s"), round->closed, round->period->start, round->period->end);
  /* Translators: a round's subtitle: the date it was closed */
  return g_strdup_printf (_("Closed %s"), round->closed);
}

static void
toast (ChartaRoundsDialog *self, const char *text)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

/* ---- renaming ---- */

static void
on_rename_response_cb (AdwMessageDialog *dialog, const char *response, ChartaRoundsDialog *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "label");
  const char *id = g_object_get_data (G_OBJECT (dialog), "round");
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "rename") != 0)
    return;
  if (!charta_rounds_dialog_rename_round (self, id, gtk_editable_get_text (entry), &error))
    toast (self, error->message);
}

static GtkWidget *
entry_row (const char *title, const char *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
  return row;
}

static GtkWidget *
boxed_list (GtkWidget *first, GtkWidget *second)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_append (GTK_LIST_BOX (list), first);
  if (second != NULL)
    gtk_list_box_append (GTK_LIST_BOX (list), second);
  return list;
}

static void
on_rename_clicked_cb (GtkButton *button, ChartaRoundsDialog *self)
{
  const char *id = g_object_get_data (G_OBJECT (button), "round");
  const ChartaRound *round = charta_project_find_round (charta_document_get_project (self->document), id, NULL);
  GtkWidget *dialog, *entry;

  if (round == NULL)
    return;
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Rename Round"),
                                   _("A closed round is frozen: only its name changes."));
  entry = entry_row (_("Name"), round->label);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), boxed_list (entry, NULL));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "rename", _("_Rename"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "rename", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "rename");
  g_object_set_data (G_OBJECT (dialog), "label", entry);
  g_object_set_data_full (G_OBJECT (dialog), "round", g_strdup (id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_rename_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- the list of rounds ---- */

static GtkWidget *
round_row_new (ChartaRoundsDialog *self, const ChartaRound *round, guint number)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (_("Re_name…"));
  g_autofree char *subtitle = describe_round (round);
  g_autofree char *title = g_strdup_printf ("%u. %s", number, round->label);
  g_autofree char *name = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  /* Translators: the accessible name of a round's Rename button; %s is its label */
  name = g_strdup_printf (_("Rename “%s”"), round->label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  g_object_set_data_full (G_OBJECT (button), "round", g_strdup (round->id), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (on_rename_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return row;
}

static void
fill_rounds (ChartaRoundsDialog *self)
{
  const ChartaProject *p = charta_document_get_project (self->document);
  guint n = p->rounds ? p->rounds->len : 0;

  for (guint i = 0; i < self->round_rows->len; i++)
    adw_preferences_group_remove (self->rounds_group, self->round_rows->pdata[i]);
  g_ptr_array_set_size (self->round_rows, 0);
  /* The latest first: the one a person looks for. */
  for (guint i = n; i > 0; i--)
    {
      GtkWidget *row = round_row_new (self, p->rounds->pdata[i - 1], i);
      adw_preferences_group_add (self->rounds_group, row);
      g_ptr_array_add (self->round_rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->no_rounds_label), n == 0);
}

/* ---- what changed ---- */

static void
fill_since (ChartaRoundsDialog *self)
{
  const ChartaProject *p = charta_document_get_project (self->document);
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  guint selected = 0;

  self->filling = TRUE;
  g_ptr_array_set_size (self->since_ids, 0);
  gtk_string_list_append (list, _("The last round"));
  g_ptr_array_add (self->since_ids, NULL);
  for (guint i = 0; p->rounds != NULL && i < p->rounds->len; i++)
    {
      const ChartaRound *round = p->rounds->pdata[i];
      g_autofree char *text = g_strdup_printf ("%s (%s)", round->label, round->closed);

      gtk_string_list_append (list, text);
      g_ptr_array_add (self->since_ids, g_strdup (round->id));
      if (g_strcmp0 (round->id, self->since) == 0)
        selected = i + 1;
    }
  if (selected == 0)
    g_clear_pointer (&self->since, g_free);
  adw_combo_row_set_model (self->since_row, G_LIST_MODEL (list));
  adw_combo_row_set_selected (self->since_row, selected);
  self->filling = FALSE;
}

static GtkWidget *
change_row_new (const ChartaChange *change)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *what = charta_change_describe (change);
  /* Translators: a change's subtitle: its kind ("Levels up"), then what changed */
  g_autofree char *subtitle = g_strdup_printf (_("%s: %s"), charta_change_kind_get_label (change->kind), what);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), change->title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  return row;
}

static void
clear_box (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

static void
fill_changes (ChartaRoundsDialog *self)
{
  const ChartaProject *p = charta_document_get_project (self->document);
  const ChartaRound *since = self->since ? charta_project_find_round (p, self->since, NULL) : NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ChartaChanges) changes = charta_changes_new (p, since, NULL, &error);

  clear_box (self->changes_box);
  if (changes == NULL)
    {
      gtk_label_set_text (self->changes_label, _("Close a round first: what changed is counted from one."));
      return;
    }
  if (changes->changes->len == 0)
    gtk_label_set_text (self->changes_label, _("Nothing changed since this round."));
  else
    {
      /* Translators: %u is a number of changes, then a round's label and the date it
       * was closed */
      g_autofree char *text = g_strdup_printf (ngettext ("%u change since “%s”, closed %s",
                                                         "%u changes since “%s”, closed %s",
                                                         changes->changes->len),
                                               changes->changes->len, changes->since->label,
                                               changes->since->closed);
      gtk_label_set_text (self->changes_label, text);
    }
  for (guint i = 0; i < changes->groups->len; i++)
    {
      const ChartaChangeGroup *group = changes->groups->pdata[i];
      GtkWidget *pref = adw_preferences_group_new ();

      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (pref),
                                       group->item ? charta_item_get_title (group->item) : _("Other"));
      for (guint j = 0; j < group->changes->len; j++)
        adw_preferences_group_add (ADW_PREFERENCES_GROUP (pref), change_row_new (group->changes->pdata[j]));
      gtk_box_append (self->changes_box, pref);
    }
}

static gboolean
rebuild_cb (gpointer data)
{
  ChartaRoundsDialog *self = data;

  self->rebuild_id = 0;
  if (self->document == NULL)
    return G_SOURCE_REMOVE;
  fill_rounds (self);
  fill_since (self);
  fill_changes (self);
  return G_SOURCE_REMOVE;
}

/* Edits come in bursts (a level and its evidence): one rebuild after them. */
static void
queue_rebuild (ChartaRoundsDialog *self)
{
  if (self->rebuild_id == 0)
    self->rebuild_id = g_idle_add (rebuild_cb, self);
}

/* ---- closing a round ---- */

static void
on_close_response_cb (AdwMessageDialog *dialog, const char *response, ChartaRoundsDialog *self)
{
  GtkEditable *label = g_object_get_data (G_OBJECT (dialog), "label");
  GtkEditable *date = g_object_get_data (G_OBJECT (dialog), "date");
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "close") != 0)
    return;
  if (!charta_rounds_dialog_close_round (self, gtk_editable_get_text (label), gtk_editable_get_text (date), &error))
    toast (self, error->message);
}

static void
on_close_clicked_cb (ChartaRoundsDialog *self)
{
  gtk_window_present (GTK_WINDOW (charta_rounds_dialog_ask_close (self)));
}

static void
on_since_selected_cb (ChartaRoundsDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->since_row);

  if (self->filling || selected >= self->since_ids->len)
    return;
  charta_rounds_dialog_set_since (self, self->since_ids->pdata[selected]);
}

/* ---- GObject ---- */

static void
charta_rounds_dialog_dispose (GObject *object)
{
  ChartaRoundsDialog *self = CHARTA_ROUNDS_DIALOG (object);

  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  if (self->signals != NULL)
    g_signal_group_set_target (self->signals, NULL);
  g_clear_object (&self->signals);
  g_clear_object (&self->document);
  gtk_widget_dispose_template (GTK_WIDGET (self), CHARTA_TYPE_ROUNDS_DIALOG);
  G_OBJECT_CLASS (charta_rounds_dialog_parent_class)->dispose (object);
}

static void
charta_rounds_dialog_finalize (GObject *object)
{
  ChartaRoundsDialog *self = CHARTA_ROUNDS_DIALOG (object);

  g_ptr_array_unref (self->round_rows);
  g_ptr_array_unref (self->since_ids);
  g_free (self->since);
  G_OBJECT_CLASS (charta_rounds_dialog_parent_class)->finalize (object);
}

static void
charta_rounds_dialog_class_init (ChartaRoundsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = charta_rounds_dialog_dispose;
  object_class->finalize = charta_rounds_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/charta/Charta/ui/charta-rounds-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ChartaRoundsDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ChartaRoundsDialog, view_stack);
  gtk_widget_class_bind_template_child (widget_class, ChartaRoundsDialog, rounds_group);
  gtk_widget_class_bind_template_child (widget_class, ChartaRoundsDialog, no_rounds_label);
  gtk_widget_class_bind_template_child (widget_class, ChartaRoundsDialog, since_row);
  gtk_widget_class_bind_template_child (widget_class, ChartaRoundsDialog, changes_box);
  gtk_widget_class_bind_template_child (widget_class, ChartaRoundsDialog, changes_label);
  gtk_widget_class_bind_template_callback (widget_class, on_close_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_since_selected_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
charta_rounds_dialog_init (ChartaRoundsDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->round_rows = g_ptr_array_new ();
  self->since_ids = g_ptr_array_new_with_free_func (g_free);
  self->signals = g_signal_group_new (CHARTA_TYPE_DOCUMENT);
  g_signal_group_connect_swapped (self->signals, "rounds-changed", G_CALLBACK (queue_rebuild), self);
  g_signal_group_connect_swapped (self->signals, "assessment-changed", G_CALLBACK (queue_rebuild), self);
  g_signal_group_connect_swapped (self->signals, "collection-changed", G_CALLBACK (queue_rebuild), self);
  g_signal_group_connect_swapped (self->signals, "reloaded", G_CALLBACK (queue_rebuild), self);
}

/* ---- public API ---- */

ChartaRoundsDialog *
charta_rounds_dialog_new (GtkWindow *parent, ChartaDocument *document)
{
  ChartaRoundsDialog *self;

  g_return_val_if_fail (CHARTA_IS_DOCUMENT (document), NULL);

  self = g_object_new (CHARTA_TYPE_ROUNDS_DIALOG, "transient-for", parent, NULL);
  self->document = g_object_ref (document);
  g_signal_group_set_target (self->signals, document);
  rebuild_cb (self);
  return self;
}

void
charta_rounds_dialog_show_page (ChartaRoundsDialog *self, const char *name)
{
  g_return_if_fail (CHARTA_IS_ROUNDS_DIALOG (self));
  adw_view_stack_set_visible_child_name (self->view_stack, name);
}

gboolean
charta_rounds_dialog_close_round (ChartaRoundsDialog *self, const char *label, const char *closed, GError **error)
{
  g_return_val_if_fail (CHARTA_IS_ROUNDS_DIALOG (self), FALSE);
  return charta_document_close_round (self->document, label, closed, error) != NULL;
}

gboolean
charta_rounds_dialog_rename_round (ChartaRoundsDialog *self, const char *round_id, const char *label, GError **error)
{
  g_return_val_if_fail (CHARTA_IS_ROUNDS_DIALOG (self), FALSE);
  return charta_document_rename_round (self->document, round_id, label, error);
}

void
charta_rounds_dialog_set_since (ChartaRoundsDialog *self, const char *round_id)
{
  g_return_if_fail (CHARTA_IS_ROUNDS_DIALOG (self));
  if (g_strcmp0 (self->since, round_id) == 0)
    return;
  g_free (self->since);
  self->since = g_strdup (round_id);
  queue_rebuild (self);
}

GtkWidget *
charta_rounds_dialog_ask_close (ChartaRoundsDialog *self)
{
  GtkWidget *dialog, *label, *date;
  g_autofree char *today = charta_date_today ();

  g_return_val_if_fail (CHARTA_IS_ROUNDS_DIALOG (self), NULL);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Close Round?"),
                                   _("The project’s levels, actions and measures as they are now are kept in the "
                                     "file as this round. A closed round can be renamed, not edited."));
  label = entry_row (_("Name"), NULL);
  date = entry_row (_("Date (YYYY-MM-DD)"), today);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), boxed_list (label, date));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "close", _("C_lose Round"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "close", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "label", label);
  g_object_set_data (G_OBJECT (dialog), "date", date);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_close_response_cb), self, 0);
  return dialog;
}
