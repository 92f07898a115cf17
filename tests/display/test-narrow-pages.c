/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Every page and dialog at 360 px (issue 12, "Narrow and wide"): the item page with its
 * competence and source rows, the project, people and partners pages, the review page's
 * views, the measures with their chart, the consultations, the overview, the action and
 * measure editors, Preferences and Export are opened in a window 360 px wide, and no shown
 * widget reaches past the window's right edge (a widget inside a scrolled window that
 * scrolls sideways is measured against that scrolled window). Meson runs it in English and
 * in Dutch. With CHARTA_SHOOT_DIR set it saves a screenshot of each (ImageMagick's
 * `import`) as NAME-WIDTH-LANG.png there; CHARTA_SHOOT_WIDTH and CHARTA_SHOOT_HEIGHT change
 * the size from 360 × 720 (at 1280 nothing is checked, it only shoots). */
#include "config.h"

#include <adwaita.h>

#include "charta-editor-dialog.h"
#include "charta-format.h"
#include "charta-review-page.h"
#include "display-utils.h"

#define REVIEW_ID "28d1addd-080d-51a7-9029-be973921f759"

static int width = 360, height = 720;

static gboolean
surface_width_is (gpointer data)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (data));

  spin (2);
  return surface != NULL && gdk_surface_get_width (surface) == width;
}

/* The type of the nearest composite widget of ours around @widget: where it is. */
static const char *
owner_name (GtkWidget *widget)
{
  while (widget != NULL && !g_str_has_prefix (G_OBJECT_TYPE_NAME (widget), "Charta"))
    widget = gtk_widget_get_parent (widget);
  return widget ? G_OBJECT_TYPE_NAME (widget) : "-";
}

/* Each widget under @widget whose right edge lies past @window's (@right), or past that of
 * the scrolled window it is in, appended to @out (not its children). A pixel
 * is allowed: at the window's minimum width its header bar takes one more than the content
 * beside the frame GTK draws without a compositor. */
static void
collect_cut_off (GtkWidget *widget, GtkWidget *window, double right, GString *out)
{
  graphene_rect_t bounds;

  if (!gtk_widget_get_mapped (widget) || !gtk_widget_get_child_visible (widget))
    return;
  if (GTK_IS_POPOVER (widget) || GTK_IS_SCROLLBAR (widget) || (GTK_IS_NATIVE (widget) && widget != window))
    return;
  if (gtk_widget_compute_bounds (widget, window, &bounds) && bounds.size.width > 0 && bounds.size.height > 0 &&
      bounds.origin.x + bounds.size.width > right + 1.5)
    {
      const char *text = GTK_IS_LABEL (widget) ? gtk_label_get_text (GTK_LABEL (widget)) :
                         GTK_IS_BUTTON (widget) ? gtk_button_get_label (GTK_BUTTON (widget)) :
                         ADW_IS_PREFERENCES_ROW (widget) ? adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)) : NULL;
      g_string_append_printf (out, "  %s (%s) \"%s\" in %s: right edge %.0f > %.0f\n", G_OBJECT_TYPE_NAME (widget),
                              gtk_widget_get_css_name (widget), text ? text : "", owner_name (widget),
                              bounds.origin.x + bounds.size.width, right);
      return;
    }
  /* What scrolls sideways is cut off too on a narrow page: it must end inside the
   * scrolled window (a table would be allowed to, but no page shows one at 360 px). */
  if (GTK_IS_SCROLLED_WINDOW (widget) && gtk_widget_compute_bounds (widget, window, &bounds))
    right = MIN (right, bounds.origin.x + bounds.size.width);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    collect_cut_off (c, window, right, out);
}

/* Debugging aid (CHARTA_DEBUG_MIN=1): the deepest widgets whose minimum width is over 330. */
static gboolean
print_wide (GtkWidget *widget, int depth)
{
  gboolean child_wide = FALSE;
  int min;

  if (!gtk_widget_get_mapped (widget))
    return FALSE;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    child_wide |= print_wide (c, depth + 1);
  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  if (min > 330 && !child_wide)
    g_printerr ("wide %d: %s %s depth %d in %s %s\n", min, G_OBJECT_TYPE_NAME (widget), gtk_widget_get_css_name (widget), depth,
                owner_name (widget), GTK_IS_LABEL (widget) ? gtk_label_get_text (GTK_LABEL (widget)) : "");
  return min > 330;
}

static void
shoot (const char *name)
{
  const char *dir = g_getenv ("CHARTA_SHOOT_DIR");
  const char *lang = g_getenv ("LANGUAGE");
  g_autofree char *file = NULL;

  if (dir == NULL)
    return;
  file = g_strdup_printf ("%s/%s-%d%s%s.png", dir, name, width,
                          lang && !g_str_has_prefix (lang, "en") ? "-" : "", lang && !g_str_has_prefix (lang, "en") ? lang : "");
  {
    const char *argv[] = { "import", "-window", "root", file, NULL };
    g_usleep (200000);
    spin (20);
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL));
  }
}

/* Fails, naming each, if a widget of @toplevel is cut off at its right edge; screenshot. */
static void
check (GtkWidget *toplevel, const char *name)
{
  g_autoptr(GString) out = g_string_new (NULL);
  graphene_rect_t content;

  spin (40);
  shoot (name);
  if (g_getenv ("CHARTA_DEBUG_MIN"))
    print_wide (toplevel, 0);
  if (width > 360)
    return;
  /* The window's content: its own bounds take in the frame around it. */
  g_assert_true (gtk_widget_compute_bounds (gtk_window_get_child (GTK_WINDOW (toplevel)), toplevel, &content));
  for (GtkWidget *c = gtk_widget_get_first_child (toplevel); c; c = gtk_widget_get_next_sibling (c))
    collect_cut_off (c, toplevel, content.origin.x + content.size.width, out);
  if (content.size.width > 360)
    g_string_append_printf (out, "  the content is %.0f px wide, not 360 at most\n", content.size.width);
  if (out->len > 0)
    g_test_message ("%s, %.0f px wide, cut off on the right:\n%s", name, content.size.width, out->str);
  if (out->len > 0)
    g_test_fail ();
}

static ChartaWindow *
narrow_window (const char *example)
{
  g_autofree char *path = copy_example (example);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  const char *paths[] = { path, NULL };
  ChartaWindow *window;

  mark_reminded_today (paths);
  window = charta_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (charta_window_open (window, file));
  g_assert_true (wait_for (surface_width_is, window));
  spin (40);
  return window;
}

static gboolean
is_leaflet (GtkWidget *widget, gpointer data)
{
  return ADW_IS_LEAFLET (widget);
}

static void
show_page (ChartaWindow *window, const char *page)
{
  GtkWidget *stack = find_widget (GTK_WIDGET (window), is_page_stack, NULL);

  gtk_stack_set_visible_child_name (GTK_STACK (stack), page);
  adw_leaflet_navigate (ADW_LEAFLET (find_widget (GTK_WIDGET (window), is_leaflet, NULL)), ADW_NAVIGATION_DIRECTION_FORWARD);
}

/* The newest toplevel that is not @window, sized @width wide as a phone would show it. */
static GtkWidget *
dialog_of (ChartaWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  spin (20);
  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i - 1);
      if (w != GTK_WINDOW (window) && gtk_widget_get_visible (GTK_WIDGET (w)))
        {
          gtk_window_set_default_size (w, width, height);
          /* AdwPreferencesWindow's content is 360 px at least, and the frame adds to that:
           * check () says whether the content is wider. */
          wait_for (surface_width_is, w);
          spin (20);
          return GTK_WIDGET (w);
        }
    }
  g_assert_not_reached ();
}

static void
test_pages (void)
{
  ChartaWindow *window = narrow_window ("mechelen-2018.charta");
  struct { const char *page, *item, *name; } pages[] = {
    { "overview", NULL, "overview" },
    { "item", "dive.area.pm.3", "item-area" },
    { "item", "charter.commitment.policymaker.1", "item-commitment" },
    { "project", NULL, "project-page" },
    { "people", NULL, "people-page" },
    { "partners", NULL, "partners-page" },
    { "measures", NULL, "measures-page" },
    { "consultations", NULL, "consultations-page" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      if (pages[i].item != NULL)
        g_assert_true (charta_window_select_item (window, pages[i].item));
      show_page (window, pages[i].page);
      check (GTK_WIDGET (window), pages[i].name);
    }
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_review (void)
{
  ChartaWindow *window = narrow_window ("ghent-peer-review-2025.charta");
  GtkWidget *page = charta_window_show_review (window, REVIEW_ID);
  const char *views[] = { "review", "compare", "visit", "feedback" };

  adw_leaflet_navigate (ADW_LEAFLET (find_widget (GTK_WIDGET (window), is_leaflet, NULL)), ADW_NAVIGATION_DIRECTION_FORWARD);
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      g_autofree char *name = g_strdup_printf ("review-%s", views[i]);
      charta_review_page_show_view (CHARTA_REVIEW_PAGE (page), views[i]);
      check (GTK_WIDGET (window), name);
    }
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_dialogs (void)
{
  ChartaWindow *window = narrow_window ("mechelen-2018.charta");
  ChartaDocument *document = charta_window_get_document (window);
  const ChartaAction *action = charta_document_get (document, CHARTA_COLLECTION_ACTIONS, 0);
  GtkWidget *measures;

  g_signal_emit_by_name (find_widget (GTK_WIDGET (window), is_actions_page, NULL), "open-action", action->id);
  check (dialog_of (window), "action-editor");
  destroy_other_windows (window);

  show_page (window, "measures");
  spin (20);
  measures = find_widget (GTK_WIDGET (window), is_records_page, GINT_TO_POINTER (CHARTA_COLLECTION_MEASURES));
  charta_records_page_edit (CHARTA_RECORDS_PAGE (measures),
                            *(char * const *) charta_document_get (document, CHARTA_COLLECTION_MEASURES, 0));
  check (dialog_of (window), "measure-editor");
  destroy_other_windows (window);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.preferences", NULL));
  check (dialog_of (window), "preferences");
  destroy_other_windows (window);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL));
  check (dialog_of (window), "export");
  destroy_other_windows (window);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char **argv)
{
  charta_i18n_init ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  {
    /* The application's style sheet (AdwApplication loads it; the test has no application). */
    g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();
    gtk_css_provider_load_from_resource (css, "/io/github/charta/Charta/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }
  if (g_getenv ("CHARTA_SHOOT_WIDTH"))
    width = atoi (g_getenv ("CHARTA_SHOOT_WIDTH"));
  if (g_getenv ("CHARTA_SHOOT_HEIGHT"))
    height = atoi (g_getenv ("CHARTA_SHOOT_HEIGHT"));
  g_test_add_func ("/narrow/pages", test_pages);
  g_test_add_func ("/narrow/review", test_review);
  g_test_add_func ("/narrow/dialogs", test_dialogs);
  return g_test_run ();
}
