/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-window"
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "charta-summary.h"
#include "charta-window.h"

struct _ChartaWindow {
  AdwApplicationWindow parent_instance;

  AdwWindowTitle *window_title;
  GtkStack *stack;
  AdwStatusPage *error_page;
  GtkBox *overview_box;

  GFile *file;
  char *etag;
  ChartaProject *project;
};

G_DEFINE_FINAL_TYPE (ChartaWindow, charta_window, ADW_TYPE_APPLICATION_WINDOW)

static char *
format_progress (const ChartaProgress *p)
{
  double mean = charta_progress_get_mean (p);
  guint open = charta_progress_get_open_actions (p);
  g_autofree char *actions = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u open action", "%u open actions", open), open);

  if (mean < 0)
    /* Translators: %s is e.g. "3 open actions" */
    return g_strdup_printf (_("Not assessed yet · %s"), actions);
  /* Translators: "%.0f%%" is the mean level reached, e.g. "60%"; %s is e.g. "3 open actions" */
  return g_strdup_printf (_("%.0f%% of the scale reached · %s"), mean * 100, actions);
}

static GtkWidget *
progress_row (const ChartaProgress *p)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *subtitle = format_progress (p);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), charta_item_get_title (p->item));
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
show_overview (ChartaWindow *self)
{
  g_autoptr(ChartaSummary) summary = charta_summary_new (self->project, NULL);

  clear_box (self->overview_box);
  /* One group per Charter role, with the DIVE areas that serve it beneath it. */
  for (guint r = 0; r < summary->roles->len; r++)
    {
      ChartaProgress *role = &g_array_index (summary->roles, ChartaProgress, r);
      GtkWidget *group = adw_preferences_group_new ();
      g_autofree char *description = format_progress (role);

      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), charta_item_get_title (role->item));
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
      for (guint a = 0; a < summary->areas->len; a++)
        {
          ChartaProgress *area = &g_array_index (summary->areas, ChartaProgress, a);
          if (charta_item_serves (area->item, charta_item_get_id (role->item)))
            adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), progress_row (area));
        }
      gtk_box_append (self->overview_box, group);
    }
  gtk_stack_set_visible_child_name (self->stack, "project");
}

gboolean
charta_window_open (ChartaWindow *self, GFile *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *etag = NULL;
  ChartaProject *project;

  g_return_val_if_fail (CHARTA_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  g_set_object (&self->file, file);
  adw_window_title_set_title (self->window_title, basename);
  project = charta_project_load_file (file, &etag, NULL, &error);
  if (project == NULL)
    {
      /* The file stays untouched: nothing is ever saved from a failed load. */
      adw_status_page_set_description (self->error_page, error->message);
      adw_window_title_set_subtitle (self->window_title, _("Not loaded"));
      gtk_stack_set_visible_child_name (self->stack, "error");
      return FALSE;
    }
  g_clear_pointer (&self->project, charta_project_free);
  self->project = project;
  g_free (self->etag);
  self->etag = g_steal_pointer (&etag);
  adw_window_title_set_subtitle (self->window_title, project->city->name);
  show_overview (self);
  return TRUE;
}

const ChartaProject *
charta_window_get_project (ChartaWindow *self)
{
  g_return_val_if_fail (CHARTA_IS_WINDOW (self), NULL);
  return self->project;
}

static void
charta_window_dispose (GObject *object)
{
  ChartaWindow *self = CHARTA_WINDOW (object);

  g_clear_object (&self->file);
  g_clear_pointer (&self->etag, g_free);
  g_clear_pointer (&self->project, charta_project_free);
  G_OBJECT_CLASS (charta_window_parent_class)->dispose (object);
}

static void
charta_window_class_init (ChartaWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = charta_window_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/charta/Charta/ui/charta-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ChartaWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, ChartaWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, ChartaWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, ChartaWindow, overview_box);
}

static void
charta_window_init (ChartaWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

ChartaWindow *
charta_window_new (ChartaApplication *app)
{
  return g_object_new (CHARTA_TYPE_WINDOW, "application", app, NULL);
}
