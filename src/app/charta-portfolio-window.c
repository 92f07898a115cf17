/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-portfolio-window"
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "charta-portfolio-line.h"
#include "charta-portfolio-window.h"
#include "charta-ui-utils.h"

/* The table's rows, filtered by the core's rule and sorted by the column a user clicks:
 *
 *   lines (GListStore of ChartaPortfolioLine: items, then figures)
 *     └─ GtkFilterListModel (charta_portfolio_row_matches () on the three drop-downs)
 *         └─ GtkSortListModel (the column view's sorter)
 *             └─ GtkNoSelection ─ GtkColumnView
 *
 * The table's columns: the item, the network median, then one per city that loaded. */

/* Column numbers a cell factory is made for; cities follow. */
enum {
  COLUMN_TITLE,
  COLUMN_MEDIAN,
  COLUMN_FIRST_CITY
};

struct _ChartaPortfolioWindow {
  AdwWindow parent_instance;

  AdwWindowTitle *window_title;
  GtkStack *stack;
  GtkListBox *files;
  GtkColumnView *table;
  GtkDropDown *framework_filter;
  GtkDropDown *group_filter;
  GtkDropDown *role_filter;
  GtkDropDown *sort_order;

  GListStore *lines;
  GtkCustomFilter *filter;
  ChartaPortfolio *portfolio;
  GArray *cities;           /* of guint: the portfolio entry of each city column */
  GPtrArray *frameworks;    /* the drop-downs' choices, NULL first for "all" */
  GPtrArray *groups;
  GPtrArray *roles;
  GCancellable *cancellable;
  gboolean busy;
};

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ChartaPortfolioWindow, charta_portfolio_window, ADW_TYPE_WINDOW)

static void
set_busy (ChartaPortfolioWindow *self, gboolean busy)
{
  if (self->busy == busy)
    return;
  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static gconstpointer
chosen (GtkDropDown *drop_down, GPtrArray *choices)
{
  guint i = gtk_drop_down_get_selected (drop_down);

  return i < choices->len ? g_ptr_array_index (choices, i) : NULL;
}

/* Figures are per city, not per item: every filter keeps them. */
static gboolean
line_shown (gpointer item, gpointer user_data)
{
  ChartaPortfolioWindow *self = user_data;
  const ChartaPortfolioRow *row = charta_portfolio_line_get_row (item);

  return row == NULL || charta_portfolio_row_matches (row, chosen (self->framework_filter, self->frameworks),
                                                      chosen (self->group_filter, self->groups),
                                                      chosen (self->role_filter, self->roles));
}

static void
fill_frameworks (ChartaPortfolioWindow *self)
{
  ChartaCatalogue *catalogue = charta_catalogue_get_default ();
  GtkStringList *strings = GTK_STRING_LIST (gtk_drop_down_get_model (self->framework_filter));

  g_ptr_array_add (self->frameworks, NULL);
  gtk_string_list_append (strings, _("All Frameworks"));
  for (guint f = 0; f < charta_catalogue_get_n_frameworks (catalogue); f++)
    {
      const ChartaFramework *fw = charta_catalogue_get_framework (catalogue, f);
      g_ptr_array_add (self->frameworks, (gpointer) fw);
      gtk_string_list_append (strings, charta_framework_get_title (fw));
    }
}

/* The catalogue's items of @kind (DIVE groups, Charter roles) as a drop-down's choices. */
static void
fill_items (GtkDropDown *drop_down, GPtrArray *choices, const char *all, const char *kind)
{
  ChartaCatalogue *catalogue = charta_catalogue_get_default ();
  GtkStringList *strings = GTK_STRING_LIST (gtk_drop_down_get_model (drop_down));

  g_ptr_array_add (choices, NULL);
  gtk_string_list_append (strings, all);
  for (guint f = 0; f < charta_catalogue_get_n_frameworks (catalogue); f++)
    {
      const ChartaFramework *fw = charta_catalogue_get_framework (catalogue, f);
      for (guint i = 0; i < charta_framework_get_n_items (fw); i++)
        {
          const ChartaItem *item = charta_framework_get_item (fw, i);
          if (g_strcmp0 (charta_item_get_kind (item), kind) != 0)
            continue;
          g_ptr_array_add (choices, (gpointer) item);
          gtk_string_list_append (strings, charta_item_get_title (item));
        }
    }
}

/* ---- cells ---- */

static void
setup_cell_cb (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer column)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (GPOINTER_TO_UINT (column) == COLUMN_TITLE)
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (list_item, label);
}

static const char *
cell_text (ChartaPortfolioLine *line, guint column)
{
  if (column == COLUMN_TITLE)
    return charta_portfolio_line_get_title (line);
  if (column == COLUMN_MEDIAN)
    return charta_portfolio_line_get_median_text (line);
  return charta_portfolio_line_get_text (line, column - COLUMN_FIRST_CITY);
}

/* An empty cell says so in words to a screen reader, not by a dash alone. */
static void
bind_cell_cb (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer column)
{
  ChartaPortfolioLine *line = gtk_list_item_get_item (list_item);
  GtkWidget *label = gtk_list_item_get_child (list_item);
  const char *text = cell_text (line, GPOINTER_TO_UINT (column));
  gboolean is_item = charta_portfolio_line_get_row (line) != NULL;
  const char *none = is_item ? _("Not assessed") : _("None");

  /* A figure per city has no network median: the cell stays blank. */
  if (!is_item && GPOINTER_TO_UINT (column) == COLUMN_MEDIAN)
    {
      gtk_label_set_text (GTK_LABEL (label), "");
      gtk_accessible_reset_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL);
      return;
    }
  gtk_label_set_text (GTK_LABEL (label), text ? text : "—");
  gtk_widget_set_tooltip_text (label, GPOINTER_TO_UINT (column) == COLUMN_TITLE ? text : NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL, text ? text : none, -1);
}

static double
cell_value (ChartaPortfolioLine *line, guint column)
{
  if (column == COLUMN_MEDIAN)
    return charta_portfolio_line_get_median (line);
  return charta_portfolio_line_get_value (line, column - COLUMN_FIRST_CITY);
}

/* Numbers in order; a cell without one after them. */
static int
compare_cells (gconstpointer a, gconstpointer b, gpointer column)
{
  guint c = GPOINTER_TO_UINT (column);
  double va, vb;

  if (c == COLUMN_TITLE)
    return g_utf8_collate (charta_portfolio_line_get_title ((gpointer) a),
                           charta_portfolio_line_get_title ((gpointer) b));
  va = cell_value ((gpointer) a, c);
  vb = cell_value ((gpointer) b, c);
  if (isnan (va) || isnan (vb))
    return isnan (va) - isnan (vb);
  return va < vb ? -1 : va > vb;
}

static GtkColumnViewColumn *
add_column (ChartaPortfolioWindow *self, const char *title, guint column)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *col;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), GUINT_TO_POINTER (column));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), GUINT_TO_POINTER (column));
  col = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_resizable (col, TRUE);
  gtk_column_view_column_set_sorter (col, GTK_SORTER (gtk_custom_sorter_new (compare_cells, GUINT_TO_POINTER (column), NULL)));
  gtk_column_view_append_column (self->table, col);
  g_object_unref (col);
  return col;
}

/* A city's column header opens its project from its menu (a right click). */
static void
add_city_column (ChartaPortfolioWindow *self, guint city, guint entry, const char *name)
{
  GtkColumnViewColumn *col = add_column (self, name, COLUMN_FIRST_CITY + city);
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenuItem) open = g_menu_item_new (_("_Open Project"), NULL);

  g_menu_item_set_action_and_target (open, "portfolio.open-city", "u", entry);
  g_menu_append_item (menu, open);
  gtk_column_view_column_set_header_menu (col, G_MENU_MODEL (menu));
}

static void
remove_columns (ChartaPortfolioWindow *self)
{
  GListModel *columns = gtk_column_view_get_columns (self->table);

  while (g_list_model_get_n_items (columns) > 0)
    {
      g_autoptr(GtkColumnViewColumn) col = g_list_model_get_item (columns, 0);
      gtk_column_view_remove_column (self->table, col);
    }
}

static void
fill_sort_order (ChartaPortfolioWindow *self)
{
  GListModel *columns = gtk_column_view_get_columns (self->table);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  GtkStringList *strings = GTK_STRING_LIST (gtk_drop_down_get_model (self->sort_order));

  g_ptr_array_add (names, (gpointer) _("Catalogue Order"));
  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) col = g_list_model_get_item (columns, i);
      g_ptr_array_add (names, (gpointer) gtk_column_view_column_get_title (col));
    }
  g_ptr_array_add (names, NULL);
  gtk_string_list_splice (strings, 0, g_list_model_get_n_items (G_LIST_MODEL (strings)), (const char * const *) names->pdata);
  gtk_drop_down_set_selected (self->sort_order, 0);
}

/* ---- lines ---- */

/* A level in a number and a word, never by colour alone: "3 · Developing". */
static char *
level_text (const ChartaItem *item, int value)
{
  const ChartaLevel *level = charta_framework_find_level (charta_item_get_framework (item), value);

  return level ? g_strdup_printf ("%d · %s", value, charta_level_get_title (level)) : g_strdup_printf ("%d", value);
}

static ChartaPortfolioLine *
item_line (ChartaPortfolioWindow *self, const ChartaPortfolioRow *row)
{
  ChartaPortfolioLine *line = charta_portfolio_line_new (charta_item_get_id (row->item), charta_item_get_title (row->item),
                                                         row, self->cities->len);

  for (guint c = 0; c < self->cities->len; c++)
    {
      int level = row->levels[g_array_index (self->cities, guint, c)];
      g_autofree char *text = level == CHARTA_UNSET ? NULL : level_text (row->item, level);
      charta_portfolio_line_set_cell (line, c, text, level == CHARTA_UNSET ? NAN : level);
    }
  if (!isnan (row->median))
    {
      g_autofree char *text = g_strdup_printf ("%.1f", row->median);
      charta_portfolio_line_set_median (line, text, row->median);
    }
  return line;
}

typedef guint (*EntryFigure) (const ChartaPortfolioEntry *e, gconstpointer data);

static guint figure_actions (const ChartaPortfolioEntry *e, gconstpointer status) { return e->actions[GPOINTER_TO_UINT (status)]; }
static guint figure_overdue (const ChartaPortfolioEntry *e, gconstpointer data) { return e->n_overdue; }
static guint figure_reviews (const ChartaPortfolioEntry *e, gconstpointer data) { return e->n_reviews_in_progress; }

static void
add_figure (ChartaPortfolioWindow *self, const char *key, const char *title, EntryFigure figure, gconstpointer data)
{
  g_autoptr(ChartaPortfolioLine) line = charta_portfolio_line_new (key, title, NULL, self->cities->len);

  for (guint c = 0; c < self->cities->len; c++)
    {
      guint n = figure (g_ptr_array_index (self->portfolio->entries, g_array_index (self->cities, guint, c)), data);
      g_autofree char *text = g_strdup_printf ("%u", n);
      charta_portfolio_line_set_cell (line, c, text, n);
    }
  g_list_store_append (self->lines, line);
}

/* The last round by its name and date; sorted by the date. */
static void
add_round_figure (ChartaPortfolioWindow *self)
{
  g_autoptr(ChartaPortfolioLine) line = charta_portfolio_line_new ("round", _("Last Round"), NULL, self->cities->len);

  for (guint c = 0; c < self->cities->len; c++)
    {
      const ChartaPortfolioEntry *e = g_ptr_array_index (self->portfolio->entries, g_array_index (self->cities, guint, c));
      g_autofree char *text = NULL;
      int y = 0, m = 0, d = 0;

      if (e->last_round == NULL)
        continue;
      sscanf (e->last_round->closed, "%d-%d-%d", &y, &m, &d);
      /* Translators: the last reporting round of a city: its name and the date it was closed */
      text = g_strdup_printf (_("%s (%s)"), e->last_round->label, e->last_round->closed);
      charta_portfolio_line_set_cell (line, c, text, y * 10000 + m * 100 + d);
    }
  g_list_store_append (self->lines, line);
}

static void
add_figures (ChartaPortfolioWindow *self)
{
  for (guint s = 0; s < CHARTA_N_STATUSES; s++)
    {
      g_autofree char *key = g_strdup_printf ("actions:%s", charta_status_to_string (s));
      /* Translators: a row of the portfolio: the number of a city's actions of a status, e.g. "Actions: Planned" */
      g_autofree char *title = g_strdup_printf (_("Actions: %s"), charta_status_get_label (s));
      add_figure (self, key, title, figure_actions, GUINT_TO_POINTER (s));
    }
  add_figure (self, "overdue", _("Overdue Actions"), figure_overdue, NULL);
  add_round_figure (self);
  add_figure (self, "reviews", _("Reviews in Progress"), figure_reviews, NULL);
}

/* ---- the projects list ---- */

static GtkWidget *
file_row (const ChartaPortfolioEntry *e, guint entry)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *name = g_path_get_basename (e->path);
  GtkWidget *icon;

  if (e->project == NULL)
    {
      /* Never silently left out: the file and why it did not load. */
      charta_row_set_title (row, name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), e->error);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      icon = gtk_image_new_from_icon_name ("dialog-error-symbolic");
      gtk_widget_add_css_class (icon, "error");
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Could not open"), -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      return row;
    }
  charta_row_set_title (row, e->project->city->name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), name);
  gtk_widget_set_tooltip_text (row, _("Open the city's project"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "portfolio.open-city");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "u", entry);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  return row;
}

static void
show_files (ChartaPortfolioWindow *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->files))) != NULL)
    gtk_list_box_remove (self->files, child);
  g_array_set_size (self->cities, 0);
  for (guint i = 0; i < self->portfolio->entries->len; i++)
    {
      const ChartaPortfolioEntry *e = g_ptr_array_index (self->portfolio->entries, i);
      gtk_list_box_append (self->files, file_row (e, i));
      if (e->project != NULL)
        g_array_append_val (self->cities, i);
    }
}

static void
show_subtitle (ChartaPortfolioWindow *self)
{
  guint failed = charta_portfolio_count_failed (self->portfolio);
  g_autofree char *cities = g_strdup_printf (ngettext ("%u city", "%u cities", self->cities->len), self->cities->len);
  g_autofree char *subtitle = NULL;

  if (failed > 0)
    {
      g_autofree char *errors = g_strdup_printf (ngettext ("%u file could not be opened", "%u files could not be opened", failed), failed);
      subtitle = g_strconcat (cities, " · ", errors, NULL);
    }
  adw_window_title_set_subtitle (self->window_title, subtitle ? subtitle : cities);
}

static void
show_portfolio (ChartaPortfolioWindow *self)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_object_unref);

  show_files (self);
  remove_columns (self);
  add_column (self, _("Item"), COLUMN_TITLE);
  gtk_column_view_column_set_fixed_width (
    g_list_model_get_item (gtk_column_view_get_columns (self->table), 0), 360);
  add_column (self, _("Network Median"), COLUMN_MEDIAN);
  for (guint c = 0; c < self->cities->len; c++)
    {
      guint entry = g_array_index (self->cities, guint, c);
      const ChartaPortfolioEntry *e = g_ptr_array_index (self->portfolio->entries, entry);
      add_city_column (self, c, entry, e->project->city->name);
    }
  for (guint r = 0; r < self->portfolio->rows->len; r++)
    g_ptr_array_add (lines, item_line (self, g_ptr_array_index (self->portfolio->rows, r)));
  g_list_store_splice (self->lines, 0, g_list_model_get_n_items (G_LIST_MODEL (self->lines)), lines->pdata, lines->len);
  add_figures (self);
  fill_sort_order (self);
  show_subtitle (self);
  gtk_stack_set_visible_child_name (self->stack, self->portfolio->entries->len > 0 ? "table" : "none");
}

/* ---- callbacks ---- */

static void
on_filter_changed_cb (ChartaPortfolioWindow *self)
{
  if (self->filter != NULL)
    gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

/* Catalogue order (the store's), the item's title, or a column's highest figures first. */
static void
on_sort_changed_cb (ChartaPortfolioWindow *self)
{
  guint i = gtk_drop_down_get_selected (self->sort_order);
  GListModel *columns = gtk_column_view_get_columns (self->table);
  g_autoptr(GtkColumnViewColumn) col = NULL;

  if (i == GTK_INVALID_LIST_POSITION || i == 0 || i > g_list_model_get_n_items (columns))
    {
      gtk_column_view_sort_by_column (self->table, NULL, GTK_SORT_ASCENDING);
      return;
    }
  col = g_list_model_get_item (columns, i - 1);
  gtk_column_view_sort_by_column (self->table, col, i == 1 ? GTK_SORT_ASCENDING : GTK_SORT_DESCENDING);
}

static void
load_in_thread (GTask *task, gpointer source, gpointer paths, GCancellable *cancellable)
{
  g_task_return_pointer (task, charta_portfolio_new (paths, NULL), (GDestroyNotify) charta_portfolio_free);
}

static void
on_loaded_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  ChartaPortfolioWindow *self = CHARTA_PORTFOLIO_WINDOW (source);
  ChartaPortfolio *portfolio = g_task_propagate_pointer (G_TASK (result), NULL);

  /* Cancelled: a later load (or closing the window) took over. */
  if (portfolio == NULL)
    return;
  g_clear_pointer (&self->portfolio, charta_portfolio_free);
  self->portfolio = portfolio;
  show_portfolio (self);
  set_busy (self, FALSE);
}

static void
on_chooser_response_cb (GtkNativeDialog *chooser, int response, ChartaPortfolioWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);
          char *path = g_file_get_path (file);
          if (path != NULL)
            g_ptr_array_add (paths, path);
        }
      g_ptr_array_add (paths, NULL);
      if (paths->len > 1)
        charta_portfolio_window_load (self, (const char * const *) paths->pdata);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
choose (ChartaPortfolioWindow *self, GtkFileChooserAction mode, const char *title)
{
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), mode, _("_Open"), _("_Cancel"));

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  if (mode == GTK_FILE_CHOOSER_ACTION_OPEN)
    {
      gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
      g_autoptr(GtkFileFilter) filter = charta_project_file_filter ();
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
    }
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
open_folder_activated (GtkWidget *widget, const char *action, GVariant *parameter)
{
  choose (CHARTA_PORTFOLIO_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("Open Portfolio Folder"));
}

static void
open_files_activated (GtkWidget *widget, const char *action, GVariant *parameter)
{
  choose (CHARTA_PORTFOLIO_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_OPEN, _("Choose Projects"));
}

/* Through the application's open path: a project open already comes to the front. */
static void
open_city_activated (GtkWidget *widget, const char *action, GVariant *parameter)
{
  ChartaPortfolioWindow *self = CHARTA_PORTFOLIO_WINDOW (widget);
  GApplication *app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  guint entry = g_variant_get_uint32 (parameter);
  const ChartaPortfolioEntry *e;
  g_autoptr(GFile) file = NULL;

  if (self->portfolio == NULL || entry >= self->portfolio->entries->len)
    return;
  e = g_ptr_array_index (self->portfolio->entries, entry);
  if (app == NULL)
    app = g_application_get_default ();
  if (e->project == NULL || app == NULL)
    return;
  file = g_file_new_for_path (e->path);
  g_application_open (app, &file, 1, "");
}

/* ---- GObject ---- */

static void
charta_portfolio_window_dispose (GObject *object)
{
  ChartaPortfolioWindow *self = CHARTA_PORTFOLIO_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CHARTA_TYPE_PORTFOLIO_WINDOW);
  g_clear_object (&self->lines);
  g_clear_object (&self->filter);
  G_OBJECT_CLASS (charta_portfolio_window_parent_class)->dispose (object);
}

static void
charta_portfolio_window_finalize (GObject *object)
{
  ChartaPortfolioWindow *self = CHARTA_PORTFOLIO_WINDOW (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->portfolio, charta_portfolio_free);
  g_clear_pointer (&self->cities, g_array_unref);
  g_clear_pointer (&self->frameworks, g_ptr_array_unref);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_clear_pointer (&self->roles, g_ptr_array_unref);
  G_OBJECT_CLASS (charta_portfolio_window_parent_class)->finalize (object);
}

static void
charta_portfolio_window_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  ChartaPortfolioWindow *self = CHARTA_PORTFOLIO_WINDOW (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
charta_portfolio_window_class_init (ChartaPortfolioWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = charta_portfolio_window_dispose;
  object_class->finalize = charta_portfolio_window_finalize;
  object_class->get_property = charta_portfolio_window_get_property;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/charta/Charta/ui/charta-portfolio-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ChartaPortfolioWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, ChartaPortfolioWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, ChartaPortfolioWindow, files);
  gtk_widget_class_bind_template_child (widget_class, ChartaPortfolioWindow, table);
  gtk_widget_class_bind_template_child (widget_class, ChartaPortfolioWindow, framework_filter);
  gtk_widget_class_bind_template_child (widget_class, ChartaPortfolioWindow, group_filter);
  gtk_widget_class_bind_template_child (widget_class, ChartaPortfolioWindow, role_filter);
  gtk_widget_class_bind_template_child (widget_class, ChartaPortfolioWindow, sort_order);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sort_changed_cb);

  gtk_widget_class_install_action (widget_class, "portfolio.open-folder", NULL, open_folder_activated);
  gtk_widget_class_install_action (widget_class, "portfolio.open-files", NULL, open_files_activated);
  gtk_widget_class_install_action (widget_class, "portfolio.open-city", "u", open_city_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "portfolio.open-folder", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
charta_portfolio_window_init (ChartaPortfolioWindow *self)
{
  GtkFilterListModel *filtered;
  GtkSortListModel *sorted;

  self->cities = g_array_new (FALSE, FALSE, sizeof (guint));
  self->frameworks = g_ptr_array_new ();
  self->groups = g_ptr_array_new ();
  self->roles = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));

  fill_frameworks (self);
  fill_items (self->group_filter, self->groups, _("All Groups"), "group");
  fill_items (self->role_filter, self->roles, _("All Roles"), "role");

  self->lines = g_list_store_new (CHARTA_TYPE_PORTFOLIO_LINE);
  self->filter = gtk_custom_filter_new (line_shown, self, NULL);
  filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->lines)), g_object_ref (GTK_FILTER (self->filter)));
  sorted = gtk_sort_list_model_new (G_LIST_MODEL (filtered), g_object_ref (gtk_column_view_get_sorter (self->table)));
  gtk_column_view_set_model (self->table, GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (sorted))));
}

ChartaPortfolioWindow *
charta_portfolio_window_new (GtkApplication *app)
{
  return g_object_new (CHARTA_TYPE_PORTFOLIO_WINDOW, "application", app, NULL);
}

void
charta_portfolio_window_load (ChartaPortfolioWindow *self, const char * const *paths)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CHARTA_IS_PORTFOLIO_WINDOW (self));
  g_return_if_fail (paths != NULL);

  /* The catalogue is read once, before threads need it. */
  charta_catalogue_get_default ();
  g_cancellable_cancel (self->cancellable);
  g_set_object (&self->cancellable, g_cancellable_new ());
  g_object_unref (self->cancellable);
  task = g_task_new (self, self->cancellable, on_loaded_cb, NULL);
  g_task_set_source_tag (task, charta_portfolio_window_load);
  g_task_set_task_data (task, g_strdupv ((char **) paths), (GDestroyNotify) g_strfreev);
  set_busy (self, TRUE);
  gtk_stack_set_visible_child_name (self->stack, "loading");
  g_task_run_in_thread (task, load_in_thread);
}

gboolean
charta_portfolio_window_get_busy (ChartaPortfolioWindow *self)
{
  g_return_val_if_fail (CHARTA_IS_PORTFOLIO_WINDOW (self), FALSE);
  return self->busy;
}

const ChartaPortfolio *
charta_portfolio_window_get_portfolio (ChartaPortfolioWindow *self)
{
  g_return_val_if_fail (CHARTA_IS_PORTFOLIO_WINDOW (self), NULL);
  return self->portfolio;
}
