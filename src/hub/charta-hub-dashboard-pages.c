/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-hub-dashboard"
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "charta-catalogue.h"
#include "charta-format.h"
#include "charta-hub-dashboard-private.h"
#include "charta-network.h"
#include "charta-report.h"

#define T(text) charta_hub_messages_get (h->messages, h->lang, (text))
#define BAR_WIDTH 44
#define CHART_HEIGHT 160
#define STRIP_WIDTH 120

/* One page being written. */
typedef struct {
  GString *out;
  ChartaHubMessages *messages;
  const char *lang;
} Html;

static const char * const statuses[] = { "planned", "in-progress", "done", "postponed", "cancelled" };
static const char * const status_labels[] = {
  /* Translators: an action's status, as a heading on the hub's dashboard */
  N_("Planned"), N_("In progress"), N_("Done"), N_("Postponed"), N_("Cancelled"),
};
/* Level 1 (light) to 5 (dark): readable on white, and told apart by more than hue. */
static const char * const level_fills[] = { "#e0e7ef", "#a9c1dc", "#6b93c2", "#3a6aa5", "#1c3f73" };

/* ---- the model ---- */

static void
report_free (gpointer data)
{
  DashReport *report = data;

  g_free (report->city);
  g_free (report->id);
  g_free (report->period);
  g_free (report->received);
  g_clear_pointer (&report->summary, charta_node_free);
  g_clear_pointer (&report->body, charta_node_free);
  g_free (report);
}

static void
city_free (gpointer data)
{
  DashCity *city = data;

  g_free (city->id);
  g_free (city->name);
  g_clear_pointer (&city->reports, g_ptr_array_unref);
  g_free (city);
}

void
dash_model_free (DashModel *model)
{
  if (model == NULL)
    return;
  g_clear_pointer (&model->cities, g_ptr_array_unref);
  g_clear_pointer (&model->by_id, g_hash_table_unref);
  g_clear_pointer (&model->periods, g_ptr_array_unref);
  g_clear_pointer (&model->summaries, g_hash_table_unref);
  g_free (model);
}

static const char *
member_string (const ChartaNode *object, const char *key)
{
  const ChartaNode *node = object ? charta_node_get_member (object, key) : NULL;

  return node && node->type == CHARTA_NODE_STRING ? node->string : NULL;
}

static gint64
member_int (const ChartaNode *object, const char *key)
{
  const ChartaNode *node = object ? charta_node_get_member (object, key) : NULL;
  gint64 value = 0;

  if (node != NULL)
    charta_node_get_int (node, &value);
  return value;
}

static char *
period_start (const char *period)
{
  char *start = NULL;

  charta_report_period_range (period, &start, NULL, NULL);
  return start ? start : g_strdup (period);
}

/* Older first: by first day, then by when the hub received it. */
static int
compare_reports (gconstpointer a, gconstpointer b)
{
  const DashReport *ra = *(DashReport * const *) a, *rb = *(DashReport * const *) b;
  g_autofree char *sa = period_start (ra->period);
  g_autofree char *sb = period_start (rb->period);
  int order = strcmp (sa, sb);

  if (order == 0)
    order = strcmp (ra->period, rb->period);
  return order != 0 ? order : strcmp (ra->received, rb->received);
}

static int
compare_periods_newest_first (gconstpointer a, gconstpointer b)
{
  const char *pa = *(char * const *) a, *pb = *(char * const *) b;
  g_autofree char *sa = period_start (pa);
  g_autofree char *sb = period_start (pb);
  int order = strcmp (sb, sa);

  return order != 0 ? order : strcmp (pb, pa);
}

static int
compare_cities (gconstpointer a, gconstpointer b)
{
  const DashCity *ca = *(DashCity * const *) a, *cb = *(DashCity * const *) b;
  g_autofree char *ka = g_utf8_collate_key (ca->name, -1);
  g_autofree char *kb = g_utf8_collate_key (cb->name, -1);
  int order = strcmp (ka, kb);

  return order != 0 ? order : strcmp (ca->id, cb->id);
}

static DashCity *
model_city (DashModel *model, const ChartaNode *city_node)
{
  const char *id = member_string (city_node, "id");
  DashCity *city = id ? g_hash_table_lookup (model->by_id, id) : NULL;

  if (id == NULL || city != NULL)
    return city;
  city = g_new0 (DashCity, 1);
  city->id = g_strdup (id);
  city->name = g_strdup (member_string (city_node, "name") ? member_string (city_node, "name") : id);
  city->reports = g_ptr_array_new_with_free_func (report_free);
  g_ptr_array_add (model->cities, city);
  g_hash_table_insert (model->by_id, city->id, city);
  return city;
}

/* One report of the list. Takes @summary. */
static void
add_report (DashModel *model, ChartaNode *summary, GHashTable *periods)
{
  DashCity *city = model_city (model, charta_node_get_member (summary, "city"));
  const char *id = member_string (summary, "id");
  const char *period = member_string (summary, "period");
  DashReport *report;

  if (city == NULL || id == NULL || period == NULL)
    {
      charta_node_free (summary);
      return;
    }
  report = g_new0 (DashReport, 1);
  report->store = model->store;
  report->city = g_strdup (city->id);
  report->id = g_strdup (id);
  report->period = g_strdup (period);
  report->received = g_strdup (member_string (summary, "received") ? member_string (summary, "received") : "");
  report->summary = summary;
  g_ptr_array_add (city->reports, report);
  if (!g_hash_table_contains (periods, period))
    {
      g_hash_table_add (periods, report->period);
      g_ptr_array_add (model->periods, g_strdup (period));
    }
}

/* @key of the report's body, read from the store the first time. A body the store cannot
 * give now shows as none: the page says less, and the next write rebuilds the model. */
static const ChartaNode *
body_member (DashReport *report, const char *key)
{
  if (!report->body_read)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) body = charta_hub_store_get_report (report->store, report->city, report->id, NULL, &error);
      gsize size = 0;
      const char *data = body ? g_bytes_get_data (body, &size) : NULL;

      report->body_read = TRUE;
      /* The hub checked it when it stored it. */
      report->body = data ? charta_json_parse (data, size, NULL, NULL, NULL) : NULL;
      if (body == NULL)
        g_warning ("event=store-error what=dashboard-body message=\"%s\"", error ? error->message : "");
    }
  return report->body ? charta_node_get_member (report->body, key) : NULL;
}

/* Every report, page by page, as GET /api/v1/reports lists them. */
static gboolean
read_reports (DashModel *model, GError **error)
{
  g_autoptr(GHashTable) periods = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *cursor = NULL;

  do
    {
      g_autofree char *json = charta_hub_store_list_reports (model->store, NULL, NULL, cursor, 1000, error);
      g_autoptr(ChartaNode) root = json ? charta_json_parse (json, strlen (json), NULL, NULL, error) : NULL;
      const ChartaNode *list = root ? charta_node_get_member (root, "reports") : NULL;

      if (list == NULL || list->type != CHARTA_NODE_ARRAY)
        return FALSE;
      for (guint i = 0; i < list->array->len; i++)
        add_report (model, charta_node_copy (g_ptr_array_index (list->array, i)), periods);
      g_free (cursor);
      cursor = g_strdup (member_string (root, "next"));
    }
  while (cursor != NULL);
  return TRUE;
}

DashModel *
dash_model_build (ChartaHubStore *store, GError **error)
{
  g_autoptr(DashModel) model = g_new0 (DashModel, 1);

  model->store = store;
  model->cities = g_ptr_array_new_with_free_func (city_free);
  model->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  model->periods = g_ptr_array_new_with_free_func (g_free);
  model->summaries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) charta_network_summary_free);
  if (!read_reports (model, error))
    return NULL;
  g_ptr_array_sort (model->cities, compare_cities);
  g_ptr_array_sort (model->periods, compare_periods_newest_first);
  for (guint i = 0; i < model->cities->len; i++)
    g_ptr_array_sort (((DashCity *) g_ptr_array_index (model->cities, i))->reports, compare_reports);
  return g_steal_pointer (&model);
}

static const ChartaNetworkSummary *
model_summary (DashModel *model, const char *period, GError **error)
{
  ChartaNetworkSummary *summary = g_hash_table_lookup (model->summaries, period);
  g_autofree char *json = NULL;
  g_autoptr(ChartaNode) root = NULL;

  if (summary != NULL)
    return summary;
  json = charta_hub_store_network_summary (model->store, period, error);
  root = json ? charta_json_parse (json, strlen (json), NULL, NULL, error) : NULL;
  summary = root ? charta_network_summary_from_node (root, error) : NULL;
  if (summary != NULL)
    g_hash_table_insert (model->summaries, g_strdup (period), summary);
  return summary;
}

/* The city's latest report for @period (NULL: of any period). */
static DashReport *
latest_report (DashCity *city, const char *period)
{
  for (guint i = city->reports->len; i > 0; i--)
    {
      DashReport *report = g_ptr_array_index (city->reports, i - 1);

      if (period == NULL || strcmp (report->period, period) == 0)
        return report;
    }
  return NULL;
}

static const ChartaNode *
report_level (DashReport *report, const char *item)
{
  const ChartaNode *levels = body_member (report, "levels");

  for (guint i = 0; levels && levels->type == CHARTA_NODE_ARRAY && i < levels->array->len; i++)
    {
      const ChartaNode *level = g_ptr_array_index (levels->array, i);
      const char *id = member_string (level, "item");

      if (id != NULL && strcmp (id, item) == 0)
        return level;
    }
  return NULL;
}

/* ---- HTML ---- */

void
dash_escape (GString *out, const char *text)
{
  for (const char *p = text ? text : ""; *p; p++)
    switch (*p)
      {
      case '<': g_string_append (out, "&lt;"); break;
      case '>': g_string_append (out, "&gt;"); break;
      case '&': g_string_append (out, "&amp;"); break;
      case '"': g_string_append (out, "&quot;"); break;
      case '\'': g_string_append (out, "&#39;"); break;
      default: g_string_append_c (out, *p);
      }
}

/* Appends @format with every %s argument escaped: only %s, %d, %u and %% are understood. */
static void
emit (Html *h, const char *format, ...)
{
  va_list args;

  va_start (args, format);
  for (const char *p = format; *p; p++)
    {
      if (*p != '%' || p[1] == '\0')
        {
          g_string_append_c (h->out, *p);
          continue;
        }
      p++;
      if (*p == 's')
        dash_escape (h->out, va_arg (args, const char *));
      else if (*p == 'd')
        g_string_append_printf (h->out, "%d", va_arg (args, int));
      else if (*p == 'u')
        g_string_append_printf (h->out, "%u", va_arg (args, unsigned int));
      else
        g_string_append_c (h->out, *p);
    }
  va_end (args);
}

static void
html_init (Html *h, ChartaHubMessages *messages, const char *lang)
{
  h->out = g_string_sized_new (16 * 1024);
  h->messages = messages;
  h->lang = lang;
}

static DashPage *
html_finish (Html *h, const char *title, guint status)
{
  DashPage *page = g_new0 (DashPage, 1);

  page->title = g_strdup (title);
  page->main = g_string_free (h->out, FALSE);
  page->status = status;
  return page;
}

void
dash_page_free (DashPage *page)
{
  if (page == NULL)
    return;
  g_free (page->title);
  g_free (page->main);
  g_clear_pointer (&page->rendered, g_hash_table_unref);
  g_free (page);
}

static const char *
item_title (Html *h, const char *id)
{
  const ChartaItem *item = charta_catalogue_lookup (charta_catalogue_get_default (), id);
  const char *title = item ? charta_item_get_title (item) : NULL;

  return title ? T (title) : id;
}

static const char *
level_title (Html *h, const char *id, int value)
{
  const ChartaItem *item = charta_catalogue_lookup (charta_catalogue_get_default (), id);
  const ChartaFramework *framework = item ? charta_item_get_framework (item) : NULL;
  const ChartaLevel *level = framework ? charta_framework_find_level (framework, value) : NULL;
  const char *title = level ? charta_level_get_title (level) : NULL;

  return title ? T (title) : "";
}

/* The number of levels of @id's framework. */
static int
scale_of (const char *id)
{
  const ChartaItem *item = charta_catalogue_lookup (charta_catalogue_get_default (), id);
  const ChartaFramework *framework = item ? charta_item_get_framework (item) : NULL;

  return framework ? (int) charta_framework_get_n_levels (framework) : 0;
}

static const char *
level_fill (int level, int scale)
{
  int shade = scale > 1 ? (level - 1) * 4 / (scale - 1) : 4;

  return level_fills[CLAMP (shade, 0, 4)];
}

static void
emit_period_links (Html *h, DashModel *model, const char *base, const char *current)
{
  if (model->periods->len < 2)
    return;
  /* Translators: a navigation landmark listing the reporting periods (2023, 2024-H1…) */
  emit (h, "<nav class=\"periods\" aria-label=\"%s\"><ul>", T (N_("Reporting periods")));
  for (guint i = 0; i < model->periods->len; i++)
    {
      const char *period = g_ptr_array_index (model->periods, i);

      if (strcmp (period, current) == 0)
        emit (h, "<li><a aria-current=\"page\" href=\"%s?period=%s\">%s</a></li>", base, period, period);
      else
        emit (h, "<li><a href=\"%s?period=%s\">%s</a></li>", base, period, period);
    }
  g_string_append (h->out, "</ul></nav>\n");
}

/* A strip of one rectangle per level, as wide as the share of cities at that level. */
static void
emit_distribution (Html *h, const ChartaNetworkItem *item)
{
  g_autoptr(GString) desc = g_string_new (NULL);
  double x = 0;

  for (int level = 1; level <= item->scale; level++)
    {
      /* Translators: one part of the text alternative of the chart "Cities at each level":
       * %d is a level, %u the number of cities at it ("level 2: 3") */
      g_autofree char *part = g_strdup_printf (T (N_("level %d: %u")), level, item->counts[level - 1]);

      g_string_append_printf (desc, "%s%s", level > 1 ? "; " : "", part);
    }
  emit (h, "<svg class=\"strip\" role=\"img\" width=\"%d\" height=\"14\" viewBox=\"0 0 %d 14\">"
           "<title>%s</title><desc>%s</desc>",
        STRIP_WIDTH, STRIP_WIDTH, T (N_("Cities at each level")), desc->str);
  for (int level = 1; level <= item->scale && item->cities > 0; level++)
    {
      double width = STRIP_WIDTH * (double) item->counts[level - 1] / item->cities;

      if (width <= 0)
        continue;
      g_string_append_printf (h->out, "<rect x=\"%.1f\" y=\"0\" width=\"%.1f\" height=\"14\" fill=\"%s\"/>",
                              x, width, level_fill (level, item->scale));
      x += width;
    }
  g_string_append (h->out, "</svg>");
}

/* A bar chart: one bar per @labels entry, @shares from 0 to 1 (@top names 1), @values
 * the bars' texts. */
static void
emit_bars (Html *h, const char *title, const char *desc, GPtrArray *labels, GArray *shares, GPtrArray *values,
           const char *top)
{
  int left = 36, width = left + BAR_WIDTH * (int) labels->len + 10, top_y = 20;

  emit (h, "<svg class=\"bars\" role=\"img\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">"
           "<title>%s</title><desc>%s</desc>",
        width, CHART_HEIGHT + 40, width, CHART_HEIGHT + 40, title, desc);
  /* The axis: 0 and the scale's top, a light line at the top. */
  g_string_append_printf (h->out, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#555\"/>"
                                  "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#c0c4ca\" "
                                  "stroke-dasharray=\"4 3\"/>"
                                  "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" font-size=\"11\">0</text>"
                                  "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" font-size=\"11\">",
                          left, CHART_HEIGHT, width - 6, CHART_HEIGHT, left, top_y, width - 6, top_y,
                          left - 4, CHART_HEIGHT + 4, left - 4, top_y + 4);
  dash_escape (h->out, top);
  g_string_append (h->out, "</text>");
  for (guint i = 0; i < labels->len; i++)
    {
      double share = CLAMP (g_array_index (shares, double, i), 0, 1);
      double height = share * (CHART_HEIGHT - top_y);
      int x = left + BAR_WIDTH * (int) i;
      const char *label = g_ptr_array_index (labels, i);
      /* Long names are cut in the chart; the table beside it has them whole. */
      g_autofree char *cut = g_utf8_substring (label, 0, MIN (g_utf8_strlen (label, -1), 7));

      g_string_append_printf (h->out, "<rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" fill=\"#3a6aa5\"/>",
                              x + 6, CHART_HEIGHT - height, BAR_WIDTH - 12, height);
      g_string_append_printf (h->out, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"11\">",
                              x + BAR_WIDTH / 2, CHART_HEIGHT - height - 4);
      dash_escape (h->out, g_ptr_array_index (values, i));
      g_string_append_printf (h->out, "</text><text x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-size=\"11\">",
                              x + BAR_WIDTH / 2, CHART_HEIGHT + 16);
      dash_escape (h->out, cut);
      g_string_append (h->out, "</text>");
    }
  g_string_append (h->out, "</svg>\n");
}

/* The reader's decimal mark: the hub cannot count on the system's locale data for it. */
static const char *
decimal_mark (Html *h)
{
  return charta_hub_messages_pget (h->messages, h->lang, CHARTA_FORMAT_DECIMAL_MARK_CONTEXT,
                                   CHARTA_FORMAT_DECIMAL_MARK);
}

/* A median is a whole level or halfway between two: one decimal, in the reader's way. */
static char *
format_median (Html *h, double median)
{
  return charta_format_number_in (median, 1, decimal_mark (h));
}

/* ---- the network ---- */

static void
emit_cities_table (Html *h, DashModel *model)
{
  emit (h, "<section aria-labelledby=\"cities\"><h2 id=\"cities\">%s</h2>\n", T (N_("Cities")));
  if (model->cities->len == 0)
    {
      emit (h, "<p>%s</p></section>\n", T (N_("No city has sent a report yet.")));
      return;
    }
  emit (h, "<table><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
           "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
           "<th scope=\"col\">%s</th></tr></thead><tbody>\n",
        T (N_("City")), T (N_("Latest period")), T (N_("Received")), T (N_("Items assessed")),
        T (N_("Planned")), T (N_("In progress")), T (N_("Done")), T (N_("Measures")));
  for (guint i = 0; i < model->cities->len; i++)
    {
      DashCity *city = g_ptr_array_index (model->cities, i);
      DashReport *latest = latest_report (city, NULL);
      const ChartaNode *actions;
      g_autofree char *received = NULL;

      /* A city is in the model for a report of its. */
      if (latest == NULL)
        continue;
      actions = charta_node_get_member (latest->summary, "actions");
      received = g_strndup (latest->received, 10);

      emit (h, "<tr><th scope=\"row\"><a href=\"/city/%s\">%s</a></th><td>%s</td><td>%s</td>", city->id,
            city->name, latest->period, received);
      emit (h, "<td class=\"n\">%d</td><td class=\"n\">%d</td><td class=\"n\">%d</td><td class=\"n\">%d</td>"
               "<td class=\"n\">%d</td></tr>\n",
            (int) member_int (latest->summary, "levels"), (int) member_int (actions, "planned"),
            (int) member_int (actions, "in-progress"), (int) member_int (actions, "done"),
            (int) member_int (latest->summary, "measures"));
    }
  g_string_append (h->out, "</tbody></table></section>\n");
}

static void
emit_items_table (Html *h, const ChartaNetworkSummary *summary, const char *period, gboolean links)
{
  /* Translators: a heading; %s is a reporting period (2024, 2024-H1…) */
  g_autofree char *heading = g_strdup_printf (T (N_("Items in %s")), period);

  emit (h, "<section aria-labelledby=\"items\"><h2 id=\"items\">%s</h2>\n", heading);
  if (summary->items->len == 0)
    {
      emit (h, "<p>%s</p></section>\n", T (N_("No levels were reported for this period.")));
      return;
    }
  emit (h, "<table><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
           "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>\n",
        T (N_("Item")), T (N_("Cities")), T (N_("Median")), T (N_("Spread")), T (N_("Cities at each level")));
  for (guint i = 0; i < summary->items->len; i++)
    {
      const ChartaNetworkItem *item = g_ptr_array_index (summary->items, i);
      g_autofree char *median = format_median (h, item->median);
      int low = 0, high = 0;

      for (int level = 1; level <= item->scale; level++)
        if (item->counts[level - 1] > 0)
          {
            low = low ? low : level;
            high = level;
          }
      if (links)
        emit (h, "<tr><th scope=\"row\"><a href=\"/item/%s?period=%s\">%s</a></th>", item->item, period,
              item_title (h, item->item));
      else
        emit (h, "<tr><th scope=\"row\">%s</th>", item_title (h, item->item));
      emit (h, "<td class=\"n\">%u</td><td class=\"n\">%s / %d</td><td class=\"n\">%d–%d</td><td>", item->cities,
            median, item->scale, low, high);
      emit_distribution (h, item);
      g_string_append (h->out, "</td></tr>\n");
    }
  g_string_append (h->out, "</tbody></table></section>\n");
}

DashPage *
dash_page_overview (DashModel *model, ChartaHubMessages *messages, const char *lang, const char *period,
                    GError **error)
{
  Html h_, *h = &h_;
  const ChartaNetworkSummary *summary = NULL;

  html_init (h, messages, lang);
  if (period == NULL && model->periods->len > 0)
    period = g_ptr_array_index (model->periods, 0);
  if (period != NULL && (summary = model_summary (model, period, error)) == NULL)
    {
      g_string_free (h->out, TRUE);
      return NULL;
    }
  emit (h, "<h1>%s</h1>\n", T (N_("Network overview")));
  if (period != NULL)
    emit_period_links (h, model, "/", period);
  emit_cities_table (h, model);
  if (summary != NULL)
    emit_items_table (h, summary, period, TRUE);
  return html_finish (h, T (N_("Network overview")), 200);
}

/* ---- a city ---- */

/* Levels reached as a share of their scales, per report. */
static void
emit_levels_chart (Html *h, DashCity *city)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) shares = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GString) desc = g_string_new (NULL);

  for (guint i = 0; i < city->reports->len; i++)
    {
      DashReport *report = g_ptr_array_index (city->reports, i);
      const ChartaNode *levels = body_member (report, "levels");
      double sum = 0, share;
      guint n = 0;

      for (guint j = 0; levels && levels->type == CHARTA_NODE_ARRAY && j < levels->array->len; j++)
        {
          const ChartaNode *level = g_ptr_array_index (levels->array, j);
          gint64 scale = member_int (level, "scale");

          if (scale > 0)
            {
              sum += (double) member_int (level, "level") / scale;
              n++;
            }
        }
      share = n ? sum / n : 0;
      g_ptr_array_add (labels, report->period);
      g_array_append_val (shares, share);
      g_ptr_array_add (values, g_strdup_printf ("%d%%", (int) (share * 100 + 0.5)));
      g_string_append_printf (desc, "%s%s: %d%%", i ? "; " : "", report->period, (int) (share * 100 + 0.5));
    }
  emit_bars (h, T (N_("Average level reached, as a share of the scale, per report")), desc->str, labels, shares,
             values, "100%");
}

/* Every item the city assessed, a column per report. */
static void
emit_levels_table (Html *h, DashCity *city)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < city->reports->len; i++)
    {
      DashReport *report = g_ptr_array_index (city->reports, i);
      const ChartaNode *levels = body_member (report, "levels");

      for (guint j = 0; levels && levels->type == CHARTA_NODE_ARRAY && j < levels->array->len; j++)
        {
          const char *item = member_string (g_ptr_array_index (levels->array, j), "item");

          if (item != NULL && g_hash_table_add (seen, (gpointer) item))
            g_ptr_array_add (items, (gpointer) item);
        }
    }
  emit (h, "<table><thead><tr><th scope=\"col\">%s</th>", T (N_("Item")));
  for (guint i = 0; i < city->reports->len; i++)
    emit (h, "<th scope=\"col\">%s</th>", ((DashReport *) g_ptr_array_index (city->reports, i))->period);
  g_string_append (h->out, "</tr></thead><tbody>\n");
  for (guint k = 0; k < items->len; k++)
    {
      const char *item = g_ptr_array_index (items, k);

      emit (h, "<tr><th scope=\"row\"><a href=\"/item/%s\">%s</a></th>", item, item_title (h, item));
      for (guint i = 0; i < city->reports->len; i++)
        {
          const ChartaNode *level = report_level (g_ptr_array_index (city->reports, i), item);

          if (level == NULL)
            g_string_append (h->out, "<td class=\"n\">–</td>");
          else
            emit (h, "<td class=\"n\" title=\"%s\">%d / %d</td>", level_title (h, item, member_int (level, "level")),
                  (int) member_int (level, "level"), (int) member_int (level, "scale"));
        }
      g_string_append (h->out, "</tr>\n");
    }
  g_string_append (h->out, "</tbody></table>\n");
}

static void
emit_reports_table (Html *h, DashCity *city)
{
  emit (h, "<table><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
           "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
           "<th scope=\"col\">%s</th></tr></thead><tbody>\n",
        T (N_("Period")), T (N_("Received")), T (N_("Items assessed")), T (N_("Planned")), T (N_("In progress")),
        T (N_("Done")), T (N_("Postponed")), T (N_("Cancelled")));
  for (guint i = city->reports->len; i > 0; i--)
    {
      DashReport *report = g_ptr_array_index (city->reports, i - 1);
      const ChartaNode *actions = charta_node_get_member (report->summary, "actions");
      g_autofree char *received = g_strndup (report->received, 10);

      emit (h, "<tr><th scope=\"row\">%s</th><td>%s</td><td class=\"n\">%d</td>", report->period, received,
            (int) member_int (report->summary, "levels"));
      for (guint s = 0; s < G_N_ELEMENTS (statuses); s++)
        emit (h, "<td class=\"n\">%d</td>", (int) member_int (actions, statuses[s]));
      g_string_append (h->out, "</tr>\n");
    }
  g_string_append (h->out, "</tbody></table>\n");
}

static void
emit_actions (Html *h, DashReport *report)
{
  const ChartaNode *actions = body_member (report, "actions");

  /* Translators: a heading; %s is a reporting period */
  g_autofree char *heading = g_strdup_printf (T (N_("Actions in %s")), report->period);

  emit (h, "<section aria-labelledby=\"actions\"><h2 id=\"actions\">%s</h2>\n", heading);
  for (guint s = 0; s < G_N_ELEMENTS (statuses); s++)
    {
      const ChartaNode *list = actions ? charta_node_get_member (actions, statuses[s]) : NULL;

      if (list == NULL || list->type != CHARTA_NODE_ARRAY || list->array->len == 0)
        continue;
      emit (h, "<h3>%s</h3><table><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
               "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>\n",
            T (status_labels[s]), T (N_("Action")), T (N_("Due")), T (N_("Progress")), T (N_("Items")));
      for (guint i = 0; i < list->array->len; i++)
        {
          const ChartaNode *action = g_ptr_array_index (list->array, i);
          const ChartaNode *items = charta_node_get_member (action, "items");
          const ChartaNode *progress = charta_node_get_member (action, "progress");

          emit (h, "<tr><th scope=\"row\">%s</th><td>%s</td><td class=\"n\">", member_string (action, "title"),
                member_string (action, "due") ? member_string (action, "due") : "–");
          if (progress != NULL)
            emit (h, "%d%%", (int) member_int (action, "progress"));
          g_string_append (h->out, "</td><td>");
          for (guint j = 0; items && items->type == CHARTA_NODE_ARRAY && j < items->array->len; j++)
            {
              const ChartaNode *item = g_ptr_array_index (items->array, j);

              if (item->type == CHARTA_NODE_STRING)
                emit (h, "%s<a href=\"/item/%s\">%s</a>", j ? ", " : "", item->string, item->string);
            }
          g_string_append (h->out, "</td></tr>\n");
        }
      g_string_append (h->out, "</tbody></table>\n");
    }
  g_string_append (h->out, "</section>\n");
}

/* A measure's value with its unit and date, as the reader's language writes it ("12,1 %"). */
static void
emit_value (Html *h, const ChartaNode *measure, const char *key, const char *unit)
{
  const ChartaNode *point = charta_node_get_member (measure, key);
  const ChartaNode *value = point ? charta_node_get_member (point, "value") : NULL;
  g_autofree char *text = NULL;

  if (value == NULL || value->type != CHARTA_NODE_NUMBER)
    {
      g_string_append (h->out, "<td class=\"n\">–</td>");
      return;
    }
  text = charta_format_value_in (g_ascii_strtod (value->number, NULL), unit, decimal_mark (h),
                                 charta_hub_messages_pget (h->messages, h->lang, CHARTA_FORMAT_VALUE_WITH_UNIT_CONTEXT,
                                                           CHARTA_FORMAT_VALUE_WITH_UNIT));
  emit (h, "<td class=\"n\">%s <span class=\"date\">(%s)</span></td>", text,
        member_string (point, "date") ? member_string (point, "date") : "");
}

static gboolean
point_value (const ChartaNode *measure, const char *key, double *value)
{
  const ChartaNode *point = charta_node_get_member (measure, key);
  const ChartaNode *node = point ? charta_node_get_member (point, "value") : NULL;

  return node != NULL && charta_node_get_double (node, value);
}

/* How far the latest value came from the baseline towards the target, as a bar. */
static void
emit_progress (Html *h, const ChartaNode *measure)
{
  double baseline, target, latest, share;
  int percent;

  if (!point_value (measure, "baseline", &baseline) || !point_value (measure, "target", &target) ||
      !point_value (measure, "latest", &latest) || target == baseline)
    {
      g_string_append (h->out, "<td class=\"n\">–</td>");
      return;
    }
  share = CLAMP ((latest - baseline) / (target - baseline), 0, 1);
  percent = (int) (share * 100 + 0.5);
  {
    /* Translators: a chart's text alternative; %d is a percentage, followed by a percent sign */
    g_autofree char *desc = g_strdup_printf (T (N_("%d%% of the way from the baseline to the target")), percent);

    emit (h, "<td><svg class=\"strip\" role=\"img\" width=\"%d\" height=\"14\" viewBox=\"0 0 %d 14\">"
             "<title>%s</title><desc>%s</desc><rect x=\"0\" y=\"0\" width=\"%d\" height=\"14\" fill=\"%s\"/>",
          STRIP_WIDTH, STRIP_WIDTH, T (N_("Towards the target")), desc, STRIP_WIDTH, level_fills[0]);
    g_string_append_printf (h->out, "<rect x=\"0\" y=\"0\" width=\"%.1f\" height=\"14\" fill=\"%s\"/></svg> %d%%</td>",
                            STRIP_WIDTH * share, level_fills[3], percent);
  }
}

static void
emit_measures (Html *h, DashReport *report)
{
  const ChartaNode *measures = body_member (report, "measures");

  emit (h, "<section aria-labelledby=\"measures\"><h2 id=\"measures\">%s</h2>\n", T (N_("Measures")));
  if (measures == NULL || measures->type != CHARTA_NODE_ARRAY || measures->array->len == 0)
    {
      emit (h, "<p>%s</p></section>\n", T (N_("This report has no measures.")));
      return;
    }
  emit (h, "<table><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
           "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>\n",
        T (N_("Measure")), T (N_("Baseline")), T (N_("Latest")), T (N_("Target")), T (N_("Towards the target")));
  for (guint i = 0; i < measures->array->len; i++)
    {
      const ChartaNode *measure = g_ptr_array_index (measures->array, i);
      const char *unit = member_string (measure, "unit");

      emit (h, "<tr><th scope=\"row\">%s</th>", member_string (measure, "title"));
      emit_value (h, measure, "baseline", unit);
      emit_value (h, measure, "latest", unit);
      emit_value (h, measure, "target", unit);
      emit_progress (h, measure);
      g_string_append (h->out, "</tr>\n");
    }
  g_string_append (h->out, "</tbody></table></section>\n");
}

DashPage *
dash_page_city (DashModel *model, ChartaHubMessages *messages, const char *lang, const char *id, gboolean full)
{
  DashCity *city = g_hash_table_lookup (model->by_id, id);
  Html h_, *h = &h_;
  DashReport *latest;
  const char *narrative;

  latest = city ? latest_report (city, NULL) : NULL;
  if (latest == NULL)
    return dash_page_not_found (messages, lang);
  html_init (h, messages, lang);
  emit (h, "<h1>%s</h1>\n", city->name);
  narrative = member_string (latest->summary, "narrative");
  if (narrative != NULL)
    emit (h, "<p class=\"narrative\">%s</p>\n", narrative);
  emit (h, "<section aria-labelledby=\"levels\"><h2 id=\"levels\">%s</h2>\n", T (N_("Levels over the reports")));
  emit_levels_chart (h, city);
  emit_levels_table (h, city);
  g_string_append (h->out, "</section>\n");
  emit (h, "<section aria-labelledby=\"reports\"><h2 id=\"reports\">%s</h2>\n", T (N_("Reports and actions by status")));
  emit_reports_table (h, city);
  g_string_append (h->out, "</section>\n");
  if (full)
    {
      emit_actions (h, latest);
      emit_measures (h, latest);
    }
  else
    emit (h, "<p class=\"note\">%s</p>\n",
          T (N_("A report’s actions and measures are shown to its own city only, as the hub’s API does.")));
  return html_finish (h, city->name, 200);
}

/* ---- an item ---- */

DashPage *
dash_page_item (DashModel *model, ChartaHubMessages *messages, const char *lang, const char *id, const char *period)
{
  Html h_, *h = &h_;
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) shares = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GString) desc = g_string_new (NULL);
  g_autoptr(GString) rows = g_string_new (NULL);
  GString *main_out;
  const char *title;

  if (charta_catalogue_lookup (charta_catalogue_get_default (), id) == NULL)
    return dash_page_not_found (messages, lang);
  if (period == NULL && model->periods->len > 0)
    period = g_ptr_array_index (model->periods, 0);
  html_init (h, messages, lang);
  title = item_title (h, id);
  emit (h, "<h1>%s</h1>\n<p><code>%s</code></p>\n", title, id);
  if (period != NULL)
    emit_period_links (h, model, "", period);
  /* The rows are written first, into their own string, while the chart's data is gathered. */
  main_out = h->out;
  h->out = rows;
  for (guint i = 0; period != NULL && i < model->cities->len; i++)
    {
      DashCity *city = g_ptr_array_index (model->cities, i);
      DashReport *report = latest_report (city, period);
      const ChartaNode *level = report ? report_level (report, id) : NULL;
      int value = (int) member_int (level, "level"), scale = (int) member_int (level, "scale");

      if (level == NULL || scale <= 0)
        continue;
      g_ptr_array_add (labels, city->name);
      g_array_append_vals (shares, &(double) { (double) value / scale }, 1);
      g_ptr_array_add (values, g_strdup_printf ("%d", value));
      g_string_append_printf (desc, "%s%s: %d / %d", desc->len ? "; " : "", city->name, value, scale);
      emit (h, "<tr><th scope=\"row\"><a href=\"/city/%s\">%s</a></th><td class=\"n\">%d / %d</td><td>%s</td></tr>\n",
            city->id, city->name, value, scale, level_title (h, id, value));
    }
  h->out = main_out;
  if (labels->len == 0)
    emit (h, "<p>%s</p>\n", T (N_("No city reported a level for this item in this period.")));
  else
    {
      /* Translators: a chart's title; %s is a reporting period */
      g_autofree char *chart = g_strdup_printf (T (N_("Each city’s level in %s")), period);

      g_autofree char *top = g_strdup_printf ("%d", scale_of (id));

      emit_bars (h, chart, desc->str, labels, shares, values, top);
      emit (h, "<table><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
               "</tr></thead><tbody>\n",
            T (N_("City")), T (N_("Level")), T (N_("Meaning")));
      g_string_append (h->out, rows->str);
      g_string_append (h->out, "</tbody></table>\n");
    }
  return html_finish (h, title, 200);
}

DashPage *
dash_page_not_found (ChartaHubMessages *messages, const char *lang)
{
  Html h_, *h = &h_;

  html_init (h, messages, lang);
  emit (h, "<h1>%s</h1>\n<p><a href=\"/\">%s</a></p>\n", T (N_("Not found")), T (N_("Network overview")));
  return html_finish (h, T (N_("Not found")), 404);
}
