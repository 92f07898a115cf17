/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Not a test: screenshots of every page and editor for a person to look at, taken with
 * ImageMagick's `import -window root` as the window shows them. Run under Xvfb:
 *   xvfb-run -s '-screen 0 1280x800x24' shoot-pages PROJECT OUTDIR WIDTH HEIGHT
 * in a language: CHARTA_LOCALEDIR=_build/po LANGUAGE=fi LC_ALL=C.UTF-8 xvfb-run … */
#include "config.h"

#include <adwaita.h>

#include "charta-actions-page.h"
#include "charta-date-row.h"
#include "charta-editor-dialog.h"
#include "charta-format.h"
#include "charta-funding-row.h"
#include "charta-records-page.h"
#include "charta-roster.h"
#include "charta-window.h"
#include "display-utils.h"

static const char *out_dir;
static int width;

static gboolean
is_leaflet (GtkWidget *widget, gpointer data)
{
  return ADW_IS_LEAFLET (widget);
}

static gboolean
is_funding_row (GtkWidget *widget, gpointer data)
{
  return CHARTA_IS_FUNDING_ROW (widget);
}

static gboolean
is_scroller (GtkWidget *widget, gpointer data)
{
  return GTK_IS_SCROLLED_WINDOW (widget);
}

static gboolean
is_due_row (GtkWidget *widget, gpointer data)
{
  return CHARTA_IS_DATE_ROW (widget) && g_strcmp0 (charta_date_row_get_label (CHARTA_DATE_ROW (widget)), "Due (YYYY-MM-DD)") == 0;
}

static void
shoot (const char *name)
{
  g_autofree char *file = g_strdup_printf ("%s/%s-%d.png", out_dir, name, width);
  const char *argv[] = { "import", "-window", "root", file, NULL };

  spin (60);
  g_usleep (300000);
  spin (20);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
  g_print ("%s\n", file);
}

static void
show_page (ChartaWindow *window, const char *page)
{
  GtkWidget *stack = find_widget (GTK_WIDGET (window), is_page_stack, NULL);
  GtkWidget *leaflet = find_widget (GTK_WIDGET (window), is_leaflet, NULL);

  gtk_stack_set_visible_child_name (GTK_STACK (stack), page);
  adw_leaflet_navigate (ADW_LEAFLET (leaflet), ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
edit_first (ChartaWindow *window, ChartaCollection collection, const char *name)
{
  ChartaDocument *document = charta_window_get_document (window);
  GtkWidget *page = find_widget (GTK_WIDGET (window), is_records_page, GINT_TO_POINTER (collection));

  charta_records_page_edit (CHARTA_RECORDS_PAGE (page), *(char * const *) charta_document_get (document, collection, 0));
  shoot (name);
  destroy_other_windows (window);
}

int
main (int argc, char **argv)
{
  g_autoptr(GFile) file = NULL;
  ChartaWindow *window;
  const ChartaAction *action;

  charta_i18n_init ();
  gtk_init ();
  adw_init ();
  if (argc != 5)
    {
      g_printerr ("usage: shoot-pages PROJECT OUTDIR WIDTH HEIGHT\n");
      return 2;
    }
  file = g_file_new_for_commandline_arg (argv[1]);
  out_dir = argv[2];
  width = atoi (argv[3]);
  window = charta_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), width, atoi (argv[4]));
  gtk_window_maximize (GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (window));
  if (!charta_window_open (window, file))
    return 1;
  spin (40);

  show_page (window, "overview");
  shoot ("overview");
  charta_window_select_item (window, "dive.area.pm.3");
  show_page (window, "item");
  shoot ("item-area");
  charta_window_select_item (window, "charter.role.service-provider");
  show_page (window, "item");
  shoot ("item-role");
  /* Format version 2 on an item: competence and sources as records. */
  charta_window_select_item (window, "charter.commitment.policymaker.1");
  show_page (window, "item");
  shoot ("item-commitment");
  show_page (window, "actions");
  shoot ("actions");
  show_page (window, "measures");
  shoot ("measures");
  show_page (window, "consultations");
  shoot ("consultations");
  show_page (window, "project");
  shoot ("project");
  {
    /* The rest of the project page: the signature, the programmes, the policy objectives. */
    GtkStack *stack = GTK_STACK (find_widget (GTK_WIDGET (window), is_page_stack, NULL));
    GtkWidget *scroller = find_widget (gtk_stack_get_child_by_name (stack, "project"), is_scroller, NULL);
    GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
    gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj));
    shoot ("project-end");
  }
  show_page (window, "partners");
  shoot ("partners");
  show_page (window, "people");
  shoot ("people");
  {
    /* Removing a person who owns actions: which ones, and who takes them over. */
    const ChartaProject *p = charta_document_get_project (charta_window_get_document (window));
    const ChartaAction *owned = NULL;
    GtkStack *stack = GTK_STACK (find_widget (GTK_WIDGET (window), is_page_stack, NULL));
    for (guint i = 0; owned == NULL && i < p->actions->len; i++)
      if (((ChartaAction *) g_ptr_array_index (p->actions, i))->owner != NULL)
        owned = g_ptr_array_index (p->actions, i);
    if (owned != NULL)
      gtk_widget_activate_action (GTK_WIDGET (charta_roster_page_get_roster (CHARTA_ROSTER_PAGE (gtk_stack_get_child_by_name (stack, "people")))),
                                  "roster.remove", "s", owned->owner);
    shoot ("remove-person");
    destroy_other_windows (window);
  }

  action = charta_document_get (charta_window_get_document (window), CHARTA_COLLECTION_ACTIONS, 0);
  g_signal_emit_by_name (find_widget (GTK_WIDGET (window), is_actions_page, NULL), "open-action", action->id);
  shoot ("action-editor");
  {
    /* Its budget and funding lines (format version 2), the first one unfolded. */
    GListModel *toplevels = gtk_window_get_toplevels ();
    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);
        GtkWidget *funding = CHARTA_IS_EDITOR_DIALOG (w) ? find_widget (GTK_WIDGET (w), is_funding_row, NULL) : NULL;
        if (funding != NULL)
          {
            GtkWidget *scroller = gtk_widget_get_ancestor (funding, GTK_TYPE_SCROLLED_WINDOW);
            GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
            double y = 0;

            adw_expander_row_set_expanded (ADW_EXPANDER_ROW (funding), TRUE);
            spin (40);
            gtk_widget_translate_coordinates (funding, gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller)),
                                              0, 0, NULL, &y);
            gtk_adjustment_set_value (adj, y - 80);
          }
      }
  }
  shoot ("action-editor-funding");
  {
    /* The due date refused, with the loader's message in the field. */
    GListModel *toplevels = gtk_window_get_toplevels ();
    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);
        GtkWidget *due = CHARTA_IS_EDITOR_DIALOG (w) ? find_widget (GTK_WIDGET (w), is_due_row, NULL) : NULL;
        if (due != NULL)
          gtk_editable_set_text (GTK_EDITABLE (due), "2024-05- 1");
      }
  }
  shoot ("action-editor-bad-date");
  destroy_other_windows (window);
  edit_first (window, CHARTA_COLLECTION_MEASURES, "measure-editor");
  edit_first (window, CHARTA_COLLECTION_CONSULTATIONS, "meeting-editor");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.preferences", NULL);
  shoot ("preferences");
  destroy_other_windows (window);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.push-report", NULL);
  shoot ("report");
  destroy_other_windows (window);
  return 0;
}
