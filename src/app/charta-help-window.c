/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-help-window"
#include "config.h"

#include <glib/gi18n.h>

#include "charta-help-window.h"

struct _ChartaHelpWindow {
  AdwWindow parent_instance;

  GtkBox *sections;
};

G_DEFINE_FINAL_TYPE (ChartaHelpWindow, charta_help_window, ADW_TYPE_WINDOW)

/* The paragraphs take the keyboard focus (so Tab reads and scrolls through them), and GTK
 * selects a label's text when it takes the focus: not the first one's when the window opens. */
static void
clear_selection_cb (gpointer data)
{
  g_autoptr(ChartaHelpWindow) self = data;
  GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (self));

  if (GTK_IS_LABEL (focus))
    gtk_label_select_region (GTK_LABEL (focus), 0, 0);
}

static void
on_active_cb (ChartaHelpWindow *self)
{
  if (!gtk_window_is_active (GTK_WINDOW (self)))
    return;
  g_signal_handlers_disconnect_by_func (self, on_active_cb, self);
  g_idle_add_once (clear_selection_cb, g_object_ref (self));
}

static void
charta_help_window_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CHARTA_TYPE_HELP_WINDOW);
  G_OBJECT_CLASS (charta_help_window_parent_class)->dispose (object);
}

static void
charta_help_window_class_init (ChartaHelpWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = charta_help_window_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/charta/Charta/ui/charta-help-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ChartaHelpWindow, sections);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
charta_help_window_init (ChartaHelpWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (self, "notify::is-active", G_CALLBACK (on_active_cb), self);
}

ChartaHelpWindow *
charta_help_window_new (GtkWindow *parent)
{
  return g_object_new (CHARTA_TYPE_HELP_WINDOW, "transient-for", parent, NULL);
}

/* The sections are the AdwPreferencesGroups of the page, each titled. */
GStrv
charta_help_window_dup_section_titles (ChartaHelpWindow *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (CHARTA_IS_HELP_WINDOW (self), NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->sections)); child;
       child = gtk_widget_get_next_sibling (child))
    if (ADW_IS_PREFERENCES_GROUP (child))
      g_strv_builder_add (builder, adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (child)));
  return g_strv_builder_end (builder);
}
