/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The fields of project format version 2 in the real window (issue 11): each is edited as
 * a user edits it, saved, and read back from the file; unknown members survive; one
 * editor Save is one undo step. */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "charta-actual-row.h"
#include "charta-consultation-rules.h"
#include "charta-editor-dialog.h"
#include "charta-format.h"
#include "charta-funding-row.h"
#include "charta-source-row.h"
#include "display-utils.h"

#define CHILL_WEEK "Support for organising the CHILL week"
#define STAFF_SHARE "Share of city staff with a migration background"
#define POLICYMAKER_1 "charter.commitment.policymaker.1"

/* ---- helpers ---- */

/* A copy of Mechelen 2018 whose CHILL week action and policymaker.1 assessment carry a
 * member this Charta does not know. */
static char *
copy_with_unknown_members (void)
{
  char *path = copy_example ("mechelen-2018.charta");
  g_autofree char *text = NULL;
  g_autofree char *with_action = NULL;
  g_autofree char *with_both = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  {
    g_auto(GStrv) parts = g_strsplit (text, "\"title\": \"" CHILL_WEEK "\",", 2);
    g_assert_cmpuint (g_strv_length (parts), ==, 2);
    with_action = g_strconcat (parts[0], "\"title\": \"" CHILL_WEEK "\",\n      \"x-ledger\": {\"line\": 7},", parts[1], NULL);
  }
  {
    g_auto(GStrv) parts = g_strsplit (with_action, "\"" POLICYMAKER_1 "\": {", 2);
    g_assert_cmpuint (g_strv_length (parts), ==, 2);
    with_both = g_strconcat (parts[0], "\"" POLICYMAKER_1 "\": {\n      \"x-reviewer\": \"kept\",", parts[1], NULL);
  }
  g_assert_true (g_file_set_contents (path, with_both, -1, NULL));
  return path;
}

static const void *
find_record (ChartaDocument *document, ChartaCollection collection, const char *title)
{
  for (guint i = 0; i < charta_document_get_n (document, collection); i++)
    {
      const void *record = charta_document_get (document, collection, i);
      /* Actions and measures have their id first and their title second. */
      if (g_strcmp0 (((char * const *) record)[1], title) == 0)
        return record;
    }
  g_assert_not_reached ();
  return NULL;
}

static const ChartaAction *
find_record_in (const ChartaProject *p, const char *id)
{
  for (guint i = 0; i < p->actions->len; i++)
    if (g_strcmp0 (((ChartaAction *) g_ptr_array_index (p->actions, i))->id, id) == 0)
      return g_ptr_array_index (p->actions, i);
  g_assert_not_reached ();
  return NULL;
}

static const ChartaMeasure *
find_measure_in (const ChartaProject *p, const char *title)
{
  for (guint i = 0; i < p->measures->len; i++)
    if (g_strcmp0 (((ChartaMeasure *) g_ptr_array_index (p->measures, i))->title, title) == 0)
      return g_ptr_array_index (p->measures, i);
  g_assert_not_reached ();
  return NULL;
}

static gboolean
is_row_titled (GtkWidget *widget, gpointer title)
{
  return ADW_IS_PREFERENCES_ROW (widget) && gtk_widget_get_visible (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static GtkWidget *
row_titled (GtkWidget *root, const char *title)
{
  GtkWidget *row = find_widget (root, is_row_titled, (gpointer) title);

  g_assert_nonnull (row);
  return row;
}

static gboolean
is_type (GtkWidget *widget, gpointer type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (type));
}

static GtkWidget *
first_of_type (GtkWidget *root, GType type)
{
  GtkWidget *w = find_widget (root, is_type, GSIZE_TO_POINTER (type));

  g_assert_nonnull (w);
  return w;
}

/* Types into an entry row with an apply button and applies, as Enter or the button does. */
static void
type_and_apply (GtkWidget *row, const char *text)
{
  type_into (row, text);
  g_signal_emit_by_name (row, "apply");
  spin (5);
}

static void
tick (GtkWidget *expander, const char *title)
{
  GtkWidget *row = row_titled (expander, title);
  GtkWidget *check = first_of_type (row, GTK_TYPE_CHECK_BUTTON);

  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
}

static ChartaEditorDialog *
open_editor (ChartaWindow *window, ChartaCollection collection, const char *id)
{
  ChartaEditorDialog *editor = charta_editor_dialog_new (GTK_WINDOW (window), charta_window_get_document (window),
                                                         collection, id, NULL);
  gtk_window_present (GTK_WINDOW (editor));
  spin (20);
  return editor;
}

static void
show_page (ChartaWindow *window, const char *name)
{
  gtk_stack_set_visible_child_name (GTK_STACK (find_widget (GTK_WIDGET (window), is_page_stack, NULL)), name);
  spin (20);
}

static const char *
workform_title (const char *slug)
{
  g_autofree char *id = g_strconcat ("aii.workform.", slug, NULL);
  return charta_item_get_title (charta_catalogue_lookup (charta_catalogue_get_default (), id));
}

/* ---- tests ---- */

/* Programme, several work forms, policy objectives and a funding line, one Save: in the
 * file, with the action's unknown member; one undo takes all of it back. */
static void
test_action_fields (void)
{
  g_autofree char *path = copy_with_unknown_members ();
  ChartaWindow *window = open_window (path);
  ChartaDocument *document = charta_window_get_document (window);
  const ChartaAction *action = find_record (document, CHARTA_COLLECTION_ACTIONS, CHILL_WEEK);
  g_autofree char *id = g_strdup (action->id);
  const ChartaProject *project = charta_document_get_project (document);
  const ChartaProgramme *programme = g_ptr_array_index (project->programmes, 3);
  ChartaEditorDialog *editor = open_editor (window, CHARTA_COLLECTION_ACTIONS, id);
  GtkWidget *funding;
  g_autofree char *amount = charta_format_number (12500.5, CHARTA_FORMAT_AS_NEEDED);
  g_autofree char *funding_title = g_strdup_printf ("%s EUR", amount);
  g_autoptr(ChartaProject) saved = NULL;
  const ChartaAction *a;
  const ChartaFunding *f;

  g_assert_cmpstr (action->programme, !=, programme->id);
  adw_combo_row_set_selected (ADW_COMBO_ROW (row_titled (GTK_WIDGET (editor), "Programme")), 4);
  tick (row_titled (GTK_WIDGET (editor), "Work Forms"), workform_title ("training"));
  type_into (row_titled (GTK_WIDGET (editor), "City’s Policy Objectives (codes, separated by commas)"),
             "2HMS070101, ABC 12");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.add-funding", NULL));
  spin (5);
  funding = first_of_type (GTK_WIDGET (editor), CHARTA_TYPE_FUNDING_ROW);
  type_into (charta_funding_row_get_amount_row (CHARTA_FUNDING_ROW (funding)), "-3");
  g_assert_false (charta_editor_dialog_get_can_save (editor));
  type_into (charta_funding_row_get_amount_row (CHARTA_FUNDING_ROW (funding)), "12500.5");
  type_into (charta_funding_row_get_currency_row (CHARTA_FUNDING_ROW (funding)), "eur");
  g_assert_false (charta_editor_dialog_get_can_save (editor));
  type_into (charta_funding_row_get_currency_row (CHARTA_FUNDING_ROW (funding)), "EUR");
  type_into (charta_funding_row_get_source_row (CHARTA_FUNDING_ROW (funding)), "AMIF");
  adw_combo_row_set_selected (ADW_COMBO_ROW (charta_funding_row_get_status_row (CHARTA_FUNDING_ROW (funding))),
                              1 + CHARTA_FUNDING_GRANTED);
  /* The amount as the user's language writes it. */
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (funding)), ==, funding_title);
  g_assert_true (charta_editor_dialog_save (editor));

  saved = save_and_reload (window, path);
  a = find_record_in (saved, id);
  g_assert_cmpstr (a->programme, ==, programme->id);
  g_assert_cmpuint (a->workforms->len, ==, 2);
  g_assert_true (charta_action_has_workform (a, "aii.workform.advice"));
  g_assert_true (charta_action_has_workform (a, "aii.workform.training"));
  g_assert_cmpuint (a->policy_objectives->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (a->policy_objectives, 1), ==, "ABC 12");
  g_assert_cmpuint (a->funding->len, ==, 1);
  f = g_ptr_array_index (a->funding, 0);
  g_assert_cmpfloat (f->amount, ==, 12500.5);
  g_assert_cmpstr (f->currency, ==, "EUR");
  g_assert_cmpstr (f->source, ==, "AMIF");
  g_assert_cmpint (f->status, ==, CHARTA_FUNDING_GRANTED);
  g_assert_nonnull (charta_node_get_member (a->extra, "x-ledger"));

  /* Saved again without a change: no change, no undo step. */
  editor = open_editor (window, CHARTA_COLLECTION_ACTIONS, id);
  g_assert_true (charta_editor_dialog_save (editor));
  spin (5);
  g_assert_false (charta_document_get_modified (document));

  /* One Save, one undo step. */
  charta_document_undo (document);
  action = find_record (document, CHARTA_COLLECTION_ACTIONS, CHILL_WEEK);
  g_assert_null (action->funding);
  g_assert_null (action->policy_objectives);
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
is_open_error (GtkWidget *widget, gpointer data)
{
  return GTK_IS_LABEL (widget) && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)),
                                                    "The document could not be opened: ");
}

static gboolean
toast_shown (gpointer window)
{
  return find_widget (GTK_WIDGET (window), is_open_error, NULL) != NULL;
}

static ChartaSourceRow *
source_row (GtkWidget *page, guint index)
{
  guint n = 0;

  for (GtkWidget *w = first_of_type (page, CHARTA_TYPE_SOURCE_ROW); w; w = gtk_widget_get_next_sibling (w))
    if (CHARTA_IS_SOURCE_ROW (w) && n++ == index)
      return CHARTA_SOURCE_ROW (w);
  g_assert_not_reached ();
  return NULL;
}

/* The competence with its meaning; a source's link, page and date; a new source that is a
 * local file: in the file, with the assessment's unknown member. */
static void
test_item_competence_sources (void)
{
  g_autofree char *path = copy_with_unknown_members ();
  ChartaWindow *window = open_window (path);
  GtkWidget *page;
  GtkWidget *competence;
  g_autofree char *before = NULL;
  ChartaSourceRow *row;
  g_autofree char *uri = NULL;
  g_autofree char *file_uri = NULL;
  g_autoptr(ChartaProject) saved = NULL;
  const ChartaAssessment *a;
  const ChartaSource *s;

  g_assert_true (charta_window_select_item (window, POLICYMAKER_1));
  spin (20);
  page = find_widget (GTK_WIDGET (window), is_item_page, NULL);
  competence = row_titled (page, "City’s Competence");
  before = g_strdup (adw_action_row_get_subtitle (ADW_ACTION_ROW (competence)));
  adw_combo_row_set_selected (ADW_COMBO_ROW (competence), 1 + CHARTA_COMPETENCE_ADVOCATES_ONLY);
  spin (5);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (competence)), !=, before);

  row = source_row (page, 0);
  type_and_apply (charta_source_row_get_field (row, CHARTA_SOURCE_FIELD_LINK), "https://example.org/decision");
  uri = charta_source_row_dup_uri (row);
  g_assert_cmpstr (uri, ==, "https://example.org/decision");
  type_and_apply (charta_source_row_get_field (row, CHARTA_SOURCE_FIELD_PAGE), "3");
  type_into (charta_source_row_get_field (row, CHARTA_SOURCE_FIELD_DATE), "2018-09-05");
  spin (5);

  type_and_apply (row_titled (page, "Add a Source Document"), "Minutes on the file server");
  spin (20);
  page = find_widget (GTK_WIDGET (window), is_item_page, NULL);
  row = source_row (page, 2);
  type_and_apply (charta_source_row_get_field (row, CHARTA_SOURCE_FIELD_LINK), "/srv/minutes/2018-09-04.pdf");
  file_uri = charta_source_row_dup_uri (row);
  g_assert_cmpstr (file_uri, ==, "file:///srv/minutes/2018-09-04.pdf");
  /* Opening a file that is not there says so in the window. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "source.open", NULL));
  g_assert_true (wait_for (toast_shown, window));

  saved = save_and_reload (window, path);
  a = charta_project_get_assessment (saved, POLICYMAKER_1);
  g_assert_cmpint (a->competence, ==, CHARTA_COMPETENCE_ADVOCATES_ONLY);
  g_assert_cmpuint (a->sources->len, ==, 3);
  s = g_ptr_array_index (a->sources, 0);
  g_assert_cmpstr (s->link, ==, "https://example.org/decision");
  g_assert_cmpstr (s->page, ==, "3");
  g_assert_cmpstr (s->date, ==, "2018-09-05");
  g_assert_cmpstr (s->reference, ==, "agenda item 24");
  s = g_ptr_array_index (a->sources, 2);
  g_assert_cmpstr (s->title, ==, "Minutes on the file server");
  g_assert_cmpstr (s->link, ==, "/srv/minutes/2018-09-04.pdf");
  g_assert_nonnull (charta_node_get_member (a->extra, "x-reviewer"));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A breakdown by group typed in the measure editor gives each actual a field per group;
 * the values land in the file and on the Measures page. */
static void
test_measure_breakdown (void)
{
  g_autofree char *path = copy_example ("mechelen-2018.charta");
  ChartaWindow *window = open_window (path);
  ChartaDocument *document = charta_window_get_document (window);
  const ChartaMeasure *m = find_record (document, CHARTA_COLLECTION_MEASURES, STAFF_SHARE);
  ChartaEditorDialog *editor = open_editor (window, CHARTA_COLLECTION_MEASURES, m->id);
  ChartaActualRow *actual;
  g_autoptr(ChartaProject) saved = NULL;
  const ChartaDatedValue *v;
  GtkWidget *page;

  type_into (row_titled (GTK_WIDGET (editor), "Breakdown (e.g. Origin group)"), "Origin group");
  type_into (row_titled (GTK_WIDGET (editor), "Groups (separated by commas)"), "Belgian origin, non-EU origin");
  actual = CHARTA_ACTUAL_ROW (first_of_type (GTK_WIDGET (editor), CHARTA_TYPE_ACTUAL_ROW));
  g_assert_nonnull (charta_actual_row_get_group_row (actual, "Belgian origin"));
  type_into (charta_actual_row_get_group_row (actual, "non-EU origin"), "x");
  g_assert_false (charta_editor_dialog_get_can_save (editor));
  type_into (charta_actual_row_get_group_row (actual, "non-EU origin"), "3.5");
  type_into (charta_actual_row_get_group_row (actual, "Belgian origin"), "10");
  g_assert_true (charta_editor_dialog_save (editor));

  saved = save_and_reload (window, path);
  m = find_measure_in (saved, STAFF_SHARE);
  g_assert_cmpstr (m->breakdown, ==, "Origin group");
  g_assert_cmpuint (m->groups->len, ==, 2);
  v = g_ptr_array_index (m->actuals, 0);
  g_assert_cmpuint (v->by_group->len, ==, 2);
  g_assert_cmpstr (((ChartaGroupValue *) g_ptr_array_index (v->by_group, 0))->group, ==, "Belgian origin");
  g_assert_cmpfloat (((ChartaGroupValue *) g_ptr_array_index (v->by_group, 1))->value, ==, 3.5);

  /* Saved again without a change: no change, no undo step. */
  editor = open_editor (window, CHARTA_COLLECTION_MEASURES, m->id);
  g_assert_true (charta_editor_dialog_save (editor));
  spin (5);
  g_assert_false (charta_document_get_modified (document));

  show_page (window, "measures");
  page = find_widget (GTK_WIDGET (window), is_records_page, GINT_TO_POINTER (CHARTA_COLLECTION_MEASURES));
  g_assert_nonnull (find_widget (page, is_row_titled, "Origin group"));
  g_assert_nonnull (find_widget (page, is_row_titled, "non-EU origin"));
  /* The computed measure says where its figures come from. */
  g_assert_nonnull (find_widget (page, is_row_titled, "Counted from the Project"));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The Consultations page: the agreement's rules held versus required, and a warning row
 * once the evaluation is gone. */
static void
test_consultation_rules (void)
{
  g_autofree char *path = copy_example ("mechelen-2018.charta");
  ChartaWindow *window = open_window (path);
  ChartaDocument *document = charta_window_get_document (window);
  GtkWidget *page;

  show_page (window, "consultations");
  page = find_widget (GTK_WIDGET (window), is_records_page, GINT_TO_POINTER (CHARTA_COLLECTION_CONSULTATIONS));
  g_assert_nonnull (find_widget (page, is_row_titled, "A yearly evaluation of the cooperation"));
  g_assert_true (has_label (page, "4 held, 3 required in 2018"));
  g_assert_null (find_widget (page, is_row_titled, "Behind the agreement: 2 rules not met in 2018"));
  for (guint i = charta_document_get_n (document, CHARTA_COLLECTION_CONSULTATIONS); i > 0; i--)
    {
      const ChartaConsultation *c = charta_document_get (document, CHARTA_COLLECTION_CONSULTATIONS, i - 1);
      if (c->kind == CHARTA_MEETING_EVALUATION)
        charta_document_remove (document, CHARTA_COLLECTION_CONSULTATIONS, i - 1);
    }
  spin (20);
  g_assert_nonnull (find_widget (page, is_row_titled, "Behind the agreement: 2 rules not met in 2018"));
  g_assert_true (has_label (page, "0 held, 1 required in 2018"));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A DIVE area of a policy area links it; its page links the areas back. */
static void
test_policy_area (void)
{
  g_autofree char *path = copy_example ("mechelen-2018.charta");
  ChartaWindow *window = open_window (path);
  GtkWidget *page;
  const char *housing = charta_item_get_title (charta_catalogue_lookup (charta_catalogue_get_default (),
                                                                        "dive.policy-area.housing"));

  g_assert_true (charta_window_select_item (window, "dive.area.pm.5"));
  spin (20);
  page = find_widget (GTK_WIDGET (window), is_item_page, NULL);
  g_signal_emit_by_name (row_titled (page, housing), "activate");
  spin (20);
  g_assert_cmpstr (charta_item_page_get_item_id (CHARTA_ITEM_PAGE (page)), ==, "dive.policy-area.housing");
  g_assert_true (has_label (page, "DIVE Areas in This Policy Area"));
  g_assert_nonnull (find_widget (page, is_row_titled,
                                 (gpointer) charta_item_get_title (charta_catalogue_lookup (charta_catalogue_get_default (),
                                                                                            "dive.area.pm.5"))));
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
is_check_named (GtkWidget *widget, gpointer name)
{
  return GTK_IS_CHECK_BUTTON (widget) && g_strcmp0 (gtk_widget_get_tooltip_text (widget), "Adopted") == 0 &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (gtk_widget_get_ancestor (widget, ADW_TYPE_ACTION_ROW))),
                    name) == 0;
}

/* A recommendation that answers two key problems is listed under each; adopting it under
 * one ticks it under the other too. */
static void
test_shared_recommendation (void)
{
  g_autofree char *path = copy_example ("mechelen-2018.charta");
  ChartaWindow *window = open_window (path);
  ChartaDocument *document = charta_window_get_document (window);
  ChartaCatalogue *catalogue = charta_catalogue_get_default ();
  const char *rec = charta_item_get_title (charta_catalogue_lookup (catalogue, "dive.area.employer.4.kp2.r1"));
  const char *kp1 = charta_item_get_title (charta_catalogue_lookup (catalogue, "dive.area.employer.4.kp1"));
  const char *kp2 = charta_item_get_title (charta_catalogue_lookup (catalogue, "dive.area.employer.4.kp2"));
  GtkWidget *page, *under_kp1, *under_kp2;
  const ChartaAssessment *a;

  g_assert_true (charta_window_select_item (window, "dive.area.employer.4"));
  spin (20);
  page = find_widget (GTK_WIDGET (window), is_item_page, NULL);
  under_kp1 = find_widget (row_titled (page, kp1), is_check_named, (gpointer) rec);
  under_kp2 = find_widget (row_titled (page, kp2), is_check_named, (gpointer) rec);
  g_assert_nonnull (under_kp1);
  g_assert_nonnull (under_kp2);
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (under_kp2)));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (under_kp1), TRUE);
  spin (20);
  a = charta_project_get_assessment (charta_document_get_project (document), "dive.area.employer.4");
  g_assert_nonnull (a);
  g_assert_true (g_ptr_array_find_with_equal_func (a->recommendations, "dive.area.employer.4.kp2.r1", g_str_equal, NULL));
  under_kp2 = find_widget (row_titled (page, kp2), is_check_named, (gpointer) rec);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (under_kp2)));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();
  g_test_add_func ("/v2/action/fields", test_action_fields);
  g_test_add_func ("/v2/item/competence-and-sources", test_item_competence_sources);
  g_test_add_func ("/v2/measure/breakdown", test_measure_breakdown);
  g_test_add_func ("/v2/consultations/rules", test_consultation_rules);
  g_test_add_func ("/v2/area/policy-area", test_policy_area);
  g_test_add_func ("/v2/area/shared-recommendation", test_shared_recommendation);
  return g_test_run ();
}
