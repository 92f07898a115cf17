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
  GtkWidget *city_row;
  GtkWidget *copy_button;
  char *city_id;
  char *city_name;
  GCancellable *cancellable;
  guint lookup_id;
  gboolean has_token;
};

#define LOOKUP_DELAY_MS 300

enum {
  PROP_0,
  PROP_CITY_ID,
  PROP_CITY_NAME,
  PROP_HAS_TOKEN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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

  if (self->has_token != has_token)
    {
      self->has_token = has_token;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_TOKEN]);
    }
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
  {
    g_autofree char *problem = error ? charta_describe_secrets_error (error) : NULL;
    show_stored (self, token != NULL, problem);
  }
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
      /* The reason, in words, where it has room: under Stored Token, not in a toast. */
      g_autofree char *text = charta_describe_secrets_error (error);
      show_stored (self, FALSE, text);
      toast (self, _("The token was not stored"));
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

/* The hub's administrator needs the city id for `charta-hub token add`. */
static void
on_copy_clicked_cb (ChartaPreferencesWindow *self)
{
  if (self->city_id == NULL)
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), self->city_id);
  toast (self, _("City id copied"));
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
charta_preferences_window_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  ChartaPreferencesWindow *self = CHARTA_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CITY_ID:
      g_value_set_string (value, self->city_id);
      break;
    case PROP_CITY_NAME:
      g_value_set_string (value, self->city_name);
      break;
    case PROP_HAS_TOKEN:
      g_value_set_boolean (value, self->has_token);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
charta_preferences_window_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  ChartaPreferencesWindow *self = CHARTA_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CITY_ID:
      self->city_id = g_value_dup_string (value);
      break;
    case PROP_CITY_NAME:
      self->city_name = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
charta_preferences_window_constructed (GObject *object)
{
  ChartaPreferencesWindow *self = CHARTA_PREFERENCES_WINDOW (object);

  G_OBJECT_CLASS (charta_preferences_window_parent_class)->constructed (object);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->city_row),
                               self->city_id ? self->city_id : _("Open a project first: the id is the project’s city’s"));
  gtk_widget_set_sensitive (self->copy_button, self->city_id != NULL);
  if (self->city_name != NULL)
    {
      /* Translators: %s is a city's name */
      g_autofree char *title = g_strdup_printf (_("New Token for %s"), self->city_name);
      charta_row_set_title (self->token_row, title);
    }
}

static void
charta_preferences_window_class_init (ChartaPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  const GParamFlags construct = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = charta_preferences_window_constructed;
  object_class->dispose = charta_preferences_window_dispose;
  object_class->finalize = charta_preferences_window_finalize;
  object_class->get_property = charta_preferences_window_get_property;
  object_class->set_property = charta_preferences_window_set_property;

  /* The project's city, NULL when no project is open (no token can be set then). */
  properties[PROP_CITY_ID] = g_param_spec_string ("city-id", NULL, NULL, NULL, construct);
  properties[PROP_CITY_NAME] = g_param_spec_string ("city-name", NULL, NULL, NULL, construct);
  properties[PROP_HAS_TOKEN] =
    g_param_spec_boolean ("has-token", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/charta/Charta/ui/charta-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ChartaPreferencesWindow, endpoint_row);
  gtk_widget_class_bind_template_child (widget_class, ChartaPreferencesWindow, token_row);
  gtk_widget_class_bind_template_child (widget_class, ChartaPreferencesWindow, stored_row);
  gtk_widget_class_bind_template_child (widget_class, ChartaPreferencesWindow, remove_button);
  gtk_widget_class_bind_template_callback (widget_class, on_token_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_remove_clicked_cb);
  gtk_widget_class_bind_template_child (widget_class, ChartaPreferencesWindow, city_row);
  gtk_widget_class_bind_template_child (widget_class, ChartaPreferencesWindow, copy_button);
  gtk_widget_class_bind_template_callback (widget_class, on_copy_clicked_cb);
}

static void
charta_preferences_window_init (ChartaPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  name_inner_controls (GTK_WIDGET (self));
}

/* ---- public API ---- */

ChartaPreferencesWindow *
charta_preferences_window_new (GtkWindow *parent, GSettings *settings, GObject *endpoint_owner,
                               const char *city_id, const char *city_name)
{
  ChartaPreferencesWindow *self;

  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (settings != NULL || G_IS_OBJECT (endpoint_owner), NULL);

  self = g_object_new (CHARTA_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "modal", TRUE,
                       "city-id", city_id,
                       "city-name", city_name,
                       NULL);
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
