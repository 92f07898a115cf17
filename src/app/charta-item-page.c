/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-item-page"
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "charta-comments-panel.h"
#include "charta-assessment-text.h"
#include "charta-item-page.h"
#include "charta-item-sections.h"
#include "charta-level-row.h"
#include "charta-source-row.h"
#include "charta-ui-utils.h"

/* One page for any framework item that a consultant assesses. The page is rebuilt when
 * the item changes from outside (undo, redo, reload); edits made on the page commit a
 * changed copy of the assessment to the document, one undo step each. Text is committed
 * when the typing pauses or the field loses focus, so a sentence is one undo step, not
 * one per key. */

struct _ChartaItemPage {
  GtkWidget parent_instance;

  GtkWidget *scroller;
  GtkWidget *box;

  ChartaDocument *document;
  const ChartaItem *item;
  gulong assessment_changed_id;
  gulong collection_changed_id;
  gulong reloaded_id;
  guint committing;
  guint rebuild_id;
  GPtrArray *texts;      /* the page's ChartaAssessmentText fields, to flush */
  guint restore_id;      /* tick: the scroll and focus from before a rebuild, once laid out */
  double restore_scroll;
  int restore_focus;     /* among the page's focusable widgets, or -1 */
  guint restore_frames;
};

/* What a control on the page changes: the assessment of @item_id (for a key problem's or
 * recommendation's check, @choice_id is the one ticked). Passed to the control's signal
 * handler and freed with it. */
typedef struct {
  ChartaItemPage *page;
  char *item_id;
  char *choice_id;
  guint index;      /* a source's place in the assessment's list */
} Target;

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_ITEM_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  OPEN_ITEM,
  ADD_ACTION,
  OPEN_ACTION,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (ChartaItemPage, charta_item_page, GTK_TYPE_WIDGET)

static void rebuild (ChartaItemPage *self);

static gboolean
rebuild_idle (gpointer data)
{
  ChartaItemPage *self = data;
  self->rebuild_id = 0;
  rebuild (self);
  return G_SOURCE_REMOVE;
}

/* Rebuilds after the signal being handled is over: the page's widgets go with it. */
static void
queue_rebuild (ChartaItemPage *self)
{
  if (self->rebuild_id == 0)
    self->rebuild_id = g_idle_add (rebuild_idle, self);
}

/* ---- committing ---- */

static ChartaAssessment *
current_copy (ChartaItemPage *self, const char *item_id)
{
  const ChartaAssessment *a = charta_project_get_assessment (charta_document_get_project (self->document), item_id);
  return a ? charta_assessment_copy (a) : charta_assessment_new (item_id);
}

static void
stamp (ChartaAssessment *a)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_free (a->changed);
  a->changed = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

static void
commit (ChartaItemPage *self, const char *item_id, ChartaAssessment *a)
{
  const ChartaAssessment *current = charta_project_get_assessment (charta_document_get_project (self->document), item_id);

  /* The time stamp alone is no change. */
  if (current != NULL)
    {
      g_free (a->changed);
      a->changed = g_strdup (current->changed);
      if (charta_assessment_equal (current, a))
        {
          charta_assessment_free (a);
          return;
        }
    }
  stamp (a);
  self->committing++;
  charta_document_set_assessment (self->document, item_id, a);
  self->committing--;
}

static void
target_free (gpointer data, GClosure *closure)
{
  Target *t = data;

  g_free (t->item_id);
  g_free (t->choice_id);
  g_free (t);
}

/* Connects @callback to @signal of @instance with a Target for @item_id (and @choice_id). */
static Target *
connect_target (gpointer instance, const char *signal, GCallback callback, ChartaItemPage *self,
                const char *item_id, const char *choice_id)
{
  Target *t = g_new0 (Target, 1);

  t->page = self;
  t->item_id = g_strdup (item_id);
  t->choice_id = g_strdup (choice_id);
  g_signal_connect_data (instance, signal, callback, t, target_free, 0);
  return t;
}

static void
on_text_changed_cb (ChartaAssessmentText *text, GParamSpec *pspec, gpointer field)
{
  ChartaItemPage *self = CHARTA_ITEM_PAGE (gtk_widget_get_ancestor (GTK_WIDGET (text), CHARTA_TYPE_ITEM_PAGE));
  const char *item_id = charta_assessment_text_get_item_id (text);
  ChartaAssessment *a;
  char **slot;

  if (self == NULL || self->document == NULL)
    return;
  a = current_copy (self, item_id);
  slot = GPOINTER_TO_INT (field) ? &a->answer : &a->evidence;
  g_free (*slot);
  *slot = g_strdup (charta_assessment_text_get_text (text));
  commit (self, item_id, a);
}

void
charta_item_page_flush (ChartaItemPage *self)
{
  g_return_if_fail (CHARTA_IS_ITEM_PAGE (self));
  for (guint i = 0; i < self->texts->len; i++)
    charta_assessment_text_flush (g_ptr_array_index (self->texts, i));
}

/* ---- widgets ---- */

/* @answer: the answer to a guiding question, else the evidence. */
static GtkWidget *
text_editor (ChartaItemPage *self, const char *item_id, gboolean answer, const char *text, const char *accessible_name)
{
  GtkWidget *field = charta_assessment_text_new (item_id, accessible_name, text);

  g_signal_connect (field, "notify::text", G_CALLBACK (on_text_changed_cb), GINT_TO_POINTER (answer));
  g_ptr_array_add (self->texts, field);
  return field;
}

static void
on_level_changed_cb (ChartaLevelRow *row, GParamSpec *pspec, ChartaItemPage *self)
{
  const char *item_id = charta_level_row_get_item_id (row);
  ChartaAssessment *a;

  if (self->document == NULL || adw_combo_row_get_selected (ADW_COMBO_ROW (row)) == GTK_INVALID_LIST_POSITION)
    return;
  a = current_copy (self, item_id);
  a->level = charta_level_row_get_level (row);
  commit (self, item_id, a);
}

/* The level on the framework's scale, with what the chosen level means beneath it. */
static void
add_level_rows (ChartaItemPage *self, GtkWidget *group, const ChartaItem *item, const ChartaAssessment *a)
{
  GtkWidget *row = charta_level_row_new (item, a ? a->level : CHARTA_UNSET);
  GtkWidget *meaning = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (meaning), FALSE);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (meaning), 0);
  gtk_widget_add_css_class (meaning, "dim-label");
  g_object_bind_property (row, "meaning", meaning, "title", G_BINDING_SYNC_CREATE);
  g_signal_connect (row, "notify::level", G_CALLBACK (on_level_changed_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), meaning);
}

/* What each answer means, after the Charter's footnote (a city commits where it has the
 * power) and DIVE's point that powers differ between cities. Index 0: not said. */
static const char *
competence_meaning (guint selected)
{
  switch ((int) selected - 1)
    {
    case CHARTA_COMPETENCE_PROVIDES_SERVICE:
      return _("The city provides this service itself and can change it directly");
    case CHARTA_COMPETENCE_ADVOCATES_ONLY:
      return _("Another level of government or an organisation provides it; the city advocates with them");
    case CHARTA_COMPETENCE_NOT_COMPETENT:
      return _("The city has no power over this: the Charter asks for commitments where it has");
    default:
      return _("What the city can do about this item: not said yet");
    }
}

static void
on_competence_selected_cb (AdwComboRow *row, GParamSpec *pspec, Target *t)
{
  guint selected = adw_combo_row_get_selected (row);
  ChartaAssessment *a;

  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), competence_meaning (selected));
  if (selected == GTK_INVALID_LIST_POSITION)
    return;
  a = current_copy (t->page, t->item_id);
  a->competence = selected == 0 ? CHARTA_UNSET : (int) selected - 1;
  commit (t->page, t->item_id, a);
}

/* The city's competence for the item (format version 2). */
static void
add_competence_row (ChartaItemPage *self, GtkWidget *group, const ChartaItem *item, const ChartaAssessment *a)
{
  GtkWidget *row = adw_combo_row_new ();
  GtkStringList *labels = gtk_string_list_new (NULL);
  guint selected = a && a->competence != CHARTA_UNSET ? (guint) a->competence + 1 : 0;

  gtk_string_list_append (labels, _("Not said"));
  for (int c = 0; c < CHARTA_N_COMPETENCES; c++)
    gtk_string_list_append (labels, charta_competence_get_label (c));
  charta_row_set_title (row, _("City’s Competence"));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (labels));
  g_object_unref (labels);
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), competence_meaning (selected));
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  connect_target (row, "notify::selected", G_CALLBACK (on_competence_selected_cb), self, charta_item_get_id (item), NULL);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
}

static void
on_private_toggled_cb (GtkSwitch *sw, GParamSpec *pspec, Target *t)
{
  ChartaAssessment *a = current_copy (t->page, t->item_id);

  a->evidence_private = gtk_switch_get_active (sw);
  commit (t->page, t->item_id, a);
}

static void
on_source_removed_cb (ChartaSourceRow *row, Target *t)
{
  ChartaAssessment *a = current_copy (t->page, t->item_id);
  guint index = t->index;

  if (a->sources && index < a->sources->len)
    charta_source_free (g_ptr_array_steal_index (a->sources, index));
  commit (t->page, t->item_id, a);
  queue_rebuild (t->page);
}

static void
on_source_changed_cb (ChartaSourceRow *row, Target *t)
{
  ChartaAssessment *a = current_copy (t->page, t->item_id);
  ChartaSource *source = charta_source_row_dup_source (row);

  if (source == NULL || a->sources == NULL || t->index >= a->sources->len)
    {
      g_clear_pointer (&source, charta_source_free);
      charta_assessment_free (a);
      return;
    }
  charta_source_free (g_ptr_array_index (a->sources, t->index));
  g_ptr_array_index (a->sources, t->index) = source;
  commit (t->page, t->item_id, a);
}

static void
on_add_source_cb (AdwEntryRow *row, Target *t)
{
  ChartaItemPage *self = t->page;
  const char *item_id = t->item_id;
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  ChartaAssessment *a;

  if (*text == '\0' || g_utf8_strlen (text, -1) > CHARTA_TITLE_MAX_CHARS || strpbrk (text, "\n\r"))
    return;
  a = current_copy (self, item_id);
  if (a->sources == NULL)
    a->sources = g_ptr_array_new ();
  g_ptr_array_add (a->sources, charta_source_new (text));
  commit (self, item_id, a);
  queue_rebuild (self);
}

/* The documents the evidence rests on (reports, council decisions, web pages), one per
 * row: a record with its date, link or reference and page (format version 2). */
static void
add_source_rows (ChartaItemPage *self, GtkWidget *group, const ChartaItem *item, const ChartaAssessment *a)
{
  GtkWidget *add = adw_entry_row_new ();

  for (guint i = 0; a && a->sources && i < a->sources->len; i++)
    {
      GtkWidget *row = charta_source_row_new (g_ptr_array_index (a->sources, i));

      connect_target (row, "changed", G_CALLBACK (on_source_changed_cb), self, charta_item_get_id (item), NULL)->index = i;
      connect_target (row, "remove", G_CALLBACK (on_source_removed_cb), self, charta_item_get_id (item), NULL)->index = i;
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  charta_row_set_title (add, _("Add a Source Document"));
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (add), TRUE);
  connect_target (add, "apply", G_CALLBACK (on_add_source_cb), self, charta_item_get_id (item), NULL);
  connect_target (add, "entry-activated", G_CALLBACK (on_add_source_cb), self, charta_item_get_id (item), NULL);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), add);
}

/* The level, the evidence and whether the evidence stays internal. */
static GtkWidget *
assessment_group (ChartaItemPage *self, const ChartaItem *item, const char *title)
{
  const ChartaAssessment *a = charta_project_get_assessment (charta_document_get_project (self->document),
                                                             charta_item_get_id (item));
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *private_row = adw_action_row_new ();
  GtkWidget *sw = gtk_switch_new ();
  GtkWidget *label;
  g_autofree char *evidence_name = g_strdup_printf (_("Evidence for “%s”"), charta_item_get_title (item));

  if (title)
    adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  add_level_rows (self, group, item, a);
  add_competence_row (self, group, item, a);

  gtk_switch_set_active (GTK_SWITCH (sw), a && a->evidence_private);
  gtk_widget_set_valign (sw, GTK_ALIGN_CENTER);
  connect_target (sw, "notify::active", G_CALLBACK (on_private_toggled_cb), self, charta_item_get_id (item), NULL);
  charta_row_set_title (private_row, _("Keep Evidence Internal"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (private_row), _("Internal evidence is never sent in progress reports"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (private_row), sw);
  /* Named by the row's title (libadwaita's labelled-by): a name of its own as well would
   * be read after it, twice. */
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (private_row), sw);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), private_row);

  add_source_rows (self, group, item, a);

  label = charta_item_heading_new (_("Evidence"), "heading");
  gtk_widget_set_margin_top (label, 12);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), label);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             text_editor (self, charta_item_get_id (item), FALSE, a ? a->evidence : NULL, evidence_name));
  return group;
}

static void
toggle_id (GPtrArray **list, const char *id, gboolean on)
{
  guint index;

  if (*list == NULL)
    *list = g_ptr_array_new_with_free_func (g_free);
  if (g_ptr_array_find_with_equal_func (*list, id, g_str_equal, &index))
    {
      if (!on)
        g_ptr_array_remove_index (*list, index);
    }
  else if (on)
    g_ptr_array_add (*list, g_strdup (id));
}

static void
on_check_toggled_cb (GtkCheckButton *check, Target *t)
{
  const char *area_id = t->item_id;
  const char *id = t->choice_id;
  const ChartaItem *item = charta_catalogue_lookup (charta_catalogue_get_default (), id);
  ChartaAssessment *a = current_copy (t->page, area_id);

  if (strcmp (charta_item_get_kind (item), "key-problem") == 0)
    toggle_id (&a->key_problems, id, gtk_check_button_get_active (check));
  else
    toggle_id (&a->recommendations, id, gtk_check_button_get_active (check));
  commit (t->page, area_id, a);
}

static GtkWidget *
check_for (ChartaItemPage *self, const ChartaItem *area, const ChartaItem *item, gboolean active, const char *verb)
{
  GtkWidget *check = gtk_check_button_new ();
  /* Translators: the accessible name of a checkbox, e.g. "Applies: Too little data on …" */
  g_autofree char *name = g_strdup_printf (_("%s: %s"), verb, charta_item_get_title (item));

  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), active);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (check, verb);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  connect_target (check, "toggled", G_CALLBACK (on_check_toggled_cb), self, charta_item_get_id (area),
                  charta_item_get_id (item));
  return check;
}

static gboolean
list_has (GPtrArray *list, const char *id)
{
  return list != NULL && g_ptr_array_find_with_equal_func (list, id, g_str_equal, NULL);
}

/* The recommendations that answer @kp: its own, and those of the area's other key
 * problems that answer it too (format version 2: a recommendation may answer several). */
static GPtrArray *
recommendations_for (const ChartaItem *area, const ChartaItem *kp)
{
  GPtrArray *recs = g_ptr_array_new ();

  for (guint i = 0; i < charta_item_get_n_children (area); i++)
    {
      const ChartaItem *other = charta_item_get_child (area, i);
      for (guint j = 0; j < charta_item_get_n_children (other); j++)
        {
          const ChartaItem *rec = charta_item_get_child (other, j);
          if (strcmp (charta_item_get_kind (rec), "recommendation") != 0)
            continue;
          if (other == kp || g_strv_contains (charta_item_get_answers (rec), charta_item_get_id (kp)))
            g_ptr_array_add (recs, (gpointer) rec);
        }
    }
  return recs;
}

static void
on_shared_recommendation_toggled_cb (ChartaItemPage *self)
{
  /* The same recommendation's check under its other key problems follows. */
  queue_rebuild (self);
}

static GtkWidget *
recommendation_row (ChartaItemPage *self, const ChartaItem *area, const ChartaItem *rec, const ChartaAssessment *a)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = check_for (self, area, rec, a && list_has (a->recommendations, charta_item_get_id (rec)),
                                _("Adopted"));
  guint n_answers = g_strv_length ((char **) charta_item_get_answers (rec));

  charta_row_set_title (row, charta_item_get_title (rec));
  if (n_answers > 1)
    {
      /* Translators: the subtitle of a recommendation that answers several key problems */
      g_autofree char *subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Recommendation · answers %u key problem",
                                                                "Recommendation · answers %u key problems", n_answers),
                                                   n_answers);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (on_shared_recommendation_toggled_cb), self);
    }
  else
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Recommendation"));
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  charta_action_row_set_activatable_named (row, check);
  return row;
}

/* Key problems that apply, with the recommendations adopted for each, as a checklist. */
static GtkWidget *
key_problem_group (ChartaItemPage *self, const ChartaItem *area)
{
  const ChartaAssessment *a = charta_project_get_assessment (charta_document_get_project (self->document),
                                                             charta_item_get_id (area));
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Key Problems and Recommendations"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Tick the key problems that apply to the city and the recommendations it adopts"));
  for (guint i = 0; i < charta_item_get_n_children (area); i++)
    {
      const ChartaItem *kp = charta_item_get_child (area, i);
      GtkWidget *row, *check;
      GPtrArray *recs;

      if (strcmp (charta_item_get_kind (kp), "key-problem") != 0)
        continue;
      check = check_for (self, area, kp, a && list_has (a->key_problems, charta_item_get_id (kp)), _("Applies"));
      recs = recommendations_for (area, kp);
      /* Without recommendations there is nothing to unfold: a plain row, no expand arrow. */
      if (recs->len == 0)
        {
          row = adw_action_row_new ();
          charta_row_set_title (row, charta_item_get_title (kp));
          adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
          charta_action_row_set_activatable_named (row, check);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
          g_ptr_array_unref (recs);
          continue;
        }
      row = adw_expander_row_new ();
      charta_row_set_title (row, charta_item_get_title (kp));
      adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), check);
      for (guint j = 0; j < recs->len; j++)
        adw_expander_row_add_row (ADW_EXPANDER_ROW (row), recommendation_row (self, area, g_ptr_array_index (recs, j), a));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
      g_ptr_array_unref (recs);
    }
  return group;
}

static void
open_item_action (GtkWidget *widget, const char *name, GVariant *param)
{
  g_signal_emit (widget, signals[OPEN_ITEM], 0, g_variant_get_string (param, NULL));
}

static gboolean
action_links (const ChartaAction *action, const ChartaItem *item)
{
  ChartaCatalogue *catalogue = charta_catalogue_get_default ();

  for (guint i = 0; action->items && i < action->items->len; i++)
    for (const ChartaItem *it = charta_catalogue_lookup (catalogue, g_ptr_array_index (action->items, i));
         it != NULL; it = charta_item_get_parent (it))
      if (it == item)
        return TRUE;
  return FALSE;
}

static void
open_action_action (GtkWidget *widget, const char *name, GVariant *param)
{
  g_signal_emit (widget, signals[OPEN_ACTION], 0, g_variant_get_string (param, NULL));
}

static void
add_action_action (GtkWidget *widget, const char *name, GVariant *param)
{
  ChartaItemPage *self = CHARTA_ITEM_PAGE (widget);

  if (self->item != NULL)
    g_signal_emit (self, signals[ADD_ACTION], 0, charta_item_get_id (self->item));
}

static GtkWidget *
actions_group (ChartaItemPage *self)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *add = gtk_button_new_from_icon_name ("list-add-symbolic");
  guint n = charta_document_get_n (self->document, CHARTA_COLLECTION_ACTIONS);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Actions"));
  gtk_widget_set_tooltip_text (add, _("Add an Action for This Item"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (add), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Add an Action for This Item"), -1);
  gtk_widget_add_css_class (add, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (add), "item-page.add-action");
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), add);

  for (guint i = 0; i < n; i++)
    {
      const ChartaAction *action = charta_document_get (self->document, CHARTA_COLLECTION_ACTIONS, i);
      GtkWidget *row;
      g_autofree char *subtitle = NULL;

      if (!action_links (action, self->item))
        continue;
      row = adw_action_row_new ();
      charta_row_set_title (row, action->title);
      /* Translators: action status and due date, e.g. "In progress · due 2018-06-30" */
      if (action->due)
        {
          g_autofree char *due = charta_format_date (action->due);
          subtitle = g_strdup_printf (_("%s · due %s"), charta_status_get_label (action->status), due);
        }
      else
        subtitle = g_strdup (charta_status_get_label (action->status));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "item-page.open-action");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", action->id);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  return group;
}

static void
add_answers (ChartaItemPage *self, const ChartaItem *key_factor)
{
  GtkWidget *group = adw_preferences_group_new ();
  guint n = 0;

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Guiding Questions"));
  for (guint i = 0; i < charta_item_get_n_children (key_factor); i++)
    {
      const ChartaItem *q = charta_item_get_child (key_factor, i);
      const ChartaAssessment *a;
      GtkWidget *label;

      if (strcmp (charta_item_get_kind (q), "guiding-question") != 0)
        continue;
      a = charta_project_get_assessment (charta_document_get_project (self->document), charta_item_get_id (q));
      label = charta_item_heading_new (charta_item_get_title (q), "heading");
      gtk_widget_set_margin_top (label, n ? 12 : 0);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), label);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                 text_editor (self, charta_item_get_id (q), TRUE, a ? a->answer : NULL,
                                              charta_item_get_title (q)));
      n++;
    }
  if (n)
    gtk_box_append (GTK_BOX (self->box), group);
}

static void
append (ChartaItemPage *self, GtkWidget *widget)
{
  if (widget != NULL)
    gtk_box_append (GTK_BOX (self->box), widget);
}

static void
build_role (ChartaItemPage *self, const ChartaItem *role)
{
  ChartaCatalogue *catalogue = charta_catalogue_get_default ();
  const ChartaFramework *dive = charta_catalogue_find_framework (catalogue, "dive");
  const ChartaProject *project = charta_document_get_project (self->document);
  GtkWidget *areas = adw_preferences_group_new ();
  guint n = 0;

  for (guint i = 0; i < charta_item_get_n_children (role); i++)
    {
      const ChartaItem *c = charta_item_get_child (role, i);
      /* Translators: a heading, e.g. "Commitment 2" */
      g_autofree char *title = g_strdup_printf (_("Commitment %u"), i + 1);
      GtkWidget *group = assessment_group (self, c, title);
      charta_group_set_description (group, charta_item_get_title (c));
      append (self, group);
    }
  if (dive == NULL || !charta_project_uses_framework (project, "dive"))
    return;
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (areas), _("DIVE Areas Serving This Role"));
  for (guint i = 0; i < charta_framework_get_n_items (dive); i++)
    {
      const ChartaItem *area = charta_framework_get_item (dive, i);
      if (strcmp (charta_item_get_kind (area), "area") == 0 && charta_item_serves (area, charta_item_get_id (role)))
        {
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (areas), charta_item_link_row_new (area, NULL, "item-page.open-item"));
          n++;
        }
    }
  if (n)
    append (self, areas);
}

static void
build_commitment (ChartaItemPage *self, const ChartaItem *commitment)
{
  ChartaCatalogue *catalogue = charta_catalogue_get_default ();
  const ChartaFramework *dive = charta_catalogue_find_framework (catalogue, "dive");
  const ChartaProject *project = charta_document_get_project (self->document);

  append (self, assessment_group (self, commitment, _("Assessment")));
  if (dive == NULL || !charta_project_uses_framework (project, "dive"))
    return;
  /* The DIVE indicators that measure this commitment, assessed right here. */
  for (guint i = 0; i < charta_framework_get_n_items (dive); i++)
    {
      const ChartaItem *ind = charta_framework_get_item (dive, i);
      if (strcmp (charta_item_get_kind (ind), "indicator") == 0 &&
          g_strv_contains (charta_item_get_serves (ind), charta_item_get_id (commitment)))
        {
          GtkWidget *group = assessment_group (self, ind, _("DIVE Indicator"));
          charta_group_set_description (group, charta_item_get_title (ind));
          append (self, group);
        }
    }
}

/* The DIVE policy area (housing, education, …) an area belongs to, linked. */
static GtkWidget *
policy_area_group (const ChartaItem *area)
{
  const ChartaItem *policy_area = charta_item_get_policy_area (area);
  GtkWidget *group;

  if (policy_area == NULL)
    return NULL;
  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Policy Area"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             charta_item_link_row_new (policy_area, _("The policy area this area belongs to"),
                                                       "item-page.open-item"));
  return group;
}

/* A policy area's page: the DIVE areas that belong to it, linked. */
static void
build_policy_area (ChartaItemPage *self, const ChartaItem *policy_area)
{
  const ChartaFramework *fw = charta_item_get_framework (policy_area);
  GtkWidget *group = adw_preferences_group_new ();
  guint n = 0;

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("DIVE Areas in This Policy Area"));
  for (guint i = 0; i < charta_framework_get_n_items (fw); i++)
    {
      const ChartaItem *area = charta_framework_get_item (fw, i);
      if (charta_item_get_policy_area (area) != policy_area)
        continue;
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), charta_item_link_row_new (area, NULL, "item-page.open-item"));
      n++;
    }
  if (n)
    append (self, group);
  else
    {
      g_object_ref_sink (group);
      g_object_unref (group);
    }
}

static void
build_area (ChartaItemPage *self, const ChartaItem *area)
{
  if (charta_item_get_situation (area))
    {
      append (self, charta_item_heading_new (_("Situation"), "title-4"));
      append (self, charta_item_paragraph_new (charta_item_get_situation (area)));
    }
  append (self, policy_area_group (area));
  append (self, assessment_group (self, area, _("Assessment")));
  append (self, key_problem_group (self, area));
  append (self, charta_good_practice_group_new (area));
}

static void
build_key_factor (ChartaItemPage *self, const ChartaItem *kf)
{
  append (self, assessment_group (self, kf, _("Assessment")));
  add_answers (self, kf);
  append (self, charta_item_list_group_new (kf, "practical-tip", _("Practical Tips")));
  append (self, charta_good_practice_group_new (kf));
  append (self, charta_context_factor_group_new (charta_item_get_framework (kf)));
}

static gboolean
restore_tick (GtkWidget *widget, GdkFrameClock *clock, gpointer data)
{
  ChartaItemPage *self = CHARTA_ITEM_PAGE (widget);
  GtkAdjustment *vadj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller));
  int n = self->restore_focus;
  GtkWidget *focus;

  /* Ticks come before the layout: wait (a few frames at most) until the new page has its
   * height, or the scroll would be cut to the empty page's. */
  if (gtk_adjustment_get_upper (vadj) - gtk_adjustment_get_page_size (vadj) < self->restore_scroll &&
      self->restore_frames++ < 10)
    return G_SOURCE_CONTINUE;
  self->restore_id = 0;
  focus = n >= 0 ? charta_walk_focusable (self->box, NULL, &n) : NULL;
  /* Without selecting the text: a field given the focus back would select all of it. */
  if (GTK_IS_TEXT (focus))
    gtk_text_grab_focus_without_selecting (GTK_TEXT (focus));
  else if (focus != NULL)
    gtk_widget_grab_focus (focus);
  /* After the focus, which scrolls to the widget as it was laid out before. */
  gtk_adjustment_set_value (vadj, self->restore_scroll);
  return G_SOURCE_REMOVE;
}

/* A rebuild (a source document added, an action saved) keeps the page where it was and
 * the focus where it was: restored once the new page is laid out, not at the top. */
static void
keep_place (ChartaItemPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  int n = 0;

  if (self->restore_id != 0)
    return;
  self->restore_scroll = gtk_adjustment_get_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller)));
  self->restore_focus = focus && gtk_widget_is_ancestor (focus, self->box) &&
                        charta_walk_focusable (self->box, focus, &n) ? n : -1;
  /* The focus leaves the old widgets before they go, so GTK does not move it (and the
   * view with it) to the top of the page. */
  if (self->restore_focus >= 0)
    gtk_root_set_focus (root, NULL);
  self->restore_frames = 0;
  self->restore_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), restore_tick, NULL, NULL);
}

static void
rebuild (ChartaItemPage *self)
{
  GtkWidget *child;
  const char *kind;
  gboolean had_focus;

  keep_place (self);
  charta_item_page_flush (self);
  g_ptr_array_set_size (self->texts, 0);
  /* The focus must not stay on a row that goes (a link row just activated): GTK 4.8's
   * viewport would scroll to the removed widget. It moves into the new page. */
  had_focus = gtk_widget_get_focus_child (self->box) != NULL;
  if (had_focus)
    gtk_root_set_focus (gtk_widget_get_root (GTK_WIDGET (self)), NULL);
  while ((child = gtk_widget_get_first_child (self->box)) != NULL)
    gtk_box_remove (GTK_BOX (self->box), child);
  if (self->item == NULL || self->document == NULL)
    return;

  kind = charta_item_get_kind (self->item);
  append (self, charta_item_heading_new (charta_item_get_title (self->item), "title-1"));
  if (charta_item_get_description (self->item))
    append (self, charta_item_paragraph_new (charta_item_get_description (self->item)));
  if (strcmp (kind, "role") == 0)
    build_role (self, self->item);
  else if (strcmp (kind, "commitment") == 0 || strcmp (kind, "delivery-commitment") == 0 ||
           strcmp (kind, "indicator") == 0)
    build_commitment (self, self->item);
  else if (strcmp (kind, "area") == 0)
    build_area (self, self->item);
  else if (strcmp (kind, "key-factor") == 0)
    build_key_factor (self, self->item);
  else if (strcmp (kind, "policy-area") == 0)
    build_policy_area (self, self->item);
  append (self, actions_group (self));
  append (self, charta_comments_panel_new (self->document, charta_item_get_id (self->item)));
}

/* ---- document signals ---- */

static gboolean
item_on_page (ChartaItemPage *self, const char *id)
{
  /* Any change to an item inside this page's item, or served by it, shows here. */
  const ChartaItem *item = charta_catalogue_lookup (charta_catalogue_get_default (), id);
  if (item == NULL || self->item == NULL)
    return FALSE;
  for (const ChartaItem *it = item; it; it = charta_item_get_parent (it))
    if (it == self->item)
      return TRUE;
  return g_strv_contains (charta_item_get_serves (item), charta_item_get_id (self->item));
}

static void
on_assessment_changed_cb (ChartaDocument *document, const char *item_id, ChartaItemPage *self)
{
  if (self->committing == 0 && item_on_page (self, item_id))
    rebuild (self);
}

static void
on_collection_changed_cb (ChartaDocument *document, int collection, guint position, guint removed, guint added,
                          ChartaItemPage *self)
{
  if (collection == CHARTA_COLLECTION_ACTIONS && self->item != NULL)
    rebuild (self);
}

static void
on_reloaded_cb (ChartaDocument *document, ChartaItemPage *self)
{
  rebuild (self);
}

/* ---- GObject ---- */

static void
charta_item_page_dispose (GObject *object)
{
  ChartaItemPage *self = CHARTA_ITEM_PAGE (object);

  charta_item_page_set_document (self, NULL);
  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  if (self->restore_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->restore_id);
  self->restore_id = 0;
  g_clear_pointer (&self->texts, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), CHARTA_TYPE_ITEM_PAGE);
  G_OBJECT_CLASS (charta_item_page_parent_class)->dispose (object);
}

static void
charta_item_page_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  ChartaItemPage *self = CHARTA_ITEM_PAGE (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_ITEM_ID:
      g_value_set_string (value, charta_item_page_get_item_id (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
charta_item_page_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  ChartaItemPage *self = CHARTA_ITEM_PAGE (object);
  const char *id;

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      charta_item_page_set_document (self, g_value_get_object (value));
      break;
    case PROP_ITEM_ID:
      id = g_value_get_string (value);
      charta_item_page_set_item (self, id ? charta_catalogue_lookup (charta_catalogue_get_default (), id) : NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
charta_item_page_class_init (ChartaItemPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = charta_item_page_dispose;
  object_class->get_property = charta_item_page_get_property;
  object_class->set_property = charta_item_page_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, CHARTA_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* The catalogue id of the item shown, NULL for none. */
  properties[PROP_ITEM_ID] =
    g_param_spec_string ("item-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[OPEN_ITEM] = g_signal_new ("open-item", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                     G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[ADD_ACTION] = g_signal_new ("add-action", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                      G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[OPEN_ACTION] = g_signal_new ("open-action", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                       G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/charta/Charta/ui/charta-item-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ChartaItemPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, ChartaItemPage, box);
  gtk_widget_class_install_action (widget_class, "item-page.open-item", "s", open_item_action);
  gtk_widget_class_install_action (widget_class, "item-page.open-action", "s", open_action_action);
  gtk_widget_class_install_action (widget_class, "item-page.add-action", NULL, add_action_action);
}

static void
charta_item_page_init (ChartaItemPage *self)
{
  self->texts = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
charta_item_page_new (void)
{
  return g_object_new (CHARTA_TYPE_ITEM_PAGE, NULL);
}

ChartaDocument *
charta_item_page_get_document (ChartaItemPage *self)
{
  g_return_val_if_fail (CHARTA_IS_ITEM_PAGE (self), NULL);
  return self->document;
}

void
charta_item_page_set_document (ChartaItemPage *self, ChartaDocument *document)
{
  g_return_if_fail (CHARTA_IS_ITEM_PAGE (self));

  if (self->document == document)
    return;
  charta_item_page_flush (self);
  if (self->document != NULL)
    {
      g_clear_signal_handler (&self->assessment_changed_id, self->document);
      g_clear_signal_handler (&self->collection_changed_id, self->document);
      g_clear_signal_handler (&self->reloaded_id, self->document);
      g_clear_object (&self->document);
    }
  if (document != NULL)
    {
      self->document = g_object_ref (document);
      self->assessment_changed_id = g_signal_connect (document, "assessment-changed",
                                                      G_CALLBACK (on_assessment_changed_cb), self);
      self->collection_changed_id = g_signal_connect (document, "collection-changed",
                                                      G_CALLBACK (on_collection_changed_cb), self);
      self->reloaded_id = g_signal_connect (document, "reloaded", G_CALLBACK (on_reloaded_cb), self);
    }
  self->item = NULL;
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM_ID]);
}

void
charta_item_page_set_item (ChartaItemPage *self, const ChartaItem *item)
{
  g_return_if_fail (CHARTA_IS_ITEM_PAGE (self));

  if (self->item == item)
    return;
  charta_item_page_flush (self);
  self->item = item;
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller)), 0);
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM_ID]);
}

const ChartaItem *
charta_item_page_get_item (ChartaItemPage *self)
{
  g_return_val_if_fail (CHARTA_IS_ITEM_PAGE (self), NULL);
  return self->item;
}

const char *
charta_item_page_get_item_id (ChartaItemPage *self)
{
  g_return_val_if_fail (CHARTA_IS_ITEM_PAGE (self), NULL);
  return self->item ? charta_item_get_id (self->item) : NULL;
}
