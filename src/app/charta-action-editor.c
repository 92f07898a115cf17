/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-action-editor"
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "charta-action-editor.h"
#include "charta-ui-utils.h"

/* Edits a copy of one action; Save commits the copy as one undo step, Cancel drops it. */

struct _ChartaActionEditor {
  AdwWindow parent_instance;

  ChartaDocument *document;
  ChartaAction *action;     /* the copy being edited */
  gboolean is_new;

  GtkWidget *save_button;
  GtkWidget *title_row;
  GtkTextBuffer *description;
  GtkTextBuffer *notes;
  GtkWidget *status_row;
  GtkWidget *progress_spin;
  GtkWidget *workform_row;
  GtkWidget *owner_row;
  GtkWidget *start_button;
  GtkWidget *due_button;
  GtkWidget *items_group;
  GtkWidget *items_box;
  GtkWidget *item_search;
  GtkFilter *item_filter;
  GPtrArray *workforms;     /* ChartaItem, parallel to workform_row (0: none) */
  gboolean progress_touched;
};

G_DEFINE_FINAL_TYPE (ChartaActionEditor, charta_action_editor, ADW_TYPE_WINDOW)

static void refresh_items (ChartaActionEditor *self);

static void
update_save_sensitivity (ChartaActionEditor *self)
{
  const char *title = gtk_editable_get_text (GTK_EDITABLE (self->title_row));
  gboolean dates_ok = self->action->start == NULL || self->action->due == NULL ||
                      strcmp (self->action->start, self->action->due) <= 0;
  g_autofree char *stripped = g_strstrip (g_strdup (title));

  gtk_widget_set_sensitive (self->save_button, *stripped != '\0' && dates_ok &&
                                               g_utf8_strlen (stripped, -1) <= CHARTA_TITLE_MAX_CHARS);
  if (dates_ok)
    gtk_widget_remove_css_class (self->due_button, "error");
  else
    gtk_widget_add_css_class (self->due_button, "error");
}

static void
collect (ChartaActionEditor *self)
{
  ChartaAction *a = self->action;
  guint wf = adw_combo_row_get_selected (ADW_COMBO_ROW (self->workform_row));
  guint owner = adw_combo_row_get_selected (ADW_COMBO_ROW (self->owner_row));
  const ChartaProject *p = charta_document_get_project (self->document);
  g_autofree char *title = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row)));

  g_free (a->title);
  a->title = g_strdup (g_strstrip (title));
  g_free (a->description);
  a->description = charta_text_buffer_dup_text (self->description);
  g_free (a->notes);
  a->notes = charta_text_buffer_dup_text (self->notes);
  a->status = (int) adw_combo_row_get_selected (ADW_COMBO_ROW (self->status_row));
  if (self->progress_touched)
    a->progress = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->progress_spin));
  /* The editor edits the first work form; any others are kept. */
  charta_action_set_workform (a, (wf > 0 && wf != GTK_INVALID_LIST_POSITION)
                                 ? charta_item_get_id (g_ptr_array_index (self->workforms, wf)) : NULL);
  g_free (a->owner);
  a->owner = (owner > 0 && owner != GTK_INVALID_LIST_POSITION)
             ? g_strdup (((ChartaPerson *) g_ptr_array_index (p->people, owner - 1))->id) : NULL;
}

gboolean
charta_action_editor_save (ChartaActionEditor *self)
{
  g_return_val_if_fail (CHARTA_IS_ACTION_EDITOR (self), FALSE);

  if (!gtk_widget_get_sensitive (self->save_button))
    return FALSE;
  collect (self);
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
    ChartaAction *copy = charta_action_copy (self->action);
    int position = charta_document_find (self->document, CHARTA_COLLECTION_ACTIONS, copy->id);

    if (position >= 0)
      {
        const ChartaAction *current = charta_document_get (self->document, CHARTA_COLLECTION_ACTIONS, position);
        /* Only a real change gets a new time stamp and an undo step. */
        g_free (copy->changed);
        copy->changed = g_strdup (current->changed);
        if (!charta_action_equal (current, copy))
          {
            g_free (copy->changed);
            copy->changed = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
          }
        charta_document_replace (self->document, CHARTA_COLLECTION_ACTIONS, position, copy);
      }
    else
      {
        g_free (copy->changed);
        copy->changed = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
        charta_document_insert (self->document, CHARTA_COLLECTION_ACTIONS,
                                charta_document_get_n (self->document, CHARTA_COLLECTION_ACTIONS), copy);
      }
  }
  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;
}

void
charta_action_editor_set_title_text (ChartaActionEditor *self, const char *title)
{
  gtk_editable_set_text (GTK_EDITABLE (self->title_row), title);
}

/* ---- dates ---- */

static void
set_date_label (GtkWidget *button, const char *date)
{
  g_autofree char *shown = date ? charta_format_date (date) : NULL;
  gtk_menu_button_set_label (GTK_MENU_BUTTON (button), shown ? shown : _("Not Set"));
}

static void
on_day_selected_cb (GtkCalendar *calendar, ChartaActionEditor *self)
{
  GtkWidget *button = g_object_get_data (G_OBJECT (calendar), "charta-button");
  char **slot = button == self->start_button ? &self->action->start : &self->action->due;
  g_autoptr(GDateTime) dt = gtk_calendar_get_date (calendar);

  g_free (*slot);
  *slot = g_date_time_format (dt, "%Y-%m-%d");
  set_date_label (button, *slot);
  gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
  update_save_sensitivity (self);
}

static void
on_clear_date_cb (GtkButton *clear, ChartaActionEditor *self)
{
  GtkWidget *button = g_object_get_data (G_OBJECT (clear), "charta-button");
  char **slot = button == self->start_button ? &self->action->start : &self->action->due;

  g_clear_pointer (slot, g_free);
  set_date_label (button, NULL);
  gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
  update_save_sensitivity (self);
}

static GtkWidget *
date_row (ChartaActionEditor *self, const char *title, const char *date, GtkWidget **button_out)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *calendar = gtk_calendar_new ();
  GtkWidget *clear = charta_button_new_with_mnemonic (_("_Clear Date"));

  if (date != NULL)
    {
      g_autofree char *iso = g_strconcat (date, "T12:00:00Z", NULL);
      g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (iso, NULL);
      if (dt)
        gtk_calendar_select_day (GTK_CALENDAR (calendar), dt);
    }
  g_object_set_data (G_OBJECT (calendar), "charta-button", button);
  g_object_set_data (G_OBJECT (clear), "charta-button", button);
  g_signal_connect (calendar, "day-selected", G_CALLBACK (on_day_selected_cb), self);
  g_signal_connect (clear, "clicked", G_CALLBACK (on_clear_date_cb), self);
  gtk_box_append (GTK_BOX (box), calendar);
  gtk_box_append (GTK_BOX (box), clear);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  set_date_label (button, date);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  charta_row_set_title (row, title);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
  *button_out = button;
  return row;
}

/* ---- linked items ---- */

static void
on_remove_item_cb (GtkButton *button, ChartaActionEditor *self)
{
  const char *id = g_object_get_data (G_OBJECT (button), "charta-item");
  guint index;

  if (self->action->items && g_ptr_array_find_with_equal_func (self->action->items, id, g_str_equal, &index))
    g_ptr_array_remove_index (self->action->items, index);
  refresh_items (self);
}

static void
refresh_items (ChartaActionEditor *self)
{
  GtkWidget *child;
  ChartaCatalogue *catalogue = charta_catalogue_get_default ();

  while ((child = gtk_widget_get_first_child (self->items_box)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->items_box), child);
  for (guint i = 0; self->action->items && i < self->action->items->len; i++)
    {
      const char *id = g_ptr_array_index (self->action->items, i);
      const ChartaItem *item = charta_catalogue_lookup (catalogue, id);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
      g_autofree char *name = NULL;

      if (item == NULL)
        continue;
      name = g_strdup_printf (_("Remove “%s”"), charta_item_get_title (item));
      charta_row_set_title (row, charta_item_get_title (item));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), charta_framework_get_title (charta_item_get_framework (item)));
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (remove, name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      g_object_set_data_full (G_OBJECT (remove), "charta-item", g_strdup (id), g_free);
      g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_item_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      gtk_list_box_append (GTK_LIST_BOX (self->items_box), row);
    }
  gtk_widget_set_visible (self->items_box, self->action->items && self->action->items->len > 0);
}

static void
link_item (ChartaActionEditor *self, const char *id)
{
  if (self->action->items == NULL)
    self->action->items = g_ptr_array_new_with_free_func (g_free);
  if (!g_ptr_array_find_with_equal_func (self->action->items, id, g_str_equal, NULL))
    g_ptr_array_add (self->action->items, g_strdup (id));
  refresh_items (self);
}

static gboolean
linkable (const ChartaItem *item)
{
  static const char * const kinds[] = {
    "role", "commitment", "delivery-commitment", "indicator", "area", "key-problem",
    "recommendation", "key-factor", "guiding-question", "policy-area", NULL
  };
  return g_strv_contains (kinds, charta_item_get_kind (item));
}

static gboolean
item_filter_cb (gpointer object, gpointer data)
{
  ChartaActionEditor *self = data;
  const char *id = gtk_string_object_get_string (GTK_STRING_OBJECT (object));
  const ChartaItem *item = charta_catalogue_lookup (charta_catalogue_get_default (), id);
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->item_search));
  g_autofree char *title = NULL, *needle = NULL;

  if (query == NULL || *query == '\0')
    return TRUE;
  title = g_utf8_casefold (charta_item_get_title (item), -1);
  needle = g_utf8_casefold (query, -1);
  return strstr (title, needle) != NULL || strstr (id, query) != NULL;
}

static void
setup_item_cb (GtkSignalListItemFactory *factory, GtkListItem *li, gpointer data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *sub = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (title), 50);
  gtk_label_set_xalign (GTK_LABEL (sub), 0);
  gtk_widget_add_css_class (sub, "dim-label");
  gtk_widget_add_css_class (sub, "caption");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), sub);
  gtk_list_item_set_child (li, box);
}

static void
bind_item_cb (GtkSignalListItemFactory *factory, GtkListItem *li, gpointer data)
{
  const char *id = gtk_string_object_get_string (gtk_list_item_get_item (li));
  const ChartaItem *item = charta_catalogue_lookup (charta_catalogue_get_default (), id);
  GtkWidget *box = gtk_list_item_get_child (li);

  gtk_label_set_text (GTK_LABEL (gtk_widget_get_first_child (box)), charta_item_get_title (item));
  gtk_label_set_text (GTK_LABEL (gtk_widget_get_last_child (box)), id);
}

static void
on_item_activate_cb (GtkListView *view, guint position, ChartaActionEditor *self)
{
  g_autoptr(GtkStringObject) object = g_list_model_get_item (G_LIST_MODEL (gtk_list_view_get_model (view)), position);
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (view), GTK_TYPE_POPOVER);

  link_item (self, gtk_string_object_get_string (object));
  if (popover)
    gtk_popover_popdown (GTK_POPOVER (popover));
}

static void
on_search_changed_cb (ChartaActionEditor *self)
{
  gtk_filter_changed (self->item_filter, GTK_FILTER_CHANGE_DIFFERENT);
}

static GtkWidget *
item_picker (ChartaActionEditor *self)
{
  ChartaCatalogue *catalogue = charta_catalogue_get_default ();
  const ChartaProject *p = charta_document_get_project (self->document);
  GtkStringList *ids = gtk_string_list_new (NULL);
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkFilterListModel *filtered;
  GtkWidget *list;

  for (guint f = 0; f < charta_catalogue_get_n_frameworks (catalogue); f++)
    {
      const ChartaFramework *fw = charta_catalogue_get_framework (catalogue, f);
      if (!charta_project_uses_framework (p, charta_framework_get_id (fw)))
        continue;
      for (guint i = 0; i < charta_framework_get_n_items (fw); i++)
        if (linkable (charta_framework_get_item (fw, i)))
          gtk_string_list_append (ids, charta_item_get_id (charta_framework_get_item (fw, i)));
    }
  self->item_search = gtk_search_entry_new ();
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->item_search), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Search Framework Items"), -1);
  self->item_filter = GTK_FILTER (gtk_custom_filter_new (item_filter_cb, self, NULL));
  filtered = gtk_filter_list_model_new (G_LIST_MODEL (ids), g_object_ref (self->item_filter));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_item_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_item_cb), NULL);
  list = gtk_list_view_new (GTK_SELECTION_MODEL (gtk_single_selection_new (G_LIST_MODEL (filtered))), factory);
  gtk_list_view_set_single_click_activate (GTK_LIST_VIEW (list), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Framework Items"), -1);
  g_signal_connect (list, "activate", G_CALLBACK (on_item_activate_cb), self);
  g_signal_connect_swapped (self->item_search, "search-changed", G_CALLBACK (on_search_changed_cb), self);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 320);
  gtk_scrolled_window_set_min_content_width (GTK_SCROLLED_WINDOW (scroller), 360);
  gtk_box_append (GTK_BOX (box), self->item_search);
  gtk_box_append (GTK_BOX (box), scroller);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "list-add-symbolic");
  gtk_widget_set_tooltip_text (button, _("Link a Framework Item"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Link a Framework Item"), -1);
  gtk_widget_add_css_class (button, "flat");
  return button;
}

/* ---- construction ---- */

static void
on_partner_toggled_cb (GtkCheckButton *check, ChartaActionEditor *self)
{
  const char *id = g_object_get_data (G_OBJECT (check), "charta-partner");
  guint index;

  if (self->action->partners == NULL)
    self->action->partners = g_ptr_array_new_with_free_func (g_free);
  if (g_ptr_array_find_with_equal_func (self->action->partners, id, g_str_equal, &index))
    g_ptr_array_remove_index (self->action->partners, index);
  if (gtk_check_button_get_active (check))
    g_ptr_array_add (self->action->partners, g_strdup (id));
}

static GtkWidget *
partners_row (ChartaActionEditor *self)
{
  const ChartaProject *p = charta_document_get_project (self->document);
  GtkWidget *row = adw_expander_row_new ();

  charta_row_set_title (row, _("Partners"));
  if (p->partners->len == 0)
    adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), _("The project lists no partners yet"));
  for (guint i = 0; i < p->partners->len; i++)
    {
      const ChartaPartner *partner = g_ptr_array_index (p->partners, i);
      GtkWidget *r = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      gboolean on = self->action->partners &&
                    g_ptr_array_find_with_equal_func (self->action->partners, partner->id, g_str_equal, NULL);

      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), on);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, partner->name, -1);
      g_object_set_data_full (G_OBJECT (check), "charta-partner", g_strdup (partner->id), g_free);
      g_signal_connect (check, "toggled", G_CALLBACK (on_partner_toggled_cb), self);
      charta_row_set_title (r, partner->name);
      adw_action_row_add_prefix (ADW_ACTION_ROW (r), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (r), check);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), r);
    }
  return row;
}

static void
on_delete_clicked_cb (ChartaActionEditor *self)
{
  int position = charta_document_find (self->document, CHARTA_COLLECTION_ACTIONS, self->action->id);

  if (position >= 0)
    gtk_widget_activate_action (GTK_WIDGET (gtk_window_get_transient_for (GTK_WINDOW (self))),
                                "win.delete-action", "s", self->action->id);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
build (ChartaActionEditor *self)
{
  const ChartaProject *p = charta_document_get_project (self->document);
  const ChartaFramework *aii = charta_catalogue_find_framework (charta_catalogue_get_default (), "aii");
  ChartaAction *a = self->action;
  GtkWidget *toolbar = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = charta_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *plan = adw_preferences_group_new ();
  GtkWidget *progress_row = adw_action_row_new ();
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) workforms = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) owners = gtk_string_list_new (NULL);
  guint selected = 0;

  gtk_window_set_title (GTK_WINDOW (self), self->is_new ? _("New Action") : _("Edit Action"));
  self->save_button = charta_button_new_with_mnemonic (_("_Save"));
  gtk_widget_add_css_class (self->save_button, "suggested-action");
  g_signal_connect_swapped (self->save_button, "clicked", G_CALLBACK (charta_action_editor_save), self);
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (gtk_window_destroy), self);
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->save_button);
  gtk_box_append (GTK_BOX (toolbar), header);

  self->title_row = adw_entry_row_new ();
  charta_row_set_title (self->title_row, _("Title"));
  gtk_editable_set_text (GTK_EDITABLE (self->title_row), a->title ? a->title : "");
  g_signal_connect_swapped (self->title_row, "changed", G_CALLBACK (update_save_sensitivity), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->title_row);

  for (int st = 0; st < CHARTA_N_STATUSES; st++)
    gtk_string_list_append (statuses, charta_status_get_label (st));
  self->status_row = adw_combo_row_new ();
  charta_row_set_title (self->status_row, _("Status"));
  adw_combo_row_set_model (ADW_COMBO_ROW (self->status_row), G_LIST_MODEL (statuses));
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->status_row), a->status);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->status_row);

  self->progress_spin = gtk_spin_button_new_with_range (0, 100, 5);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->progress_spin), a->progress == CHARTA_UNSET ? 0 : a->progress);
  self->progress_touched = a->progress != CHARTA_UNSET;
  gtk_widget_set_valign (self->progress_spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->progress_spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Progress in Percent"), -1);
  charta_row_set_title (progress_row, _("Progress (%)"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (progress_row), self->progress_spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (progress_row), self->progress_spin);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), progress_row);
  gtk_box_append (GTK_BOX (box), group);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (plan), _("Plan"));
  g_ptr_array_add (self->workforms, NULL);
  gtk_string_list_append (workforms, _("None"));
  for (guint i = 0; aii && i < charta_framework_get_n_items (aii); i++)
    {
      const ChartaItem *wf = charta_framework_get_item (aii, i);
      if (strcmp (charta_item_get_kind (wf), "workform") != 0)
        continue;
      if (g_strcmp0 (charta_action_get_workform (a), charta_item_get_id (wf)) == 0)
        selected = self->workforms->len;
      g_ptr_array_add (self->workforms, (gpointer) wf);
      gtk_string_list_append (workforms, charta_item_get_title (wf));
    }
  self->workform_row = adw_combo_row_new ();
  charta_row_set_title (self->workform_row, _("Work Form"));
  adw_combo_row_set_model (ADW_COMBO_ROW (self->workform_row), G_LIST_MODEL (workforms));
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->workform_row), selected);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (plan), self->workform_row);

  selected = 0;
  gtk_string_list_append (owners, _("Nobody"));
  for (guint i = 0; i < p->people->len; i++)
    {
      const ChartaPerson *person = g_ptr_array_index (p->people, i);
      if (g_strcmp0 (a->owner, person->id) == 0)
        selected = i + 1;
      gtk_string_list_append (owners, person->name);
    }
  self->owner_row = adw_combo_row_new ();
  charta_row_set_title (self->owner_row, _("Owner"));
  adw_combo_row_set_model (ADW_COMBO_ROW (self->owner_row), G_LIST_MODEL (owners));
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->owner_row), selected);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (plan), self->owner_row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (plan), partners_row (self));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (plan), date_row (self, _("Start"), a->start, &self->start_button));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (plan), date_row (self, _("Due"), a->due, &self->due_button));
  gtk_box_append (GTK_BOX (box), plan);

  self->items_group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->items_group), _("Linked Framework Items"));
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (self->items_group), item_picker (self));
  self->items_box = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->items_box), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->items_box, "boxed-list");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->items_group), self->items_box);
  gtk_box_append (GTK_BOX (box), self->items_group);
  refresh_items (self);

  gtk_box_append (GTK_BOX (box), charta_heading_new (_("Description")));
  gtk_box_append (GTK_BOX (box), charta_text_area_new (_("Description"), a->description, 80, &self->description, NULL));
  gtk_box_append (GTK_BOX (box), charta_heading_new (_("Notes (internal, never reported)")));
  gtk_box_append (GTK_BOX (box), charta_text_area_new (_("Notes"), a->notes, 80, &self->notes, NULL));

  if (!self->is_new)
    {
      GtkWidget *del = charta_button_new_with_mnemonic (_("_Delete Action"));
      gtk_widget_add_css_class (del, "destructive-action");
      gtk_widget_set_halign (del, GTK_ALIGN_START);
      gtk_widget_set_margin_top (del, 12);
      g_signal_connect_swapped (del, "clicked", G_CALLBACK (on_delete_clicked_cb), self);
      gtk_box_append (GTK_BOX (box), del);
    }

  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (toolbar), scroller);
  adw_window_set_content (ADW_WINDOW (self), toolbar);
  update_save_sensitivity (self);
}

static void
on_progress_changed_cb (ChartaActionEditor *self)
{
  self->progress_touched = TRUE;
}

static void
charta_action_editor_dispose (GObject *object)
{
  ChartaActionEditor *self = CHARTA_ACTION_EDITOR (object);

  g_clear_object (&self->document);
  g_clear_object (&self->item_filter);
  g_clear_pointer (&self->action, charta_action_free);
  g_clear_pointer (&self->workforms, g_ptr_array_unref);
  G_OBJECT_CLASS (charta_action_editor_parent_class)->dispose (object);
}

static gboolean
save_shortcut_cb (GtkWidget *widget, GVariant *args, gpointer user_data)
{
  return charta_action_editor_save (CHARTA_ACTION_EDITOR (widget));
}

static void
charta_action_editor_class_init (ChartaActionEditorClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = charta_action_editor_dispose;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, save_shortcut_cb, NULL);
}

static void
charta_action_editor_init (ChartaActionEditor *self)
{
  self->workforms = g_ptr_array_new ();
  gtk_window_set_default_size (GTK_WINDOW (self), 560, 720);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
}

ChartaActionEditor *
charta_action_editor_new (GtkWindow *parent, ChartaDocument *document, const char *action_id, const char *item_id)
{
  ChartaActionEditor *self = g_object_new (CHARTA_TYPE_ACTION_EDITOR, "transient-for", parent, NULL);
  int position = action_id ? charta_document_find (document, CHARTA_COLLECTION_ACTIONS, action_id) : -1;

  self->document = g_object_ref (document);
  if (position >= 0)
    self->action = charta_action_copy (charta_document_get (document, CHARTA_COLLECTION_ACTIONS, position));
  else
    {
      self->is_new = TRUE;
      self->action = charta_action_new ("");
      if (item_id != NULL)
        {
          self->action->items = g_ptr_array_new_with_free_func (g_free);
          g_ptr_array_add (self->action->items, g_strdup (item_id));
        }
    }
  build (self);
  g_signal_connect_swapped (self->progress_spin, "value-changed", G_CALLBACK (on_progress_changed_cb), self);
  return self;
}
