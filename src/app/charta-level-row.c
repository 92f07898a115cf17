/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-level-row"
#include "config.h"

#include <glib/gi18n.h>

#include "charta-format.h"
#include "charta-level-row.h"
#include "charta-project.h"

/* No template: the row is an AdwComboRow whose only content is the model of the item's
 * scale, which only code can build. */

struct _ChartaLevelRow {
  AdwComboRow parent_instance;

  const ChartaItem *item;   /* the catalogue's */
};

enum {
  PROP_0,
  PROP_ITEM_ID,
  PROP_LEVEL,
  PROP_MEANING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ChartaLevelRow, charta_level_row, ADW_TYPE_COMBO_ROW)

static void
on_selected_cb (ChartaLevelRow *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LEVEL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MEANING]);
}

/* The open list's items: the level, and for a screen reader its name with its meaning
 * ("3 · Developing: Measures are in place in several departments…"). GTK 4.8 has no
 * accessible label for a GtkListItem (4.12 has), and an item of a list view is read by
 * the widget around the child, which is the one named. */
static void
on_setup_item_cb (GtkSignalListItemFactory *factory, GtkListItem *list_item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_list_item_set_child (list_item, label);
}

static void
on_bind_item_cb (GtkSignalListItemFactory *factory, GtkListItem *list_item, ChartaLevelRow *self)
{
  GtkWidget *label = gtk_list_item_get_child (list_item);
  GtkWidget *item_widget = gtk_widget_get_parent (label);
  const char *text = gtk_string_object_get_string (gtk_list_item_get_item (list_item));
  guint position = gtk_list_item_get_position (list_item);
  const ChartaFramework *fw = charta_item_get_framework (self->item);
  g_autofree char *name = NULL;

  gtk_label_set_text (GTK_LABEL (label), text);
  if (position > 0 && position <= charta_framework_get_n_levels (fw))
    /* Translators: what a screen reader says for a level in the Level list: the level
     * ("3 · Developing") and what it means */
    name = g_strdup_printf (_("%s: %s"), text, charta_level_get_description (charta_framework_get_level (fw, position - 1)));
  if (item_widget != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (item_widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    name ? name : text, -1);
}

static void
charta_level_row_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  ChartaLevelRow *self = CHARTA_LEVEL_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM_ID:
      g_value_set_string (value, charta_level_row_get_item_id (self));
      break;
    case PROP_LEVEL:
      g_value_set_int (value, charta_level_row_get_level (self));
      break;
    case PROP_MEANING:
      g_value_set_string (value, charta_level_row_get_meaning (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
charta_level_row_class_init (ChartaLevelRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = charta_level_row_get_property;
  properties[PROP_ITEM_ID] =
    g_param_spec_string ("item-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_LEVEL] =
    g_param_spec_int ("level", NULL, NULL, G_MININT, G_MAXINT, CHARTA_UNSET,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_MEANING] =
    g_param_spec_string ("meaning", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
charta_level_row_init (ChartaLevelRow *self)
{
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), _("Level"));
}

GtkWidget *
charta_level_row_new (const ChartaItem *item, int level)
{
  ChartaLevelRow *self;
  const ChartaFramework *fw;
  g_autoptr(GtkStringList) levels = gtk_string_list_new (NULL);
  g_autoptr(GtkListItemFactory) factory = NULL;

  g_return_val_if_fail (item != NULL, NULL);
  self = g_object_new (CHARTA_TYPE_LEVEL_ROW, NULL);
  self->item = item;
  fw = charta_item_get_framework (item);
  gtk_string_list_append (levels, charta_format_not_assessed ());
  for (guint i = 0; i < charta_framework_get_n_levels (fw); i++)
    {
      const ChartaLevel *l = charta_framework_get_level (fw, i);
      /* Translators: a level on an assessment scale, e.g. "3 · Developing" */
      g_autofree char *label = g_strdup_printf (_("%d · %s"), l->value, charta_level_get_title (l));
      gtk_string_list_append (levels, label);
    }
  adw_combo_row_set_model (ADW_COMBO_ROW (self), G_LIST_MODEL (levels));
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (on_setup_item_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (on_bind_item_cb), self);
  adw_combo_row_set_list_factory (ADW_COMBO_ROW (self), factory);
  adw_combo_row_set_selected (ADW_COMBO_ROW (self), level == CHARTA_UNSET ? 0 : (guint) level);
  g_signal_connect (self, "notify::selected", G_CALLBACK (on_selected_cb), NULL);
  return GTK_WIDGET (self);
}

const char *
charta_level_row_get_item_id (ChartaLevelRow *self)
{
  g_return_val_if_fail (CHARTA_IS_LEVEL_ROW (self), NULL);
  return self->item ? charta_item_get_id (self->item) : NULL;
}

int
charta_level_row_get_level (ChartaLevelRow *self)
{
  guint selected;

  g_return_val_if_fail (CHARTA_IS_LEVEL_ROW (self), CHARTA_UNSET);
  selected = adw_combo_row_get_selected (ADW_COMBO_ROW (self));
  return selected == 0 || selected == GTK_INVALID_LIST_POSITION ? CHARTA_UNSET : (int) selected;
}

const char *
charta_level_row_get_meaning (ChartaLevelRow *self)
{
  int level;
  const ChartaLevel *l;

  g_return_val_if_fail (CHARTA_IS_LEVEL_ROW (self), NULL);
  level = charta_level_row_get_level (self);
  l = level == CHARTA_UNSET || self->item == NULL
      ? NULL : charta_framework_find_level (charta_item_get_framework (self->item), level);
  return l ? charta_level_get_description (l) : charta_format_not_assessed ();
}
