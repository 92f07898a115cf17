/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-network"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "charta-network.h"

#define MAX_SCALE 100

G_DEFINE_QUARK (charta-network-error-quark, charta_network_error)

static void
network_item_free (ChartaNetworkItem *item)
{
  g_free (item->item);
  g_free (item->counts);
  g_free (item);
}

static int
compare_int (gconstpointer a, gconstpointer b)
{
  int x = *(const int *) a, y = *(const int *) b;
  return x < y ? -1 : x > y;
}

double
charta_network_median (const int *sorted, guint n)
{
  if (n == 0)
    return 0.0;
  if (n % 2 == 1)
    return sorted[n / 2];
  return (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
}

ChartaNetworkSummary *
charta_network_summary_new (const char *period, guint cities)
{
  ChartaNetworkSummary *summary = g_new0 (ChartaNetworkSummary, 1);

  summary->period = g_strdup (period);
  summary->cities = cities;
  summary->items = g_ptr_array_new_with_free_func ((GDestroyNotify) network_item_free);
  return summary;
}

void
charta_network_summary_free (ChartaNetworkSummary *summary)
{
  if (summary == NULL)
    return;
  g_free (summary->period);
  g_ptr_array_unref (summary->items);
  g_free (summary);
}

static ChartaNetworkItem *
network_item_new (const char *id, int scale)
{
  ChartaNetworkItem *item = g_new0 (ChartaNetworkItem, 1);

  item->item = g_strdup (id);
  item->scale = scale;
  item->counts = g_new0 (guint, MAX (scale, 1));
  return item;
}

void
charta_network_summary_add_item (ChartaNetworkSummary *summary, const char *id, int scale, int *levels, guint n)
{
  ChartaNetworkItem *item;

  g_return_if_fail (summary != NULL && id != NULL && scale >= 1 && scale <= MAX_SCALE);

  item = network_item_new (id, scale);
  qsort (levels, n, sizeof (int), compare_int);
  item->cities = n;
  for (guint i = 0; i < n; i++)
    if (levels[i] >= 1 && levels[i] <= scale)
      item->counts[levels[i] - 1]++;
  item->median = charta_network_median (levels, n);
  g_ptr_array_add (summary->items, item);
}

const ChartaNetworkItem *
charta_network_summary_find (const ChartaNetworkSummary *summary, const char *id)
{
  g_return_val_if_fail (summary != NULL && id != NULL, NULL);

  for (guint i = 0; i < summary->items->len; i++)
    {
      const ChartaNetworkItem *item = g_ptr_array_index (summary->items, i);
      if (strcmp (item->item, id) == 0)
        return item;
    }
  return NULL;
}

static ChartaNode *
item_node (const ChartaNetworkItem *item)
{
  ChartaNode *node = charta_node_new_object ();
  ChartaNode *counts = charta_node_new_array ();

  charta_node_set_member (node, "item", charta_node_new_string (item->item));
  charta_node_set_member (node, "scale", charta_node_new_number_int (item->scale));
  charta_node_set_member (node, "cities", charta_node_new_number_int (item->cities));
  for (int level = 1; level <= item->scale; level++)
    {
      ChartaNode *count = charta_node_new_object ();

      charta_node_set_member (count, "level", charta_node_new_number_int (level));
      charta_node_set_member (count, "cities", charta_node_new_number_int (item->counts[level - 1]));
      charta_node_append (counts, count);
    }
  charta_node_set_member (node, "levels", counts);
  charta_node_set_member (node, "median", charta_node_new_number_double (item->median));
  return node;
}

char *
charta_network_summary_to_json (const ChartaNetworkSummary *summary)
{
  g_autoptr(ChartaNode) root = charta_node_new_object ();
  ChartaNode *items = charta_node_new_array ();
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (summary != NULL, NULL);

  charta_node_set_member (root, "period", charta_node_new_string (summary->period));
  charta_node_set_member (root, "cities", charta_node_new_number_int (summary->cities));
  for (guint i = 0; i < summary->items->len; i++)
    charta_node_append (items, item_node (g_ptr_array_index (summary->items, i)));
  charta_node_set_member (root, "items", items);
  charta_json_write (out, root, 0);
  return g_string_free (out, FALSE);
}

/* ---- reading ---- */

static gboolean
invalid (GError **error, const ChartaNode *at, const char *field, const char *what)
{
  g_set_error (error, CHARTA_NETWORK_ERROR, CHARTA_NETWORK_ERROR_INVALID,
               /* Translators: LINE:COLUMN: field: what is wrong, in the hub's network summary */
               _("%u:%u: %s: %s"), at ? at->line : 1, at ? at->column : 1, field, what);
  return FALSE;
}

static gboolean
get_count (const ChartaNode *object, const char *key, gint64 max, gint64 *out)
{
  const ChartaNode *node = charta_node_get_member (object, key);
  return node != NULL && charta_node_get_int (node, out) && *out >= 0 && *out <= max;
}

static gboolean
read_level_counts (ChartaNetworkItem *item, const ChartaNode *node, const char *field, GError **error)
{
  const ChartaNode *levels = charta_node_get_member (node, "levels");

  if (levels == NULL || levels->type != CHARTA_NODE_ARRAY)
    return invalid (error, node, field, _("“levels” must be a list"));
  for (guint i = 0; i < levels->array->len; i++)
    {
      const ChartaNode *count = g_ptr_array_index (levels->array, i);
      gint64 level, cities;

      if (count->type != CHARTA_NODE_OBJECT || !get_count (count, "level", item->scale, &level) || level < 1 ||
          !get_count (count, "cities", G_MAXUINT32, &cities))
        return invalid (error, count, field, _("each of “levels” has a level on the scale and a number of cities"));
      item->counts[level - 1] = (guint) cities;
    }
  return TRUE;
}

static ChartaNetworkItem *
read_item (const ChartaNode *node, guint index, GError **error)
{
  g_autofree char *field = g_strdup_printf ("items[%u]", index);
  const ChartaNode *id = node->type == CHARTA_NODE_OBJECT ? charta_node_get_member (node, "item") : NULL;
  const ChartaNode *median;
  ChartaNetworkItem *item;
  gint64 scale, cities;

  if (id == NULL || id->type != CHARTA_NODE_STRING)
    return invalid (error, node, field, _("an item id is missing")), NULL;
  if (!get_count (node, "scale", MAX_SCALE, &scale) || scale < 1 || !get_count (node, "cities", G_MAXUINT32, &cities))
    return invalid (error, node, field, _("“scale” (1 to 100) and “cities” must be whole numbers")), NULL;
  item = network_item_new (id->string, (int) scale);
  item->cities = (guint) cities;
  median = charta_node_get_member (node, "median");
  if (median == NULL || !charta_node_get_double (median, &item->median) || item->median < 0 ||
      item->median > scale || !read_level_counts (item, node, field, error))
    {
      if (error == NULL || *error == NULL)
        invalid (error, node, field, _("“median” must be a number on the scale"));
      network_item_free (item);
      return NULL;
    }
  return item;
}

ChartaNetworkSummary *
charta_network_summary_from_node (const ChartaNode *root, GError **error)
{
  g_autoptr(ChartaNetworkSummary) summary = NULL;
  const ChartaNode *period, *items;
  gint64 cities;

  g_return_val_if_fail (root != NULL, NULL);

  if (root->type != CHARTA_NODE_OBJECT)
    return invalid (error, root, "(root)", _("a network summary is a JSON object")), NULL;
  period = charta_node_get_member (root, "period");
  items = charta_node_get_member (root, "items");
  if (period == NULL || period->type != CHARTA_NODE_STRING)
    return invalid (error, root, "period", _("missing")), NULL;
  if (!get_count (root, "cities", G_MAXUINT32, &cities))
    return invalid (error, root, "cities", _("must be a whole number")), NULL;
  if (items == NULL || items->type != CHARTA_NODE_ARRAY)
    return invalid (error, root, "items", _("must be a list")), NULL;
  summary = charta_network_summary_new (period->string, (guint) cities);
  for (guint i = 0; i < items->array->len; i++)
    {
      ChartaNetworkItem *item = read_item (g_ptr_array_index (items->array, i), i, error);
      if (item == NULL)
        return NULL;
      g_ptr_array_add (summary->items, item);
    }
  return g_steal_pointer (&summary);
}
