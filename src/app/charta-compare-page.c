/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-compare-page"
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "charta-compare-page.h"
#include "charta-network.h"
#include "charta-secrets.h"
#include "charta-sync.h"
#include "charta-ui-utils.h"

/* The page is a period row above a stack of four children: "no-hub" (no address set),
 * "loading" (a spinner while the token is looked up and the summary fetched), "error"
 * (what went wrong, and Try Again) and "loaded" (the rows). A fetch in flight is cancelled
 * by the next one. The rows are rebuilt from the summary kept when the city's levels change,
 * without fetching again. */

/* ---- the bar: the city's level on the scale, the network's median as a mark ---- */

#define CHARTA_TYPE_COMPARE_BAR (charta_compare_bar_get_type ())
G_DECLARE_FINAL_TYPE (ChartaCompareBar, charta_compare_bar, CHARTA, COMPARE_BAR, GtkWidget)

struct _ChartaCompareBar {
  GtkWidget parent_instance;
  int level;
  int scale;
  double median;     /* < 0: no other city reports the item */
};

G_DEFINE_FINAL_TYPE (ChartaCompareBar, charta_compare_bar, GTK_TYPE_WIDGET)

static void
charta_compare_bar_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  ChartaCompareBar *self = CHARTA_COMPARE_BAR (widget);
  const GdkRGBA accent = { 0.21, 0.52, 0.89, 1 };
  const double gap = 2, bar_h = 10;
  double w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  double cell = (w - gap * (self->scale - 1)) / MAX (self->scale, 1), y = (h - bar_h) / 2;
  GdkRGBA fg, track;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  track = fg;
  track.alpha = 0.15;
  /* One cell per level, filled up to the city's. */
  for (int i = 0; i < self->scale; i++)
    gtk_snapshot_append_color (snapshot, i < self->level ? &accent : &track,
                               &GRAPHENE_RECT_INIT (i * (cell + gap), y, cell, bar_h));
  if (self->median >= 1)
    {
      /* The median's mark stands at the end of its level's cell (between two for .5). */
      double x = (self->median - 1) * (cell + gap) + cell + gap / 2 - 1;
      gtk_snapshot_append_color (snapshot, &fg, &GRAPHENE_RECT_INIT (CLAMP (x, 0, w - 2), 0, 2, h));
    }
}

static void
charta_compare_bar_class_init (ChartaCompareBarClass *klass)
{
  GTK_WIDGET_CLASS (klass)->snapshot = charta_compare_bar_snapshot;
  gtk_widget_class_set_accessible_role (GTK_WIDGET_CLASS (klass), GTK_ACCESSIBLE_ROLE_IMG);
}

static void
charta_compare_bar_init (ChartaCompareBar *self)
{
  gtk_widget_set_size_request (GTK_WIDGET (self), 120, 22);
  gtk_widget_set_valign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
}

static GtkWidget *
compare_bar_new (int level, int scale, double median, const char *description)
{
  ChartaCompareBar *bar = g_object_new (CHARTA_TYPE_COMPARE_BAR, NULL);

  bar->level = level;
  bar->scale = MAX (scale, 1);
  bar->median = median;
  gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL, description, -1);
  return GTK_WIDGET (bar);
}

/* ---- the page ---- */

struct _ChartaComparePage {
  GtkWidget parent_instance;

  GtkWidget *box;
  GtkWidget *period_row;
  GtkStack *stack;
  GtkWidget *spinner;
  AdwStatusPage *error_page;
  GtkWidget *heading;
  GtkWidget *rows_box;
  ChartaDocument *document;
  char *endpoint;
  char *period;
  ChartaNetworkSummary *summary;
  SoupSession *session;
  GCancellable *cancellable;
  guint rebuild_id;
};

G_DEFINE_FINAL_TYPE (ChartaComparePage, charta_compare_page, GTK_TYPE_WIDGET)

static void
show (ChartaComparePage *self, const char *name)
{
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), g_strcmp0 (name, "loading") == 0);
  gtk_stack_set_visible_child_name (self->stack, name);
}

static void
show_error (ChartaComparePage *self, const char *message)
{
  adw_status_page_set_description (self->error_page, message);
  show (self, "error");
}

static char *
format_median (double median)
{
  /* The median of an even count may fall between two levels. */
  return fabs (median - round (median)) < 1e-9 ? g_strdup_printf ("%.0f", median) : g_strdup_printf ("%.1f", median);
}

static GtkWidget *
item_row (const char *city, const ChartaItem *item, int level, const ChartaNetworkItem *network)
{
  const ChartaFramework *framework = charta_item_get_framework (item);
  const ChartaLevel *level_info = charta_framework_find_level (framework, level);
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *text = NULL;
  g_autofree char *mine = NULL;
  double median = -1;
  guint cities = network ? network->cities : 0;
  int scale = MAX (network ? network->scale : 0, (int) charta_framework_get_n_levels (framework));

  /* Translators: a city's level on an item, e.g. "Mechelen: level 3 (Established)" */
  mine = g_strdup_printf (_("%s: level %d (%s)"), city, level, level_info ? charta_level_get_title (level_info) : "?");
  if (network != NULL && cities > 0)
    {
      g_autofree char *m = format_median (network->median);
      g_autofree char *n = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u city", "%u cities", (gulong) cities),
                                            cities);

      median = network->median;
      /* Translators: e.g. "Mechelen: level 3 (Established) · network median 2.5 (4 cities)" */
      text = g_strdup_printf (_("%s · network median %s (%s)"), mine, m, n);
    }
  else
    /* Translators: %s is e.g. "Mechelen: level 3 (Established)" */
    text = g_strdup_printf (_("%s · no city has reported this item for the period"), mine);
  charta_row_set_title (row, charta_item_get_title (item));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), compare_bar_new (level, scale, median, text));
  g_object_set_data_full (G_OBJECT (row), "charta-item", g_strdup (charta_item_get_id (item)), g_free);
  return row;
}

static int
compare_positions (gconstpointer a, gconstpointer b)
{
  const ChartaItem *x = charta_catalogue_lookup (charta_catalogue_get_default (), (*(ChartaAssessment **) a)->item);
  const ChartaItem *y = charta_catalogue_lookup (charta_catalogue_get_default (), (*(ChartaAssessment **) b)->item);
  guint px = x ? charta_item_get_position (x) : G_MAXUINT, py = y ? charta_item_get_position (y) : G_MAXUINT;

  return px < py ? -1 : px > py;
}

static void
clear_rows (ChartaComparePage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->rows_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->rows_box), child);
}

/* One group per framework, items in catalogue order: the city's assessed items only. */
static void
rebuild (ChartaComparePage *self)
{
  const ChartaProject *project;
  g_autoptr(GPtrArray) assessed = g_ptr_array_new ();
  g_autofree char *heading = NULL;
  const ChartaFramework *current = NULL;
  GtkWidget *group = NULL;

  clear_rows (self);
  if (self->document == NULL || self->summary == NULL)
    return;
  project = charta_document_get_project (self->document);
  for (guint i = 0; project->assessments && i < project->assessments->len; i++)
    {
      ChartaAssessment *a = g_ptr_array_index (project->assessments, i);
      if (a->level != CHARTA_UNSET && charta_catalogue_lookup (charta_catalogue_get_default (), a->item) != NULL)
        g_ptr_array_add (assessed, a);
    }
  g_ptr_array_sort (assessed, compare_positions);
  /* Translators: %s is a reporting period, %u a number of cities */
  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u city reported for %s. The bar shows the city’s level; "
                                          "the line marks the network’s median.",
                                          "%u cities reported for %s. The bar shows the city’s level; "
                                          "the line marks the network’s median.",
                                          (gulong) self->summary->cities),
                             self->summary->cities, self->period);
  gtk_label_set_text (GTK_LABEL (self->heading), heading);
  for (guint i = 0; i < assessed->len; i++)
    {
      ChartaAssessment *a = g_ptr_array_index (assessed, i);
      const ChartaItem *item = charta_catalogue_lookup (charta_catalogue_get_default (), a->item);

      if (charta_item_get_framework (item) != current)
        {
          current = charta_item_get_framework (item);
          group = adw_preferences_group_new ();
          adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), charta_framework_get_title (current));
          gtk_box_append (GTK_BOX (self->rows_box), group);
        }
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                 item_row (project->city->name, item, a->level, charta_network_summary_find (self->summary, a->item)));
    }
  if (assessed->len == 0)
    {
      GtkWidget *label = gtk_label_new (_("The city has not assessed any framework item yet."));
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (self->rows_box), label);
    }
}

static void
summary_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(ChartaComparePage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ChartaNode) node = charta_sync_get_summary_finish (result, &error);
  ChartaNetworkSummary *summary = node ? charta_network_summary_from_node (node, &error) : NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (summary == NULL)
    {
      show_error (self, error->message);
      return;
    }
  g_clear_pointer (&self->summary, charta_network_summary_free);
  self->summary = summary;
  rebuild (self);
  show (self, "loaded");
}

static void
token_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(ChartaComparePage) self = user_data;
  g_autoptr(GError) error = NULL;
  char *token = charta_secrets_lookup_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (token == NULL)
    {
      g_autofree char *text = NULL;
      if (error != NULL)
        /* Translators: %s is why the desktop's password store could not be read */
        text = g_strdup_printf (_("The token could not be read from the desktop’s password store: %s"), error->message);
      else
        text = g_strdup (_("There is no token for this hub. Add the one the hub gave the city in Preferences."));
      show_error (self, text);
      return;
    }
  charta_sync_get_summary_async (self->session, self->endpoint, token, self->period, self->cancellable,
                                 summary_cb, g_object_ref (self));
  charta_secrets_free (token);
}

static void
on_period_apply_cb (ChartaComparePage *self)
{
  g_autofree char *period = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->period_row))));
  charta_compare_page_set_period (self, period);
  charta_compare_page_reload (self);
}

static gboolean
rebuild_idle (gpointer data)
{
  ChartaComparePage *self = data;
  self->rebuild_id = 0;
  rebuild (self);
  return G_SOURCE_REMOVE;
}

static void
queue_rebuild (ChartaComparePage *self)
{
  if (self->rebuild_id == 0 && self->summary != NULL)
    self->rebuild_id = g_idle_add (rebuild_idle, self);
}

/* ---- GObject ---- */

static void
charta_compare_page_dispose (GObject *object)
{
  ChartaComparePage *self = CHARTA_COMPARE_PAGE (object);

  charta_compare_page_set_document (self, NULL);
  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  G_OBJECT_CLASS (charta_compare_page_parent_class)->dispose (object);
}

static void
charta_compare_page_finalize (GObject *object)
{
  ChartaComparePage *self = CHARTA_COMPARE_PAGE (object);

  g_free (self->endpoint);
  g_free (self->period);
  g_clear_pointer (&self->summary, charta_network_summary_free);
  g_clear_object (&self->session);
  G_OBJECT_CLASS (charta_compare_page_parent_class)->finalize (object);
}

static void
charta_compare_page_class_init (ChartaComparePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = charta_compare_page_dispose;
  object_class->finalize = charta_compare_page_finalize;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
}

static GtkWidget *
status_page (const char *icon, const char *title, const char *description, GtkWidget *child)
{
  GtkWidget *page = adw_status_page_new ();

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (page), icon);
  adw_status_page_set_title (ADW_STATUS_PAGE (page), title);
  adw_status_page_set_description (ADW_STATUS_PAGE (page), description);
  adw_status_page_set_child (ADW_STATUS_PAGE (page), child);
  return page;
}

static GtkWidget *
pill_button (const char *label, const char *action)
{
  GtkWidget *button = charta_button_new_with_mnemonic (label);

  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "pill");
  if (action)
    gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  return button;
}

static GtkWidget *
loaded_child (ChartaComparePage *self)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);

  self->heading = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->heading), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->heading), 0);
  gtk_widget_add_css_class (self->heading, "dim-label");
  self->rows_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  gtk_box_append (GTK_BOX (box), self->heading);
  gtk_box_append (GTK_BOX (box), self->rows_box);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 800);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  return scroller;
}

static GtkWidget *
period_group (ChartaComparePage *self)
{
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *reload = gtk_button_new_from_icon_name ("view-refresh-symbolic");

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Network Comparison"));
  self->period_row = adw_entry_row_new ();
  charta_row_set_title (self->period_row, _("Period (2024, 2024-H1, 2024-Q3 or 2024-05)"));
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (self->period_row), TRUE);
  g_signal_connect_swapped (self->period_row, "apply", G_CALLBACK (on_period_apply_cb), self);
  gtk_widget_set_valign (reload, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (reload, "flat");
  gtk_widget_set_tooltip_text (reload, _("Load Again"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (reload), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Load Again"), -1);
  g_signal_connect_swapped (reload, "clicked", G_CALLBACK (charta_compare_page_reload), self);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (self->period_row), reload);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->period_row);
  gtk_widget_set_margin_top (clamp, 24);
  gtk_widget_set_margin_bottom (clamp, 12);
  gtk_widget_set_margin_start (clamp, 12);
  gtk_widget_set_margin_end (clamp, 12);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 800);
  adw_clamp_set_child (ADW_CLAMP (clamp), group);
  return clamp;
}

static void
charta_compare_page_init (ChartaComparePage *self)
{
  GtkWidget *retry = pill_button (_("_Try Again"), NULL);

  self->session = charta_soup_session_new ();
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (self->box), period_group (self));
  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_stack_add_named (self->stack,
                       status_page ("network-server-symbolic", _("No Hub Set"),
                                    _("Give the network hub’s address and the city’s token in Preferences to compare "
                                      "the city’s levels with the network’s."),
                                    pill_button (_("_Preferences"), "win.preferences")),
                       "no-hub");
  self->spinner = gtk_spinner_new ();
  gtk_widget_set_size_request (self->spinner, 32, 32);
  gtk_widget_set_halign (self->spinner, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->spinner), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Loading"), -1);
  gtk_stack_add_named (self->stack, status_page (NULL, _("Loading the Network Summary…"), NULL, self->spinner),
                       "loading");
  self->error_page = ADW_STATUS_PAGE (status_page ("network-offline-symbolic", _("Could Not Load the Network Summary"),
                                                   NULL, retry));
  g_signal_connect_swapped (retry, "clicked", G_CALLBACK (charta_compare_page_reload), self);
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->error_page), "error");
  gtk_stack_add_named (self->stack, loaded_child (self), "loaded");
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->stack));
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  show (self, "no-hub");
}

/* ---- public API ---- */

GtkWidget *
charta_compare_page_new (void)
{
  return g_object_new (CHARTA_TYPE_COMPARE_PAGE, NULL);
}

void
charta_compare_page_set_document (ChartaComparePage *self, ChartaDocument *document)
{
  g_return_if_fail (CHARTA_IS_COMPARE_PAGE (self));

  if (self->document == document)
    return;
  if (self->document)
    {
      g_signal_handlers_disconnect_by_data (self->document, self);
      g_clear_object (&self->document);
    }
  g_clear_pointer (&self->summary, charta_network_summary_free);
  if (document)
    {
      self->document = g_object_ref (document);
      g_signal_connect_swapped (document, "assessment-changed", G_CALLBACK (queue_rebuild), self);
      g_signal_connect_swapped (document, "reloaded", G_CALLBACK (queue_rebuild), self);
    }
  clear_rows (self);
}

void
charta_compare_page_set_endpoint (ChartaComparePage *self, const char *endpoint)
{
  g_return_if_fail (CHARTA_IS_COMPARE_PAGE (self));

  if (g_strcmp0 (self->endpoint, endpoint) == 0)
    return;
  g_free (self->endpoint);
  self->endpoint = endpoint && *endpoint ? g_strdup (endpoint) : NULL;
  /* What was loaded came from another hub. */
  g_clear_pointer (&self->summary, charta_network_summary_free);
  clear_rows (self);
  if (self->endpoint == NULL)
    show (self, "no-hub");
}

void
charta_compare_page_set_period (ChartaComparePage *self, const char *period)
{
  g_return_if_fail (CHARTA_IS_COMPARE_PAGE (self));

  if (g_strcmp0 (self->period, period) != 0)
    {
      g_free (self->period);
      self->period = g_strdup (period);
    }
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->period_row)), period ? period : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->period_row), period ? period : "");
}

void
charta_compare_page_reload (ChartaComparePage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  const ChartaProject *project;

  g_return_if_fail (CHARTA_IS_COMPARE_PAGE (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->endpoint == NULL || self->document == NULL)
    {
      show (self, "no-hub");
      return;
    }
  url = charta_sync_summary_url (self->endpoint, self->period ? self->period : "", &error);
  if (url == NULL)
    {
      if (error->domain == CHARTA_REPORT_ERROR)
        gtk_widget_add_css_class (self->period_row, "error");
      show_error (self, error->message);
      return;
    }
  gtk_widget_remove_css_class (self->period_row, "error");
  project = charta_document_get_project (self->document);
  self->cancellable = g_cancellable_new ();
  show (self, "loading");
  charta_secrets_lookup_async (self->endpoint, project->city->id, self->cancellable, token_cb, g_object_ref (self));
}

const char *
charta_compare_page_get_state (ChartaComparePage *self)
{
  g_return_val_if_fail (CHARTA_IS_COMPARE_PAGE (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}
