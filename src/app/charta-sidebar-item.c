/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-sidebar-item"
#include "config.h"

#include <gio/gio.h>

#include "charta-sidebar-item.h"

struct _ChartaSidebarItem {
  GObject parent_instance;
  ChartaPageKind kind;
  const ChartaItem *item;
  char *title;
  char *subtitle;
  char *icon_name;
  char *review_id;
  GListStore *children;
};

enum {
  PROP_0,
  PROP_TITLE,
  PROP_SUBTITLE,
  PROP_ICON_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ChartaSidebarItem, charta_sidebar_item, G_TYPE_OBJECT)

static void
charta_sidebar_item_finalize (GObject *object)
{
  ChartaSidebarItem *self = CHARTA_SIDEBAR_ITEM (object);

  g_free (self->title);
  g_free (self->subtitle);
  g_free (self->icon_name);
  g_free (self->review_id);
  g_clear_object (&self->children);
  G_OBJECT_CLASS (charta_sidebar_item_parent_class)->finalize (object);
}

static void
charta_sidebar_item_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  ChartaSidebarItem *self = CHARTA_SIDEBAR_ITEM (object);

  switch (prop_id)
    {
    case PROP_TITLE: g_value_set_string (value, self->title); break;
    case PROP_SUBTITLE: g_value_set_string (value, self->subtitle); break;
    case PROP_ICON_NAME: g_value_set_string (value, self->icon_name); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
charta_sidebar_item_class_init (ChartaSidebarItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = charta_sidebar_item_finalize;
  object_class->get_property = charta_sidebar_item_get_property;

  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SUBTITLE] = g_param_spec_string ("subtitle", NULL, NULL, NULL,
                                                   G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ICON_NAME] = g_param_spec_string ("icon-name", NULL, NULL, NULL,
                                                    G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
charta_sidebar_item_init (ChartaSidebarItem *self)
{
}

ChartaSidebarItem *
charta_sidebar_item_new (ChartaPageKind kind, const ChartaItem *item, const char *title, const char *icon_name)
{
  ChartaSidebarItem *self = g_object_new (CHARTA_TYPE_SIDEBAR_ITEM, NULL);

  self->kind = kind;
  self->item = item;
  self->title = g_strdup (title ? title : charta_item_get_title (item));
  self->icon_name = g_strdup (icon_name);
  return self;
}

ChartaPageKind charta_sidebar_item_get_kind (ChartaSidebarItem *self) { return self->kind; }
const ChartaItem *charta_sidebar_item_get_item (ChartaSidebarItem *self) { return self->item; }
const char *charta_sidebar_item_get_title (ChartaSidebarItem *self) { return self->title; }
const char *charta_sidebar_item_get_subtitle (ChartaSidebarItem *self) { return self->subtitle; }
const char *charta_sidebar_item_get_icon_name (ChartaSidebarItem *self) { return self->icon_name; }

const char *charta_sidebar_item_get_review_id (ChartaSidebarItem *self) { return self->review_id; }

void
charta_sidebar_item_set_review_id (ChartaSidebarItem *self, const char *review_id)
{
  g_return_if_fail (CHARTA_IS_SIDEBAR_ITEM (self));
  g_free (self->review_id);
  self->review_id = g_strdup (review_id);
}

void
charta_sidebar_item_set_title (ChartaSidebarItem *self, const char *title)
{
  g_return_if_fail (CHARTA_IS_SIDEBAR_ITEM (self));
  if (g_strcmp0 (self->title, title) == 0)
    return;
  g_free (self->title);
  self->title = g_strdup (title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

void
charta_sidebar_item_set_subtitle (ChartaSidebarItem *self, const char *subtitle)
{
  g_return_if_fail (CHARTA_IS_SIDEBAR_ITEM (self));
  if (g_strcmp0 (self->subtitle, subtitle) == 0)
    return;
  g_free (self->subtitle);
  self->subtitle = g_strdup (subtitle);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBTITLE]);
}

GListModel *
charta_sidebar_item_get_children (ChartaSidebarItem *self)
{
  return self->children ? G_LIST_MODEL (self->children) : NULL;
}

void
charta_sidebar_item_add_child (ChartaSidebarItem *self, ChartaSidebarItem *child)
{
  if (self->children == NULL)
    self->children = g_list_store_new (CHARTA_TYPE_SIDEBAR_ITEM);
  g_list_store_append (self->children, child);
}
