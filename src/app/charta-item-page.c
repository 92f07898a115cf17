/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-item-page"
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "charta-item-page.h"
#include "charta-ui-utils.h"

/* One page for any framework item that a consultant assesses. The page is rebuilt when
 * the item changes from outside (undo, redo, reload); edits made on the page commit a
 * changed copy of the assessment to the document, one undo step each. Text is committed
 * when the typing pauses or the field loses focus, so a sentence is one undo step, not
 * one per key. */

#define TEXT_COMMIT_DELAY_MS 800

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
  GSList *pending;       /* text fields waiting to be committed */
};

enum {
  OPEN_ITEM,
  ADD_ACTION,
  OPEN_ACTION,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (ChartaItemPage, charta_item_page, GTK_TYPE_WIDGET)

typedef enum {
  TEXT_EVIDENCE,
  TEXT_ANSWER,
} TextField;

typedef struct {
  ChartaItemPage *page;
  char *item_id;
  TextField field;
  GtkTextBuffer *buffer;
  guint timeout_id;
} TextBinding;

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
text_binding_commit (TextBinding *b)
{
  ChartaAssessment *a;
  GtkTextIter start, end;
  g_autofree char *text = NULL;
  char **slot;

  g_clear_handle_id (&b->timeout_id, g_source_remove);
  b->page->pending = g_slist_remove (b->page->pending, b);
  if (b->page->document == NULL)
    return;
  gtk_text_buffer_get_bounds (b->buffer, &start, &end);
  text = gtk_text_buffer_get_text (b->buffer, &start, &end, FALSE);
  a = current_copy (b->page, b->item_id);
  slot = b->field == TEXT_EVIDENCE ? &a->evidence : &a->answer;
  g_free (*slot);
  *slot = *g_strstrip (text) ? g_steal_pointer (&text) : NULL;
  commit (b->page, b->item_id, a);
}

static gboolean
text_binding_timeout (gpointer data)
{
  TextBinding *b = data;
  b->timeout_id = 0;
  text_binding_commit (b);
  return G_SOURCE_REMOVE;
}

static void
on_buffer_changed_cb (GtkTextBuffer *buffer, TextBinding *b)
{
  g_clear_handle_id (&b->timeout_id, g_source_remove);
  b->timeout_id = g_timeout_add (TEXT_COMMIT_DELAY_MS, text_binding_timeout, b);
  if (!g_slist_find (b->page->pending, b))
    b->page->pending = g_slist_prepend (b->page->pending, b);
}

static void
on_text_focus_leave_cb (GtkEventControllerFocus *focus, TextBinding *b)
{
  if (b->timeout_id != 0)
    text_binding_commit (b);
}

static void
text_binding_free (TextBinding *b)
{
  g_clear_handle_id (&b->timeout_id, g_source_remove);
  b->page->pending = g_slist_remove (b->page->pending, b);
  g_free (b->item_id);
  g_free (b);
}

void
charta_item_page_flush (ChartaItemPage *self)
{
  g_return_if_fail (CHARTA_IS_ITEM_PAGE (self));
  while (self->pending != NULL)
    text_binding_commit (self->pending->data);
}

/* ---- widgets ---- */

static GtkWidget *
heading (const char *text, const char *style)
{
  GtkWidget *label = gtk_label_new (text);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, style);
  return label;
}

static GtkWidget *
paragraph (const char *text)
{
  GtkWidget *label = gtk_label_new (text);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "body");
  return label;
}

static GtkWidget *
text_editor (ChartaItemPage *self, const char *item_id, TextField field, const char *text, const char *accessible_name)
{
  GtkWidget *view;
  GtkEventController *focus = gtk_event_controller_focus_new ();
  TextBinding *b = g_new0 (TextBinding, 1);
  GtkWidget *frame = charta_text_area_new (accessible_name, text, 72, &b->buffer, &view);

  b->page = self;
  b->item_id = g_strdup (item_id);
  b->field = field;
  g_signal_connect (b->buffer, "changed", G_CALLBACK (on_buffer_changed_cb), b);
  g_signal_connect (focus, "leave", G_CALLBACK (on_text_focus_leave_cb), b);
  gtk_widget_add_controller (view, focus);
  g_object_set_data_full (G_OBJECT (view), "charta-binding", b, (GDestroyNotify) text_binding_free);
  return frame;
}

static void
show_level_description (GtkWidget *row, const ChartaItem *item, guint selected)
{
  GtkWidget *meaning = g_object_get_data (G_OBJECT (row), "charta-meaning");
  const ChartaLevel *level = selected ? charta_framework_find_level (charta_item_get_framework (item), selected) : NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (meaning),
                                 level ? charta_level_get_description (level) : _("Not assessed yet"));
}

static void
on_level_selected_cb (AdwComboRow *row, GParamSpec *pspec, ChartaItemPage *self)
{
  const char *item_id = g_object_get_data (G_OBJECT (row), "charta-item");
  const ChartaItem *item = charta_catalogue_lookup (charta_catalogue_get_default (), item_id);
  guint selected = adw_combo_row_get_selected (row);
  ChartaAssessment *a;

  if (self->document == NULL || selected == GTK_INVALID_LIST_POSITION)
    return;
  show_level_description (GTK_WIDGET (row), item, selected);
  a = current_copy (self, item_id);
  a->level = selected == 0 ? CHARTA_UNSET : (int) selected;
  commit (self, item_id, a);
}

/* The level on the framework's scale, with what the chosen level means beneath it. */
static void
add_level_rows (ChartaItemPage *self, GtkWidget *group, const ChartaItem *item, const ChartaAssessment *a)
{
  const ChartaFramework *fw = charta_item_get_framework (item);
  g_autoptr(GtkStringList) levels = gtk_string_list_new (NULL);
  GtkWidget *row = adw_combo_row_new ();
  GtkWidget *meaning = adw_action_row_new ();
  guint selected = (a && a->level != CHARTA_UNSET) ? (guint) a->level : 0;

  gtk_string_list_append (levels, _("Not assessed"));
  for (guint i = 0; i < charta_framework_get_n_levels (fw); i++)
    {
      const ChartaLevel *level = charta_framework_get_level (fw, i);
      /* Translators: a level on an assessment scale, e.g. "3 · Developing" */
      g_autofree char *label = g_strdup_printf (_("%d · %s"), level->value, charta_level_get_title (level));
      gtk_string_list_append (levels, label);
    }
  charta_row_set_title (row, _("Level"));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (levels));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (meaning), 0);
  gtk_widget_add_css_class (meaning, "dim-label");
  g_object_set_data (G_OBJECT (row), "charta-meaning", meaning);
  g_object_set_data_full (G_OBJECT (row), "charta-item", g_strdup (charta_item_get_id (item)), g_free);
  show_level_description (row, item, selected);
  g_signal_connect (row, "notify::selected", G_CALLBACK (on_level_selected_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), meaning);
}

static void
on_private_toggled_cb (GtkSwitch *sw, GParamSpec *pspec, ChartaItemPage *self)
{
  const char *item_id = g_object_get_data (G_OBJECT (sw), "charta-item");
  ChartaAssessment *a = current_copy (self, item_id);

  a->evidence_private = gtk_switch_get_active (sw);
  commit (self, item_id, a);
}

static void
on_remove_source_cb (GtkButton *button, ChartaItemPage *self)
{
  const char *item_id = g_object_get_data (G_OBJECT (button), "charta-item");
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "charta-index"));
  ChartaAssessment *a = current_copy (self, item_id);

  if (a->sources && index < a->sources->len)
    charta_source_free (g_ptr_array_steal_index (a->sources, index));
  commit (self, item_id, a);
  queue_rebuild (self);
}

static void
on_add_source_cb (AdwEntryRow *row, ChartaItemPage *self)
{
  const char *item_id = g_object_get_data (G_OBJECT (row), "charta-item");
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

/* The documents the evidence rests on (reports, council decisions, web pages), one per row. */
static void
add_source_rows (ChartaItemPage *self, GtkWidget *group, const ChartaItem *item, const ChartaAssessment *a)
{
  GtkWidget *add = adw_entry_row_new ();

  for (guint i = 0; a && a->sources && i < a->sources->len; i++)
    {
      const char *source = ((ChartaSource *) g_ptr_array_index (a->sources, i))->title;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
      g_autofree char *name = g_strdup_printf (_("Remove “%s”"), source);

      charta_row_set_title (row, source);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Source document"));
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (remove, name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      g_object_set_data_full (G_OBJECT (remove), "charta-item", g_strdup (charta_item_get_id (item)), g_free);
      g_object_set_data (G_OBJECT (remove), "charta-index", GUINT_TO_POINTER (i));
      g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_source_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  charta_row_set_title (add, _("Add a Source Document"));
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (add), TRUE);
  g_object_set_data_full (G_OBJECT (add), "charta-item", g_strdup (charta_item_get_id (item)), g_free);
  g_signal_connect (add, "apply", G_CALLBACK (on_add_source_cb), self);
  g_signal_connect (add, "entry-activated", G_CALLBACK (on_add_source_cb), self);
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

  gtk_switch_set_active (GTK_SWITCH (sw), a && a->evidence_private);
  gtk_widget_set_valign (sw, GTK_ALIGN_CENTER);
  g_object_set_data_full (G_OBJECT (sw), "charta-item", g_strdup (charta_item_get_id (item)), g_free);
  g_signal_connect (sw, "notify::active", G_CALLBACK (on_private_toggled_cb), self);
  charta_row_set_title (private_row, _("Keep Evidence Internal"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (private_row), _("Internal evidence is never sent in progress reports"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (private_row), sw);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (private_row), sw);
  gtk_accessible_update_property (GTK_ACCESSIBLE (sw), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Keep Evidence Internal"), -1);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), private_row);

  add_source_rows (self, group, item, a);

  label = heading (_("Evidence"), "heading");
  gtk_widget_set_margin_top (label, 12);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), label);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             text_editor (self, charta_item_get_id (item), TEXT_EVIDENCE,
                                          a ? a->evidence : NULL, evidence_name));
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
on_check_toggled_cb (GtkCheckButton *check, ChartaItemPage *self)
{
  const char *area_id = g_object_get_data (G_OBJECT (check), "charta-area");
  const char *id = g_object_get_data (G_OBJECT (check), "charta-item");
  const ChartaItem *item = charta_catalogue_lookup (charta_catalogue_get_default (), id);
  ChartaAssessment *a = current_copy (self, area_id);

  if (strcmp (charta_item_get_kind (item), "key-problem") == 0)
    toggle_id (&a->key_problems, id, gtk_check_button_get_active (check));
  else
    toggle_id (&a->recommendations, id, gtk_check_button_get_active (check));
  commit (self, area_id, a);
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
  g_object_set_data_full (G_OBJECT (check), "charta-area", g_strdup (charta_item_get_id (area)), g_free);
  g_object_set_data_full (G_OBJECT (check), "charta-item", g_strdup (charta_item_get_id (item)), g_free);
  g_signal_connect (check, "toggled", G_CALLBACK (on_check_toggled_cb), self);
  return check;
}

static gboolean
list_has (GPtrArray *list, const char *id)
{
  return list != NULL && g_ptr_array_find_with_equal_func (list, id, g_str_equal, NULL);
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
      GtkWidget *row;

      if (strcmp (charta_item_get_kind (kp), "key-problem") != 0)
        continue;
      row = adw_expander_row_new ();
      charta_row_set_title (row, charta_item_get_title (kp));
      adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row),
                                   check_for (self, area, kp, a && list_has (a->key_problems, charta_item_get_id (kp)),
                                              _("Applies")));
      for (guint j = 0; j < charta_item_get_n_children (kp); j++)
        {
          const ChartaItem *rec = charta_item_get_child (kp, j);
          GtkWidget *rec_row = adw_action_row_new ();
          GtkWidget *check = check_for (self, area, rec,
                                        a && list_has (a->recommendations, charta_item_get_id (rec)), _("Adopted"));
          charta_row_set_title (rec_row, charta_item_get_title (rec));
          adw_action_row_set_subtitle (ADW_ACTION_ROW (rec_row), _("Recommendation"));
          adw_action_row_add_prefix (ADW_ACTION_ROW (rec_row), check);
          adw_action_row_set_activatable_widget (ADW_ACTION_ROW (rec_row), check);
          adw_expander_row_add_row (ADW_EXPANDER_ROW (row), rec_row);
        }
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  return group;
}

static GtkWidget *
good_practice_group (const ChartaItem *parent)
{
  GtkWidget *group = adw_preferences_group_new ();
  guint n = 0;

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Good Practices"));
  charta_group_set_description (group, _("What other cities did, for inspiration"));
  for (guint i = 0; i < charta_item_get_n_children (parent); i++)
    {
      const ChartaItem *gp = charta_item_get_child (parent, i);
      GtkWidget *row, *label;

      if (strcmp (charta_item_get_kind (gp), "good-practice") != 0)
        continue;
      row = adw_expander_row_new ();
      charta_row_set_title (row, charta_item_get_title (gp));
      if (charta_item_get_city (gp))
        adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), charta_item_get_city (gp));
      label = paragraph (charta_item_get_summary (gp) ? charta_item_get_summary (gp) : "");
      gtk_widget_set_margin_start (label, 12);
      gtk_widget_set_margin_end (label, 12);
      gtk_widget_set_margin_top (label, 12);
      gtk_widget_set_margin_bottom (label, 12);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), label);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
      n++;
    }
  return n ? group : NULL;
}

static GtkWidget *
simple_list_group (const ChartaItem *parent, const char *kind, const char *title)
{
  GtkWidget *group = adw_preferences_group_new ();
  guint n = 0;

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  for (guint i = 0; i < charta_item_get_n_children (parent); i++)
    {
      const ChartaItem *child = charta_item_get_child (parent, i);
      GtkWidget *row;
      if (strcmp (charta_item_get_kind (child), kind) != 0)
        continue;
      row = adw_action_row_new ();
      charta_row_set_title (row, charta_item_get_title (child));
      if (charta_item_get_description (child))
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), charta_item_get_description (child));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
      n++;
    }
  return n ? group : NULL;
}

static void
on_open_item_row_cb (AdwActionRow *row, ChartaItemPage *self)
{
  g_signal_emit (self, signals[OPEN_ITEM], 0, g_object_get_data (G_OBJECT (row), "charta-item"));
}

static GtkWidget *
link_row (ChartaItemPage *self, const ChartaItem *item, const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  charta_row_set_title (row, charta_item_get_title (item));
  if (subtitle)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "charta-item", g_strdup (charta_item_get_id (item)), g_free);
  g_signal_connect (row, "activated", G_CALLBACK (on_open_item_row_cb), self);
  return row;
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
on_open_action_row_cb (AdwActionRow *row, ChartaItemPage *self)
{
  g_signal_emit (self, signals[OPEN_ACTION], 0, g_object_get_data (G_OBJECT (row), "charta-action"));
}

static void
on_add_action_clicked_cb (GtkButton *button, ChartaItemPage *self)
{
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
  g_signal_connect (add, "clicked", G_CALLBACK (on_add_action_clicked_cb), self);
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
      g_object_set_data_full (G_OBJECT (row), "charta-action", g_strdup (action->id), g_free);
      g_signal_connect (row, "activated", G_CALLBACK (on_open_action_row_cb), self);
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
      label = heading (charta_item_get_title (q), "heading");
      gtk_widget_set_margin_top (label, n ? 12 : 0);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), label);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                 text_editor (self, charta_item_get_id (q), TEXT_ANSWER, a ? a->answer : NULL,
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
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (areas), link_row (self, area, NULL));
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

static void
build_area (ChartaItemPage *self, const ChartaItem *area)
{
  if (charta_item_get_situation (area))
    {
      append (self, heading (_("Situation"), "title-4"));
      append (self, paragraph (charta_item_get_situation (area)));
    }
  append (self, assessment_group (self, area, _("Assessment")));
  append (self, key_problem_group (self, area));
  append (self, good_practice_group (area));
}

static void
build_key_factor (ChartaItemPage *self, const ChartaItem *kf)
{
  const ChartaFramework *fw = charta_item_get_framework (kf);
  GtkWidget *context = adw_preferences_group_new ();

  append (self, assessment_group (self, kf, _("Assessment")));
  add_answers (self, kf);
  append (self, simple_list_group (kf, "practical-tip", _("Practical Tips")));
  append (self, good_practice_group (kf));
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (context), _("Context Factors"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (context),
                                         _("Circumstances of the city that shape what is possible"));
  for (guint i = 0; i < charta_framework_get_n_items (fw); i++)
    {
      const ChartaItem *cf = charta_framework_get_item (fw, i);
      GtkWidget *row;
      if (strcmp (charta_item_get_kind (cf), "context-factor") != 0)
        continue;
      row = adw_action_row_new ();
      charta_row_set_title (row, charta_item_get_title (cf));
      if (charta_item_get_description (cf))
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), charta_item_get_description (cf));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (context), row);
    }
  append (self, context);
}

static void
rebuild (ChartaItemPage *self)
{
  GtkWidget *child;
  const char *kind;
  GtkAdjustment *vadj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller));
  double scroll = gtk_adjustment_get_value (vadj);

  charta_item_page_flush (self);
  while ((child = gtk_widget_get_first_child (self->box)) != NULL)
    gtk_box_remove (GTK_BOX (self->box), child);
  if (self->item == NULL || self->document == NULL)
    return;

  kind = charta_item_get_kind (self->item);
  append (self, heading (charta_item_get_title (self->item), "title-1"));
  if (charta_item_get_description (self->item))
    append (self, paragraph (charta_item_get_description (self->item)));
  if (strcmp (kind, "role") == 0)
    build_role (self, self->item);
  else if (strcmp (kind, "commitment") == 0 || strcmp (kind, "delivery-commitment") == 0 ||
           strcmp (kind, "indicator") == 0)
    build_commitment (self, self->item);
  else if (strcmp (kind, "area") == 0)
    build_area (self, self->item);
  else if (strcmp (kind, "key-factor") == 0)
    build_key_factor (self, self->item);
  append (self, actions_group (self));
  gtk_adjustment_set_value (vadj, scroll);
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
  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  G_OBJECT_CLASS (charta_item_page_parent_class)->dispose (object);
}

static void
charta_item_page_class_init (ChartaItemPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = charta_item_page_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  signals[OPEN_ITEM] = g_signal_new ("open-item", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                     G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[ADD_ACTION] = g_signal_new ("add-action", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                      G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[OPEN_ACTION] = g_signal_new ("open-action", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                       G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
charta_item_page_init (ChartaItemPage *self)
{
  self->scroller = charta_page_scroller_new (&self->box);
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));
}

GtkWidget *
charta_item_page_new (void)
{
  return g_object_new (CHARTA_TYPE_ITEM_PAGE, NULL);
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
}

const ChartaItem *
charta_item_page_get_item (ChartaItemPage *self)
{
  g_return_val_if_fail (CHARTA_IS_ITEM_PAGE (self), NULL);
  return self->item;
}
