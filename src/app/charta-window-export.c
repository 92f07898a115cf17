/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-window"
#include "config.h"

#include <glib/gi18n.h>

#include "charta-export-dialog.h"
#include "charta-export-print.h"
#include "charta-rounds-dialog.h"
#include "charta-window-export.h"

/* Export…, Print… and Reporting Rounds, kept apart from charta-window-actions.c: they are
 * actions of the window's action map ("win."), enabled while there is a document, with a
 * shortcut controller of their own. Each dialog is one per window (a weak pointer kept
 * on the window). */

#define EXPORT_DIALOG_KEY "charta-export-dialog"
#define ROUNDS_DIALOG_KEY "charta-rounds-dialog"

static void
update_enabled (ChartaWindow *self)
{
  gboolean has = charta_window_get_document (self) != NULL;
  static const char *names[] = { "export", "print", "rounds" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), names[i]);
      g_simple_action_set_enabled (G_SIMPLE_ACTION (action), has);
    }
}

static void
toast (ChartaWindow *self, const char *text)
{
  GtkWidget *content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (self));

  /* The window's content is its toast overlay. */
  if (ADW_IS_TOAST_OVERLAY (content))
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (content), adw_toast_new (text));
}

static void
on_exported_cb (ChartaExportDialog *dialog, GFile *file, ChartaWindow *self)
{
  g_autofree char *name = g_file_get_basename (file);
  /* Translators: a toast; %s is the file (or folder) exported to */
  g_autofree char *text = g_strdup_printf (_("Exported to “%s”"), name);

  toast (self, text);
}

static void
on_dialog_destroy_cb (GtkWidget *dialog, ChartaWindow *self)
{
  const char *key = g_object_get_data (G_OBJECT (dialog), "charta-key");

  if (g_object_get_data (G_OBJECT (self), key) == dialog)
    g_object_steal_data (G_OBJECT (self), key);
}

/* Presents the window's dialog kept under @key, or the one @make builds. */
static GtkWidget *
present_dialog (ChartaWindow *self, const char *key, GtkWidget *(*make) (ChartaWindow *))
{
  GtkWidget *dialog = g_object_get_data (G_OBJECT (self), key);

  if (dialog == NULL)
    {
      dialog = make (self);
      g_object_set_data (G_OBJECT (self), key, dialog);
      g_object_set_data (G_OBJECT (dialog), "charta-key", (gpointer) key);
      g_signal_connect_object (dialog, "destroy", G_CALLBACK (on_dialog_destroy_cb), self, 0);
    }
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static GtkWidget *
make_export_dialog (ChartaWindow *self)
{
  ChartaExportDialog *dialog = charta_export_dialog_new (GTK_WINDOW (self), charta_window_get_document (self));

  g_signal_connect_object (dialog, "exported", G_CALLBACK (on_exported_cb), self, 0);
  return GTK_WIDGET (dialog);
}

static GtkWidget *
make_rounds_dialog (ChartaWindow *self)
{
  return GTK_WIDGET (charta_rounds_dialog_new (GTK_WINDOW (self), charta_window_get_document (self)));
}

static void
export_activated (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  if (charta_window_get_document (user_data) != NULL)
    present_dialog (user_data, EXPORT_DIALOG_KEY, make_export_dialog);
}

static void
rounds_activated (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  if (charta_window_get_document (user_data) != NULL)
    present_dialog (user_data, ROUNDS_DIALOG_KEY, make_rounds_dialog);
}

static void
print_activated (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  ChartaWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  ChartaDocument *document = charta_window_get_document (self);

  if (document == NULL)
    return;
  /* A cancelled print writes nothing: the operation ends before its first page. */
  switch (charta_export_print_run (GTK_WINDOW (self), document, FALSE, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                   NULL, &error))
    {
    case GTK_PRINT_OPERATION_RESULT_ERROR:
      /* Translators: a toast; %s says why */
      {
        g_autofree char *text = g_strdup_printf (_("The report could not be printed: %s"), error->message);
        toast (self, text);
      }
      break;
    case GTK_PRINT_OPERATION_RESULT_CANCEL:
      toast (self, _("Printing cancelled: nothing was printed"));
      break;
    case GTK_PRINT_OPERATION_RESULT_APPLY:
    case GTK_PRINT_OPERATION_RESULT_IN_PROGRESS:
    default:
      break;
    }
}

static void
add_shortcut (GtkShortcutController *controller, const char *accel, const char *action)
{
  gtk_shortcut_controller_add_shortcut (controller,
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string (accel),
                                                          gtk_named_action_new (action)));
}

void
_charta_window_init_export (ChartaWindow *self)
{
  static const GActionEntry entries[] = {
    { "export", export_activated },
    { "print", print_activated },
    { "rounds", rounds_activated },
  };
  GtkEventController *controller = gtk_shortcut_controller_new ();

  g_action_map_add_action_entries (G_ACTION_MAP (self), entries, G_N_ELEMENTS (entries), self);
  add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), "<Control><Shift>e", "win.export");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), "<Control>p", "win.print");
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (controller), GTK_SHORTCUT_SCOPE_GLOBAL);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
  g_signal_connect (self, "notify::document", G_CALLBACK (update_enabled), NULL);
  update_enabled (self);
}

GtkWidget *
_charta_window_get_export_dialog (ChartaWindow *self)
{
  return g_object_get_data (G_OBJECT (self), EXPORT_DIALOG_KEY);
}

GtkWidget *
_charta_window_get_rounds_dialog (ChartaWindow *self)
{
  return g_object_get_data (G_OBJECT (self), ROUNDS_DIALOG_KEY);
}
