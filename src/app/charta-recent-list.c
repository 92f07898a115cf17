/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-recent-list"
#include "config.h"

#include <glib/gi18n.h>

#include "charta-recent-list.h"
#include "charta-ui-utils.h"

/* Charta's own list keeps this many; the empty window shows fewer. */
#define MAX_RECENT 10
#define MAX_SHOWN 8

struct _ChartaRecentList {
  GtkWidget parent_instance;

  GtkWidget *group;
  GtkListBox *list_box;

  GSettings *settings;
  GListStore *files;
  gboolean loaded;
};

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_N_PROJECTS,
  N_PROPS
};

enum {
  OPEN,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (ChartaRecentList, charta_recent_list, GTK_TYPE_WIDGET)

static GtkWidget *
create_row_cb (gpointer item, gpointer data)
{
  GFile *file = item;
  g_autofree char *path = g_file_get_parse_name (file);
  g_autofree char *name = g_file_get_basename (file);
  GtkWidget *row = adw_action_row_new ();

  charta_row_set_title (row, name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), path);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  return row;
}

/* Files moved or deleted since are left out. */
static void
load (ChartaRecentList *self)
{
  g_auto(GStrv) uris = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  guint before = g_list_model_get_n_items (G_LIST_MODEL (self->files));

  if (self->settings != NULL)
    uris = g_settings_get_strv (self->settings, "recent-files");
  for (guint i = 0; uris && uris[i] && files->len < MAX_SHOWN; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_uri (uris[i]);
      if (g_file_query_exists (file, NULL))
        g_ptr_array_add (files, g_steal_pointer (&file));
    }
  g_list_store_splice (self->files, 0, before, files->pdata, files->len);
  /* The group hides, not the widget: a hidden widget would never be mapped to load. */
  gtk_widget_set_visible (self->group, files->len > 0);
  if (before != files->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PROJECTS]);
}

static void
on_row_activated_cb (GtkListBox *box, GtkListBoxRow *row, ChartaRecentList *self)
{
  g_autoptr(GFile) file = g_list_model_get_item (G_LIST_MODEL (self->files), gtk_list_box_row_get_index (row));

  if (file != NULL)
    g_signal_emit (self, signals[OPEN], 0, file);
}

static void
charta_recent_list_map (GtkWidget *widget)
{
  ChartaRecentList *self = CHARTA_RECENT_LIST (widget);

  GTK_WIDGET_CLASS (charta_recent_list_parent_class)->map (widget);
  if (!self->loaded)
    {
      self->loaded = TRUE;
      load (self);
    }
}

static void
charta_recent_list_dispose (GObject *object)
{
  ChartaRecentList *self = CHARTA_RECENT_LIST (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CHARTA_TYPE_RECENT_LIST);
  /* Only bound children go with the template: the top one is unparented here. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self)));)
    gtk_widget_unparent (child);
  g_clear_object (&self->settings);
  g_clear_object (&self->files);
  G_OBJECT_CLASS (charta_recent_list_parent_class)->dispose (object);
}

static void
charta_recent_list_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  ChartaRecentList *self = CHARTA_RECENT_LIST (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    case PROP_N_PROJECTS:
      g_value_set_uint (value, charta_recent_list_get_n_projects (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
charta_recent_list_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_SETTINGS:
      charta_recent_list_set_settings (CHARTA_RECENT_LIST (object), g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
charta_recent_list_class_init (ChartaRecentListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = charta_recent_list_dispose;
  object_class->get_property = charta_recent_list_get_property;
  object_class->set_property = charta_recent_list_set_property;
  widget_class->map = charta_recent_list_map;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_N_PROJECTS] =
    g_param_spec_uint ("n-projects", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[OPEN] = g_signal_new ("open", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_FILE);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/charta/Charta/ui/charta-recent-list.ui");
  gtk_widget_class_bind_template_child (widget_class, ChartaRecentList, group);
  gtk_widget_class_bind_template_child (widget_class, ChartaRecentList, list_box);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated_cb);
}

static void
charta_recent_list_init (ChartaRecentList *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->files = g_list_store_new (G_TYPE_FILE);
  gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (self->files), create_row_cb, NULL, NULL);
}

GtkWidget *
charta_recent_list_new (void)
{
  return g_object_new (CHARTA_TYPE_RECENT_LIST, NULL);
}

GSettings *
charta_recent_list_get_settings (ChartaRecentList *self)
{
  g_return_val_if_fail (CHARTA_IS_RECENT_LIST (self), NULL);
  return self->settings;
}

void
charta_recent_list_set_settings (ChartaRecentList *self, GSettings *settings)
{
  g_return_if_fail (CHARTA_IS_RECENT_LIST (self));
  g_return_if_fail (settings == NULL || G_IS_SETTINGS (settings));

  if (!g_set_object (&self->settings, settings))
    return;
  if (self->loaded)
    load (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SETTINGS]);
}

guint
charta_recent_list_get_n_projects (ChartaRecentList *self)
{
  g_return_val_if_fail (CHARTA_IS_RECENT_LIST (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->files));
}

/* The desktop's list is parsed from disk on first use: not before the window is shown. */
static gboolean
add_to_desktop_recent_idle (gpointer uri)
{
  gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
  return G_SOURCE_REMOVE;
}

void
charta_recent_remember (GSettings *settings, GFile *file)
{
  g_autofree char *uri = NULL;
  g_auto(GStrv) old = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) list = NULL;
  guint n = 1;

  g_return_if_fail (G_IS_FILE (file));

  uri = g_file_get_uri (file);
  g_idle_add_full (G_PRIORITY_LOW, add_to_desktop_recent_idle, g_strdup (uri), g_free);
  if (settings == NULL)
    return;
  old = g_settings_get_strv (settings, "recent-files");
  builder = g_strv_builder_new ();
  g_strv_builder_add (builder, uri);
  for (guint i = 0; old[i] && n < MAX_RECENT; i++)
    if (g_strcmp0 (old[i], uri) != 0)
      {
        g_strv_builder_add (builder, old[i]);
        n++;
      }
  list = g_strv_builder_end (builder);
  g_settings_set_strv (settings, "recent-files", (const char * const *) list);
}
