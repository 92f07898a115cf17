/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-item-links"
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "charta-item-links.h"
#include "charta-item-ref.h"
#include "charta-ui-utils.h"

struct _ChartaItemLinks {
  AdwPreferencesGroup parent_instance;

  GtkWidget *item_search;
  GtkWidget *item_view;
  GtkWidget *items_list;

  ChartaDocument *document;
  GPtrArray *ids;           /* the catalogue ids linked */
  GtkFilter *filter;
};

enum {
  PROP_0,
  PROP_DOCUMENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ChartaItemLinks, charta_item_links, ADW_TYPE_PREFERENCES_GROUP)

static GtkWidget *
item_row (const ChartaItem *item)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
  /* Translators: the accessible name of a button; %s is a framework item's title */
  g_autofree char *name = g_strdup_printf (_("Remove “%s”"), charta_item_get_title (item));

  charta_row_set_title (row, charta_item_get_title (item));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), charta_framework_get_title (charta_item_get_framework (item)));
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (remove, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "links.remove");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "s", charta_item_get_id (item));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  return row;
}

static void
refresh (ChartaItemLinks *self)
{
  ChartaCatalogue *catalogue = charta_catalogue_get_default ();
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->items_list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->items_list), child);
  for (guint i = 0; i < self->ids->len; i++)
    {
      const ChartaItem *item = charta_catalogue_lookup (catalogue, g_ptr_array_index (self->ids, i));
      if (item != NULL)
        gtk_list_box_append (GTK_LIST_BOX (self->items_list), item_row (item));
    }
  gtk_widget_set_visible (self->items_list, gtk_widget_get_first_child (self->items_list) != NULL);
}

static void
remove_action (GtkWidget *widget, const char *name, GVariant *param)
{
  ChartaItemLinks *self = CHARTA_ITEM_LINKS (widget);
  guint index;

  if (g_ptr_array_find_with_equal_func (self->ids, g_variant_get_string (param, NULL), g_str_equal, &index))
    g_ptr_array_remove_index (self->ids, index);
  refresh (self);
}

static gboolean
linkable (const ChartaItem *item)
{
  static const char * const kinds[] = {
    "role", "commitment", "delivery-commitment", "indicator", "area", "key-problem",
    "recommendation", "key-factor", "guiding-question", "policy-area", NULL
  };
  return g_strv_contains (kinds, charta_item_get_kind (item));
}

static gboolean
filter_cb (gpointer object, gpointer data)
{
  ChartaItemLinks *self = data;
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->item_search));
  g_autofree char *title = NULL, *needle = NULL;

  if (*query == '\0')
    return TRUE;
  title = g_utf8_casefold (charta_item_ref_get_title (object), -1);
  needle = g_utf8_casefold (query, -1);
  return strstr (title, needle) != NULL || strstr (charta_item_ref_get_id (object), query) != NULL;
}

static void
on_search_changed_cb (ChartaItemLinks *self)
{
  gtk_filter_changed (self->filter, GTK_FILTER_CHANGE_DIFFERENT);
}

static void
on_item_activate_cb (GtkListView *view, guint position, ChartaItemLinks *self)
{
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (view));
  g_autoptr(ChartaItemRef) ref = g_list_model_get_item (model, position);
  const char *id = charta_item_ref_get_id (ref);
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (view), GTK_TYPE_POPOVER);

  if (!g_ptr_array_find_with_equal_func (self->ids, id, g_str_equal, NULL))
    g_ptr_array_add (self->ids, g_strdup (id));
  refresh (self);
  if (popover)
    gtk_popover_popdown (GTK_POPOVER (popover));
}

/* The items of the frameworks the project uses that an action can serve. */
static void
fill_picker (ChartaItemLinks *self)
{
  ChartaCatalogue *catalogue = charta_catalogue_get_default ();
  const ChartaProject *p = self->document ? charta_document_get_project (self->document) : NULL;
  GListStore *items = g_list_store_new (CHARTA_TYPE_ITEM_REF);
  GtkFilterListModel *filtered;

  for (guint f = 0; p && f < charta_catalogue_get_n_frameworks (catalogue); f++)
    {
      const ChartaFramework *fw = charta_catalogue_get_framework (catalogue, f);
      if (!charta_project_uses_framework (p, charta_framework_get_id (fw)))
        continue;
      for (guint i = 0; i < charta_framework_get_n_items (fw); i++)
        if (linkable (charta_framework_get_item (fw, i)))
          {
            g_autoptr(ChartaItemRef) ref = charta_item_ref_new (charta_framework_get_item (fw, i));
            g_list_store_append (items, ref);
          }
    }
  filtered = gtk_filter_list_model_new (G_LIST_MODEL (items), g_object_ref (self->filter));
  gtk_list_view_set_model (GTK_LIST_VIEW (self->item_view),
                           GTK_SELECTION_MODEL (gtk_single_selection_new (G_LIST_MODEL (filtered))));
}

static void
charta_item_links_dispose (GObject *object)
{
  ChartaItemLinks *self = CHARTA_ITEM_LINKS (object);

  g_clear_object (&self->document);
  g_clear_object (&self->filter);
  g_clear_pointer (&self->ids, g_ptr_array_unref);
  G_OBJECT_CLASS (charta_item_links_parent_class)->dispose (object);
}

static void
charta_item_links_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  ChartaItemLinks *self = CHARTA_ITEM_LINKS (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
charta_item_links_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  ChartaItemLinks *self = CHARTA_ITEM_LINKS (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      charta_item_links_set_document (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Enter in the search opens the first item found, as a click on it would. */
static void
on_search_activate_cb (ChartaItemLinks *self)
{
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (self->item_view)));

  gtk_filter_changed (self->filter, GTK_FILTER_CHANGE_DIFFERENT);
  if (model != NULL && g_list_model_get_n_items (model) > 0)
    on_item_activate_cb (GTK_LIST_VIEW (self->item_view), 0, self);
}

static void
charta_item_links_class_init (ChartaItemLinksClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = charta_item_links_dispose;
  object_class->get_property = charta_item_links_get_property;
  object_class->set_property = charta_item_links_set_property;
  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, CHARTA_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CHARTA_TYPE_ITEM_REF);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/charta/Charta/ui/charta-item-links.ui");
  gtk_widget_class_bind_template_child (widget_class, ChartaItemLinks, item_search);
  gtk_widget_class_bind_template_child (widget_class, ChartaItemLinks, item_view);
  gtk_widget_class_bind_template_child (widget_class, ChartaItemLinks, items_list);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_item_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate_cb);
  gtk_widget_class_install_action (widget_class, "links.remove", "s", remove_action);
}

static void
charta_item_links_init (ChartaItemLinks *self)
{
  self->ids = g_ptr_array_new_with_free_func (g_free);
  self->filter = GTK_FILTER (gtk_custom_filter_new (filter_cb, self, NULL));
  gtk_widget_init_template (GTK_WIDGET (self));
  refresh (self);
}

ChartaDocument *
charta_item_links_get_document (ChartaItemLinks *self)
{
  g_return_val_if_fail (CHARTA_IS_ITEM_LINKS (self), NULL);
  return self->document;
}

void
charta_item_links_set_document (ChartaItemLinks *self, ChartaDocument *document)
{
  g_return_if_fail (CHARTA_IS_ITEM_LINKS (self));

  if (!g_set_object (&self->document, document))
    return;
  fill_picker (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

void
charta_item_links_set_items (ChartaItemLinks *self, GPtrArray *items)
{
  g_return_if_fail (CHARTA_IS_ITEM_LINKS (self));

  g_ptr_array_set_size (self->ids, 0);
  for (guint i = 0; items && i < items->len; i++)
    g_ptr_array_add (self->ids, g_strdup (g_ptr_array_index (items, i)));
  refresh (self);
}

void
charta_item_links_apply (ChartaItemLinks *self, GPtrArray **items)
{
  g_return_if_fail (CHARTA_IS_ITEM_LINKS (self));
  g_return_if_fail (items != NULL);

  if (*items == NULL && self->ids->len == 0)
    return;
  if (*items == NULL)
    *items = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_set_size (*items, 0);
  for (guint i = 0; i < self->ids->len; i++)
    g_ptr_array_add (*items, g_strdup (g_ptr_array_index (self->ids, i)));
}
