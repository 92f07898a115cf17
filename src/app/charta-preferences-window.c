/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-preferences-window"
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "charta-preferences-window.h"
#include "charta-secrets.h"
#include "charta-sync.h"
#include "charta-ui-utils.h"

struct _ChartaPreferencesWindow {
  AdwPreferencesWindow parent_instance;

  GtkWidget *endpoint_row;
  GtkWidget *token_row;
  GtkWidget *stored_row;
  GtkWidget *remove_button;
  char *city_id;
  char *city_name;
  GCancellable *cancellable;
  guint lookup_id;
  gboolean has_token;
};

#define LOOKUP_DELAY_MS 300

G_DEFINE_FINAL_TYPE (ChartaPreferencesWindow, charta_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static const char *
endpoint_text (ChartaPreferencesWindow *self)
{
  return gtk_editable_get_text (GTK_EDITABLE (self->endpoint_row));
}

static void
toast (ChartaPreferencesWindow *self, const char *text)
{
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (text));
}

static void
show_stored (ChartaPreferencesWindow *self, gboolean has_token, const char *problem)
{
  g_autofree char *normal = charta_secrets_normalize_endpoint (endpoint_text (self));
  gboolean usable = self->city_id != NULL && *normal != '\0';

  self->has_token = has_token;
  gtk_widget_set_sensitive (self->token_row, usable);
  gtk_widget_set_sensitive (self->remove_button, usable && has_token);
  if (problem != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->stored_row), problem);
  else if (self->city_id == NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->stored_row),
                                 _("Open a project first: a token belongs to the project’s city"));
  else if (*normal == '\0')
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->stored_row), _("Give the hub’s address first"));
  else if (has_token)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->stored_row), _("In the desktop’s password store"));
  else
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->stored_row), _("None yet"));
}

static void
lookup_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(ChartaPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  char *token = charta_secrets_lookup_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* Only whether there is one: a stored token is never shown again. */
  show_stored (self, token != NULL, error ? error->message : NULL);
  charta_secrets_free (token);
}

static gboolean
lookup_timeout_cb (gpointer data)
{
  ChartaPreferencesWindow *self = data;
  g_autofree char *normal = charta_secrets_normalize_endpoint (endpoint_text (self));

  self->lookup_id = 0;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->city_id == NULL || *normal == '\0')
    {
      show_stored (self, FALSE, NULL);
      return G_SOURCE_REMOVE;
    }
  self->cancellable = g_cancellable_new ();
  charta_secrets_lookup_async (normal, self->city_id, self->cancellable, lookup_cb, g_object_ref (self));
  return G_SOURCE_REMOVE;
}

static void
on_endpoint_changed_cb (ChartaPreferencesWindow *self)
{
  g_autofree char *normal = charta_secrets_normalize_endpoint (endpoint_text (self));
  g_autofree char *url = NULL;
  g_autoptr(GError) error = NULL;

  /* An address that cannot work is marked at once, with the reason as its tooltip. */
  url = *normal ? charta_sync_summary_url (normal, "2024", &error) : NULL;
  if (error != NULL)
    gtk_widget_add_css_class (self->endpoint_row, "error");
  else
    gtk_widget_remove_css_class (self->endpoint_row, "error");
  gtk_widget_set_tooltip_text (self->endpoint_row, error ? error->message : NULL);
  g_clear_handle_id (&self->lookup_id, g_source_remove);
  self->lookup_id = g_timeout_add (LOOKUP_DELAY_MS, lookup_timeout_cb, self);
}

static void
stored_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(ChartaPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!charta_secrets_store_finish (result, &error))
    {
      /* Translators: %s says why the token could not be stored */
      g_autofree char *text = g_strdup_printf (_("The token was not stored: %s"), error->message);
      toast (self, text);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->token_row), "");
  show_stored (self, TRUE, NULL);
  toast (self, _("Token stored"));
}

static void
on_token_apply_cb (ChartaPreferencesWindow *self)
{
  g_autofree char *token = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->token_row))));
  g_autofree char *normal = charta_secrets_normalize_endpoint (endpoint_text (self));

  if (*token == '\0' || self->city_id == NULL || *normal == '\0')
    return;
  charta_secrets_store_async (normal, self->city_id, self->city_name, token, NULL, stored_cb, g_object_ref (self));
  memset (token, 0, strlen (token));
}

static void
cleared_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(ChartaPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!charta_secrets_clear_finish (result, &error))
    {
      toast (self, error->message);
      return;
    }
  show_stored (self, FALSE, NULL);
  toast (self, _("Token removed"));
}

static void
on_remove_clicked_cb (ChartaPreferencesWindow *self)
{
  g_autofree char *normal = charta_secrets_normalize_endpoint (endpoint_text (self));

  if (self->city_id != NULL && *normal != '\0')
    charta_secrets_clear_async (normal, self->city_id, NULL, cleared_cb, g_object_ref (self));
}

static void
name_after_tooltip (GtkWidget *button)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  gtk_widget_get_tooltip_text (button), -1);
}

/* libadwaita 1.2's own parts that GTK 4.8 names after their type for screen readers: the
 * window's search entry, and the icon buttons of the rows (the password row's Show Text /
 * Hide Text, Apply), which have a tooltip but no name: the tooltip becomes the name. */
static void
name_inner_controls (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_SEARCH_ENTRY (child))
        gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        _("Search the preferences"), -1);
      else if (GTK_IS_BUTTON (child) && gtk_button_get_label (GTK_BUTTON (child)) == NULL &&
               gtk_widget_get_tooltip_text (child) != NULL)
        {
          name_after_tooltip (child);
          g_signal_connect (child, "notify::tooltip-text", G_CALLBACK (name_after_tooltip), NULL);
        }
      name_inner_controls (child);
    }
}

/* ---- GObject ---- */

static void
charta_preferences_window_dispose (GObject *object)
{
  ChartaPreferencesWindow *self = CHARTA_PREFERENCES_WINDOW (object);

  g_clear_handle_id (&self->lookup_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (charta_preferences_window_parent_class)->dispose (object);
}

static void
charta_preferences_window_finalize (GObject *object)
{
  ChartaPreferencesWindow *self = CHARTA_PREFERENCES_WINDOW (object);

  g_free (self->city_id);
  g_free (self->city_name);
  G_OBJECT_CLASS (charta_preferences_window_parent_class)->finalize (object);
}

static void
charta_preferences_window_class_init (ChartaPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = charta_preferences_window_dispose;
  object_class->finalize = charta_preferences_window_finalize;
}

static void
charta_preferences_window_init (ChartaPreferencesWindow *self)
{
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *group = adw_preferences_group_new ();

  gtk_window_set_title (GTK_WINDOW (self), _("Preferences"));
  adw_preferences_window_set_search_enabled (ADW_PREFERENCES_WINDOW (self), FALSE);
  gtk_window_set_default_size (GTK_WINDOW (self), 560, 460);
  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (page), _("Network Hub"));
  adw_preferences_page_set_icon_name (ADW_PREFERENCES_PAGE (page), "network-server-symbolic");
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Network Hub"));
  charta_group_set_description (group, _("Progress reports go to the hub your network runs. Its administrator gives "
                                         "you its address and a token for the city. The token is kept in the "
                                         "desktop’s password store, never in the project file."));

  self->endpoint_row = adw_entry_row_new ();
  charta_row_set_title (self->endpoint_row, _("Hub Address (https://…)"));
  gtk_editable_set_enable_undo (GTK_EDITABLE (self->endpoint_row), TRUE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->endpoint_row);

  self->token_row = adw_password_entry_row_new ();
  charta_row_set_title (self->token_row, _("New Token for the City"));
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (self->token_row), TRUE);
  g_signal_connect_swapped (self->token_row, "apply", G_CALLBACK (on_token_apply_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->token_row);

  self->stored_row = adw_action_row_new ();
  charta_row_set_title (self->stored_row, _("Stored Token"));
  self->remove_button = charta_button_new_with_mnemonic (_("_Remove"));
  gtk_widget_set_valign (self->remove_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->remove_button, "destructive-action");
  g_signal_connect_swapped (self->remove_button, "clicked", G_CALLBACK (on_remove_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self->stored_row), self->remove_button);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->stored_row);

  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), ADW_PREFERENCES_PAGE (page));
  name_inner_controls (GTK_WIDGET (self));
}

/* ---- public API ---- */

ChartaPreferencesWindow *
charta_preferences_window_new (GtkWindow *parent, GSettings *settings, GObject *endpoint_owner,
                               const char *city_id, const char *city_name)
{
  ChartaPreferencesWindow *self;
  g_autofree char *token_title = NULL;

  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (settings != NULL || G_IS_OBJECT (endpoint_owner), NULL);

  self = g_object_new (CHARTA_TYPE_PREFERENCES_WINDOW, "transient-for", parent, "modal", TRUE, NULL);
  self->city_id = g_strdup (city_id);
  self->city_name = g_strdup (city_name);
  if (city_name != NULL)
    {
      /* Translators: %s is a city's name */
      token_title = g_strdup_printf (_("New Token for %s"), city_name);
      charta_row_set_title (self->token_row, token_title);
    }
  if (settings != NULL)
    g_settings_bind (settings, "hub-endpoint", self->endpoint_row, "text", G_SETTINGS_BIND_DEFAULT);
  else
    g_object_bind_property (endpoint_owner, "hub-endpoint", self->endpoint_row, "text",
                            G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  g_signal_connect_swapped (self->endpoint_row, "changed", G_CALLBACK (on_endpoint_changed_cb), self);
  on_endpoint_changed_cb (self);
  show_stored (self, FALSE, NULL);
  return self;
}

gboolean
charta_preferences_window_get_has_token (ChartaPreferencesWindow *self)
{
  g_return_val_if_fail (CHARTA_IS_PREFERENCES_WINDOW (self), FALSE);
  return self->has_token;
}
