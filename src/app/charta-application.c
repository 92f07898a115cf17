/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-application"
#include "config.h"

#include <glib/gi18n.h>

#include "charta-application.h"
#include "charta-drafts.h"
#include "charta-help-window.h"
#include "charta-portfolio-window.h"
#include "charta-window.h"

struct _ChartaApplication {
  AdwApplication parent_instance;
  GSettings *settings;
  GtkWidget *help;     /* weak */
};

G_DEFINE_FINAL_TYPE (ChartaApplication, charta_application, ADW_TYPE_APPLICATION)

/* After a crash, the files that had unsaved changes open again, each offering to restore
 * its draft; a project never saved comes back from its draft alone. */
static gboolean
restore_sessions (ChartaApplication *app)
{
  g_auto(GStrv) keys = charta_drafts_list ();
  gboolean any = FALSE;

  for (guint i = 0; keys[i]; i++)
    {
      ChartaWindow *window = charta_window_new (app);
      if (charta_window_open_draft (window, keys[i]))
        {
          gtk_window_present (GTK_WINDOW (window));
          any = TRUE;
        }
      else
        gtk_window_destroy (GTK_WINDOW (window));
    }
  return any;
}

static void
charta_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL && restore_sessions (CHARTA_APPLICATION (app)))
    return;
  if (window == NULL)
    window = GTK_WINDOW (charta_window_new (CHARTA_APPLICATION (app)));
  gtk_window_present (window);
}

/* The window showing @file (or loading it), or NULL. */
static ChartaWindow *
find_window_for (ChartaApplication *self, GFile *file)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    {
      GFile *shown = CHARTA_IS_WINDOW (l->data) ? charta_window_get_file (l->data) : NULL;
      if (shown != NULL && g_file_equal (shown, file))
        return l->data;
    }
  return NULL;
}

/* A window with nothing in it (the one the app opened on its own, say) takes a file. */
static ChartaWindow *
find_empty_window (ChartaApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (CHARTA_IS_WINDOW (l->data) && charta_window_get_document (l->data) == NULL &&
        !charta_window_get_busy (l->data))
      return l->data;
  return NULL;
}

/* Every open comes here: the command line, a second `charta FILE` (over D-Bus, to this
 * first instance), the file manager, Open… and the recent projects. A file shown already
 * raises its window; any other loads in a thread. */
static void
charta_application_open (GApplication *app, GFile **files, int n_files, const char *hint)
{
  ChartaApplication *self = CHARTA_APPLICATION (app);

  for (int i = 0; i < n_files; i++)
    {
      ChartaWindow *window = find_window_for (self, files[i]);

      if (window == NULL)
        {
          window = find_empty_window (self);
          if (window == NULL)
            window = charta_window_new (self);
          charta_window_open_async (window, files[i]);
        }
      gtk_window_present (GTK_WINDOW (window));
    }
}

static void continue_quit (ChartaApplication *self);

static void
on_quit_window_destroy_cb (ChartaApplication *self)
{
  continue_quit (self);
}

/* Quitting closes the windows as Ctrl+W would, one after the other: a window with unsaved
 * changes asks (Save, Discard, Cancel) and Cancel stops the quit with that window open.
 * Every window's draft is written first, so whatever is answered, nothing typed is lost. */
static void
continue_quit (ChartaApplication *self)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));
  ChartaWindow *modified = NULL;

  for (GList *l = windows; l; l = l->next)
    if (CHARTA_IS_WINDOW (l->data) && charta_window_write_draft (l->data) && modified == NULL)
      modified = l->data;
  if (modified != NULL)
    {
      g_signal_handlers_disconnect_by_func (modified, on_quit_window_destroy_cb, self);
      g_signal_connect_object (modified, "destroy", G_CALLBACK (on_quit_window_destroy_cb), self, G_CONNECT_SWAPPED);
      gtk_window_present (GTK_WINDOW (modified));
      gtk_window_close (GTK_WINDOW (modified));
      return;
    }
  /* Nothing unsaved is left: the others close as they would by hand (their sizes kept). */
  windows = g_list_copy (windows);
  for (GList *l = windows; l; l = l->next)
    g_object_ref (l->data);
  for (GList *l = windows; l; l = l->next)
    if (CHARTA_IS_WINDOW (l->data))
      gtk_window_close (l->data);
    else
      gtk_window_destroy (l->data);
  g_list_free_full (windows, g_object_unref);
  g_application_quit (G_APPLICATION (self));
}

static void
quit_activated (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  continue_quit (CHARTA_APPLICATION (user_data));
}

static void
about_activated (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  static const char *developers[] = { "The Charta developers", NULL };
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));
  GtkWidget *about = adw_about_window_new ();

  gtk_window_set_transient_for (GTK_WINDOW (about), parent);
  adw_about_window_set_application_name (ADW_ABOUT_WINDOW (about), _("Charta"));
  adw_about_window_set_application_icon (ADW_ABOUT_WINDOW (about), APP_ID);
  adw_about_window_set_version (ADW_ABOUT_WINDOW (about), PACKAGE_VERSION);
  adw_about_window_set_developer_name (ADW_ABOUT_WINDOW (about), _("The Charta developers"));
  adw_about_window_set_developers (ADW_ABOUT_WINDOW (about), developers);
  adw_about_window_set_license_type (ADW_ABOUT_WINDOW (about), GTK_LICENSE_GPL_3_0);
  adw_about_window_set_comments (ADW_ABOUT_WINDOW (about),
                                 _("Assess a city against the Integrating Cities Charter and the DIVE benchmark, "
                                   "plan its actions and follow them up."));
  /* Translators: put your names here, one per line, e.g. "Jan Jansen <jan@example.org>" */
  adw_about_window_set_translator_credits (ADW_ABOUT_WINDOW (about), _("translator-credits"));
  gtk_window_present (GTK_WINDOW (about));
}

/* The guide inside the app: it is in the GResource, so it works the same installed, from
 * the build tree and in the Flatpak. One help window for the app, raised when open. */
static void
help_activated (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  ChartaApplication *self = CHARTA_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (CHARTA_IS_HELP_WINDOW (parent))
    parent = gtk_window_get_transient_for (parent);
  if (self->help == NULL)
    {
      self->help = GTK_WIDGET (charta_help_window_new (parent));
      g_object_add_weak_pointer (G_OBJECT (self->help), (gpointer *) &self->help);
      gtk_window_set_application (GTK_WINDOW (self->help), GTK_APPLICATION (self));
    }
  gtk_window_present (GTK_WINDOW (self->help));
}

/* The notification of actions falling due: the action plan of its project (@parameter,
 * a URI), in the window showing it, or opened. */
static void
show_actions_activated (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  ChartaApplication *self = user_data;
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));
  ChartaWindow *window = find_window_for (self, file);

  if (window == NULL)
    {
      g_application_open (G_APPLICATION (self), &file, 1, "");
      return;
    }
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-actions", NULL);
  gtk_window_present (GTK_WINDOW (window));
}

/* Several cities side by side: a window of its own, opened on the folder the user picks. */
static void
portfolio_activated (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  ChartaPortfolioWindow *window = charta_portfolio_window_new (GTK_APPLICATION (user_data));

  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "portfolio.open-folder", NULL);
}

static const GActionEntry app_actions[] = {
  { "show-actions", show_actions_activated, "s" },
  { "quit", quit_activated },
  { "about", about_activated },
  { "help", help_activated },
  { "portfolio", portfolio_activated },
};

static void
charta_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };
  static const char *help_accels[] = { "F1", NULL };

  G_APPLICATION_CLASS (charta_application_parent_class)->startup (app);
  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "window.close", close_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.help", help_accels);
}

static void
charta_application_dispose (GObject *object)
{
  g_clear_object (&CHARTA_APPLICATION (object)->settings);
  G_OBJECT_CLASS (charta_application_parent_class)->dispose (object);
}

static void
charta_application_class_init (ChartaApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = charta_application_dispose;

  app_class->activate = charta_application_activate;
  app_class->open = charta_application_open;
  app_class->startup = charta_application_startup;
}

static void
charta_application_init (ChartaApplication *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = source ? g_settings_schema_source_lookup (source, APP_ID, TRUE) : NULL;

  if (schema != NULL)
    self->settings = g_settings_new_full (schema, NULL, NULL);
  else
    g_message ("The settings schema %s is not installed; using defaults", APP_ID);
}

GSettings *
charta_application_get_settings (ChartaApplication *self)
{
  g_return_val_if_fail (CHARTA_IS_APPLICATION (self), NULL);
  return self->settings;
}

ChartaApplication *
charta_application_new (void)
{
  return g_object_new (CHARTA_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       /* One instance: a second `charta FILE` hands its file to the first. */
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/charta/Charta",
                       NULL);
}
