/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Scrolling benchmark: the action plan of a large project is scrolled a quarter page per
 * frame, and the intervals between frames are recorded; the same scroll of a plain
 * GtkColumnView with the same columns of one-line labels over a GtkStringList, in the
 * same run, is the baseline: what GTK itself costs here, without Charta's model.
 *
 *   scroll-bench PROJECT.charta [FRAMES]
 *
 * Prints the median, 95th percentile and longest frame interval of both, their ratio, and
 * how many frames took longer than 33 ms (a dropped frame at 30 fps). Not a test. */
#include "config.h"

#include <adwaita.h>

#include "charta-window.h"

typedef struct {
  GtkAdjustment *adj;
  GArray *intervals;   /* of double, ms */
  gint64 last;
  guint frames;
  gboolean done;
} Run;

static gboolean
tick_cb (GtkWidget *widget, GdkFrameClock *clock, gpointer data)
{
  Run *run = data;
  gint64 now = gdk_frame_clock_get_frame_time (clock);
  double value = gtk_adjustment_get_value (run->adj);
  double step = gtk_adjustment_get_page_size (run->adj) / 4;

  if (run->last != 0)
    {
      double ms = (now - run->last) / 1000.0;
      g_array_append_val (run->intervals, ms);
    }
  run->last = now;
  if (run->intervals->len >= run->frames)
    {
      run->done = TRUE;
      return G_SOURCE_REMOVE;
    }
  if (value + step >= gtk_adjustment_get_upper (run->adj) - gtk_adjustment_get_page_size (run->adj))
    value = 0;
  gtk_adjustment_set_value (run->adj, value + step);
  return G_SOURCE_CONTINUE;
}

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(double *) a, y = *(double *) b;
  return x < y ? -1 : x > y;
}

static GtkWidget *
find_type (GtkWidget *root, GType type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) && gtk_widget_get_mapped (root))
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_type (c, type);
      if (found)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_named (GtkWidget *root, const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_named (c, name);
      if (found)
        return found;
    }
  return NULL;
}

static void
settle (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;
  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
}

/* Scrolls the scrolled window around @view for @frames frames; returns the intervals. */
static GArray *
scroll (GtkWidget *view, guint frames)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (view, GTK_TYPE_SCROLLED_WINDOW);
  Run run = { 0 };

  run.adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  run.intervals = g_array_new (FALSE, FALSE, sizeof (double));
  run.frames = frames;
  gtk_widget_add_tick_callback (view, tick_cb, &run, NULL);
  while (!run.done)
    g_main_context_iteration (NULL, TRUE);
  g_array_sort (run.intervals, compare_doubles);
  return run.intervals;
}

static void
report (const char *what, GArray *a, double baseline_p95)
{
  double p50 = g_array_index (a, double, a->len / 2);
  double p95 = g_array_index (a, double, (a->len * 95) / 100);
  double max = g_array_index (a, double, a->len - 1);
  guint slow = 0;

  for (guint i = 0; i < a->len; i++)
    if (g_array_index (a, double, i) > 33.4)
      slow++;
  g_print ("%-40s %8.1f %8.1f %8.1f %8u %8.2f\n", what, p50, p95, max, slow,
           baseline_p95 > 0 ? p95 / baseline_p95 : 1.0);
}

static void
setup_label_cb (GtkSignalListItemFactory *f, GtkListItem *li, gpointer data)
{
  GtkWidget *label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (li, label);
}

static void
bind_label_cb (GtkSignalListItemFactory *f, GtkListItem *li, gpointer data)
{
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (li)),
                      gtk_string_object_get_string (gtk_list_item_get_item (li)));
}

int
main (int argc, char **argv)
{
  g_autoptr(GFile) file = NULL;
  guint frames = argc > 2 ? (guint) g_ascii_strtoull (argv[2], NULL, 10) : 300;
  GtkWidget *window, *list, *scroller, *stack, *view;
  GtkStringList *strings;
  GtkListItemFactory *factory;
  g_autoptr(GArray) base = NULL;
  g_autoptr(GArray) plan = NULL;
  guint n;

  if (argc < 2)
    {
      g_printerr ("usage: scroll-bench PROJECT.charta [FRAMES]\n");
      return 2;
    }
  gtk_init ();
  adw_init ();

  /* Charta's action plan. */
  file = g_file_new_for_commandline_arg (argv[1]);
  window = GTK_WIDGET (charta_window_new (NULL));
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  if (!charta_window_open (CHARTA_WINDOW (window), file))
    return 1;
  stack = find_named (window, "content-stack");
  gtk_stack_set_visible_child_name (GTK_STACK (stack), "actions");
  settle (1500);
  view = find_type (window, GTK_TYPE_COLUMN_VIEW);
  n = charta_document_get_n (charta_window_get_document (CHARTA_WINDOW (window)), CHARTA_COLLECTION_ACTIONS);

  /* The baseline: a plain list of as many labels, in a window of the same size. */
  strings = gtk_string_list_new (NULL);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *s = g_strdup_printf ("Row %u of the plan, with a title as long as an action's", i);
      gtk_string_list_append (strings, s);
    }
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_label_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_label_cb), NULL);
  list = gtk_column_view_new (GTK_SELECTION_MODEL (gtk_single_selection_new (G_LIST_MODEL (strings))));
  gtk_column_view_set_show_row_separators (GTK_COLUMN_VIEW (list), TRUE);
  gtk_widget_add_css_class (list, "data-table");
  {
    const int widths[] = { 280, 130, 130, 130, 100, 100, 80 };
    for (guint c = 0; c < G_N_ELEMENTS (widths); c++)
      {
        GtkColumnViewColumn *col = gtk_column_view_column_new ("Column", g_object_ref (factory));
        gtk_column_view_column_set_fixed_width (col, widths[c]);
        gtk_column_view_column_set_expand (col, c == 0);
        gtk_column_view_append_column (GTK_COLUMN_VIEW (list), col);
        g_object_unref (col);
      }
    g_object_unref (factory);
  }
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);
  {
    GtkWidget *other = gtk_window_new ();
    gtk_window_set_default_size (GTK_WINDOW (other), 1280, 800);
    gtk_window_set_child (GTK_WINDOW (other), scroller);
    gtk_window_present (GTK_WINDOW (other));
    settle (1000);
    base = scroll (list, frames);
    gtk_window_destroy (GTK_WINDOW (other));
  }
  gtk_window_present (GTK_WINDOW (window));
  settle (500);
  plan = scroll (view, frames);

  g_print ("Scrolling %u rows a quarter page per frame, %u frames (ms between frames)\n", n, frames);
  g_print ("%-40s %8s %8s %8s %8s %8s\n", "view", "median", "p95", "max", ">33ms", "p95 x");
  report ("plain GtkColumnView, 7 columns (baseline)", base, 0);
  report ("Charta action plan (GtkColumnView)", plan, g_array_index (base, double, (base->len * 95) / 100));
  return 0;
}
