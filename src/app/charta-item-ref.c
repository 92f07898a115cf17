/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-item-ref"
#include "config.h"

#include "charta-item-ref.h"

struct _ChartaItemRef {
  GObject parent_instance;

  const ChartaItem *item;   /* the catalogue's, which lives as long as the program */
};

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ChartaItemRef, charta_item_ref, G_TYPE_OBJECT)

static void
charta_item_ref_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  ChartaItemRef *self = CHARTA_ITEM_REF (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, charta_item_ref_get_id (self));
      break;
    case PROP_TITLE:
      g_value_set_string (value, charta_item_ref_get_title (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
charta_item_ref_class_init (ChartaItemRefClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = charta_item_ref_get_property;
  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL,
                                             G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
charta_item_ref_init (ChartaItemRef *self)
{
}

ChartaItemRef *
charta_item_ref_new (const ChartaItem *item)
{
  ChartaItemRef *self;

  g_return_val_if_fail (item != NULL, NULL);
  self = g_object_new (CHARTA_TYPE_ITEM_REF, NULL);
  self->item = item;
  return self;
}

const ChartaItem *
charta_item_ref_get_item (ChartaItemRef *self)
{
  g_return_val_if_fail (CHARTA_IS_ITEM_REF (self), NULL);
  return self->item;
}

const char *
charta_item_ref_get_id (ChartaItemRef *self)
{
  g_return_val_if_fail (CHARTA_IS_ITEM_REF (self), NULL);
  return charta_item_get_id (self->item);
}

const char *
charta_item_ref_get_title (ChartaItemRef *self)
{
  g_return_val_if_fail (CHARTA_IS_ITEM_REF (self), NULL);
  return charta_item_get_title (self->item);
}
